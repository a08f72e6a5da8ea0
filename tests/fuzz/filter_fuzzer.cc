// libFuzzer target: one filter text as a user sends it, through everything the filter language does
// with it: parse and check against the built-in `person` object, compile to SQL for SQLite and
// PostgreSQL, and evaluate on a fixed person whose organization and referrer resolve. Besides
// crashes and sanitizer reports it traps when an invariant breaks: an error that is not
// kInvalidArgument naming "filter" with a UTF-8 message, SQL whose placeholders do not match its
// parameters, or SQL that holds a quote other than those of the compiler's own constants (user text
// must only ever be a parameter). See docs/fuzzing.md.

#include <algorithm>
#include <boost/json.hpp>
#include <cstddef>
#include <cstdint>
#include <limits>
#include <memory>
#include <string>
#include <string_view>

#include "filter/evaluator.h"
#include "filter/filter.h"
#include "filter/lexer.h"
#include "filter/sql_compiler.h"
#include "meta/object_def_json.h"
#include "meta/registry.h"

namespace {

namespace bj = boost::json;
using rapport::Micros;
namespace filter = rapport::filter;
namespace meta = rapport::meta;

constexpr Micros kNow = 1'795'428'000'123'456;  // 2026-11-23T10:00:00.123456Z

struct Fixture {
  std::shared_ptr<const meta::Registry> registry;
  const meta::ObjectDef* person = nullptr;
  bj::object record;        // person 1
  bj::object organization;  // organization 5, the person's employer
  bj::object referrer;      // person 7, deleted
};

const Fixture& GetFixture() {
  static const Fixture* fixture = [] {
    auto* f = new Fixture();
    auto builtin = meta::BuiltinObjects();
    if (!builtin.ok()) __builtin_trap();
    auto registry = meta::Registry::Build(std::move(*builtin), 1);
    if (!registry.ok()) __builtin_trap();
    f->registry = *registry;
    f->person = f->registry->FindObject("person");
    f->record = bj::parse(R"({"id": 1, "first_name": "Äna", "last_name": "O'Brien", "email": "ana@example.com",
        "emails": ["a@x.io", "100%@x.io"], "phones": [], "organization": 5, "referred_by": 7, "owner": 3,
        "birthday": "1990-05-17", "birthday_md": 517, "source": "web", "lifecycle_stage": "customer",
        "touch_cadence_days": 30, "last_touch_at": "2026-11-01T08:00:00.000Z", "next_touch_due": null,
        "marketing_consent": true, "do_not_contact": false, "tags": ["vip", "a_b"], "version": 2,
        "created_at": "2026-01-02T03:04:05.678Z", "updated_at": "2026-11-20T00:00:00.000Z", "created_by": null,
        "deleted_at": null})")
                    .as_object();
    f->organization = bj::parse(R"({"id": 5, "name": "Acme 100%", "kind": "partner", "size": "11-50",
        "parent": null, "tags": [], "last_touch_at": "2026-10-01T00:00:00.000Z", "deleted_at": null})")
                          .as_object();
    f->referrer = bj::parse(R"({"id": 7, "first_name": "Bo", "deleted_at": "2026-02-01T00:00:00.000Z"})").as_object();
    return f;
  }();
  return *fixture;
}

void CheckError(const rapport::Error& error) {
  if (error.code != rapport::ErrorCode::kInvalidArgument) __builtin_trap();
  if (error.fields.size() != 1 || error.fields[0].field != "filter") __builtin_trap();
  if (error.message.rfind("filter at ", 0) != 0) __builtin_trap();
  if (!filter::IsValidUtf8(error.message)) __builtin_trap();
}

// $1..$n each at least once, nothing beyond, and no quote outside translate('A..Z', 'a..z').
void CheckSql(const filter::SqlFragment& f, std::size_t first) {
  std::size_t highest = 0;
  const std::string& sql = f.sql;
  for (std::size_t i = 0; i < sql.size(); ++i) {
    if (sql[i] == '$') {
      std::size_t n = 0;
      std::size_t j = i + 1;
      while (j < sql.size() && sql[j] >= '0' && sql[j] <= '9') n = n * 10 + static_cast<std::size_t>(sql[j++] - '0');
      if (j == i + 1 || n < first) __builtin_trap();
      highest = std::max(highest, n);
    } else if (sql[i] == '\'') {
      if (sql.compare(i, 28, "'ABCDEFGHIJKLMNOPQRSTUVWXYZ'") == 0 ||
          sql.compare(i, 28, "'abcdefghijklmnopqrstuvwxyz'") == 0) {
        i += 27;
        continue;
      }
      __builtin_trap();
    }
  }
  const std::size_t count = f.params.size();
  if ((count == 0 && highest != 0) || (count > 0 && highest != first + count - 1)) __builtin_trap();
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  const Fixture& fx = GetFixture();
  const std::string_view text(reinterpret_cast<const char*>(data), size);
  auto checked = filter::ParseAndCheck(text, *fx.person, *fx.registry);
  if (!checked.ok()) {
    CheckError(checked.error());
    return 0;
  }
  filter::Resolver resolve = [&fx](const meta::ObjectDef& target, std::int64_t id) -> const bj::object* {
    if (target.name == "organization" && id == 5) return &fx.organization;
    if (target.name == "person" && id == 7) return &fx.referrer;
    if (target.name == "person" && id == 1) return &fx.record;
    return nullptr;
  };
  // The fixed now, and the ends of the range, where the time arithmetic must saturate, not overflow.
  for (Micros now : {kNow, Micros{0}, std::numeric_limits<Micros>::min(), std::numeric_limits<Micros>::max()}) {
    for (auto dialect : {rapport::store::Dialect::kSqlite, rapport::store::Dialect::kPostgres}) {
      CheckSql(filter::Compile(*checked, dialect, "t", 3, now), 3);
    }
    (void)filter::Evaluate(*checked, fx.record, now, resolve);
  }
  return 0;
}
