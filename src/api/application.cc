#include "api/application.h"

#include <fmt/format.h>

#include <thread>

#include "api/auth_middleware.h"
#include "api/routes.h"
#include "domain/builtin_hooks.h"
#include "domain/meta/meta_service.h"
#include "domain/sales/deal_sums.h"
#include "domain/sales/sales_service.h"
#include "http/middleware/access_log.h"
#include "http/middleware/request_id.h"

namespace rapport::api {
namespace {

std::string PoolMetrics(store::Database& db) {
  std::string out =
      "# TYPE rapport_db_pool_connections gauge\n# TYPE rapport_db_pool_in_use gauge\n"
      "# TYPE rapport_db_pool_acquired_total counter\n# TYPE rapport_db_pool_waited_total counter\n"
      "# TYPE rapport_db_pool_errors_total counter\n# TYPE rapport_db_transaction_retries_total counter\n";
  for (const store::PoolStats& s : db.Stats()) {
    out += fmt::format(
        "rapport_db_pool_connections{{pool=\"{0}\"}} {1}\nrapport_db_pool_in_use{{pool=\"{0}\"}} {2}\n"
        "rapport_db_pool_acquired_total{{pool=\"{0}\"}} {3}\nrapport_db_pool_waited_total{{pool=\"{0}\"}} {4}\n"
        "rapport_db_pool_errors_total{{pool=\"{0}\"}} {5}\nrapport_db_transaction_retries_total{{pool=\"{0}\"}} {6}\n",
        s.pool, s.size, s.in_use, s.acquired, s.waited, s.errors, s.retries);
  }
  return out;
}

// The metadata the server starts with (built-in and custom), its tables brought up to date.
// Throws (a startup failure) when that fails.
std::shared_ptr<const meta::Registry> LoadRegistry(store::Database& db) {
  auto registry = domain::MetaService::Load(db);
  if (!registry.ok()) throw std::runtime_error(registry.error().message);
  return std::move(*registry);
}

}  // namespace

Application::Application(store::Database& db, const ApplicationOptions& options) {
  int workers = options.workers;
  if (workers <= 0) {
    // PostgreSQL calls mostly wait on the network. SQLite reads use the CPU, but writes wait for the
    // one writer, and only writes that wait together can share a group commit (SqliteDatabase::Write):
    // with one worker per core creates ran at 1,300/s, with 16 workers at 1,800/s (2 cores).
    int cores = static_cast<int>(std::max(1u, std::thread::hardware_concurrency()));
    workers = db.dialect() == store::Dialect::kSqlite ? std::max(8, 4 * cores) : std::max(4, 2 * cores);
  }
  metrics_.AddCollector([&db] { return PoolMetrics(db); });
  app_ = std::make_unique<App>(db, clock_, metrics_, workers, LoadRegistry(db), domain::BuiltinHooks());
  // A CRM starts with one pipeline, so that deals can be made at once (renamed or replaced later).
  if (Status seeded = domain::EnsureDefaultPipeline(app_->records); !seeded.ok()) {
    throw std::runtime_error("cannot create the default pipeline: " + seeded.error().message);
  }
  // The forecast's sums are counted once for a database that has deals but no sums yet.
  if (Status counted = domain::EnsureDealSums(db); !counted.ok()) {
    throw std::runtime_error("cannot count the forecast's sums: " + counted.error().message);
  }
  AddRoutes(router_, *app_);
  std::vector<std::unique_ptr<http::Middleware>> chain;
  chain.push_back(std::make_unique<http::RequestIdMiddleware>());
  if (options.access_log) chain.push_back(std::make_unique<http::AccessLogMiddleware>());
  chain.push_back(std::make_unique<AuthMiddleware>(*app_));
  dispatcher_ = std::make_unique<http::Dispatcher>(router_, std::move(chain), metrics_);
  server_ = std::make_unique<http::Server>(options.server, *dispatcher_);
}

Application::~Application() {
  if (app_) app_->blocking.join();
}

void Application::Run() {
  server_->Run();
  app_->blocking.join();
}

}  // namespace rapport::api
