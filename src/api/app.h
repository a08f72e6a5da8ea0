// What the handlers share: the database, the worker pool that runs blocking work, the services,
// and the metrics. Built once by `rapport serve` (or a test) and outlives the server.
#pragma once

#include <boost/asio/thread_pool.hpp>

#include "common/clock.h"
#include "common/rate_limiter.h"
#include "domain/auth/auth_service.h"
#include "domain/meta/meta_service.h"
#include "domain/record/record_hooks.h"
#include "domain/record/record_service.h"
#include "http/metrics.h"
#include "meta/registry_holder.h"
#include "http/offload.h"
#include "store/store.h"

namespace rapport::api {

struct App {
  App(store::Database& database, const Clock& clock, http::Metrics& metrics, int workers,
      std::shared_ptr<const meta::Registry> initial_registry, domain::HookRegistry record_hooks)
      : db(database),
        clock(clock),
        blocking(static_cast<std::size_t>(workers)),
        metrics(metrics),
        registry(std::move(initial_registry)),
        hooks(std::move(record_hooks)),
        records(database, registry, clock, hooks),
        meta(database, registry, clock),
        auth(database, records, clock) {}

  // Runs `fn`, a read whose cost does not grow with the data (a primary-key lookup). On SQLite it
  // runs right here on the I/O thread: a WAL reader never waits for the writer and such a lookup
  // takes a few microseconds, less than the two thread hand-offs of Offload (measured: 0.75 against
  // 0.40 of /healthz's throughput). Everything else, and every PostgreSQL call, goes through Offload.
  template <typename F>
  boost::asio::awaitable<std::invoke_result_t<F&>> PointRead(F fn) {
    if (db.dialect() == store::Dialect::kSqlite) co_return fn();
    co_return co_await http::Offload(blocking, std::move(fn));
  }

  store::Database& db;
  const Clock& clock;
  boost::asio::thread_pool blocking;  // database work runs here, never on I/O threads
  http::Metrics& metrics;
  meta::RegistryHolder registry;  // the current metadata; swapped when a custom field or object is added
  const domain::HookRegistry hooks;
  domain::RecordService records;
  domain::MetaService meta;  // custom fields and objects; swaps `registry`
  domain::AuthService auth;  // sign-in, sessions, API keys
  RateLimiter form_posts;    // posts to public web forms, per form and address (this node's count)
};

}  // namespace rapport::api
