#include "store/sqlite/sqlite_database.h"

#include <gtest/gtest.h>

#include <atomic>
#include <cstdint>
#include <filesystem>
#include <limits>
#include <random>
#include <string>
#include <thread>
#include <vector>

#include "store/sqlite/sqlite_connection.h"
#include "tests/support/test_database.h"

namespace rapport::store::sqlite {
namespace {

// A folder of its own under the system temp dir, removed with everything in it.
class TempDir {
 public:
  TempDir() {
    std::random_device rd;
    path_ = std::filesystem::temp_directory_path() / ("rapport-sqlite-test-" + std::to_string(rd()) + std::to_string(rd()));
    std::filesystem::create_directories(path_);
  }
  ~TempDir() {
    std::error_code ec;
    std::filesystem::remove_all(path_, ec);
  }
  std::string File(std::string_view name) const { return (path_ / name).string(); }

 private:
  std::filesystem::path path_;
};

class SqliteDatabaseTest : public ::testing::Test {
 protected:
  void SetUp() override {
    db_ = std::make_unique<SqliteDatabase>(dir_.File("test.db"), OpenOptions{.pool_size = 2});
  }

  // Runs `sql` in its own write transaction and fails the test if it does not succeed.
  void MustWrite(std::string_view sql) {
    Status status = db_->Write([&](Connection& c) { return c.Exec(sql).status(); });
    ASSERT_TRUE(status.ok()) << status.error().message;
  }

  std::int64_t Count(std::string_view table) {
    auto n = ReadValue(*db_, [&](Connection& c) -> Result<std::int64_t> {
      auto rows = c.Query("SELECT COUNT(*) FROM " + std::string(table));
      if (!rows.ok()) return std::move(rows).error();
      return rows->Int(0, 0);
    });
    EXPECT_TRUE(n.ok()) << n.error().message;
    return n.ok() ? *n : -1;
  }

  TempDir dir_;
  std::unique_ptr<SqliteDatabase> db_;
};

TEST_F(SqliteDatabaseTest, RoundTripsEveryValueType) {
  MustWrite("CREATE TABLE v (n TEXT, i INTEGER, r REAL, s TEXT, b INTEGER)");
  const std::int64_t big = std::numeric_limits<std::int64_t>::max();
  const std::int64_t small = std::numeric_limits<std::int64_t>::min();
  const std::string text("caf\xC3\xA9 \0 \xF0\x9F\x98\x80 '$1'", 16);  // UTF-8, an embedded NUL, quotes
  ASSERT_EQ(text.size(), 16u);
  Status status = db_->Write([&](Connection& c) -> Status {
    RAPPORT_RETURN_IF_ERROR(c.Exec("INSERT INTO v VALUES ($1, $2, $3, $4, $5)",
                                   {Value(std::monostate{}), Value(big), Value(0.1), Value(text), Value(true)}));
    RAPPORT_RETURN_IF_ERROR(c.Exec("INSERT INTO v VALUES ($1, $2, $3, $4, $5)",
                                   {Value(std::monostate{}), Value(small), Value(-2.5e300), Value(std::string()),
                                    Value(false)}));
    return {};
  });
  ASSERT_TRUE(status.ok()) << status.error().message;

  auto rows = ReadValue(*db_, [](Connection& c) { return c.Query("SELECT n, i, r, s, b FROM v ORDER BY i DESC"); });
  ASSERT_TRUE(rows.ok()) << rows.error().message;
  ASSERT_EQ(rows->rows(), 2u);
  ASSERT_EQ(rows->columns(), 5u);

  EXPECT_TRUE(IsNull(rows->at(0, 0)));
  ASSERT_TRUE(std::holds_alternative<std::int64_t>(rows->at(0, 1)));
  EXPECT_EQ(std::get<std::int64_t>(rows->at(0, 1)), big);
  ASSERT_TRUE(std::holds_alternative<double>(rows->at(0, 2)));
  EXPECT_EQ(std::get<double>(rows->at(0, 2)), 0.1);  // exact: bound and read as a double
  ASSERT_TRUE(std::holds_alternative<std::string>(rows->at(0, 3)));
  EXPECT_EQ(std::get<std::string>(rows->at(0, 3)), text);
  // SQLite has no boolean: true is stored and read back as the integer 1.
  ASSERT_TRUE(std::holds_alternative<std::int64_t>(rows->at(0, 4)));
  EXPECT_EQ(rows->Int(0, 4), 1);
  EXPECT_FALSE(rows->OptText(0, 0).has_value());

  EXPECT_EQ(rows->Int(1, 1), small);
  EXPECT_EQ(rows->Real(1, 2), -2.5e300);
  // An empty string stays an empty string, not NULL.
  ASSERT_TRUE(std::holds_alternative<std::string>(rows->at(1, 3)));
  EXPECT_EQ(rows->Text(1, 3), "");
  EXPECT_EQ(rows->Int(1, 4), 0);
}

TEST(RewritePlaceholdersTest, RewritesDollarsOutsideQuotesOnly) {
  EXPECT_EQ(RewritePlaceholders("SELECT $1, $2 FROM t WHERE a = $10"), "SELECT ?1, ?2 FROM t WHERE a = ?10");
  EXPECT_EQ(RewritePlaceholders("SELECT '$1', \"$2\", $3"), "SELECT '$1', \"$2\", ?3");
  // An apostrophe in a comment does not hide the placeholders after it.
  EXPECT_EQ(RewritePlaceholders("SELECT $1 -- it's\nFROM t WHERE a = $2"), "SELECT ?1 -- it's\nFROM t WHERE a = ?2");
  // A doubled quote inside a string closes and reopens it: the '$' stays inside.
  EXPECT_EQ(RewritePlaceholders("SELECT 'it''s $5', $1"), "SELECT 'it''s $5', ?1");
  EXPECT_EQ(RewritePlaceholders("SELECT \"a'b\", '$1\"', $2"), "SELECT \"a'b\", '$1\"', ?2");
  EXPECT_EQ(RewritePlaceholders(""), "");
}

TEST_F(SqliteDatabaseTest, BindsNumberedPlaceholdersAndLeavesQuotedDollarsAlone) {
  auto rows = ReadValue(*db_, [](Connection& c) {
    return c.Query("SELECT $2, $1, $1 || '$1', 'costs $3'", {Value("a"), Value("b")});
  });
  ASSERT_TRUE(rows.ok()) << rows.error().message;
  EXPECT_EQ(rows->Text(0, 0), "b");
  EXPECT_EQ(rows->Text(0, 1), "a");
  EXPECT_EQ(rows->Text(0, 2), "a$1");
  EXPECT_EQ(rows->Text(0, 3), "costs $3");
}

TEST_F(SqliteDatabaseTest, UniqueViolationIsConflict) {
  MustWrite("CREATE TABLE u (id INTEGER PRIMARY KEY, email TEXT NOT NULL UNIQUE)");
  MustWrite("INSERT INTO u VALUES (1, 'a@example.com')");

  Status by_unique = db_->Write(
      [](Connection& c) { return c.Exec("INSERT INTO u VALUES ($1, $2)", {Value(2), Value("a@example.com")}).status(); });
  ASSERT_FALSE(by_unique.ok());
  EXPECT_EQ(by_unique.error().code, ErrorCode::kConflict) << by_unique.error().message;

  Status by_key = db_->Write(
      [](Connection& c) { return c.Exec("INSERT INTO u VALUES ($1, $2)", {Value(1), Value("b@example.com")}).status(); });
  ASSERT_FALSE(by_key.ok());
  EXPECT_EQ(by_key.error().code, ErrorCode::kConflict) << by_key.error().message;

  Status not_null = db_->Write(
      [](Connection& c) { return c.Exec("INSERT INTO u VALUES ($1, $2)", {Value(3), Value()}).status(); });
  ASSERT_FALSE(not_null.ok());
  EXPECT_EQ(not_null.error().code, ErrorCode::kFailedPrecondition) << not_null.error().message;

  EXPECT_EQ(Count("u"), 1);
}

TEST_F(SqliteDatabaseTest, FailingWriteRollsBackEverythingItDid) {
  MustWrite("CREATE TABLE t (k TEXT PRIMARY KEY)");
  MustWrite("INSERT INTO t VALUES ('before')");

  // Fails on a statement after two good ones.
  Status status = db_->Write([](Connection& c) -> Status {
    RAPPORT_RETURN_IF_ERROR(c.Exec("INSERT INTO t VALUES ('one')"));
    RAPPORT_RETURN_IF_ERROR(c.Exec("DELETE FROM t WHERE k = 'before'"));
    return c.Exec("INSERT INTO t VALUES ('one')").status();
  });
  ASSERT_FALSE(status.ok());
  EXPECT_EQ(status.error().code, ErrorCode::kConflict);

  // Fails by returning an error of its own after writing.
  status = db_->Write([](Connection& c) -> Status {
    RAPPORT_RETURN_IF_ERROR(c.Exec("INSERT INTO t VALUES ('two')"));
    return Status(ErrorCode::kFailedPrecondition, "changed my mind");
  });
  ASSERT_FALSE(status.ok());
  EXPECT_EQ(status.error().code, ErrorCode::kFailedPrecondition);
  EXPECT_EQ(status.error().message, "changed my mind");

  auto keys = ReadValue(*db_, [](Connection& c) { return c.Query("SELECT k FROM t ORDER BY k"); });
  ASSERT_TRUE(keys.ok());
  ASSERT_EQ(keys->rows(), 1u);
  EXPECT_EQ(keys->Text(0, 0), "before");

  // The writer is usable again afterwards.
  MustWrite("INSERT INTO t VALUES ('after')");
  EXPECT_EQ(Count("t"), 2);
}

TEST_F(SqliteDatabaseTest, ReadSeesCommittedDataAndCannotWrite) {
  MustWrite("CREATE TABLE t (k INTEGER)");
  MustWrite("INSERT INTO t VALUES (7)");
  EXPECT_EQ(Count("t"), 1);

  Status status = db_->Read([](Connection& c) { return c.Exec("INSERT INTO t VALUES (8)").status(); });
  ASSERT_FALSE(status.ok());
  EXPECT_NE(status.error().message.find("readonly"), std::string::npos) << status.error().message;
  status = db_->Read([](Connection& c) { return c.ExecScript("DELETE FROM t"); });
  EXPECT_FALSE(status.ok());
  status = db_->Read([](Connection& c) { return c.Exec("CREATE TABLE other (x INTEGER)").status(); });
  EXPECT_FALSE(status.ok());

  // ReadStatement (no explicit transaction) is read-only too.
  status = db_->ReadStatement([](Connection& c) { return c.Exec("INSERT INTO t VALUES (9)").status(); });
  EXPECT_FALSE(status.ok());

  auto rows = ReadStatementValue(*db_, [](Connection& c) { return c.Query("SELECT k FROM t"); });
  ASSERT_TRUE(rows.ok());
  ASSERT_EQ(rows->rows(), 1u);
  EXPECT_EQ(rows->Int(0, 0), 7);
}

TEST_F(SqliteDatabaseTest, ConcurrentWritersLoseNoUpdate) {
  MustWrite("CREATE TABLE counter (id INTEGER PRIMARY KEY, n INTEGER NOT NULL)");
  MustWrite("INSERT INTO counter VALUES (1, 0)");
  constexpr int kThreads = 4;
  constexpr int kWritesEach = 200;
  std::vector<int> failures(kThreads, 0);
  std::vector<std::thread> threads;
  for (int t = 0; t < kThreads; ++t) {
    threads.emplace_back([&, t] {
      for (int i = 0; i < kWritesEach; ++i) {
        // Read, then write what was read plus one: a lost update would show as a smaller total.
        Status status = db_->Write([](Connection& c) -> Status {
          auto rows = c.Query("SELECT n FROM counter WHERE id = 1");
          if (!rows.ok()) return rows.status();
          return c.Exec("UPDATE counter SET n = $1 WHERE id = 1", {Value(rows->Int(0, 0) + 1)}).status();
        });
        if (!status.ok()) ++failures[t];
        // Readers run alongside the writers.
        if (i % 20 == 0) (void)Count("counter");
      }
    });
  }
  for (auto& thread : threads) thread.join();
  for (int t = 0; t < kThreads; ++t) EXPECT_EQ(failures[t], 0) << "thread " << t;

  auto n = ReadValue(*db_, [](Connection& c) -> Result<std::int64_t> {
    auto rows = c.Query("SELECT n FROM counter WHERE id = 1");
    if (!rows.ok()) return std::move(rows).error();
    return rows->Int(0, 0);
  });
  ASSERT_TRUE(n.ok());
  EXPECT_EQ(*n, kThreads * kWritesEach);
}

TEST_F(SqliteDatabaseTest, WrongParameterCountIsInternalNotACrash) {
  auto too_few = ReadValue(*db_, [](Connection& c) { return c.Query("SELECT $1, $2", {Value(1)}); });
  ASSERT_FALSE(too_few.ok());
  EXPECT_EQ(too_few.error().code, ErrorCode::kInternal);
  EXPECT_NE(too_few.error().message.find("2 parameters, 1 given"), std::string::npos) << too_few.error().message;

  auto too_many = ReadValue(*db_, [](Connection& c) { return c.Query("SELECT $1", {Value(1), Value(2)}); });
  ASSERT_FALSE(too_many.ok());
  EXPECT_EQ(too_many.error().code, ErrorCode::kInternal);

  MustWrite("CREATE TABLE t (k INTEGER)");
  Status exec = db_->Write([](Connection& c) { return c.Exec("INSERT INTO t VALUES ($1)").status(); });
  ASSERT_FALSE(exec.ok());
  EXPECT_EQ(exec.error().code, ErrorCode::kInternal);
  EXPECT_EQ(Count("t"), 0);

  // The cached statement still works with the right count.
  auto right = ReadValue(*db_, [](Connection& c) { return c.Query("SELECT $1, $2", {Value(1), Value(2)}); });
  ASSERT_TRUE(right.ok()) << right.error().message;
  EXPECT_EQ(right->Int(0, 1), 2);
}

TEST_F(SqliteDatabaseTest, BadSqlIsInternal) {
  auto rows = ReadValue(*db_, [](Connection& c) { return c.Query("SELEC 1"); });
  ASSERT_FALSE(rows.ok());
  EXPECT_EQ(rows.error().code, ErrorCode::kInternal);
  EXPECT_TRUE(db_->Ping().ok());
}

// Group commit: concurrent writes share transactions, yet each one commits or fails alone.
TEST(SqliteGroupCommitTest, ConcurrentWritesCommitOrFailEachOnTheirOwn) {
  rapport::testing::TestDatabase database(rapport::testing::TestDatabase::Kind::kSqlite);
  auto db = Open(database.url());
  ASSERT_TRUE(db.ok()) << db.error().message;
  ASSERT_TRUE((*db)->Write([](Connection& c) { return c.ExecScript("CREATE TABLE t (n INTEGER PRIMARY KEY)"); }).ok());

  constexpr int kThreads = 16;
  constexpr int kWrites = 50;
  std::atomic<int> wrong{0};
  std::vector<std::thread> threads;
  for (int t = 0; t < kThreads; ++t) {
    threads.emplace_back([&, t] {
      for (int i = 0; i < kWrites; ++i) {
        const std::int64_t n = t * kWrites + i;
        const bool fail = n % 7 == 0;  // these insert, then fail: their row must not stay
        Status s = (*db)->Write([&](Connection& c) -> Status {
          auto inserted = c.Exec("INSERT INTO t (n) VALUES ($1)", {Value(n)});
          if (!inserted.ok()) return std::move(inserted).error();
          if (fail) return Status(ErrorCode::kInvalidArgument, "refused");
          return {};
        });
        if (s.ok() == fail) ++wrong;
      }
    });
  }
  for (std::thread& t : threads) t.join();
  EXPECT_EQ(wrong.load(), 0);

  auto rows = ReadValue(**db, [](Connection& c) { return c.Query("SELECT n FROM t ORDER BY n"); });
  ASSERT_TRUE(rows.ok());
  std::vector<std::int64_t> expected;
  for (std::int64_t n = 0; n < kThreads * kWrites; ++n) {
    if (n % 7 != 0) expected.push_back(n);
  }
  ASSERT_EQ(rows->rows(), expected.size());
  for (std::size_t r = 0; r < rows->rows(); ++r) EXPECT_EQ(rows->Int(r, 0), expected[r]);
}

TEST(SqliteGroupCommitTest, AConflictInOneWriteLeavesTheOthersCommitted) {
  rapport::testing::TestDatabase database(rapport::testing::TestDatabase::Kind::kSqlite);
  auto db = Open(database.url());
  ASSERT_TRUE(db.ok()) << db.error().message;
  ASSERT_TRUE(
      (*db)->Write([](Connection& c) { return c.ExecScript("CREATE TABLE u (k TEXT PRIMARY KEY)"); }).ok());
  std::atomic<int> conflicts{0}, committed{0};
  std::vector<std::thread> threads;
  for (int t = 0; t < 8; ++t) {
    threads.emplace_back([&] {
      for (int i = 0; i < 20; ++i) {
        Status s = (*db)->Write([&](Connection& c) {
          return c.Exec("INSERT INTO u (k) VALUES ($1)", {Value("key-" + std::to_string(i))}).status();
        });
        (s.ok() ? committed : conflicts)++;
        if (!s.ok()) {
          EXPECT_EQ(s.error().code, ErrorCode::kConflict);
        }
      }
    });
  }
  for (std::thread& t : threads) t.join();
  EXPECT_EQ(committed.load(), 20);
  EXPECT_EQ(conflicts.load(), 8 * 20 - 20);
}

}  // namespace
}  // namespace rapport::store::sqlite
