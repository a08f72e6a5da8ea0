// A server started in-process on a free loopback port over a fresh test database, with the admin
// that tests act as (tests/support/test_admin.h). For gtest fixtures that need the real HTTP stack
// and its internals (the router) at once. Header-only.
#pragma once

#include <memory>
#include <string>
#include <thread>

#include "api/application.h"
#include "store/migrations.h"
#include "tests/support/http_client.h"
#include "tests/support/test_admin.h"
#include "tests/support/test_database.h"

namespace rapport::testing {

class InProcessServer {
 public:
  // Empty when the server runs; otherwise why it does not.
  std::string Start(TestDatabase::Kind kind) {
    database_ = std::make_unique<TestDatabase>(kind);
    auto db = store::Open(database_->url());
    if (!db.ok()) return db.error().message;
    db_ = std::move(*db);
    if (auto migrated = store::Migrate(*db_, store::EmbeddedMigrations(db_->dialect())); !migrated.ok()) {
      return migrated.error().message;
    }
    api::ApplicationOptions options;
    options.server.port = 0;
    options.server.threads = 2;
    options.access_log = false;
    app_ = std::make_unique<api::Application>(*db_, options);
    app_->Listen();
    server_ = std::thread([this] { app_->Run(); });
    auto admin = AddTestAdmin(app_->app().auth);
    if (!admin.ok()) return admin.error().message;
    admin_ = *admin;
    return {};
  }

  ~InProcessServer() {
    if (server_.joinable()) {
      app_->Stop();
      server_.join();
    }
  }

  api::Application& application() { return *app_; }
  const TestAdmin& admin() const { return admin_; }
  // A client that acts as the admin; `as_admin` false: one without credentials.
  std::unique_ptr<HttpClient> Client(bool as_admin = true) {
    return std::make_unique<HttpClient>("127.0.0.1", app_->port(), std::chrono::seconds(10),
                                        as_admin ? AuthHeaders(admin_) : HttpClient::Headers{});
  }

 private:
  std::unique_ptr<TestDatabase> database_;
  std::unique_ptr<store::Database> db_;
  std::unique_ptr<api::Application> app_;
  std::thread server_;
  TestAdmin admin_;
};

}  // namespace rapport::testing
