#include "domain/record/idempotency_keys.h"

namespace rapport::domain {

using store::Value;

Result<bool> ClaimIdempotencyKey(store::Connection& conn, std::string_view scope, std::string_view key,
                                 std::string_view request_hash, Micros now) {
  auto claimed = conn.Query(
      "INSERT INTO idempotency_keys (key, scope, request_hash, status, response, created_at) "
      "VALUES ($1, $2, $3, 0, '', $4) ON CONFLICT DO NOTHING RETURNING key",
      {Value(std::string(key)), Value(std::string(scope)), Value(std::string(request_hash)), Value(now)});
  if (!claimed.ok()) return std::move(claimed).error();
  return !claimed->empty();
}

Result<std::optional<IdempotentAnswer>> FindIdempotentAnswer(store::Connection& conn, std::string_view scope,
                                                            std::string_view key) {
  auto rows = conn.Query("SELECT request_hash, response FROM idempotency_keys WHERE scope = $1 AND key = $2",
                         {Value(std::string(scope)), Value(std::string(key))});
  if (!rows.ok()) return std::move(rows).error();
  if (rows->empty()) return std::optional<IdempotentAnswer>();
  return std::optional<IdempotentAnswer>(IdempotentAnswer{std::string(rows->Text(0, 0)), std::string(rows->Text(0, 1))});
}

Status SaveIdempotentAnswer(store::Connection& conn, std::string_view scope, std::string_view key,
                            const std::string& response) {
  auto saved = conn.Exec("UPDATE idempotency_keys SET status = 201, response = $1 WHERE scope = $2 AND key = $3",
                         {Value(response), Value(std::string(scope)), Value(std::string(key))});
  if (!saved.ok()) return std::move(saved).error();
  return {};
}

}  // namespace rapport::domain
