#include "domain/sales/sales_settings.h"

#include <fmt/format.h>

#include <regex>

namespace rapport::domain {
namespace {

namespace bj = boost::json;

struct IntKey {
  std::string_view name;
  std::int64_t SalesSettings::*member;
  std::int64_t min;
};

constexpr IntKey kIntKeys[] = {
    {"lifecycle.repeat_window_days", &SalesSettings::repeat_window_days, 1},
    {"lifecycle.loyal_purchases", &SalesSettings::loyal_purchases, 2},
    {"lifecycle.loyal_revenue_micros", &SalesSettings::loyal_revenue_micros, 1},
    {"lifecycle.churn_days", &SalesSettings::churn_days, 1},
};
constexpr std::string_view kCurrencyKey = "sales.base_currency";

bool IsCurrencyCode(std::string_view s) {
  return s.size() == 3 && std::all_of(s.begin(), s.end(), [](char c) { return c >= 'A' && c <= 'Z'; });
}

}  // namespace

bj::object SalesSettings::ToJson() const {
  bj::object out{{std::string(kCurrencyKey), base_currency}};
  for (const IntKey& k : kIntKeys) out[k.name] = this->*k.member;
  return out;
}

Result<SalesSettings> LoadSalesSettings(store::Connection& conn) {
  SalesSettings settings;
  auto rows = conn.Query("SELECT key, value FROM settings WHERE key LIKE 'sales.%' OR key LIKE 'lifecycle.%'");
  if (!rows.ok()) return std::move(rows).error();
  for (std::size_t r = 0; r < rows->rows(); ++r) {
    const std::string& key = std::get<std::string>(rows->at(r, 0));
    const std::string& value = std::get<std::string>(rows->at(r, 1));
    if (key == kCurrencyKey && IsCurrencyCode(value)) settings.base_currency = value;
    for (const IntKey& k : kIntKeys) {
      if (key == k.name) settings.*k.member = std::stoll(value);  // written checked by SaveSalesSettings
    }
  }
  return settings;
}

Status SaveSalesSettings(store::Connection& conn, const bj::object& changes, std::int64_t now) {
  std::vector<std::pair<std::string, std::string>> rows;
  for (const auto& kv : changes) {
    const std::string key(kv.key());
    if (key == kCurrencyKey) {
      if (!kv.value().is_string() || !IsCurrencyCode(kv.value().get_string())) {
        return Error{ErrorCode::kInvalidArgument, key + " must be a code of 3 uppercase letters such as EUR",
                     {{key, "must be a code of 3 uppercase letters such as EUR"}}};
      }
      rows.emplace_back(key, std::string(kv.value().get_string()));
      continue;
    }
    auto k = std::find_if(std::begin(kIntKeys), std::end(kIntKeys), [&](const IntKey& i) { return i.name == key; });
    if (k == std::end(kIntKeys)) {
      return Error{ErrorCode::kInvalidArgument, key + " is not a setting", {{key, "is not a setting"}}};
    }
    if (!kv.value().is_int64() || kv.value().get_int64() < k->min) {
      std::string problem = fmt::format("must be an integer of at least {}", k->min);
      return Error{ErrorCode::kInvalidArgument, key + " " + problem, {{key, problem}}};
    }
    rows.emplace_back(key, std::to_string(kv.value().get_int64()));
  }
  for (const auto& [key, value] : rows) {
    auto done = conn.Exec(
        "INSERT INTO settings (key, value, updated_at) VALUES ($1, $2, $3) "
        "ON CONFLICT (key) DO UPDATE SET value = excluded.value, updated_at = excluded.updated_at",
        {store::Value(key), store::Value(value), store::Value(now)});
    if (!done.ok()) return std::move(done).error();
  }
  return {};
}

}  // namespace rapport::domain
