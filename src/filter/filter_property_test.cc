// The compiled SQL and the in-memory evaluator agree: random records (nulls, empty sets, non-ASCII
// text, '%' and '_', dangling and soft-deleted links) in a real database, random filters over every
// field type, and for each filter the ids `SELECT ... WHERE <compiled>` returns must be exactly the
// ids for which Evaluate is true. On SQLite always, on PostgreSQL when RAPPORT_TEST_PG_URL is set.
// Seeded: RAPPORT_FILTER_SEED reruns a seed, RAPPORT_FILTER_CASES sets the number of filters.

#include <fmt/format.h>
#include <gtest/gtest.h>

#include <algorithm>
#include <cstdio>
#include <cstdlib>
#include <map>
#include <memory>
#include <random>
#include <set>
#include <string>
#include <vector>

#include "filter/evaluator.h"
#include "filter/filter.h"
#include "filter/sql_compiler.h"
#include "filter/system_fields.h"
#include "filter/test_objects.h"
#include "filter/time_operand.h"
#include "meta/field_value.h"
#include "meta/time_text.h"
#include "store/migrations.h"
#include "tests/support/test_database.h"

namespace rapport::filter {
namespace {

namespace bj = boost::json;
using meta::FieldDef;
using meta::FieldType;
using rapport::testing::TestDatabase;

constexpr Micros kNow = 1'795'428'000'123'456;  // 2026-11-23T10:00:00.123456Z
constexpr std::uint64_t kDefaultSeed = 20261123;
constexpr int kDefaultCases = 3000;
constexpr int kThings = 300;
constexpr int kOrgs = 40;

// Text that tells ASCII from non-ASCII folding, wildcards from characters, and '' from NULL.
const std::vector<std::string> kTexts = {
    "",        "a",           "A",         "abc",        "ABC", "Abc", "Äpfel", "äpfel",    "ÄPFEL",
    "100%",    "100",         "a_b",       "a%b",        "aXb", "_",   "%",     "%%",       "Straße",
    "STRASSE", "O'Brien",     "o'brien",   "日本語",     "ß",   "é",   "É",     "İstanbul", "istanbul",
    "x'y",     "back\\slash", "new\nline", "  spaced  ", "zz",  "Zz",  "Ωmega", "a\tb",     "emoji 🎉",
};
const std::vector<std::string> kEmails = {"a@x.io",    "Bob@Example.com", "o'brien@x.io",   "ä@b.de",
                                          "100%@x.io", "_u_@x.io",        "bob@example.com"};
const std::vector<std::string> kPhones = {"+49 30 1234", "555-0100", "(030) 555", "+1 (555) 010"};
const std::vector<std::string> kUrls = {"https://x.io/a%20b", "http://Example.com/_x_", "https://ä.de/Über",
                                        "https://example.com"};
const std::vector<std::string> kLabelNames = {"vip", "VIP", "a%b", "x_y", "ä", "cold", "Kunde"};
const std::vector<std::string> kDecimals = {"-1.5", "0", "0.1", "0.2", "2.5", "3", "1234.5678", "-0.25", "7"};
const std::vector<std::string> kAmounts = {"0", "19.99", "-5", "100.5", "7", "0.000001", "20", "-0.5"};
const std::vector<std::string> kFixedDates = {"0001-01-01", "9999-12-31", "2024-02-29", "1999-12-31"};

class FilterPropertyTest : public ::testing::TestWithParam<TestDatabase::Kind> {
 protected:
  void SetUp() override {
    if (GetParam() == TestDatabase::Kind::kPostgres && TestDatabase::PostgresAdminUrl().empty()) {
      GTEST_SKIP() << "RAPPORT_TEST_PG_URL is not set";
    }
    const char* seed = std::getenv("RAPPORT_FILTER_SEED");
    seed_ = seed != nullptr ? std::strtoull(seed, nullptr, 10) : kDefaultSeed;
    const char* cases = std::getenv("RAPPORT_FILTER_CASES");
    cases_ = cases != nullptr ? std::atoi(cases) : kDefaultCases;
    rng_.seed(seed_);
    std::printf("[ seed     ] RAPPORT_FILTER_SEED=%llu, %d filters\n", static_cast<unsigned long long>(seed_), cases_);

    test_db_ = std::make_unique<TestDatabase>(GetParam());
    auto db = store::Open(test_db_->url(), store::OpenOptions{.pool_size = 2});
    ASSERT_TRUE(db.ok()) << db.error().message;
    db_ = std::move(*db);
    Status migrated = store::Migrate(*db_, store::EmbeddedMigrations(db_->dialect()));
    ASSERT_TRUE(migrated.ok()) << migrated.error().message;
    ASSERT_NO_FATAL_FAILURE(CreateTables());
    ASSERT_NO_FATAL_FAILURE(InsertRecords());
  }

  void TearDown() override {
    db_.reset();
    test_db_.reset();
  }

  // --- random choices ---
  int Int(int lo, int hi) { return std::uniform_int_distribution<int>(lo, hi)(rng_); }
  bool Chance(double p) { return std::bernoulli_distribution(p)(rng_); }
  template <typename T>
  const T& Pick(const std::vector<T>& items) {
    return items[static_cast<std::size_t>(Int(0, static_cast<int>(items.size()) - 1))];
  }

  // --- schema and data ---
  void CreateTables() {
    const bool pg = db_->dialect() == store::Dialect::kPostgres;
    const std::string integer = pg ? "BIGINT" : "INTEGER";
    for (const meta::ObjectDef& object : registry_->objects()) {
      std::string ddl = fmt::format(
          "CREATE TABLE {} (id {} PRIMARY KEY, version {} NOT NULL, created_at {} NOT NULL, updated_at {} NOT NULL, "
          "created_by {}, deleted_at {}",
          object.table, integer, integer, integer, integer, integer, integer);
      for (const FieldDef& f : object.fields) {
        for (const meta::Column& c : meta::Columns(f, db_->dialect())) ddl += fmt::format(", {} {}", c.name, c.type);
      }
      ddl += ")";
      Status made = db_->Write([&](store::Connection& c) { return c.ExecScript(ddl); });
      ASSERT_TRUE(made.ok()) << made.error().message;
    }
  }

  std::string Timestamp() {
    Micros ms = (kNow / 1000 + static_cast<Micros>(Int(-60 * 86'400, 60 * 86'400)) * 1000 + Int(0, 999)) * 1000;
    if (Chance(0.05)) ms = kNow / 1000 * 1000;
    return FormatTimestamp(ms);
  }

  std::string Date() {
    if (Chance(0.1)) return Pick(kFixedDates);
    TimeOperand t{TimeOperand::Base::kToday, Int(-40, 40) * kMicrosPerDay};
    return ResolveDate(t, kNow);
  }

  bj::array Subset(const std::vector<std::string>& pool, bool non_empty_only) {
    bj::array out;
    std::set<std::string> seen;
    int n = Int(0, 3);
    for (int i = 0; i < n; ++i) {
      const std::string& s = Pick(pool);
      if ((non_empty_only && s.empty()) || !seen.insert(s).second) continue;
      out.emplace_back(s);
    }
    return out;
  }

  // A random value of `f` in API JSON (null sometimes), valid for the field.
  bj::value RandomValue(const FieldDef& f) {
    if (Chance(0.2)) return nullptr;
    if (f.multiple) return Subset(kTexts, true);
    switch (f.type) {
      case FieldType::kText:
        return bj::value(Pick(kTexts));
      case FieldType::kLongText:
        return bj::value(Pick(kTexts) + " " + Pick(kTexts));
      case FieldType::kInt:
        if (Chance(0.03)) return Chance(0.5) ? bj::value(INT64_MAX) : bj::value(INT64_MIN);
        return bj::value(Int(-5, 25));
      case FieldType::kDecimal:
        if (Chance(0.3)) return bj::value(std::uniform_real_distribution<double>(-10, 10)(rng_));
        return bj::value(std::stod(Pick(kDecimals)));
      case FieldType::kCurrency: {
        static const std::vector<std::int64_t> kMicros = {0,         1,        19'990'000, -5'000'000, 100'500'000,
                                                          7'000'000, -500'000, 20'000'000, 19'990'001};
        bj::object money;
        money["micros"] = Pick(kMicros);
        money["currency"] = Chance(0.5) ? "EUR" : "USD";
        return money;
      }
      case FieldType::kDate:
        return bj::value(Date());
      case FieldType::kDatetime:
        return bj::value(Timestamp());
      case FieldType::kBool:
        return bj::value(Chance(0.5));
      case FieldType::kEnum:
        return bj::value(Pick(f.options));
      case FieldType::kMultiEnum:
        return Subset(f.options, true);
      case FieldType::kEmail:
        return bj::value(Pick(kEmails));
      case FieldType::kPhone:
        return bj::value(Pick(kPhones));
      case FieldType::kUrl:
        return bj::value(Pick(kUrls));
      case FieldType::kLink:
        return bj::value(Int(1, f.target == "org" ? kOrgs + 5 : kThings + 10));  // some dangle
      case FieldType::kLinkMany:
        return nullptr;  // made by InsertLinks
    }
    return nullptr;
  }

  // Links of a link_many field as record_links rows and the JSON the record engine shows: ids, or
  // the `by` names of the targets that exist (a dangling id has no name).
  Status InsertLinks(store::Connection& c, const meta::ObjectDef& object, const FieldDef& f, std::int64_t id,
                     bj::object& json) {
    std::set<std::int64_t> targets;
    int n = Chance(0.3) ? 0 : Int(1, 3);
    for (int i = 0; i < n; ++i) {
      targets.insert(f.by.empty() ? Int(1, kOrgs + 5)
                                  : (Chance(0.1) ? 99 : Int(1, static_cast<int>(kLabelNames.size()))));
    }
    bj::array values;
    std::vector<std::string> names;
    for (std::int64_t target : targets) {
      auto done = c.Exec("INSERT INTO record_links (object, field, record_id, target_id) VALUES ($1, $2, $3, $4)",
                         {object.name, f.name, id, target});
      if (!done.ok()) return std::move(done).error();
      if (f.by.empty()) {
        values.emplace_back(target);
      } else if (target <= static_cast<std::int64_t>(kLabelNames.size())) {
        names.push_back(kLabelNames[static_cast<std::size_t>(target - 1)]);
      }
    }
    std::sort(names.begin(), names.end());
    for (const std::string& name : names) values.emplace_back(name);
    json[f.name] = std::move(values);
    return {};
  }

  // One record of `object` with random field values, in the table and as JSON.
  Status InsertRecord(store::Connection& c, const meta::ObjectDef& object, std::int64_t id, bool maybe_deleted,
                      bj::object& json) {
    std::vector<std::string> columns = {"id", "version", "created_at", "updated_at", "created_by", "deleted_at"};
    const std::string created = Timestamp();
    const std::string updated = Timestamp();
    const bool deleted = maybe_deleted && Chance(0.25);
    std::vector<store::Value> cells = {id, static_cast<std::int64_t>(Int(1, 3)), *meta::ParseTimestamp(created),
                                       *meta::ParseTimestamp(updated)};
    json["id"] = id;
    json["version"] = std::get<std::int64_t>(cells[1]);
    json["created_at"] = created;
    json["updated_at"] = updated;
    if (Chance(0.3)) {
      cells.emplace_back();
      json["created_by"] = nullptr;
    } else {
      cells.emplace_back(static_cast<std::int64_t>(Int(1, 4)));
      json["created_by"] = std::get<std::int64_t>(cells.back());
    }
    if (deleted) {
      cells.emplace_back(kNow - 1000);
      json["deleted_at"] = FormatTimestamp(kNow - 1000);
    } else {
      cells.emplace_back();
      json["deleted_at"] = nullptr;
    }
    for (const FieldDef& f : object.fields) {
      if (f.type == FieldType::kLinkMany) {
        RAPPORT_RETURN_IF_ERROR(InsertLinks(c, object, f, id, json));
        continue;
      }
      bj::value v = f.active ? RandomValue(f) : bj::value(nullptr);
      if (object.name == "label" && f.name == "name") v = kLabelNames[static_cast<std::size_t>(id - 1)];
      auto values = meta::ToValues(v, f);
      if (!values.ok()) return std::move(values).error();
      for (const meta::Column& col : meta::Columns(f, c.dialect())) columns.push_back(col.name);
      for (store::Value& cell : *values) cells.push_back(std::move(cell));
      if (f.active) json[f.name] = std::move(v);
    }
    std::string names, placeholders;
    for (std::size_t i = 0; i < columns.size(); ++i) {
      names += (i == 0 ? "" : ", ") + columns[i];
      placeholders += fmt::format("{}${}", i == 0 ? "" : ", ", i + 1);
    }
    auto done = c.Exec(fmt::format("INSERT INTO {} ({}) VALUES ({})", object.table, names, placeholders), cells);
    return done.status();
  }

  void InsertRecords() {
    Status status = db_->Write([&](store::Connection& c) -> Status {
      const meta::ObjectDef& label = *registry_->FindObject("label");
      for (std::size_t i = 1; i <= kLabelNames.size(); ++i) {
        bj::object json;
        RAPPORT_RETURN_IF_ERROR(InsertRecord(c, label, static_cast<std::int64_t>(i), true, json));
      }
      const meta::ObjectDef& org = *registry_->FindObject("org");
      for (std::int64_t id = 1; id <= kOrgs; ++id) {
        RAPPORT_RETURN_IF_ERROR(InsertRecord(c, org, id, true, orgs_[id]));
      }
      const meta::ObjectDef& thing = *registry_->FindObject("thing");
      for (std::int64_t id = 1; id <= kThings; ++id) {
        RAPPORT_RETURN_IF_ERROR(InsertRecord(c, thing, id, true, things_[id]));
      }
      return {};
    });
    ASSERT_TRUE(status.ok()) << status.error().message;
  }

  // --- random filters ---
  static std::string Quoted(std::string_view s) {
    std::string out = "'";
    for (char c : s) out += c == '\'' ? std::string("''") : std::string(1, c);
    return out + "'";
  }

  // A piece of a pool text for contains/starts_with: a run of whole characters, ASCII case flipped
  // at random.
  std::string Needle() {
    std::string s = Pick(kTexts);
    if (Chance(0.2)) return Pick(std::vector<std::string>{"%", "_", "a%", "%b", "A_B", "", "'", "ä", "Ä"});
    std::vector<std::size_t> starts;
    for (std::size_t i = 0; i <= s.size(); ++i) {
      if (i == s.size() || (static_cast<unsigned char>(s[i]) & 0xC0) != 0x80) starts.push_back(i);
    }
    std::size_t a = starts[static_cast<std::size_t>(Int(0, static_cast<int>(starts.size()) - 1))];
    std::size_t b = starts[static_cast<std::size_t>(Int(0, static_cast<int>(starts.size()) - 1))];
    if (a > b) std::swap(a, b);
    std::string piece = Chance(0.5) ? s.substr(a, b - a) : s.substr(0, b);
    for (char& c : piece) {
      if (Chance(0.3) && ((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z'))) c ^= 0x20;
    }
    return piece;
  }

  std::string TimeLiteral(bool date) {
    static const std::vector<std::string> kUnits = {"d", "w", "h", "m"};
    if (Chance(0.5)) {
      if (date) return Quoted(Date());
      std::string ts = Timestamp();
      if (Chance(0.2)) ts = ts.substr(0, 19) + "+01:00";
      return Quoted(ts);
    }
    std::string base = date || Chance(0.3) ? "today()" : "now()";
    if (Chance(0.2)) return base;
    std::string unit = date ? kUnits[static_cast<std::size_t>(Int(0, 1))] : Pick(kUnits);
    int amount = unit == "m" ? Int(0, 100'000) : unit == "h" ? Int(0, 2000) : Int(0, 60);
    return base + (Chance(0.5) ? " - " : " + ") + std::to_string(amount) + unit;
  }

  std::string Value(const FieldDef& f, Op op) {
    if (op == Op::kContains || op == Op::kStartsWith) return Quoted(Needle());
    if (f.multiple) return Quoted(Pick(kTexts));
    switch (f.type) {
      case FieldType::kText:
      case FieldType::kLongText:
        return Quoted(Chance(0.8) ? Pick(kTexts) : Needle());
      case FieldType::kEmail:
        return Quoted(Pick(kEmails));
      case FieldType::kPhone:
        return Quoted(Pick(kPhones));
      case FieldType::kUrl:
        return Quoted(Pick(kUrls));
      case FieldType::kInt:
        if (f.name == "id") return std::to_string(Int(0, kThings + 10));
        if (Chance(0.03)) return Chance(0.5) ? "9223372036854775807" : "-9223372036854775808";
        return std::to_string(Int(-6, 26));
      case FieldType::kDecimal:
        return Pick(kDecimals);
      case FieldType::kCurrency:
        return Pick(kAmounts);
      case FieldType::kDate:
        return TimeLiteral(true);
      case FieldType::kDatetime:
        return TimeLiteral(false);
      case FieldType::kBool:
        return Chance(0.5) ? "true" : "FALSE";
      case FieldType::kEnum:
      case FieldType::kMultiEnum:
        return Quoted(Pick(f.options));
      case FieldType::kLink:
        return std::to_string(Int(0, f.target == "org" ? kOrgs + 6 : kThings + 11));
      case FieldType::kLinkMany:
        if (!f.by.empty()) return Quoted(Chance(0.9) ? Pick(kLabelNames) : "nope");
        return std::to_string(Int(0, kOrgs + 6));
    }
    return "0";
  }

  std::string Predicate(const meta::ObjectDef& object, const std::string& prefix, bool allow_related) {
    std::vector<const FieldDef*> fields;
    for (const FieldDef& f : object.fields) {
      if (f.active) fields.push_back(&f);
    }
    for (const char* name : {"id", "version", "created_at", "updated_at", "created_by"}) {
      fields.push_back(FindSystemField(name));
    }
    const FieldDef& f = *Pick(fields);
    if (allow_related && f.type == FieldType::kLink && Chance(0.5)) {
      return Predicate(*registry_->FindObject(f.target), f.name + ".", false);
    }
    std::vector<Op> ops;
    for (meta::FilterOp op : meta::SupportedOps(f)) {
      switch (op) {
        case meta::FilterOp::kEq:
          ops.push_back(Op::kEq);
          break;
        case meta::FilterOp::kNe:
          ops.push_back(Op::kNe);
          break;
        case meta::FilterOp::kLt:
          ops.push_back(Op::kLt);
          break;
        case meta::FilterOp::kLe:
          ops.push_back(Op::kLe);
          break;
        case meta::FilterOp::kGt:
          ops.push_back(Op::kGt);
          break;
        case meta::FilterOp::kGe:
          ops.push_back(Op::kGe);
          break;
        case meta::FilterOp::kIn:
          ops.push_back(Op::kIn);
          break;
        case meta::FilterOp::kContains:
          ops.push_back(Op::kContains);
          break;
        case meta::FilterOp::kStartsWith:
          ops.push_back(Op::kStartsWith);
          break;
        case meta::FilterOp::kHas:
          ops.push_back(Op::kHas);
          break;
        case meta::FilterOp::kIsNull:
          ops.push_back(Op::kIsNull);
          ops.push_back(Op::kIsNotNull);
          break;
      }
    }
    Op op = Pick(ops);
    std::string out = prefix + f.name + " " + std::string(OpText(op));
    if (op == Op::kIsNull || op == Op::kIsNotNull) return out;
    if (op == Op::kIn) {
      int n = Int(1, 4);
      out += " (";
      for (int i = 0; i < n; ++i) out += (i == 0 ? "" : ", ") + Value(f, op);
      return out + ")";
    }
    return out + " " + Value(f, op);
  }

  std::string Filter(int depth) {
    const meta::ObjectDef& thing = *registry_->FindObject("thing");
    int r = depth >= 3 ? 0 : Int(0, 9);
    if (r < 5) return Predicate(thing, "", true);
    if (r < 6) return "not " + Predicate(thing, "", true);
    if (r < 7) return "not (" + Filter(depth + 1) + ")";
    const char* joiner = r < 9 ? " and " : " or ";
    std::string out = "(" + Filter(depth + 1);
    for (int i = Int(1, 2); i > 0; --i) out += joiner + Filter(depth + 1);
    return out + ")";
  }

  // --- the two answers ---
  std::set<std::int64_t> InMemory(const Checked& checked) {
    Resolver resolve = [this](const meta::ObjectDef& target, std::int64_t id) -> const bj::object* {
      auto& table = target.name == "org" ? orgs_ : things_;
      auto it = table.find(id);
      return it == table.end() ? nullptr : &it->second;
    };
    std::set<std::int64_t> ids;
    for (const auto& [id, record] : things_) {
      if (Evaluate(checked, record, kNow, resolve)) ids.insert(id);
    }
    return ids;
  }

  Result<std::set<std::int64_t>> InSql(const SqlFragment& where) {
    return store::ReadStatementValue(*db_, [&](store::Connection& c) -> Result<std::set<std::int64_t>> {
      auto rows = c.Query("SELECT t.id FROM things t WHERE " + where.sql, where.params);
      if (!rows.ok()) return std::move(rows).error();
      std::set<std::int64_t> ids;
      for (std::size_t r = 0; r < rows->rows(); ++r) ids.insert(rows->Int(r, 0));
      return ids;
    });
  }

  std::shared_ptr<const meta::Registry> registry_ = testing::TestRegistry();
  std::unique_ptr<TestDatabase> test_db_;
  std::unique_ptr<store::Database> db_;
  std::map<std::int64_t, bj::object> things_;
  std::map<std::int64_t, bj::object> orgs_;
  std::mt19937_64 rng_;
  std::uint64_t seed_ = kDefaultSeed;
  int cases_ = kDefaultCases;
};

TEST_P(FilterPropertyTest, SqlAndMemoryAgree) {
  const meta::ObjectDef& thing = *registry_->FindObject("thing");
  int failures = 0;
  std::size_t matched = 0;
  std::size_t empty = 0;
  for (int i = 0; i < cases_ && failures < 5; ++i) {
    const std::string text = Filter(0);
    auto checked = ParseAndCheck(text, thing, *registry_);
    ASSERT_TRUE(checked.ok()) << "seed " << seed_ << ", filter " << i << ": " << text << "\n"
                              << checked.error().message;
    SqlFragment where = Compile(*checked, db_->dialect(), "t", 1, kNow);
    auto sql_ids = InSql(where);
    ASSERT_TRUE(sql_ids.ok()) << "seed " << seed_ << ", filter " << i << ": " << text << "\n"
                              << where.sql << "\n"
                              << sql_ids.error().message;
    std::set<std::int64_t> memory_ids = InMemory(*checked);
    matched += memory_ids.size();
    empty += memory_ids.empty();
    if (*sql_ids == memory_ids) continue;
    ++failures;
    std::string diff;
    for (std::int64_t id : *sql_ids) {
      if (!memory_ids.count(id)) diff += fmt::format("\n  only SQL: {}", bj::serialize(things_[id]));
    }
    for (std::int64_t id : memory_ids) {
      if (!sql_ids->count(id)) diff += fmt::format("\n  only memory: {}", bj::serialize(things_[id]));
    }
    ADD_FAILURE() << "seed " << seed_ << ", filter " << i << ": " << text << "\nSQL: " << where.sql << diff;
  }
  // The filters should neither all match nothing nor all match everything.
  std::printf("[ matched  ] %zu of %d filters matched no record; %.1f records matched on average\n", empty, cases_,
              cases_ > 0 ? static_cast<double>(matched) / cases_ : 0.0);
  EXPECT_LT(empty, static_cast<std::size_t>(cases_) * 3 / 4);
}

INSTANTIATE_TEST_SUITE_P(FilterStores, FilterPropertyTest,
                         ::testing::Values(TestDatabase::Kind::kSqlite, TestDatabase::Kind::kPostgres),
                         [](const ::testing::TestParamInfo<TestDatabase::Kind>& info) {
                           return info.param == TestDatabase::Kind::kSqlite ? "Sqlite" : "Postgres";
                         });

}  // namespace
}  // namespace rapport::filter
