#include "store/postgres/pg_database.h"

#include <fmt/format.h>

#include <algorithm>
#include <exception>
#include <thread>

namespace rapport::store::postgres {
namespace {

constexpr std::chrono::milliseconds kAcquireTimeout{10000};

Status NoConnection() { return Status(ErrorCode::kUnavailable, "no database connection came free in time"); }

}  // namespace

Result<std::unique_ptr<Database>> PgDatabase::Open(std::string url, const OpenOptions& options) {
  if (PQisthreadsafe() == 0) return Error{ErrorCode::kInternal, "libpq was built without thread safety", {}};
  char* parse_error = nullptr;
  PQconninfoOption* parsed = PQconninfoParse(url.c_str(), &parse_error);
  if (parsed == nullptr) {
    std::string message = parse_error != nullptr ? parse_error : "out of memory";
    PQfreemem(parse_error);
    while (!message.empty() && (message.back() == '\n' || message.back() == ' ')) message.pop_back();
    return Error{ErrorCode::kInvalidArgument, fmt::format("invalid PostgreSQL URL: {}", message), {}};
  }
  PQconninfoFree(parsed);

  int size = options.pool_size > 0 ? options.pool_size
                                   : std::max(4, 2 * static_cast<int>(std::thread::hardware_concurrency()));
  std::vector<std::unique_ptr<Slot>> slots;
  for (int i = 0; i < size; ++i) slots.push_back(std::make_unique<Slot>());
  try {
    slots.front()->conn = std::make_unique<PgConnection>(url);
  } catch (const std::exception& e) {
    return Error{ErrorCode::kUnavailable, fmt::format("cannot connect to PostgreSQL: {}", e.what()), {}};
  }
  return std::unique_ptr<Database>(new PgDatabase(std::move(url), std::move(slots)));
}

PgDatabase::PgDatabase(std::string url, std::vector<std::unique_ptr<Slot>> slots)
    : url_(std::move(url)), pool_(std::make_unique<Pool<Slot>>("postgres", std::move(slots))), open_(1) {}

Status PgDatabase::Connect(Slot& slot) {
  if (slot.conn != nullptr && slot.conn->Alive()) return {};
  Drop(slot);
  try {
    slot.conn = std::make_unique<PgConnection>(url_);
  } catch (const std::exception& e) {
    pool_->CountError();
    return Status(ErrorCode::kUnavailable, fmt::format("PostgreSQL is unreachable: {}", e.what()));
  }
  ++open_;
  return {};
}

void PgDatabase::Drop(Slot& slot) {
  if (slot.conn == nullptr) return;
  slot.conn.reset();
  --open_;
}

Status PgDatabase::InTransaction(Slot& slot, std::string_view begin, const Work& work, bool* retryable) {
  if (retryable != nullptr) *retryable = false;
  RAPPORT_RETURN_IF_ERROR(Connect(slot));
  Status status = slot.conn->Control(begin);
  if (!status.ok() && slot.conn->broken()) {
    // The server closed the session after Connect looked at it; nothing ran yet, so connect anew.
    Drop(slot);
    RAPPORT_RETURN_IF_ERROR(Connect(slot));
    status = slot.conn->Control(begin);
  }
  PgConnection& conn = *slot.conn;
  if (status.ok()) {
    try {
      status = work(conn);
    } catch (...) {
      // A bug; do not hand the next lease a session inside this half-done transaction.
      Drop(slot);
      throw;
    }
    if (status.ok()) {
      status = conn.Control("COMMIT");
      if (status.ok()) return {};
    }
  }
  if (retryable != nullptr) {
    *retryable = !status.ok() && status.error().code == ErrorCode::kUnavailable && conn.last_error_retryable();
  }
  if (!conn.broken() && !conn.idle()) (void)conn.Control("ROLLBACK");
  // A lost session, or one that will not leave its transaction, is never reused.
  if (conn.broken() || !conn.idle()) Drop(slot);
  return status;
}

Status PgDatabase::Read(const Work& work) {
  auto lease = pool_->Acquire(kAcquireTimeout);
  if (!lease) return NoConnection();
  return InTransaction(**lease, "BEGIN ISOLATION LEVEL REPEATABLE READ READ ONLY", work, nullptr);
}

Status PgDatabase::ReadStatement(const Work& work) {
  auto lease = pool_->Acquire(kAcquireTimeout);
  if (!lease) return NoConnection();
  Slot& slot = **lease;
  for (int attempt = 1;; ++attempt) {
    RAPPORT_RETURN_IF_ERROR(Connect(slot));
    Status status;
    try {
      status = work(*slot.conn);
    } catch (...) {
      Drop(slot);
      throw;
    }
    bool broken = slot.conn->broken() || !slot.conn->idle();
    if (broken) Drop(slot);
    // A session the server had closed before we used it: a read may simply run again, once.
    if (status.ok() || !broken || attempt == 2) return status;
  }
}

Status PgDatabase::Write(const Work& work) {
  auto lease = pool_->Acquire(kAcquireTimeout);
  if (!lease) return NoConnection();
  Slot& slot = **lease;
  bool retryable = false;
  return RetryTransaction([&] { return InTransaction(slot, "BEGIN", work, &retryable); },
                          [&] { return retryable; }, [&] { pool_->CountRetry(); });
}

Status PgDatabase::Ping() {
  return Read([](Connection& c) { return c.Query("SELECT 1").status(); });
}

std::vector<PoolStats> PgDatabase::Stats() const {
  PoolStats stats = pool_->Stats();
  stats.size = open_.load();
  return {stats};
}

}  // namespace rapport::store::postgres
