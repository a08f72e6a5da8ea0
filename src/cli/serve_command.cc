#include <atomic>
#include <chrono>
#include <condition_variable>
#include <csignal>
#include <iostream>
#include <mutex>
#include <pthread.h>
#include <thread>

#include <fmt/format.h>

#include "api/application.h"
#include "cli/commands.h"
#include "cli/database.h"
#include "common/logging.h"
#include "common/version.h"

namespace rapport::cli {
namespace {

// How often a node looks for metadata changed by another node (MetaService::Refresh): a custom
// field added elsewhere is served here at most this much later.
constexpr std::chrono::seconds kMetaRefreshInterval{2};

struct ServeSettings {
  api::ApplicationOptions app;
  std::string admin_email = "admin@rapport.local";
  std::string admin_password;
  int pool_size = 0;
  bool synchronous_full = false;
};

int Serve(const CommonSettings& common, const ServeSettings& settings) {
  // Block the stop signals in every thread; one thread waits for them and drains the server.
  sigset_t signals;
  sigemptyset(&signals);
  sigaddset(&signals, SIGINT);
  sigaddset(&signals, SIGTERM);
  pthread_sigmask(SIG_BLOCK, &signals, nullptr);

  logging::Init(common.log_level);
  auto db = OpenAndMigrate(common, store::OpenOptions{settings.pool_size, settings.synchronous_full});
  if (!db) return 1;
  api::Application application(*db, settings.app);
  // On a database where nobody can sign in yet, the first admin. A generated password is printed
  // once, on standard output, where `make run` shows it; it is stored only as a hash.
  auto first_admin = application.app().auth.EnsureFirstAdmin(settings.admin_email, settings.admin_password);
  if (!first_admin.ok()) {
    std::cerr << "rapport: cannot create the first admin " << settings.admin_email << ": " << first_admin.error().message
              << "\n";
    return 1;
  }
  if (*first_admin && (*first_admin)->generated_password) {
    std::cout << fmt::format("\n  First admin: {}\n  Password:    {}   (shown once; change it after signing in)\n\n",
                             (*first_admin)->email, *(*first_admin)->generated_password)
              << std::flush;
  } else if (*first_admin) {
    logging::Info("first admin created", {{"email", (*first_admin)->email}});
  }
  const http::ServerOptions& server = settings.app.server;
  try {
    application.Listen();
  } catch (const std::exception& e) {
    std::cerr << "rapport: cannot listen on " << server.host << ":" << server.port << ": " << e.what() << "\n";
    return 1;
  }
  logging::Info("listening", {{"url", fmt::format("http://{}:{}", server.host, application.port())},
                              {"version", kVersion},
                              {"database", db->dialect() == store::Dialect::kSqlite ? "sqlite" : "postgresql"}});

  std::atomic<bool> done{false};
  std::thread waiter([&] {
    int sig = 0;
    sigwait(&signals, &sig);
    if (done) return;  // woken by ourselves after Run returned
    logging::Info("stopping", {{"signal", sig == SIGTERM ? "SIGTERM" : "SIGINT"}});
    application.Stop();
  });
  // Reloads the registry when another node changed the metadata. A small thread rather than a
  // timer on the I/O threads: Refresh blocks on the database.
  std::mutex refresh_mu;
  std::condition_variable refresh_cv;
  bool refresh_stop = false;
  std::thread refresher([&] {
    std::unique_lock lock(refresh_mu);
    while (!refresh_cv.wait_for(lock, kMetaRefreshInterval, [&] { return refresh_stop; })) {
      lock.unlock();
      auto refreshed = application.app().meta.Refresh();
      if (!refreshed.ok()) logging::Warn("metadata refresh failed", {{"error", refreshed.error().message}});
      lock.lock();
    }
  });
  application.Run();
  {
    std::lock_guard lock(refresh_mu);
    refresh_stop = true;
  }
  refresh_cv.notify_one();
  refresher.join();
  done = true;
  pthread_kill(waiter.native_handle(), SIGTERM);  // releases the waiter if no signal came
  waiter.join();
  logging::Info("stopped");
  return 0;
}

}  // namespace

Run AddServeCommand(CLI::App& app, CommonSettings& common) {
  auto settings = std::make_shared<ServeSettings>();
  CLI::App* command = app.add_subcommand("serve", "Serve the web app and the REST API");
  AddCommonOptions(*command, common);
  auto& s = settings->app.server;
  command->add_option("--host", s.host, "address to listen on")->capture_default_str();
  command->add_option("--port", s.port, "port to listen on (0 picks a free one)")->capture_default_str();
  command->add_option("--threads", s.threads, "I/O threads (0: one per core)")->capture_default_str();
  command->add_option("--workers", settings->app.workers, "threads for database work (0: by database)")
      ->capture_default_str();
  command->add_option("--pool-size", settings->pool_size, "database connections (0: by cores)")
      ->capture_default_str();
  command->add_option("--body-limit", s.body_limit, "largest request body in bytes")->capture_default_str();
  command
      ->add_option_function<std::int64_t>(
          "--read-timeout", [server = &s](std::int64_t ms) { server->read_timeout = std::chrono::milliseconds(ms); },
          "milliseconds to read one request once it has begun; slower clients are cut off (default 30000)")
      ->check(CLI::Range(std::int64_t{100}, std::int64_t{3'600'000}));
  command->add_flag("--synchronous-full", settings->synchronous_full,
                    "SQLite: fsync every commit (synchronous=FULL) instead of at checkpoints");
  command->add_option("--access-log", settings->app.access_log, "log every request (true or false)")
      ->capture_default_str();
  command->add_option("--admin-email", settings->admin_email,
                      "the first admin, created when nobody can sign in yet (env RAPPORT_ADMIN_EMAIL)")
      ->capture_default_str();
  command->add_option("--admin-password", settings->admin_password,
                      "the first admin's password (env RAPPORT_ADMIN_PASSWORD); generated and printed once when absent");
  return [&common, settings] { return Serve(common, *settings); };
}

}  // namespace rapport::cli
