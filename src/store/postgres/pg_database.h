// The server store: a pool of PostgreSQL sessions that connects lazily and re-establishes lost
// sessions by itself, so that requests get kUnavailable (503) while the server is down.
#pragma once

#include <atomic>
#include <cstdint>
#include <memory>
#include <string>
#include <vector>

#include "store/pool.h"
#include "store/postgres/pg_connection.h"
#include "store/store.h"

namespace rapport::store::postgres {

// Thread-safe.
class PgDatabase final : public Database {
 public:
  // Opens a pool on `url` (postgresql://…, the keywords libpq knows) and connects one session at
  // once to fail fast; the others connect on first use. Pool size: options.pool_size, else twice
  // the cores and at least 4. Errors: kInvalidArgument for a URL libpq cannot parse, kUnavailable
  // ("cannot connect to PostgreSQL: …") when the server cannot be reached or refuses us. Blocks for
  // at most the connect timeout (5 s unless the URL sets connect_timeout).
  static Result<std::unique_ptr<Database>> Open(std::string url, const OpenOptions& options);

  Dialect dialect() const override { return Dialect::kPostgres; }
  // REPEATABLE READ READ ONLY, so that all of `work` sees one snapshot. kUnavailable when no
  // session came free within 10 s or none could be (re)connected.
  Status Read(const Work& work) override;
  // READ COMMITTED; reruns `work` after a serialization failure or deadlock. A session lost midway
  // (even during COMMIT, whose outcome is then unknown) is kUnavailable and not rerun.
  Status ReadStatement(const Work& work) override;
  Status Write(const Work& work) override;
  Status Ping() override;
  // One entry, "postgres"; `size` counts the sessions connected now, `errors` failed (re)connects.
  std::vector<PoolStats> Stats() const override;

 private:
  // One place in the pool; `conn` is null until first use and after its session was lost.
  struct Slot {
    std::unique_ptr<PgConnection> conn;
  };

  PgDatabase(std::string url, std::vector<std::unique_ptr<Slot>> slots);

  // Makes `slot` hold a live session, connecting if needed. kUnavailable when that fails.
  Status Connect(Slot& slot);
  void Drop(Slot& slot);
  // Runs `work` between `begin` and COMMIT on the leased `slot`, rolling back on failure.
  // `retryable` (if given) tells whether rerunning the transaction may succeed.
  Status InTransaction(Slot& slot, std::string_view begin, const Work& work, bool* retryable);

  const std::string url_;
  std::unique_ptr<Pool<Slot>> pool_;
  std::atomic<std::int64_t> open_{0};  // sessions connected now
};

}  // namespace rapport::store::postgres
