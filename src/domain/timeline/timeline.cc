#include "domain/timeline/timeline.h"

#include <fmt/format.h>

#include <algorithm>
#include <map>

#include "domain/record/list_query.h"
#include "meta/migration_planner.h"

namespace rapport::domain {
namespace {

namespace bj = boost::json;
using store::Placeholder;
using store::Value;

// The order of a timeline, as a pseudo-sort for the cursor of list_query: time descending, kind,
// id descending.
const Sort& TimelineSort() {
  static const Sort kSort{{SortKey{"at", "at", true}, SortKey{"kind", "kind", false}}, true, "~timeline"};
  return kSort;
}

}  // namespace

const std::vector<TimelineSource>& TimelineSources() {
  static const std::vector<TimelineSource> kSources = {
      {"consent", "at", {{"person", "person"}}},
      {"contract", "created_at", {{"person", "person"}, {"organization", "organization"}}},
      {"deal", "created_at", {{"person", "person"}, {"organization", "organization"}}},
      {"interaction", "occurred_at", {{"person", "participants"}, {"organization", "organization"}}},
      {"invoice", "created_at", {{"organization", "organization"}}},
      {"note", "created_at", {{"person", "person"}, {"organization", "organization"}}},
      {"order", "ordered_at", {{"person", "person"}, {"organization", "organization"}}},
      {"stage_change", "created_at", {{"person", "person"}, {"organization", "organization"}}},
      {"task", "created_at", {{"person", "person"}, {"organization", "organization"}}},
  };
  return kSources;
}

Result<TimelinePage> TimelineService::Page(const Caller& caller, std::string_view object_name, std::int64_t id,
                                           const TimelineRequest& request) {
  for (const std::string& kind : request.kinds) {
    const auto& sources = TimelineSources();
    if (std::none_of(sources.begin(), sources.end(), [&](const TimelineSource& s) { return s.object == kind; })) {
      std::string problem = fmt::format("names {}, which is not a kind of entry (consent, contract, deal, interaction, invoice, note, order, stage_change, task)",
                                        kind.substr(0, 40));
      return Error{ErrorCode::kInvalidArgument, "kinds " + problem, {{"kinds", problem}}};
    }
  }
  std::optional<Cursor> after;
  if (!request.after.empty()) {
    auto cursor = DecodeCursor(TimelineSort(), request.after);
    if (!cursor.ok()) return std::move(cursor).error();
    if (!std::holds_alternative<std::int64_t>(cursor->values[0]) ||
        !std::holds_alternative<std::string>(cursor->values[1])) {
      return Error{ErrorCode::kInvalidArgument, "after is not a cursor of this timeline",
                   {{"after", "is not a cursor of this timeline"}}};
    }
    after = std::move(*cursor);
  }
  auto customer = records_.Find(caller, object_name, id, false);
  if (!customer.ok()) return std::move(customer).error();
  if (!customer->has_value()) {
    return Error{ErrorCode::kNotFound, fmt::format("no {} with id {}", object_name, id), {}};
  }
  auto registry = records_.registry().Get();
  const store::Dialect dialect = db_.dialect();
  // One bounded, indexed query per source (the customer's link rows, newest first, limit + 1),
  // merged by the outer ORDER BY: a page costs the same whatever the customer's history.
  std::vector<Value> params;
  const std::string customer_id = Placeholder(params, Value(id));
  std::string branches;
  for (const TimelineSource& source : TimelineSources()) {
    if (!request.kinds.empty() &&
        std::find(request.kinds.begin(), request.kinds.end(), source.object) == request.kinds.end()) {
      continue;
    }
    const meta::ObjectDef* def = registry->FindObject(source.object);
    auto link_name = std::find_if(source.links.begin(), source.links.end(),
                                  [&](const auto& l) { return l.first == object_name; });
    if (def == nullptr || link_name == source.links.end()) continue;
    const meta::FieldDef* link = def->FindField(link_name->second);
    if (link == nullptr || !link->active) continue;
    std::string time_column = source.time_field;
    if (const meta::FieldDef* f = def->FindField(source.time_field)) time_column = meta::Columns(*f, dialect).front().name;
    std::string from = fmt::format("{} r", def->table);
    std::string where = "r.deleted_at IS NULL";
    if (link->type == meta::FieldType::kLinkMany) {
      from += fmt::format(" JOIN record_links l ON l.record_id = r.id AND l.object = {} AND l.field = {} AND l.target_id = {}",
                          Placeholder(params, Value(def->name)), Placeholder(params, Value(link->name)), customer_id);
    } else {
      where += fmt::format(" AND r.{} = {}", meta::Columns(*link, dialect).front().name, customer_id);
    }
    where += fmt::format(" AND r.{} IS NOT NULL", time_column);
    if (after) {
      const std::int64_t t = std::get<std::int64_t>(after->values[0]);
      const std::string& kind = std::get<std::string>(after->values[1]);
      const std::string at = Placeholder(params, Value(t));
      if (source.object > kind) {
        where += fmt::format(" AND r.{} <= {}", time_column, at);
      } else if (source.object < kind) {
        where += fmt::format(" AND r.{} < {}", time_column, at);
      } else {
        where += fmt::format(" AND (r.{0} < {1} OR (r.{0} = {1} AND r.id < {2}))", time_column, at,
                             Placeholder(params, Value(after->id)));
      }
    }
    branches += fmt::format(
        "{}SELECT * FROM (SELECT '{}' AS kind, r.id AS id, r.{} AS at FROM {} WHERE {} ORDER BY r.{} DESC, r.id DESC "
        "LIMIT {}) source_{}",
        branches.empty() ? "" : " UNION ALL ", def->name, time_column, from, where, time_column, request.limit + 1,
        def->name);
  }
  TimelinePage page;
  if (branches.empty()) return page;
  const std::string sql =
      fmt::format("SELECT kind, id, at FROM ({}) entries ORDER BY at DESC, kind, id DESC LIMIT {}", branches,
                  request.limit + 1);
  auto rows = store::ReadValue(db_, [&](store::Connection& conn) { return conn.Query(sql, params); });
  if (!rows.ok()) return std::move(rows).error();
  const std::size_t n = std::min<std::size_t>(rows->rows(), static_cast<std::size_t>(request.limit));
  // The records, one list query per kind ("id in (...)": ids, not user text).
  std::map<std::string, std::string> ids_by_kind;
  for (std::size_t r = 0; r < n; ++r) {
    std::string& ids = ids_by_kind[std::string(rows->Text(r, 0))];
    ids += fmt::format("{}{}", ids.empty() ? "" : ", ", rows->Int(r, 1));
  }
  std::map<std::pair<std::string, std::int64_t>, bj::object> found;
  for (const auto& [kind, ids] : ids_by_kind) {
    ListRequest list;
    list.filter = fmt::format("id in ({})", ids);
    list.limit = request.limit;
    auto records = records_.List(caller, kind, list);
    if (!records.ok()) return std::move(records).error();
    for (bj::object& record : records->records) {
      const std::int64_t record_id = record.at("id").as_int64();
      found.emplace(std::pair{kind, record_id}, std::move(record));
    }
  }
  for (std::size_t r = 0; r < n; ++r) {
    auto it = found.find({std::string(rows->Text(r, 0)), rows->Int(r, 1)});
    if (it == found.end()) continue;  // deleted since the query: the next page's cursor still holds
    page.entries.push_back(TimelineEntry{it->first.first, rows->Int(r, 2), std::move(it->second)});
  }
  if (rows->rows() > n && n > 0) {
    page.next = EncodeCursor(TimelineSort(), {Value(rows->Int(n - 1, 2)), Value(std::string(rows->Text(n - 1, 0)))},
                             rows->Int(n - 1, 1));
  }
  return page;
}

}  // namespace rapport::domain
