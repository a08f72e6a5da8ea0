#include "domain/sales/deal_hooks.h"

#include <fmt/format.h>

#include "domain/record/record_json.h"
#include "domain/sales/deal_sums.h"

namespace rapport::domain {
namespace {

namespace bj = boost::json;
using store::Value;

// Well-formed input that the other records refuse: 422 (kFailedPrecondition), like a link to a
// missing record.
Error Bad(std::string field, std::string problem) {
  std::string message = field + " " + problem;
  return Error{ErrorCode::kFailedPrecondition, std::move(message), {{std::move(field), std::move(problem)}}};
}

// The default pipeline: the one marked so, else the oldest.
Result<std::optional<std::int64_t>> DefaultPipeline(store::Connection& conn) {
  auto rows = conn.Query(
      "SELECT id FROM pipelines WHERE deleted_at IS NULL ORDER BY CASE WHEN is_default THEN 0 ELSE 1 END, id LIMIT 1");
  if (!rows.ok()) return std::move(rows).error();
  if (rows->rows() == 0) return std::optional<std::int64_t>();
  return std::optional<std::int64_t>(std::get<std::int64_t>(rows->at(0, 0)));
}

Result<std::optional<std::int64_t>> FirstStage(store::Connection& conn, std::int64_t pipeline) {
  auto rows = conn.Query(
      "SELECT id FROM pipeline_stages WHERE pipeline_id = $1 AND deleted_at IS NULL ORDER BY position, id LIMIT 1",
      {Value(pipeline)});
  if (!rows.ok()) return std::move(rows).error();
  if (rows->rows() == 0) return std::optional<std::int64_t>();
  return std::optional<std::int64_t>(std::get<std::int64_t>(rows->at(0, 0)));
}

// After the last deal of the stage.
Result<std::int64_t> EndOfStage(store::Connection& conn, std::int64_t stage) {
  auto rows = conn.Query("SELECT MAX(position) FROM deals WHERE stage_id = $1 AND deleted_at IS NULL", {Value(stage)});
  if (!rows.ok()) return std::move(rows).error();
  const Value& max = rows->at(0, 0);
  return store::IsNull(max) ? 0 : std::get<std::int64_t>(max) + 1;
}

// A deal put at a position another deal of the stage holds goes before it: the deals from there on
// move down by one (a new version each; the dropped deal's move is the recorded change), so that a
// board's order is exactly what the user dropped.
Status MakeRoom(WriteContext& ctx, std::int64_t stage, std::int64_t position, std::int64_t deal) {
  auto taken = ctx.conn.Query(
      "SELECT 1 FROM deals WHERE stage_id = $1 AND position = $2 AND id <> $3 AND deleted_at IS NULL LIMIT 1",
      {Value(stage), Value(position), Value(deal)});
  if (!taken.ok()) return std::move(taken).error();
  if (taken->empty()) return {};
  auto moved = ctx.conn.Exec(
      "UPDATE deals SET position = position + 1, version = version + 1, updated_at = $4 "
      "WHERE stage_id = $1 AND position >= $2 AND id <> $3 AND deleted_at IS NULL",
      {Value(stage), Value(position), Value(deal), Value(ctx.now)});
  if (!moved.ok()) return std::move(moved).error();
  return {};
}

Status ResolveStage(WriteContext& ctx, const bj::object* before, bj::object& after) {
  bj::value pipeline = Member(&after, "pipeline");
  bj::value stage = Member(&after, "stage");
  // A new pipeline without a new stage: the deal starts at the new pipeline's first stage.
  if (before != nullptr && Member(before, "pipeline") != pipeline && Member(before, "stage") == stage) {
    stage = nullptr;
  }
  if (stage.is_null()) {
    if (pipeline.is_null()) {
      auto found = DefaultPipeline(ctx.conn);
      if (!found.ok()) return std::move(found).error();
      if (!*found) return Bad("pipeline", "is required: there is no pipeline yet");
      pipeline = **found;
    }
    auto first = FirstStage(ctx.conn, pipeline.to_number<std::int64_t>());
    if (!first.ok()) return std::move(first).error();
    if (!*first) return Bad("pipeline", fmt::format("{} has no stages", pipeline.to_number<std::int64_t>()));
    stage = **first;
  }
  const std::int64_t stage_id = stage.to_number<std::int64_t>();
  auto rows = ctx.conn.Query("SELECT pipeline_id, kind FROM pipeline_stages WHERE id = $1 AND deleted_at IS NULL",
                             {Value(stage_id)});
  if (!rows.ok()) return std::move(rows).error();
  if (rows->rows() == 0) return Bad("stage", fmt::format("no pipeline_stage with id {}", stage_id));
  const std::int64_t stage_pipeline = std::get<std::int64_t>(rows->at(0, 0));
  if (pipeline.is_null()) {
    pipeline = stage_pipeline;
  } else if (pipeline.to_number<std::int64_t>() != stage_pipeline) {
    return Bad("stage", fmt::format("{} is a stage of pipeline {}, not of the deal's pipeline {}", stage_id,
                                    stage_pipeline, pipeline.to_number<std::int64_t>()));
  }
  after["pipeline"] = pipeline;
  after["stage"] = stage_id;
  const Value& kind = rows->at(0, 1);
  const std::string status = store::IsNull(kind) ? "open" : std::get<std::string>(kind);
  const bj::value& was = Member(before, "status");
  if (before == nullptr || !was.is_string() || was.get_string() != status) {
    after["status"] = status;
    after["closed_at"] = status == "open" ? bj::value(nullptr) : bj::value(FormatTimestamp(ctx.now));
  }
  // No position (a new deal, a move without one): the end of the stage. A position: that place,
  // before the deal that held it (MakeRoom); a PATCH of the stage alone keeps the deal's place.
  const bool stage_changed = before != nullptr && Member(before, "stage") != after["stage"];
  bj::value position = Member(&after, "position");
  if (position.is_null()) {
    auto end = EndOfStage(ctx.conn, stage_id);
    if (!end.ok()) return std::move(end).error();
    after["position"] = *end;
  } else if (before == nullptr || stage_changed || Member(before, "position") != position) {
    RAPPORT_RETURN_IF_ERROR(MakeRoom(ctx, stage_id, position.to_number<std::int64_t>(),
                                     before != nullptr ? Member(before, "id").to_number<std::int64_t>() : 0));
  }
  return {};
}

}  // namespace

void AddDealHooks(HookRegistry& hooks) {
  RecordHooks deal;
  deal.before_write = ResolveStage;
  deal.after_write = [](WriteContext& ctx, const bj::object* before, const bj::object& after) -> Status {
    if (before != nullptr) RAPPORT_RETURN_IF_ERROR(AddToDealSums(ctx.conn, *before, -1));
    RAPPORT_RETURN_IF_ERROR(AddToDealSums(ctx.conn, after, +1));
    const bj::value& from_stage = Member(before, "stage");
    const bj::value& from_position = Member(before, "position");
    if (before != nullptr && from_stage == Member(&after, "stage") && from_position == Member(&after, "position")) {
      return {};
    }
    bj::object move{{"deal", after.at("id")},
                    {"pipeline", Member(&after, "pipeline")},
                    {"from_stage", from_stage},
                    {"to_stage", Member(&after, "stage")},
                    {"from_position", from_position},
                    {"to_position", Member(&after, "position")},
                    {"moved_at", FormatTimestamp(ctx.now)}};
    if (ctx.actor) move["moved_by"] = *ctx.actor;
    auto created = ctx.writer.CreateIn(ctx, "deal_move", std::move(move));
    if (!created.ok()) return std::move(created).error();
    return {};
  };
  deal.after_delete = [](WriteContext& ctx, const bj::object& record) { return AddToDealSums(ctx.conn, record, -1); };
  deal.after_restore = [](WriteContext& ctx, const bj::object& record) { return AddToDealSums(ctx.conn, record, +1); };
  hooks.Add("deal", std::move(deal));
}

}  // namespace rapport::domain
