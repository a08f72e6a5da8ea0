#include "domain/meta/meta_service.h"

#include <gtest/gtest.h>

#include <memory>
#include <string>
#include <thread>

#include "meta/migration_planner.h"
#include "store/migrations.h"
#include "store/schema.h"
#include "tests/support/test_database.h"

namespace rapport::domain {
namespace {

using rapport::testing::TestDatabase;
using store::Connection;
using store::Value;

constexpr Micros kStart = 1'700'000'000'000'000;

boost::json::value Json(std::string_view text) { return boost::json::parse(text); }

// Runs on SQLite, and on PostgreSQL when RAPPORT_TEST_PG_URL names a test cluster.
class MetaServiceTest : public ::testing::TestWithParam<TestDatabase::Kind> {
 protected:
  void SetUp() override {
    if (GetParam() == TestDatabase::Kind::kPostgres && TestDatabase::PostgresAdminUrl().empty()) {
      GTEST_SKIP() << "RAPPORT_TEST_PG_URL is not set";
    }
    test_db_ = std::make_unique<TestDatabase>(GetParam());
    auto db = store::Open(test_db_->url(), store::OpenOptions{.pool_size = 2});
    ASSERT_TRUE(db.ok()) << db.error().message;
    db_ = std::move(*db);
    Status migrated = store::Migrate(*db_, store::EmbeddedMigrations(db_->dialect()));
    ASSERT_TRUE(migrated.ok()) << migrated.error().message;
    auto registry = MetaService::Load(*db_);
    ASSERT_TRUE(registry.ok()) << registry.error().message;
    holder_ = std::make_unique<meta::RegistryHolder>(*registry);
    service_ = std::make_unique<MetaService>(*db_, *holder_, clock_);
  }

  void TearDown() override {
    service_.reset();
    db_.reset();  // close the sessions before the test database is dropped
    test_db_.reset();
  }

  std::set<std::string> Columns(std::string_view table) {
    auto columns = store::ReadValue(*db_, [&](Connection& c) { return store::TableColumns(c, table); });
    EXPECT_TRUE(columns.ok()) << columns.error().message;
    return columns.ok() ? *columns : std::set<std::string>{};
  }

  std::set<std::string> Indexes(std::string_view table) {
    auto indexes = store::ReadValue(*db_, [&](Connection& c) { return store::TableIndexes(c, table); });
    EXPECT_TRUE(indexes.ok()) << indexes.error().message;
    return indexes.ok() ? *indexes : std::set<std::string>{};
  }

  std::vector<std::string> PendingDdl() {
    auto plan = store::ReadValue(*db_, [&](Connection& c) { return MetaService::PlanSchema(c, *holder_->Get()); });
    EXPECT_TRUE(plan.ok()) << plan.error().message;
    return plan.ok() ? *plan : std::vector<std::string>{};
  }

  void Exec(std::string_view sql, std::initializer_list<Value> params = {}) {
    std::vector<Value> values(params);
    Status status = db_->Write([&](Connection& c) { return c.Exec(sql, values).status(); });
    ASSERT_TRUE(status.ok()) << status.error().message;
  }

  std::string Text(std::string_view sql, std::initializer_list<Value> params = {}) {
    std::vector<Value> values(params);
    auto rows = store::ReadValue(*db_, [&](Connection& c) { return c.Query(sql, values); });
    EXPECT_TRUE(rows.ok()) << rows.error().message;
    if (!rows.ok() || rows->empty()) return "<none>";
    const Value& v = rows->at(0, 0);
    if (store::IsNull(v)) return "<null>";
    if (const auto* i = std::get_if<std::int64_t>(&v)) return std::to_string(*i);
    if (const auto* b = std::get_if<bool>(&v)) return *b ? "1" : "0";
    return std::string(rows->Text(0, 0));
  }

  // The outbox topics in order, comma-separated.
  std::string Topics() {
    auto rows = store::ReadValue(*db_, [](Connection& c) { return c.Query("SELECT topic FROM outbox ORDER BY id"); });
    EXPECT_TRUE(rows.ok());
    std::string out;
    for (std::size_t i = 0; rows.ok() && i < rows->rows(); ++i) out += (out.empty() ? "" : ",") + std::string(rows->Text(i, 0));
    return out;
  }

  bool pg() const { return GetParam() == TestDatabase::Kind::kPostgres; }

  FakeClock clock_{kStart};
  std::unique_ptr<TestDatabase> test_db_;
  std::unique_ptr<store::Database> db_;
  std::unique_ptr<meta::RegistryHolder> holder_;
  std::unique_ptr<MetaService> service_;
};

TEST_P(MetaServiceTest, LoadCreatesTheTableOfEveryBuiltinObject) {
  auto registry = holder_->Get();
  EXPECT_EQ(registry->version(), 1);
  ASSERT_FALSE(registry->objects().empty());
  for (const meta::ObjectDef& object : registry->objects()) {
    std::set<std::string> columns = Columns(object.table);
    for (std::string_view system : {"id", "version", "created_at", "updated_at", "created_by", "deleted_at"}) {
      EXPECT_TRUE(columns.contains(std::string(system))) << object.table << "." << system;
    }
    for (const meta::FieldDef& field : object.fields) {
      for (const meta::Column& c : meta::Columns(field, db_->dialect())) {
        EXPECT_TRUE(columns.contains(c.name)) << object.table << "." << c.name;
      }
      for (const std::string& index : meta::FieldIndexNames(object, field)) {
        // tags_name_key is migration 0001's unique index on lower(name).
        EXPECT_TRUE(Indexes(object.table).contains(index)) << index;
      }
    }
    EXPECT_EQ(columns.contains("search_text"), !object.search.empty()) << object.table;
    EXPECT_EQ(columns.contains("search_vector"), pg() && !object.search.empty()) << object.table;
  }
  EXPECT_TRUE(Columns("people").contains("organization_id"));
  EXPECT_TRUE(Indexes("people").contains("people_organization_id_idx"));
  EXPECT_TRUE(Indexes("users").contains("users_email_key"));
  EXPECT_EQ(Columns("people_search").empty(), pg());  // the FTS5 table
}

TEST_P(MetaServiceTest, LoadIsIdempotent) {
  EXPECT_EQ(PendingDdl(), std::vector<std::string>{});
  auto again = MetaService::Load(*db_);
  ASSERT_TRUE(again.ok()) << again.error().message;
  EXPECT_EQ((*again)->version(), holder_->Get()->version());
  EXPECT_EQ((*again)->objects().size(), holder_->Get()->objects().size());
  EXPECT_EQ(PendingDdl(), std::vector<std::string>{});
}

TEST_P(MetaServiceTest, TheSearchIndexOfTagsFollowsItsRows) {
  Exec("INSERT INTO tags (name, created_at, updated_at, search_text) VALUES ('vip', 1, 1, 'vip very important')");
  Exec("INSERT INTO tags (name, created_at, updated_at, search_text) VALUES ('cold', 1, 1, 'cold lead')");
  std::string match = pg() ? "SELECT name FROM tags WHERE search_vector @@ to_tsquery('simple', $1)"
                           : "SELECT name FROM tags WHERE id IN (SELECT rowid FROM tags_search WHERE tags_search MATCH $1)";
  EXPECT_EQ(Text(match, {Value("important")}), "vip");
  Exec("UPDATE tags SET search_text = 'vip' WHERE name = 'vip'");
  EXPECT_EQ(Text(match, {Value("important")}), "<none>");
  Exec("DELETE FROM tags WHERE name = 'cold'");
  EXPECT_EQ(Text(match, {Value("cold")}), "<none>");
}

TEST_P(MetaServiceTest, AddFieldAddsItsColumnAndIndex) {
  Exec("INSERT INTO people (first_name, created_at, updated_at) VALUES ('Ada', 1, 1)");
  auto registry = service_->AddField(
      "person", Json(R"({"name": "region", "type": "enum", "options": ["north", "south"], "indexed": true,
                         "required": true, "label": "Sales region"})"));
  ASSERT_TRUE(registry.ok()) << registry.error().message;
  EXPECT_EQ((*registry)->version(), 2);
  EXPECT_EQ(holder_->Get(), *registry);
  const meta::FieldDef* field = (*registry)->FindField("person", "region");
  ASSERT_NE(field, nullptr);
  EXPECT_TRUE(field->is_custom());
  EXPECT_TRUE(field->required);
  EXPECT_EQ(field->label, "Sales region");
  EXPECT_TRUE(Columns("people").contains("cf_region"));
  EXPECT_TRUE(Indexes("people").contains("people_cf_region_idx"));
  // The existing row simply has no value.
  EXPECT_EQ(Text("SELECT cf_region FROM people WHERE first_name = 'Ada'"), "<null>");
  EXPECT_EQ(Text("SELECT version FROM meta_state"), "2");
  EXPECT_EQ(Topics(), "meta.field_added");
  EXPECT_EQ(Text("SELECT aggregate_id FROM outbox"), "person.region");
  EXPECT_EQ(PendingDdl(), std::vector<std::string>{});

  // Stored: a restart has it.
  auto loaded = MetaService::Load(*db_);
  ASSERT_TRUE(loaded.ok()) << loaded.error().message;
  EXPECT_EQ((*loaded)->version(), 2);
  ASSERT_NE((*loaded)->FindField("person", "region"), nullptr);
  EXPECT_EQ((*loaded)->FindField("person", "region")->options, (std::vector<std::string>{"north", "south"}));
  EXPECT_EQ((*loaded)->FindObject("person")->fields.back().name, "region");
}

TEST_P(MetaServiceTest, AddFieldRefusesBadDefinitions) {
  auto problem = [&](std::string_view object, std::string_view json) {
    auto r = service_->AddField(object, Json(json));
    if (r.ok()) return std::string("ok");
    std::string out(ErrorCodeName(r.error().code));
    for (const FieldError& e : r.error().fields) out += " " + e.field + ": " + e.problem;
    return out;
  };
  EXPECT_EQ(problem("nothing", R"({"name": "x", "type": "text"})"), "not_found");
  EXPECT_EQ(problem("person", R"({"name": "Region", "type": "text"})"),
            "invalid_argument name: must match [a-z][a-z0-9_]{0,40}");
  EXPECT_EQ(problem("person", R"({"name": "deleted_at", "type": "text"})"),
            "invalid_argument name: 'deleted_at' is reserved for a system column");
  EXPECT_EQ(problem("person", R"({"name": "x", "type": "strng"})"), "invalid_argument type: unknown field type 'strng'");
  EXPECT_EQ(problem("person", R"({"name": "x", "type": "enum"})"),
            "invalid_argument options: enum fields need at least one option");
  EXPECT_EQ(problem("person", R"({"name": "x", "type": "link", "target": "nothing"})"),
            "invalid_argument target: unknown object 'nothing'");
  EXPECT_EQ(problem("person", R"({"name": "x", "type": "text", "read_only": true})"),
            "invalid_argument read_only: a custom field cannot be read-only: nothing would write it");
  EXPECT_EQ(problem("person", R"(["x"])"), "invalid_argument body: must be an object");
  EXPECT_EQ(problem("person", R"({"name": "email", "type": "text"})"),
            "conflict name: is taken by another field of this object");
  // Nothing was written by the refused changes.
  EXPECT_EQ(Text("SELECT version FROM meta_state"), "1");
  EXPECT_EQ(Topics(), "");
  EXPECT_EQ(holder_->Get()->version(), 1);
}

TEST_P(MetaServiceTest, ConcurrentAddFieldOfTheSameNameHasOneWinner) {
  // Two nodes: each its own service and registry, one database.
  meta::RegistryHolder other_holder(holder_->Get());
  MetaService other(*db_, other_holder, clock_);
  Result<std::shared_ptr<const meta::Registry>> a = Error{}, b = Error{};
  std::thread t1([&] { a = service_->AddField("organization", Json(R"({"name": "tier", "type": "text"})")); });
  std::thread t2([&] { b = other.AddField("organization", Json(R"({"name": "tier", "type": "int"})")); });
  t1.join();
  t2.join();
  ASSERT_NE(a.ok(), b.ok()) << (a.ok() ? "" : a.error().message) << " / " << (b.ok() ? "" : b.error().message);
  const auto& loser = a.ok() ? b : a;
  EXPECT_EQ(loser.error().code, ErrorCode::kConflict) << loser.error().message;
  EXPECT_EQ(Text("SELECT COUNT(*) FROM meta_fields"), "1");
  EXPECT_EQ(Text("SELECT version FROM meta_state"), "2");
  EXPECT_TRUE(Columns("organizations").contains("cf_tier"));
}

TEST_P(MetaServiceTest, ChangesOfDifferentFieldsFromTwoNodesAreBothKept) {
  meta::RegistryHolder other_holder(holder_->Get());
  MetaService other(*db_, other_holder, clock_);
  ASSERT_TRUE(service_->AddField("task", Json(R"({"name": "effort", "type": "int"})")).ok());
  // The other node has not refreshed: its change still sees the first one.
  auto second = other.AddField("task", Json(R"({"name": "cost", "type": "currency"})"));
  ASSERT_TRUE(second.ok()) << second.error().message;
  EXPECT_EQ((*second)->version(), 3);
  EXPECT_NE((*second)->FindField("task", "effort"), nullptr);
  EXPECT_NE((*second)->FindField("task", "cost"), nullptr);

  // And the first node catches up on Refresh.
  EXPECT_EQ(holder_->Get()->FindField("task", "cost"), nullptr);
  auto refreshed = service_->Refresh();
  ASSERT_TRUE(refreshed.ok()) << refreshed.error().message;
  EXPECT_TRUE(*refreshed);
  EXPECT_EQ(holder_->Get()->version(), 3);
  EXPECT_NE(holder_->Get()->FindField("task", "cost"), nullptr);
  refreshed = service_->Refresh();
  ASSERT_TRUE(refreshed.ok());
  EXPECT_FALSE(*refreshed);
}

TEST_P(MetaServiceTest, AddObjectCreatesItsTableAndSearchIndex) {
  auto registry = service_->AddObject(Json(R"({"object": "project", "label": "Project", "title": ["name"],
      "search": ["name", "code"],
      "fields": [{"name": "name", "type": "text", "required": true},
                 {"name": "code", "type": "text", "unique": true, "max_length": 20},
                 {"name": "client", "type": "link", "target": "organization"},
                 {"name": "members", "type": "link_many", "target": "person"},
                 {"name": "budget", "type": "currency"}]})"));
  ASSERT_TRUE(registry.ok()) << registry.error().message;
  const meta::ObjectDef* project = (*registry)->FindObject("project");
  ASSERT_NE(project, nullptr);
  EXPECT_TRUE(project->is_custom());
  EXPECT_EQ(project->table, "co_project");
  EXPECT_EQ(project->plural_label, "Projects");
  std::set<std::string> want = {"id", "version", "created_at", "updated_at", "created_by", "deleted_at", "cf_name",
                                "cf_code", "cf_client_id", "cf_budget_micros", "cf_budget_currency", "search_text"};
  if (pg()) want.insert("search_vector");
  EXPECT_EQ(Columns("co_project"), want);
  std::set<std::string> indexes = Indexes("co_project");
  EXPECT_TRUE(indexes.contains("co_project_cf_code_key"));
  EXPECT_TRUE(indexes.contains("co_project_cf_client_id_idx"));
  EXPECT_TRUE(indexes.contains(pg() ? "co_project_search_vector_idx" : "co_project_search_v2_ai"));
  EXPECT_EQ(Topics(), "meta.object_added");
  EXPECT_EQ(PendingDdl(), std::vector<std::string>{});

  // The search index works, and the unique index spares deleted records.
  Exec("INSERT INTO co_project (cf_name, cf_code, created_at, updated_at, search_text) VALUES ('Apollo', 'A1', 1, 1, "
       "'apollo a1')");
  std::string match = pg() ? "SELECT cf_name FROM co_project WHERE search_vector @@ to_tsquery('simple', $1)"
                           : "SELECT cf_name FROM co_project WHERE id IN "
                             "(SELECT rowid FROM co_project_search WHERE co_project_search MATCH $1)";
  EXPECT_EQ(Text(match, {Value("apollo")}), "Apollo");
  Exec("UPDATE co_project SET deleted_at = 5");
  Exec("INSERT INTO co_project (cf_name, cf_code, created_at, updated_at) VALUES ('Apollo 2', 'A1', 1, 1)");
  Status restore = db_->Write([](Connection& c) { return c.Exec("UPDATE co_project SET deleted_at = NULL").status(); });
  ASSERT_FALSE(restore.ok());
  EXPECT_EQ(restore.error().code, ErrorCode::kConflict);

  // Restarting keeps it.
  auto loaded = MetaService::Load(*db_);
  ASSERT_TRUE(loaded.ok()) << loaded.error().message;
  ASSERT_NE((*loaded)->FindObject("project"), nullptr);
  EXPECT_EQ((*loaded)->FindObject("project")->fields.size(), 5u);
  EXPECT_EQ((*loaded)->FindObject("project")->search, (std::vector<std::string>{"name", "code"}));

  // A second object of that name, or a bad one, is refused.
  auto again = service_->AddObject(Json(R"({"object": "project", "fields": []})"));
  ASSERT_FALSE(again.ok());
  EXPECT_EQ(again.error().code, ErrorCode::kConflict);
  auto person = service_->AddObject(Json(R"({"object": "person", "fields": []})"));
  ASSERT_FALSE(person.ok());
  EXPECT_EQ(person.error().code, ErrorCode::kConflict);
  auto bad = service_->AddObject(Json(R"({"object": "thing", "path": "things", "title": ["nope"],
      "fields": [{"name": "x", "type": "wat"}]})"));
  ASSERT_FALSE(bad.ok());
  EXPECT_EQ(bad.error().code, ErrorCode::kInvalidArgument);
  ASSERT_FALSE(bad.error().fields.empty());
  EXPECT_EQ(bad.error().fields[0].field, "fields[0].type");
  bad = service_->AddObject(Json(R"({"object": "thing", "path": "things", "title": ["nope"], "fields": []})"));
  ASSERT_FALSE(bad.ok());
  ASSERT_EQ(bad.error().fields.size(), 2u) << bad.error().message;
  EXPECT_EQ(bad.error().fields[0].field, "path");
  EXPECT_EQ(bad.error().fields[1].field, "title[0]");
}

TEST_P(MetaServiceTest, DeactivatingKeepsTheDataAndPurgingDropsIt) {
  ASSERT_TRUE(service_->AddField("organization", Json(R"({"name": "vat_id", "type": "text", "unique": true})")).ok());
  ASSERT_TRUE(
      service_->AddField("organization", Json(R"({"name": "partners", "type": "link_many", "target": "organization"})"))
          .ok());
  Exec("INSERT INTO organizations (name, cf_vat_id, created_at, updated_at) VALUES ('Acme', 'ATU1', 1, 1)");
  Exec("INSERT INTO record_links (object, field, record_id, target_id) VALUES ('organization', 'partners', 1, 2)");
  Exec("INSERT INTO record_links (object, field, record_id, target_id) VALUES ('organization', 'tags', 1, 3)");

  // Active: not purged.
  auto purge = service_->PurgeField("organization", "vat_id");
  ASSERT_FALSE(purge.ok());
  EXPECT_EQ(purge.error().code, ErrorCode::kFailedPrecondition);

  auto off = service_->UpdateField("organization", "vat_id", Json(R"js({"active": false, "label": "VAT (old)"})js"));
  ASSERT_TRUE(off.ok()) << off.error().message;
  EXPECT_FALSE((*off)->FindField("organization", "vat_id")->active);
  EXPECT_EQ((*off)->FindField("organization", "vat_id")->label, "VAT (old)");
  EXPECT_EQ(Text("SELECT cf_vat_id FROM organizations"), "ATU1");
  auto on = service_->UpdateField("organization", "vat_id", Json(R"({"active": true})"));
  ASSERT_TRUE(on.ok()) << on.error().message;
  EXPECT_TRUE((*on)->FindField("organization", "vat_id")->active);
  EXPECT_EQ((*on)->FindField("organization", "vat_id")->label, "VAT (old)");

  ASSERT_TRUE(service_->UpdateField("organization", "vat_id", Json(R"({"active": false})")).ok());
  purge = service_->PurgeField("organization", "vat_id");
  ASSERT_TRUE(purge.ok()) << purge.error().message;
  EXPECT_EQ((*purge)->FindField("organization", "vat_id"), nullptr);
  EXPECT_FALSE(Columns("organizations").contains("cf_vat_id"));
  EXPECT_FALSE(Indexes("organizations").contains("organizations_cf_vat_id_key"));
  EXPECT_EQ(Text("SELECT COUNT(*) FROM meta_fields WHERE name = 'vat_id'"), "0");
  EXPECT_EQ(Text("SELECT name FROM organizations"), "Acme");

  ASSERT_TRUE(service_->UpdateField("organization", "partners", Json(R"({"active": false})")).ok());
  ASSERT_TRUE(service_->PurgeField("organization", "partners").ok());
  EXPECT_EQ(Text("SELECT COUNT(*) FROM record_links WHERE field = 'partners'"), "0");
  EXPECT_EQ(Text("SELECT COUNT(*) FROM record_links WHERE field = 'tags'"), "1");

  EXPECT_EQ(Topics(),
            "meta.field_added,meta.field_added,meta.field_updated,meta.field_updated,meta.field_updated,"
            "meta.field_purged,meta.field_updated,meta.field_purged");
  EXPECT_EQ(PendingDdl(), std::vector<std::string>{});
  auto loaded = MetaService::Load(*db_);
  ASSERT_TRUE(loaded.ok()) << loaded.error().message;
  EXPECT_EQ((*loaded)->FindField("organization", "vat_id"), nullptr);
  // A purged name can be used again.
  ASSERT_TRUE(service_->AddField("organization", Json(R"({"name": "vat_id", "type": "int"})")).ok());
}

TEST_P(MetaServiceTest, UpdateAndPurgeRefuseWhatTheyCannotDo) {
  auto code = [](const auto& r) { return r.ok() ? std::string("ok") : std::string(ErrorCodeName(r.error().code)); };
  EXPECT_EQ(code(service_->UpdateField("person", "email", Json(R"({"active": false})"))), "failed_precondition");
  EXPECT_EQ(code(service_->PurgeField("person", "email")), "failed_precondition");
  EXPECT_EQ(code(service_->UpdateField("person", "nothing", Json(R"({"active": false})"))), "not_found");
  EXPECT_EQ(code(service_->PurgeField("nothing", "email")), "not_found");
  ASSERT_TRUE(service_->AddField("person", Json(R"({"name": "score", "type": "int"})")).ok());
  auto r = service_->UpdateField("person", "score", Json(R"({"type": "text", "active": "no"})"));
  ASSERT_FALSE(r.ok());
  EXPECT_EQ(r.error().code, ErrorCode::kInvalidArgument);
  ASSERT_EQ(r.error().fields.size(), 2u);
  EXPECT_EQ(r.error().fields[0].field, "type");
  EXPECT_EQ(r.error().fields[1].field, "active");
  EXPECT_EQ(code(service_->UpdateField("person", "score", Json(R"({"required": true})"))), "invalid_argument");

  // A field the object's search names cannot go.
  ASSERT_TRUE(service_
                  ->AddObject(Json(R"({"object": "venue", "search": ["city"],
                      "fields": [{"name": "city", "type": "text"}]})"))
                  .ok());
  ASSERT_TRUE(service_->UpdateField("venue", "city", Json(R"({"active": false})")).ok());
  auto purge = service_->PurgeField("venue", "city");
  ASSERT_FALSE(purge.ok());
  EXPECT_EQ(purge.error().code, ErrorCode::kFailedPrecondition);
  EXPECT_TRUE(Columns("co_venue").contains("cf_city"));
}

INSTANTIATE_TEST_SUITE_P(Stores, MetaServiceTest,
                         ::testing::Values(TestDatabase::Kind::kSqlite, TestDatabase::Kind::kPostgres),
                         [](const ::testing::TestParamInfo<TestDatabase::Kind>& info) {
                           return info.param == TestDatabase::Kind::kSqlite ? "sqlite" : "postgres";
                         });

}  // namespace
}  // namespace rapport::domain
