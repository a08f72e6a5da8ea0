#include "domain/sales/deal_sums.h"

#include <string>

#include "domain/record/record_json.h"

namespace rapport::domain {
namespace {

namespace bj = boost::json;
using store::Value;

std::int64_t IdOrZero(const bj::value& v) { return v.is_number() ? v.to_number<std::int64_t>() : 0; }

}  // namespace

Status AddToDealSums(store::Connection& conn, const bj::object& deal, int sign) {
  const bj::value& status = Member(&deal, "status");
  const bj::value& amount = Member(&deal, "amount");
  if (!status.is_string() || (status.get_string() != "open" && status.get_string() != "won")) return {};
  if (!amount.is_object() || !amount.as_object().contains("micros")) return {};
  const bj::value& close = Member(&deal, "expected_close");
  const bj::value& currency = amount.as_object().at("currency");
  const std::string month = close.is_string() ? std::string(close.get_string()).substr(0, 7) : std::string();
  auto done = conn.Exec(
      "INSERT INTO deal_sums (pipeline_id, stage_id, owner_id, month, currency, status, amount_micros, deals) "
      "VALUES ($1, $2, $3, $4, $5, $6, $7, $8) ON CONFLICT (pipeline_id, stage_id, owner_id, month, currency, status) "
      "DO UPDATE SET amount_micros = deal_sums.amount_micros + excluded.amount_micros, "
      "deals = deal_sums.deals + excluded.deals",
      {Value(IdOrZero(Member(&deal, "pipeline"))), Value(IdOrZero(Member(&deal, "stage"))),
       Value(IdOrZero(Member(&deal, "owner"))), Value(month),
       Value(currency.is_string() ? std::string(currency.get_string()) : std::string()),
       Value(std::string(status.get_string())),
       Value(sign * amount.as_object().at("micros").to_number<std::int64_t>()), Value(std::int64_t{sign})});
  if (!done.ok()) return std::move(done).error();
  return {};
}

Status RebuildDealSums(store::Connection& conn) {
  RAPPORT_RETURN_IF_ERROR(conn.ExecScript("DELETE FROM deal_sums"));
  auto done = conn.Exec(
      "INSERT INTO deal_sums (pipeline_id, stage_id, owner_id, month, currency, status, amount_micros, deals) "
      "SELECT COALESCE(pipeline_id, 0), COALESCE(stage_id, 0), COALESCE(owner_id, 0), "
      "COALESCE(substr(expected_close, 1, 7), ''), COALESCE(amount_currency, ''), status, SUM(amount_micros), COUNT(*) "
      "FROM deals WHERE deleted_at IS NULL AND status IN ('open', 'won') AND amount_micros IS NOT NULL "
      "GROUP BY COALESCE(pipeline_id, 0), COALESCE(stage_id, 0), COALESCE(owner_id, 0), "
      "COALESCE(substr(expected_close, 1, 7), ''), COALESCE(amount_currency, ''), status",
      {});
  if (!done.ok()) return std::move(done).error();
  return {};
}

Status EnsureDealSums(store::Database& db) {
  return db.Write([](store::Connection& conn) -> Status {
    auto any = conn.Query("SELECT 1 FROM deal_sums LIMIT 1");
    if (!any.ok()) return std::move(any).error();
    if (any->rows() > 0) return {};
    return RebuildDealSums(conn);
  });
}

}  // namespace rapport::domain
