#include "store/sqlite/sqlite_database.h"

#include <filesystem>
#include <thread>

namespace rapport::store::sqlite {
namespace {

constexpr std::chrono::milliseconds kAcquireTimeout{10000};
constexpr std::size_t kMaxBatch = 64;  // writes per group commit

Status NoConnection() { return Status(ErrorCode::kUnavailable, "no database connection came free in time"); }

// Runs `work` between `begin` and COMMIT, rolling back when anything fails. `retryable` (if given)
// tells whether the failure was a busy database.
Status InTransaction(SqliteConnection& conn, std::string_view begin, const Work& work, bool* retryable = nullptr) {
  Status status = conn.Exec(begin).status();
  if (status.ok()) {
    status = work(conn);
    if (status.ok()) {
      auto committed = conn.Exec("COMMIT");
      if (committed.ok()) return {};
      status = committed.status();
    }
  }
  if (retryable != nullptr) *retryable = conn.last_error_retryable();
  (void)conn.Exec("ROLLBACK");
  return status;
}

}  // namespace

SqliteDatabase::SqliteDatabase(const std::string& path, const OpenOptions& options) {
  std::filesystem::path file(path);
  if (file.has_parent_path()) std::filesystem::create_directories(file.parent_path());
  std::vector<std::unique_ptr<SqliteConnection>> writer;
  // The writer opens first so that it creates the file and switches it to WAL.
  writer.push_back(std::make_unique<SqliteConnection>(path, options, false));
  // Readers serve both the I/O threads (point reads) and the workers: one each per core.
  int readers = options.pool_size > 0 ? options.pool_size
                                      : 2 * std::max(1, static_cast<int>(std::thread::hardware_concurrency()));
  std::vector<std::unique_ptr<SqliteConnection>> pool;
  for (int i = 0; i < readers; ++i) {
    pool.push_back(std::make_unique<SqliteConnection>(path, options, true));
  }
  writer_ = std::make_unique<Pool<SqliteConnection>>("sqlite_writer", std::move(writer));
  readers_ = std::make_unique<Pool<SqliteConnection>>("sqlite_readers", std::move(pool));
}

Status SqliteDatabase::Read(const Work& work) {
  auto lease = readers_->Acquire(kAcquireTimeout);
  if (!lease) return NoConnection();
  return InTransaction(**lease, "BEGIN", work);
}

Status SqliteDatabase::ReadStatement(const Work& work) {
  auto lease = readers_->Acquire(kAcquireTimeout);
  if (!lease) return NoConnection();
  return work(**lease);
}

Status SqliteDatabase::Write(const Work& work) {
  PendingWrite me{&work, {}, false};
  std::unique_lock lock(queue_mu_);
  queue_.push_back(&me);
  while (!me.done) {
    if (leading_) {
      queue_cv_.wait(lock);
      continue;
    }
    // Lead: take what is queued (this write among it), run it, wake the writers it carried.
    leading_ = true;
    const std::size_t n = std::min(queue_.size(), kMaxBatch);
    std::vector<PendingWrite*> batch(queue_.begin(), queue_.begin() + static_cast<std::ptrdiff_t>(n));
    queue_.erase(queue_.begin(), queue_.begin() + static_cast<std::ptrdiff_t>(n));
    lock.unlock();
    RunBatch(batch);
    lock.lock();
    for (PendingWrite* p : batch) p->done = true;
    leading_ = false;
    queue_cv_.notify_all();
  }
  return std::move(me.status);
}

void SqliteDatabase::RunBatch(std::span<PendingWrite* const> batch) {
  if (batch.size() == 1) {
    batch[0]->status = WriteOne(*batch[0]->work);
    return;
  }
  auto lease = writer_->Acquire(kAcquireTimeout);
  if (!lease) {
    for (PendingWrite* p : batch) p->status = NoConnection();
    return;
  }
  SqliteConnection& conn = **lease;
  // No savepoint per write: FTS5 writes its pending index data out as a new segment at every
  // savepoint, which made a savepoint cost more than the insert it guarded (and the segments then
  // had to be merged). A write that fails spoils the batch instead: it is rolled back and every
  // write of it runs again in a transaction of its own, where the failing one fails alone.
  bool committed = conn.Exec("BEGIN IMMEDIATE").ok();
  for (std::size_t i = 0; committed && i < batch.size(); ++i) committed = (*batch[i]->work)(conn).ok();
  if (committed) committed = conn.Exec("COMMIT").ok();
  if (!committed) {
    (void)conn.Exec("ROLLBACK");
    lease.reset();
    for (PendingWrite* p : batch) p->status = WriteOne(*p->work);
    return;
  }
  for (PendingWrite* p : batch) p->status = Status();
}

Status SqliteDatabase::WriteOne(const Work& work) {
  auto lease = writer_->Acquire(kAcquireTimeout);
  if (!lease) return NoConnection();
  SqliteConnection& conn = **lease;
  // IMMEDIATE takes the write lock up front, so a busy database fails before any work is done.
  bool retryable = false;
  return RetryTransaction([&] { return InTransaction(conn, "BEGIN IMMEDIATE", work, &retryable); },
                          [&] { return retryable; }, [&] { writer_->CountRetry(); });
}

Status SqliteDatabase::Ping() {
  return Read([](Connection& c) { return c.Query("SELECT 1").status(); });
}

std::vector<PoolStats> SqliteDatabase::Stats() const { return {writer_->Stats(), readers_->Stats()}; }

}  // namespace rapport::store::sqlite
