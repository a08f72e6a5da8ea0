#include "domain/sales/sales_service.h"

#include <fmt/format.h>

#include <cmath>

#include "domain/access/visibility.h"
#include "domain/sales/purchase_figures.h"

namespace rapport::domain {
namespace {

namespace bj = boost::json;
using store::Value;

constexpr std::int64_t kDay = 86'400'000'000;
constexpr std::int64_t kBatch = 500;


std::string Text(const Value& v) { return store::IsNull(v) ? std::string() : std::get<std::string>(v); }

// Runs `step` over the live records of `object` in id order, kBatch per transaction. `where` is
// more conditions (" AND ..."), its values bound from $2 on in `params`.
Result<std::int64_t> ForEachBatch(RecordService& records, std::string_view object, const std::string& where,
                                  const std::vector<Value>& params,
                                  const std::function<Result<bool>(BatchWriter&, const meta::ObjectDef&,
                                                                   std::int64_t id, const Value& stage)>& step) {
  std::int64_t changed = 0;
  std::int64_t after = 0;
  for (;;) {
    std::int64_t last = after;
    std::int64_t changed_here = 0;
    Status status = records.WriteBatch(Caller::System(), [&](BatchWriter& w) -> Status {
      last = after;
      changed_here = 0;
      const meta::ObjectDef& def = *w.registry().FindObject(object);
      std::vector<Value> bound{Value(after)};
      bound.insert(bound.end(), params.begin(), params.end());
      auto rows = w.conn().Query(fmt::format("SELECT id, lifecycle_stage FROM {} WHERE deleted_at IS NULL AND id > $1{} "
                                             "ORDER BY id LIMIT {}",
                                             def.table, where, kBatch),
                                 bound);
      if (!rows.ok()) return std::move(rows).error();
      for (std::size_t r = 0; r < rows->rows(); ++r) {
        last = std::get<std::int64_t>(rows->at(r, 0));
        auto did = step(w, def, last, rows->at(r, 1));
        if (!did.ok()) return std::move(did).error();
        if (*did) ++changed_here;
      }
      return {};
    });
    if (!status.ok()) return std::move(status).error();
    changed += changed_here;
    if (last == after) return changed;
    after = last;
  }
}

}  // namespace

Status EnsureDefaultPipeline(RecordService& records) {
  return records.WriteBatch(Caller::System(), [](BatchWriter& w) -> Status {
    auto any = w.conn().Query("SELECT 1 FROM pipelines LIMIT 1");
    if (!any.ok()) return std::move(any).error();
    if (any->rows() > 0) return {};
    const meta::ObjectDef& pipeline = *w.registry().FindObject("pipeline");
    const meta::ObjectDef& stage = *w.registry().FindObject("pipeline_stage");
    bj::object values{{"name", "Sales"}, {"is_default", true}};
    auto problems = w.ValidateCreate(pipeline, values);
    if (!problems.empty()) return Error{ErrorCode::kInternal, "default pipeline: " + problems[0].problem, {}};
    auto created = w.Create(pipeline, std::move(values));
    if (!created.ok()) return std::move(created).error();
    const std::int64_t id = created->at("id").as_int64();
    struct Stage {
      const char* name;
      double probability;
      const char* kind;
    };
    constexpr Stage kStages[] = {{"Qualified", 0.1, "open"},   {"Needs analysis", 0.25, "open"},
                                 {"Proposal", 0.5, "open"},    {"Negotiation", 0.75, "open"},
                                 {"Won", 1.0, "won"},          {"Lost", 0.0, "lost"}};
    std::int64_t position = 0;
    for (const Stage& s : kStages) {
      bj::object v{{"pipeline", id}, {"name", s.name}, {"position", position++}, {"probability", s.probability},
                   {"kind", s.kind}};
      auto bad = w.ValidateCreate(stage, v);
      if (!bad.empty()) return Error{ErrorCode::kInternal, "default pipeline stage: " + bad[0].problem, {}};
      auto made = w.Create(stage, std::move(v));
      if (!made.ok()) return std::move(made).error();
    }
    return {};
  });
}

Result<std::int64_t> RecomputePurchases(RecordService& records) {
  std::int64_t total = 0;
  for (const char* object : {"person", "organization"}) {
    auto changed = ForEachBatch(records, object, "", {},
                                [&](BatchWriter& w, const meta::ObjectDef& def, std::int64_t id,
                                    const Value& stage) -> Result<bool> {
                                  auto settings = LoadSalesSettings(w.conn());
                                  if (!settings.ok()) return std::move(settings).error();
                                  auto patch = PurchasePatch(w.conn(), *settings, def.name, id, Text(stage));
                                  if (!patch.ok()) return std::move(patch).error();
                                  auto before = w.FindForUpdate(def, id);
                                  if (!before.ok()) return std::move(before).error();
                                  auto after = w.Update(def, id, std::move(*patch));
                                  if (!after.ok()) return std::move(after).error();
                                  return !*before || (**before).at("version") != after->at("version");
                                });
    if (!changed.ok()) return std::move(changed).error();
    total += *changed;
  }
  return total;
}

Result<std::int64_t> SweepLifecycle(RecordService& records, Micros now) {
  auto settings = ReadSalesSettings(records.db());
  if (!settings.ok()) return std::move(settings).error();
  const std::int64_t cutoff = now - settings->churn_days * kDay;
  // Neither the last purchase nor the last touch (last_touch_at, kept by interactions) is recent.
  const std::string where =
      " AND lifecycle_stage IN ('customer', 'repeat', 'loyal') AND (last_purchase_at IS NULL OR last_purchase_at < $2)"
      " AND (last_touch_at IS NULL OR last_touch_at < $2)";
  std::int64_t total = 0;
  for (const char* object : {"person", "organization"}) {
    auto moved = ForEachBatch(records, object, where, {Value(cutoff)},
                              [&](BatchWriter& w, const meta::ObjectDef& def, std::int64_t id,
                                  const Value&) -> Result<bool> {
                                bj::object patch{{"lifecycle_stage", "churned"},
                                                 {"stage_reason", fmt::format("no purchase nor touch for {} days",
                                                                              settings->churn_days)}};
                                auto after = w.Update(def, id, std::move(patch));
                                if (!after.ok()) return std::move(after).error();
                                return true;
                              });
    if (!moved.ok()) return std::move(moved).error();
    total += *moved;
  }
  return total;
}

Result<bj::object> ConvertLead(RecordService& records, const Caller& caller, std::int64_t person, std::optional<bj::object> deal,
                               std::optional<std::string> reason) {
  bj::object out;
  // Deal problems name their field within the request body.
  auto in_deal = [](Error error) {
    for (FieldError& f : error.fields) f.field = "deal." + f.field;
    error.message = "deal." + error.message;
    return error;
  };
  Status status = records.WriteBatch(caller, [&](BatchWriter& w) -> Status {
    out = bj::object{};
    const meta::ObjectDef& people = *w.registry().FindObject("person");
    auto found = w.FindForUpdate(people, person);
    if (!found.ok()) return std::move(found).error();
    if (!*found) return Error{ErrorCode::kNotFound, fmt::format("no person with id {}", person), {}};
    const bj::value& stage = (**found).at("lifecycle_stage");
    if (stage.is_string() && stage.get_string() != "lead" && stage.get_string() != "prospect") {
      std::string problem = fmt::format("is {} already: only a lead or prospect is converted", stage.get_string().c_str());
      return Error{ErrorCode::kFailedPrecondition, "lifecycle_stage " + problem, {{"lifecycle_stage", problem}}};
    }
    bj::object patch{{"lifecycle_stage", "customer"}, {"stage_reason", reason ? *reason : "converted from lead"}};
    auto bad = w.ValidatePatch(people, patch);
    if (!bad.empty()) {
      return Error{ErrorCode::kInvalidArgument, bad[0].field + " " + bad[0].problem, std::move(bad)};
    }
    auto updated = w.Update(people, person, std::move(patch));
    if (!updated.ok()) return std::move(updated).error();
    out["person"] = std::move(*updated);
    out["deal"] = nullptr;
    if (!deal) return {};
    const meta::ObjectDef& deals = *w.registry().FindObject("deal");
    bj::object values = *deal;
    if (!values.contains("person")) values["person"] = person;
    if (!values.contains("organization")) values["organization"] = out["person"].as_object().at("organization");
    auto problems = w.ValidateCreate(deals, values);
    if (!problems.empty()) {
      return in_deal(Error{ErrorCode::kInvalidArgument, problems[0].field + " " + problems[0].problem, std::move(problems)});
    }
    auto created = w.Create(deals, std::move(values));
    if (!created.ok()) return in_deal(std::move(created).error());
    out["deal"] = std::move(*created);
    return {};
  });
  if (!status.ok()) return std::move(status).error();
  return out;
}

Result<SalesSettings> ReadSalesSettings(store::Database& db) {
  return store::ReadValue(db, [](store::Connection& conn) { return LoadSalesSettings(conn); });
}

Status WriteSalesSettings(store::Database& db, const bj::object& changes, Micros now) {
  return db.Write([&](store::Connection& conn) { return SaveSalesSettings(conn, changes, now); });
}

Result<bj::object> Forecast(RecordService& records, const Caller& caller, std::string_view group) {
  std::string key;
  if (group == "month") {
    key = "substr(d.expected_close, 1, 7)";  // dates are 'YYYY-MM-DD' text
  } else if (group == "owner") {
    key = "d.owner_id";
  } else if (group == "pipeline") {
    key = "d.pipeline_id";
  } else {
    return Error{ErrorCode::kInvalidArgument, "group must be month, owner or pipeline",
                 {{"group", "must be month, owner or pipeline"}}};
  }
  // A caller who sees every deal reads the kept sums (deal_sums.h), a few hundred rows; others one
  // aggregate over the open and won deals they may see (deals_status_idx), each joined to its stage.
  auto registry = records.registry().Get();
  std::vector<Value> params;
  std::string visible = VisibleCondition(*registry, *registry->FindObject("deal"), caller, "d",
                                         records.db().dialect(), params);
  std::string sql;
  if (visible.empty()) {
    const std::string sum_key = group == "month" ? "NULLIF(g.month, '')"
                                : group == "owner" ? "NULLIF(g.owner_id, 0)"
                                                   : "NULLIF(g.pipeline_id, 0)";
    sql = fmt::format(
        "SELECT {0} AS k, g.currency, "
        "SUM(CASE WHEN g.status = 'open' THEN g.amount_micros ELSE 0 END), "
        "SUM(CASE WHEN g.status = 'open' THEN g.amount_micros * COALESCE(s.probability, 0) ELSE 0 END), "
        "SUM(CASE WHEN g.status = 'won' THEN g.amount_micros ELSE 0 END), SUM(g.deals) "
        "FROM deal_sums g LEFT JOIN pipeline_stages s ON s.id = g.stage_id "
        "GROUP BY {0}, g.currency HAVING SUM(g.deals) > 0 "
        "ORDER BY CASE WHEN {0} IS NULL THEN 0 ELSE 1 END, {0}, g.currency",
        sum_key);
  } else {
    sql = fmt::format(
        "SELECT {0} AS k, d.amount_currency, "
        "SUM(CASE WHEN d.status = 'open' THEN d.amount_micros ELSE 0 END), "
        "SUM(CASE WHEN d.status = 'open' THEN d.amount_micros * COALESCE(s.probability, 0) ELSE 0 END), "
        "SUM(CASE WHEN d.status = 'won' THEN d.amount_micros ELSE 0 END), COUNT(*) "
        "FROM deals d LEFT JOIN pipeline_stages s ON s.id = d.stage_id "
        "WHERE d.status IN ('open', 'won') AND d.deleted_at IS NULL AND d.amount_micros IS NOT NULL AND {1} "
        "GROUP BY {0}, d.amount_currency ORDER BY CASE WHEN {0} IS NULL THEN 0 ELSE 1 END, {0}, d.amount_currency",
        key, visible);
  }
  auto rows = store::ReadValue(records.db(), [&](store::Connection& conn) { return conn.Query(sql, params); });
  if (!rows.ok()) return std::move(rows).error();
  bj::array data;
  for (std::size_t r = 0; r < rows->rows(); ++r) {
    const Value& k = rows->at(r, 0);
    bj::value key_json = nullptr;
    if (const auto* i = std::get_if<std::int64_t>(&k)) key_json = *i;
    if (const auto* s = std::get_if<std::string>(&k)) key_json = *s;
    auto money = [&](std::size_t c) {
      return bj::object{{"micros", store::IntOf(rows->at(r, c)).value_or(0)}, {"currency", Text(rows->at(r, 1))}};
    };
    data.push_back(bj::object{{"key", key_json},
                              {"currency", Text(rows->at(r, 1))},
                              {"open", money(2)},
                              {"weighted", money(3)},
                              {"won", money(4)},
                              {"deals", store::IntOf(rows->at(r, 5)).value_or(0)}});
  }
  return bj::object{{"group", group}, {"data", std::move(data)}};
}

}  // namespace rapport::domain
