// The embedded store: one SQLite file in WAL mode with one writer connection and a pool of readers.
// Thread-safe.
#pragma once

#include <memory>
#include <string>

#include "store/pool.h"
#include "store/sqlite/sqlite_connection.h"
#include "store/store.h"

namespace rapport::store::sqlite {

class SqliteDatabase final : public Database {
 public:
  // Opens (creating) the file at `path` and its folder. Throws std::runtime_error when it cannot.
  SqliteDatabase(const std::string& path, const OpenOptions& options);

  Dialect dialect() const override { return Dialect::kSqlite; }
  Status Read(const Work& work) override;
  Status ReadStatement(const Work& work) override;
  Status Write(const Work& work) override;
  Status Ping() override;
  std::vector<PoolStats> Stats() const override;

 private:
  std::unique_ptr<Pool<SqliteConnection>> writer_;
  std::unique_ptr<Pool<SqliteConnection>> readers_;
};

}  // namespace rapport::store::sqlite
