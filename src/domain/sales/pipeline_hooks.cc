#include "domain/sales/pipeline_hooks.h"

#include <fmt/format.h>

#include "domain/record/record_json.h"

namespace rapport::domain {
namespace {

namespace bj = boost::json;
using store::Value;

// `count_sql` counts the live deals of the record ($1); any makes the delete a conflict.
Status RefuseWhileHoldingDeals(WriteContext& ctx, const char* count_sql, const bj::object& record,
                               std::string_view what) {
  auto rows = ctx.conn.Query(count_sql, {Value(record.at("id").to_number<std::int64_t>())});
  if (!rows.ok()) return std::move(rows).error();
  const std::int64_t deals = store::IntOf(rows->at(0, 0)).value_or(0);
  if (deals == 0) return {};
  return Error{ErrorCode::kConflict,
               fmt::format("the {} holds {} deal{}: move {} to another stage first", what, deals, deals == 1 ? "" : "s",
                           deals == 1 ? "it" : "them"),
               {}};
}

// A pipeline made the default takes the mark from the one that had it (each a recorded update).
Status KeepOneDefault(WriteContext& ctx, const bj::object* before, const bj::object& after) {
  const bool now_default = after.contains("is_default") && after.at("is_default") == true;
  const bool was_default = before != nullptr && before->contains("is_default") && before->at("is_default") == true;
  if (!now_default || was_default) return {};
  auto others = ctx.conn.Query("SELECT id FROM pipelines WHERE is_default AND id <> $1 AND deleted_at IS NULL",
                               {Value(after.at("id").to_number<std::int64_t>())});
  if (!others.ok()) return std::move(others).error();
  for (std::size_t r = 0; r < others->rows(); ++r) {
    auto updated = ctx.writer.UpdateIn(ctx, "pipeline", std::get<std::int64_t>(others->at(r, 0)),
                                       bj::object{{"is_default", false}});
    if (!updated.ok()) return std::move(updated).error();
  }
  return {};
}

}  // namespace

void AddPipelineHooks(HookRegistry& hooks) {
  RecordHooks pipeline;
  pipeline.after_write = KeepOneDefault;
  pipeline.after_delete = [](WriteContext& ctx, const bj::object& record) {
    return RefuseWhileHoldingDeals(ctx, "SELECT COUNT(*) FROM deals WHERE pipeline_id = $1 AND deleted_at IS NULL",
                                   record, "pipeline");
  };
  hooks.Add("pipeline", std::move(pipeline));

  RecordHooks stage;
  stage.after_delete = [](WriteContext& ctx, const bj::object& record) {
    return RefuseWhileHoldingDeals(ctx, "SELECT COUNT(*) FROM deals WHERE stage_id = $1 AND deleted_at IS NULL",
                                   record, "stage");
  };
  hooks.Add("pipeline_stage", std::move(stage));
}

}  // namespace rapport::domain
