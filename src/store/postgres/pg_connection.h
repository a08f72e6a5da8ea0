// One PostgreSQL session over libpq with its prepared-statement cache; the Connection of
// store/store.h. Turns SQLSTATEs into ErrorCodes, once, for the whole project.
#pragma once

#include <libpq-fe.h>

#include <cstdint>
#include <memory>
#include <string>
#include <vector>

#include "common/string_hash.h"
#include "store/store.h"

namespace rapport::store::postgres {

// Not thread-safe: PgDatabase hands it to one thread at a time.
class PgConnection final : public Connection {
 public:
  // Connects to `url` (a postgresql:// URL or a libpq key=value string) with a 5 s connect timeout
  // unless the URL sets its own, and sets the session time zone to UTC. Throws std::runtime_error
  // when the server cannot be reached or refuses us; the message never holds the URL (it may carry
  // a password). Blocks for at most the connect timeout (per host address).
  explicit PgConnection(const std::string& url);
  ~PgConnection() override;
  PgConnection(const PgConnection&) = delete;
  PgConnection& operator=(const PgConnection&) = delete;

  Dialect dialect() const override { return Dialect::kPostgres; }
  // Errors as in store.h; in addition kUnavailable when a stale cached statement had to be dropped
  // inside a transaction (retryable: the next attempt prepares it again), and kInvalidArgument for
  // a text parameter holding a NUL character, which PostgreSQL cannot store.
  Result<ResultSet> Query(std::string_view sql, std::span<const Value> params) override;
  Result<std::int64_t> Exec(std::string_view sql, std::span<const Value> params) override;
  Status ExecScript(std::string_view sql) override;

  // Runs a transaction-control statement (BEGIN …, COMMIT, ROLLBACK) with the simple protocol,
  // bypassing the statement cache. A COMMIT of a transaction that had failed is reported by
  // PostgreSQL as "ROLLBACK"; this turns it into kInternal so that lost work is never called a
  // success. Errors as for Exec.
  Status Control(std::string_view sql);

  // Whether the last failure was a serialization failure or deadlock (40001, 40P01), or a stale
  // statement dropped from the cache: rerunning the whole transaction may succeed.
  bool last_error_retryable() const { return last_error_retryable_; }
  // Whether the session is gone (server shut down, connection lost). A broken connection is never
  // used again: PgDatabase drops it and connects anew on the next lease.
  bool broken() const { return broken_ || PQstatus(conn_) != CONNECTION_OK; }
  // Whether the session can take a new transaction: connected, outside any transaction, and not
  // closed by the server while it sat idle (restart, shutdown). Reads what the server may have sent
  // without a round trip, so a lease need not fail once per stale connection. Does not block.
  bool Alive();
  // Whether no transaction is open (or failed) on the session.
  bool idle() const { return PQtransactionStatus(conn_) == PQTRANS_IDLE; }

 private:
  struct Prepared {
    std::string name;
    int params = 0;
  };
  // A PGresult that clears itself.
  struct ResultDeleter {
    void operator()(PGresult* res) const { PQclear(res); }
  };
  using PgResult = std::unique_ptr<PGresult, ResultDeleter>;

  // Prepares `sql` on first use (and describes it to learn its parameter count), then executes it
  // with `params` in text format. Re-prepares once, outside a transaction, when the cached
  // statement has gone stale.
  Result<PgResult> Run(std::string_view sql, std::span<const Value> params, const char* what);
  Result<const Prepared*> Prepare(std::string_view sql);
  // Forgets every cached statement; those still on the server are deallocated at the next chance.
  void DropCache();
  void DeallocateDropped();
  // Builds the Error for a failed `res` (may be null) and sets last_error_retryable_ and broken_.
  Error Translate(const PGresult* res, std::string_view what);

  PGconn* conn_ = nullptr;
  StringMap<Prepared> statements_;
  std::vector<std::string> dropped_;  // names of server-side statements no longer in the cache
  std::uint64_t next_statement_ = 0;
  bool last_error_retryable_ = false;
  bool broken_ = false;
};

// Whether `sqlstate` means the session is gone: class 08 (connection exception) or 57P01..57P03
// (administrator shutdown, crash shutdown, cannot connect now).
bool IsConnectionLoss(std::string_view sqlstate);

}  // namespace rapport::store::postgres
