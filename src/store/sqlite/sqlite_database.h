// The embedded store: one SQLite file in WAL mode with one writer connection and a pool of readers.
// Thread-safe.
#pragma once

#include <condition_variable>
#include <deque>
#include <mutex>
#include <span>

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
  // Group commit: writes that arrive while another is running queue up, and the next one to get
  // the writer runs all of them in one transaction. One commit then writes the pages they share
  // once: with many small concurrent writes (API creates) this multiplies throughput. A batch in
  // which a write fails (or whose BEGIN or COMMIT fails) is rolled back and run again one write per
  // transaction, with the usual retries, so each write commits or fails on its own; a Work may
  // therefore run more than once and must not keep effects outside its transaction.
  Status Write(const Work& work) override;
  Status Ping() override;
  std::vector<PoolStats> Stats() const override;

 private:
  struct PendingWrite {
    const Work* work;
    Status status;
    bool done = false;
  };
  void RunBatch(std::span<PendingWrite* const> batch);
  Status WriteOne(const Work& work);

  std::mutex queue_mu_;
  std::condition_variable queue_cv_;
  std::deque<PendingWrite*> queue_;  // guarded by queue_mu_
  bool leading_ = false;             // guarded by queue_mu_: a batch is running
  std::unique_ptr<Pool<SqliteConnection>> writer_;
  std::unique_ptr<Pool<SqliteConnection>> readers_;
};

}  // namespace rapport::store::sqlite
