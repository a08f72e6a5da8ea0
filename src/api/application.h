// The whole server wired together for one database: services, routes, middleware, listener.
// `rapport serve` runs one; API tests run one in-process on a free port.
#pragma once

#include <memory>

#include "api/app.h"
#include "http/dispatcher.h"
#include "http/server.h"

namespace rapport::api {

struct ApplicationOptions {
  http::ServerOptions server;
  int workers = 0;  // threads for database work; 0 chooses by dialect
  bool access_log = true;
};

// Not copyable; Stop() is thread-safe, the rest is called from the owning thread.
class Application {
 public:
  Application(store::Database& db, const ApplicationOptions& options);
  ~Application();

  // Binds the listener; throws std::system_error when it cannot.
  void Listen() { server_->Listen(); }
  std::uint16_t port() const { return server_->port(); }
  // Serves until Stop() has drained, then waits for database work still running.
  void Run();
  void Stop() { server_->Stop(); }
  bool stopping() const { return server_->stopping(); }
  // The services; valid as long as this Application.
  App& app() { return *app_; }
  // Every route, with who may call it (the route-inventory test reads it).
  const http::Router& router() const { return router_; }

 private:
  SystemClock clock_;
  http::Metrics metrics_;
  std::unique_ptr<App> app_;
  http::Router router_;
  std::unique_ptr<http::Dispatcher> dispatcher_;
  std::unique_ptr<http::Server> server_;
};

}  // namespace rapport::api
