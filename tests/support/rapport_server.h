// Helpers for system tests that drive the real `rapport` binary: a temp folder, the tail of a log
// file for failure messages, and a `rapport serve` child process on a free port. Header-only, so
// that it needs no change to the test support library.
#pragma once

#include <stdlib.h>

#include <boost/json.hpp>

#include <chrono>
#include <cstdint>
#include <filesystem>
#include <fstream>
#include <memory>
#include <optional>
#include <sstream>
#include <stdexcept>
#include <string>
#include <system_error>
#include <thread>

#include "tests/support/http_client.h"
#include "tests/support/process.h"

namespace rapport::testing {

// A fresh folder under the temp directory, removed with everything in it when the object goes away.
class TempDir {
 public:
  explicit TempDir(const std::string& prefix = "rapport-system-") {
    std::string pattern = (std::filesystem::temp_directory_path() / (prefix + "XXXXXX")).string();
    if (mkdtemp(pattern.data()) == nullptr) throw std::runtime_error("mkdtemp failed for " + pattern);
    path_ = pattern;
  }
  ~TempDir() {
    std::error_code ec;
    std::filesystem::remove_all(path_, ec);  // leaving it behind must not fail the test
  }
  TempDir(const TempDir&) = delete;
  TempDir& operator=(const TempDir&) = delete;

  const std::string& path() const { return path_; }
  std::string File(const std::string& name) const { return path_ + "/" + name; }

 private:
  std::string path_;
};

// The last `max_bytes` of a file (a log), for assertion messages.
inline std::string TailOfFile(const std::string& path, std::size_t max_bytes = 4000) {
  std::ifstream in(path, std::ios::binary);
  if (!in) return "(no file " + path + ")";
  std::stringstream ss;
  ss << in.rdbuf();
  std::string text = ss.str();
  if (text.size() > max_bytes) text = "..." + text.substr(text.size() - max_bytes);
  return text;
}

inline bool FileContains(const std::string& path, const std::string& needle) {
  std::ifstream in(path, std::ios::binary);
  std::stringstream ss;
  ss << in.rdbuf();
  return ss.str().find(needle) != std::string::npos;
}

// `rapport serve` on 127.0.0.1 and a free port, with its output appended to `log_file`. Start()
// returns once GET /healthz answers 200; it retries on another port when the one it picked was
// taken in the meantime. The destructor SIGKILLs the process if it still runs.
class RapportServer {
 public:
  // `extra`: further `rapport serve` options (e.g. {"--read-timeout", "1000"}).
  RapportServer(std::string binary, std::string database_url, std::string log_file,
                std::vector<std::string> extra = {})
      : binary_(std::move(binary)), database_url_(std::move(database_url)), log_file_(std::move(log_file)),
        extra_(std::move(extra)) {}

  // False when the server did not come up within `timeout`; LogTail() says why.
  bool Start(std::chrono::milliseconds timeout = std::chrono::seconds(60)) {
    auto deadline = std::chrono::steady_clock::now() + timeout;
    for (int attempt = 0; attempt < 5 && std::chrono::steady_clock::now() < deadline; ++attempt) {
      port_ = FreePort();
      exit_status_.reset();
      std::vector<std::string> args{binary_, "serve", "--host", "127.0.0.1", "--port", std::to_string(port_),
                                    "--database", database_url_, "--access-log", "false", "--admin-email", kAdminEmail,
                                    "--admin-password", kAdminPassword};
      args.insert(args.end(), extra_.begin(), extra_.end());
      process_ = std::make_unique<Process>(std::move(args), std::vector<std::string>{}, log_file_);
      // Poll until it answers, or until it has exited (a bad port or database).
      while (std::chrono::steady_clock::now() < deadline) {
        HttpClient client("127.0.0.1", port_, std::chrono::milliseconds(1000));
        if (client.Send("GET", "/healthz").status == 200) return true;
        if (Wait(std::chrono::milliseconds(50)).has_value()) break;
      }
      if (!FileContains(log_file_, "cannot listen")) return false;  // not a port race: give up
    }
    return false;
  }

  std::uint16_t port() const { return port_; }

  // The first admin every server is started with (rapport serve --admin-email/--admin-password).
  static constexpr const char* kAdminEmail = "admin@test.example";
  static constexpr const char* kAdminPassword = "correct horse battery";

  // Signs in as that admin over HTTP and returns what makes a request theirs: the session cookie
  // and its CSRF token (for HttpClient's default headers). Empty when the sign-in fails.
  HttpClient::Headers SignIn() {
    HttpClient client("127.0.0.1", port_);
    HttpResponse res = client.Send("POST", "/api/v1/auth/login",
                                   std::string(R"({"email": ")") + kAdminEmail + R"(", "password": ")" +
                                       kAdminPassword + R"("})");
    if (res.status != 200) return {};
    std::string cookie = res.Header("set-cookie");
    cookie = cookie.substr(0, cookie.find(';'));
    boost::system::error_code ec;
    boost::json::value body = boost::json::parse(res.body, ec);
    if (ec || !body.is_object() || !body.as_object().contains("csrf_token")) return {};
    return {{"Cookie", cookie}, {"X-CSRF-Token", std::string(body.at("csrf_token").as_string())}};
  }
  pid_t pid() const { return process_ != nullptr ? process_->pid() : -1; }
  void Signal(int sig) {
    if (process_ != nullptr && !exit_status_) process_->Signal(sig);
  }
  // The exit status (128 + signal when killed), or nullopt while it still runs at the deadline. Unlike
  // Process::Wait, it can be asked again after the process has been reaped.
  std::optional<int> Wait(std::chrono::milliseconds timeout) {
    if (!exit_status_ && process_ != nullptr) exit_status_ = process_->Wait(timeout);
    return exit_status_;
  }
  bool running() { return process_ != nullptr && !Wait(std::chrono::milliseconds(0)).has_value(); }
  const std::string& log_file() const { return log_file_; }
  std::string LogTail(std::size_t max_bytes = 4000) const {
    return "\n--- tail of " + log_file_ + " ---\n" + TailOfFile(log_file_, max_bytes);
  }

 private:
  std::string binary_;
  std::string database_url_;
  std::string log_file_;
  std::vector<std::string> extra_;
  std::uint16_t port_ = 0;
  std::unique_ptr<Process> process_;
  std::optional<int> exit_status_;
};

}  // namespace rapport::testing
