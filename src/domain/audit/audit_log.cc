#include "domain/audit/audit_log.h"

#include <fmt/format.h>

#include "common/json.h"

namespace rapport::domain {
namespace {

namespace bj = boost::json;
using store::Placeholder;
using store::Value;

Value Optional(const std::optional<std::int64_t>& v) { return v ? Value(*v) : Value(); }
Value OptionalText(const std::string& s) { return s.empty() ? Value() : Value(s); }

}  // namespace

bj::object AuditEntry::ToJson() const {
  auto optional = [](const std::optional<std::int64_t>& v) { return v ? bj::value(*v) : bj::value(nullptr); };
  auto text = [](const std::string& s) { return s.empty() ? bj::value(nullptr) : bj::value(s); };
  return bj::object{{"id", id},         {"at", FormatTimestamp(at)}, {"actor", optional(actor)},
                    {"action", action}, {"object", text(object)},    {"record", optional(record)},
                    {"detail", detail}, {"ip", text(ip)},            {"request_id", text(request_id)}};
}

AuditEntry AuditOf(const Caller& caller, std::string action, Micros at) {
  AuditEntry entry;
  entry.at = at;
  entry.actor = caller.actor;
  entry.action = std::move(action);
  entry.ip = caller.ip;
  entry.request_id = caller.request_id;
  return entry;
}

Status AppendAudit(store::Connection& conn, const AuditEntry& entry) {
  auto done = conn.Exec(
      "INSERT INTO audit_log (at, actor, action, object, record_id, detail, ip, request_id) "
      "VALUES ($1, $2, $3, $4, $5, $6, $7, $8)",
      {Value(entry.at), Optional(entry.actor), Value(entry.action), OptionalText(entry.object),
       Optional(entry.record), Value(bj::serialize(entry.detail)), OptionalText(entry.ip),
       OptionalText(entry.request_id)});
  if (!done.ok()) return std::move(done).error();
  return {};
}

Result<AuditPage> ReadAudit(store::Connection& conn, const AuditQuery& query) {
  std::vector<Value> params;
  std::string where;
  auto add = [&](std::string condition) { where += (where.empty() ? " WHERE " : " AND ") + condition; };
  if (!query.object.empty()) add("object = " + Placeholder(params, Value(query.object)));
  if (query.record) add("record_id = " + Placeholder(params, Value(*query.record)));
  if (query.actor) add("actor = " + Placeholder(params, Value(*query.actor)));
  if (query.before) add("id < " + Placeholder(params, Value(*query.before)));
  auto rows = conn.Query(
      fmt::format("SELECT id, at, actor, action, object, record_id, detail, ip, request_id FROM audit_log{} "
                  "ORDER BY id DESC LIMIT {}",
                  where, query.limit + 1),
      params);
  if (!rows.ok()) return std::move(rows).error();
  AuditPage page;
  const std::size_t n = std::min<std::size_t>(rows->rows(), static_cast<std::size_t>(query.limit));
  for (std::size_t r = 0; r < n; ++r) {
    AuditEntry e;
    e.id = rows->Int(r, 0);
    e.at = rows->Int(r, 1);
    if (!store::IsNull(rows->at(r, 2))) e.actor = rows->Int(r, 2);
    e.action = std::string(rows->Text(r, 3));
    if (!store::IsNull(rows->at(r, 4))) e.object = std::string(rows->Text(r, 4));
    if (!store::IsNull(rows->at(r, 5))) e.record = rows->Int(r, 5);
    auto detail = json::ParseObject(rows->Text(r, 6));
    if (!detail.ok()) return Error{ErrorCode::kInternal, fmt::format("audit entry {} is not readable", e.id), {}};
    e.detail = std::move(*detail);
    if (!store::IsNull(rows->at(r, 7))) e.ip = std::string(rows->Text(r, 7));
    if (!store::IsNull(rows->at(r, 8))) e.request_id = std::string(rows->Text(r, 8));
    page.entries.push_back(std::move(e));
  }
  if (rows->rows() > n && n > 0) page.next_before = page.entries.back().id;
  return page;
}

Status ErasePersonalData(store::Connection& conn, std::string_view object, std::int64_t id) {
  auto done = conn.Exec("UPDATE audit_log SET detail = '{\"erased\":true}' WHERE object = $1 AND record_id = $2",
                        {Value(std::string(object)), Value(id)});
  if (!done.ok()) return std::move(done).error();
  return {};
}

bj::object ChangedFields(const bj::object& before, const bj::object& after) {
  bj::object changes;
  for (const auto& kv : after) {
    if (kv.key() == "version" || kv.key() == "updated_at") continue;
    const bj::value* was = before.if_contains(kv.key());
    if (was != nullptr && *was == kv.value()) continue;
    changes[kv.key()] = bj::object{{"from", was != nullptr ? *was : bj::value(nullptr)}, {"to", kv.value()}};
  }
  return changes;
}

}  // namespace rapport::domain
