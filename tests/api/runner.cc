// Runs one data-driven API script (tests/api/<area>/*.test) against a real server started
// in-process on a free loopback port with a fresh database (SQLite, or PostgreSQL with --pg).
//
// Script format (STYLE.md section 6):
//   request METHOD TARGET          ${name} anywhere in a request is replaced by a saved value
//   Header-Name: value             optional request headers, then the body (may be several lines;
//   {"json": "body"}                <BYTES:N> sends N bytes of 'x')
//   ----
//   STATUS
//   Header-Name: value             optional expected headers (exact, or <REGEX>:pattern)
//   {"expected": "<ANY>"}          optional expected body (${name} substituted first): a JSON subset (objects may have more
//                                  members; arrays match element by element), where a string
//                                  "<ANY>" matches any value, "<REGEX>:p" searches p in the value,
//                                  "<SAVE:name>" saves the value; or lines of <REGEX>:p, each
//                                  searched in the raw text
// Blocks are separated by blank lines; lines starting with '#' outside bodies are comments.
//
// Every request is sent as the admin (Authorization: Bearer ${admin_key}, a key of user
// ${admin_id}, admin@test.example with password ${admin_password}) unless it names its own
// Authorization header; "Authorization: none" sends none. Cookies the server sets are kept and
// sent back, as a browser would (cookie sessions: send "Authorization: none").
// RAPPORT_TEST_VERBOSE=1 prints each request as it is sent.
#include <boost/json.hpp>

#include <fmt/format.h>

#include <fstream>
#include <iostream>
#include <map>
#include <regex>
#include <sstream>
#include <thread>

#include "api/application.h"
#include "store/migrations.h"
#include "tests/support/http_client.h"
#include "tests/support/test_admin.h"
#include "tests/support/test_database.h"

namespace {

using rapport::testing::HttpClient;
using rapport::testing::HttpResponse;
namespace bj = boost::json;

struct Step {
  int line = 0;
  std::string method;
  std::string target;
  std::vector<std::pair<std::string, std::string>> headers;
  std::string body;
  int status = 0;
  std::vector<std::pair<std::string, std::string>> expect_headers;
  std::string expect_body;
};

bool IsHeaderLine(const std::string& line) {
  static const std::regex kHeader("^[A-Za-z][A-Za-z0-9-]*: .*$");
  return std::regex_match(line, kHeader);
}

std::string Trimmed(const std::string& s) {
  auto b = s.find_first_not_of(" \t\r");
  if (b == std::string::npos) return "";
  return s.substr(b, s.find_last_not_of(" \t\r") - b + 1);
}

std::vector<Step> ParseScript(std::istream& in) {
  std::vector<Step> steps;
  std::string line;
  int number = 0;
  enum { kNone, kRequest, kExpect } state = kNone;
  bool body_started = false;
  auto finish_body = [](std::string& body) {
    while (!body.empty() && body.back() == '\n') body.pop_back();
  };
  while (std::getline(in, line)) {
    ++number;
    if (line.starts_with("request ")) {
      if (!steps.empty()) finish_body(steps.back().expect_body);
      std::istringstream words(line.substr(8));
      Step step;
      step.line = number;
      words >> step.method >> step.target;
      steps.push_back(step);
      state = kRequest;
      body_started = false;
      continue;
    }
    if (state == kNone) continue;
    Step& step = steps.back();
    if (state == kRequest) {
      if (line == "----") {
        finish_body(step.body);
        state = kExpect;
        body_started = false;
      } else if (!body_started && IsHeaderLine(line)) {
        auto colon = line.find(':');
        step.headers.emplace_back(line.substr(0, colon), Trimmed(line.substr(colon + 1)));
      } else {
        body_started = true;
        step.body += line + "\n";
      }
      continue;
    }
    // Expectations: status, headers, body until a blank line.
    if (step.status == 0) {
      if (Trimmed(line).empty()) continue;
      step.status = std::stoi(Trimmed(line));
    } else if (Trimmed(line).empty()) {
      if (!step.expect_body.empty()) state = kNone;
    } else if (step.expect_body.empty() && IsHeaderLine(line)) {
      auto colon = line.find(':');
      step.expect_headers.emplace_back(line.substr(0, colon), Trimmed(line.substr(colon + 1)));
    } else if (!(step.expect_body.empty() && line.starts_with("#"))) {
      step.expect_body += line + "\n";
    }
  }
  if (!steps.empty()) finish_body(steps.back().expect_body);
  return steps;
}

class Runner {
 public:
  explicit Runner(HttpClient& client) : client_(client) {}

  void Save(const std::string& name, const std::string& value) { saved_[name] = value; }

  // Returns the failures of one step (empty when it passed).
  std::vector<std::string> Run(const Step& step) {
    std::string body = Substitute(step.body);
    static const std::regex kBytes("^<BYTES:([0-9]+)>$");
    std::smatch m;
    if (std::regex_match(body, m, kBytes)) body = std::string(std::stoul(m[1]), 'x');
    std::vector<std::pair<std::string, std::string>> headers;
    bool own_authorization = false, own_cookie = false;
    for (const auto& [k, v] : step.headers) {
      own_authorization |= ToLower(k) == "authorization";
      own_cookie |= ToLower(k) == "cookie";
      if (ToLower(k) == "authorization" && v == "none") continue;
      headers.emplace_back(k, Substitute(v));
    }
    if (!own_authorization) headers.emplace_back("Authorization", "Bearer " + saved_["admin_key"]);
    if (!own_cookie && !cookies_.empty()) {
      std::string jar;
      for (const auto& [name, value] : cookies_) jar += (jar.empty() ? "" : "; ") + name + "=" + value;
      headers.emplace_back("Cookie", jar);
    }
    if (std::getenv("RAPPORT_TEST_VERBOSE")) std::cerr << step.method << " " << Substitute(step.target) << "\n";
    HttpResponse res = client_.Send(step.method, Substitute(step.target), body, headers);
    KeepCookie(res.Header("set-cookie"));
    std::vector<std::string> failures;
    if (res.status != step.status) {
      failures.push_back(fmt::format("status: expected {}, got {} {}\n  body: {}", step.status, res.status,
                                     res.error, res.body.substr(0, 2000)));
      return failures;
    }
    for (const auto& [name, expected] : step.expect_headers) {
      std::string actual = res.Header(name);
      if (!MatchText(expected, actual, res.headers.count(ToLower(name)) > 0)) {
        failures.push_back(fmt::format("header {}: expected '{}', got '{}'", name, expected, actual));
      }
    }
    if (!step.expect_body.empty()) {
      if (step.expect_body.starts_with("<REGEX>:")) {
        // One pattern per line, each searched on its own (libstdc++'s regex recurses per character,
        // so one pattern spanning a long body with [\s\S]* would overflow the stack).
        std::istringstream lines(step.expect_body);
        for (std::string line; std::getline(lines, line);) {
          if (!line.starts_with("<REGEX>:") || !std::regex_search(res.body, std::regex(Substitute(line.substr(8))))) {
            failures.push_back(fmt::format("body does not match {}\n  body: {}", line, res.body.substr(0, 2000)));
          }
        }
      } else {
        // Saved values are substituted first, so `{"organization": ${acme}}` compares a number.
        bj::value expected = bj::parse(Substitute(step.expect_body));
        boost::system::error_code ec;
        bj::value actual = bj::parse(res.body, ec);
        if (ec) {
          failures.push_back("body is not JSON: " + res.body.substr(0, 2000));
        } else {
          Match(expected, actual, "$", failures);
          if (!failures.empty()) failures.push_back("  body: " + res.body.substr(0, 2000));
        }
      }
    }
    return failures;
  }

 private:
  // "name=value; Path=/; Max-Age=0": kept until a Max-Age=0 removes it.
  void KeepCookie(const std::string& set_cookie) {
    if (set_cookie.empty()) return;
    std::string pair = set_cookie.substr(0, set_cookie.find(';'));
    std::size_t eq = pair.find('=');
    if (eq == std::string::npos) return;
    if (set_cookie.find("Max-Age=0") != std::string::npos) {
      cookies_.erase(pair.substr(0, eq));
    } else {
      cookies_[pair.substr(0, eq)] = pair.substr(eq + 1);
    }
  }

  static std::string ToLower(std::string s) {
    for (char& c : s) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
    return s;
  }

  std::string Substitute(const std::string& text) {
    std::string out = text;
    for (const auto& [name, value] : saved_) {
      std::string key = "${" + name + "}";
      for (auto pos = out.find(key); pos != std::string::npos; pos = out.find(key, pos + value.size())) {
        out.replace(pos, key.size(), value);
      }
    }
    return out;
  }

  bool MatchText(const std::string& expected, const std::string& actual, bool present) {
    if (expected == "<ANY>") return present;
    if (expected.starts_with("<REGEX>:")) return std::regex_search(actual, std::regex(expected.substr(8)));
    return Substitute(expected) == actual;
  }

  static std::string AsText(const bj::value& v) { return v.is_string() ? std::string(v.get_string()) : bj::serialize(v); }

  void Match(const bj::value& expected, const bj::value& actual, const std::string& path,
             std::vector<std::string>& failures) {
    if (expected.is_string()) {
      std::string_view e = expected.get_string();
      if (e == "<ANY>") return;
      if (e.starts_with("<SAVE:") && e.ends_with(">")) {
        saved_[std::string(e.substr(6, e.size() - 7))] = AsText(actual);
        return;
      }
      if (e.starts_with("<REGEX>:")) {
        if (!std::regex_search(AsText(actual), std::regex(Substitute(std::string(e.substr(8)))))) {
          failures.push_back(fmt::format("{}: '{}' does not match {}", path, AsText(actual), e));
        }
        return;
      }
      if (!actual.is_string() || Substitute(std::string(e)) != actual.get_string()) {
        failures.push_back(fmt::format("{}: expected {}, got {}", path, bj::serialize(expected), bj::serialize(actual)));
      }
      return;
    }
    if (expected.is_object()) {
      if (!actual.is_object()) {
        failures.push_back(fmt::format("{}: expected an object, got {}", path, bj::serialize(actual)));
        return;
      }
      for (const auto& member : expected.get_object()) {
        const bj::value* a = actual.get_object().if_contains(member.key());
        std::string sub = path + "." + std::string(member.key());
        if (a == nullptr) {
          failures.push_back(sub + ": missing");
        } else {
          Match(member.value(), *a, sub, failures);
        }
      }
      return;
    }
    if (expected.is_array()) {
      if (!actual.is_array() || actual.get_array().size() != expected.get_array().size()) {
        failures.push_back(fmt::format("{}: expected {}, got {}", path, bj::serialize(expected), bj::serialize(actual)));
        return;
      }
      for (std::size_t i = 0; i < expected.get_array().size(); ++i) {
        Match(expected.get_array()[i], actual.get_array()[i], fmt::format("{}[{}]", path, i), failures);
      }
      return;
    }
    if (expected.is_number() && actual.is_number()) {
      boost::system::error_code e1, e2;
      double x = expected.to_number<double>(e1), y = actual.to_number<double>(e2);
      if (!e1 && !e2 && x == y) return;
    } else if (expected == actual) {
      return;
    }
    failures.push_back(fmt::format("{}: expected {}, got {}", path, bj::serialize(expected), bj::serialize(actual)));
  }

  HttpClient& client_;
  std::map<std::string, std::string> saved_;
  std::map<std::string, std::string> cookies_;
};

// The admin every request acts as by default, and its API key.
bool SignInAdmin(rapport::domain::AuthService& auth, Runner& runner) {
  auto admin = rapport::testing::AddTestAdmin(auth);
  if (!admin.ok()) {
    std::cerr << "cannot add the test admin: " << admin.error().message << "\n";
    return false;
  }
  runner.Save("admin_key", admin->key);
  runner.Save("admin_id", std::to_string(admin->id));
  runner.Save("admin_password", admin->password);
  return true;
}

}  // namespace

int main(int argc, char** argv) {
  bool pg = false;
  std::string file;
  for (int i = 1; i < argc; ++i) {
    std::string arg = argv[i];
    if (arg == "--pg") {
      pg = true;
    } else {
      file = arg;
    }
  }
  if (file.empty()) {
    std::cerr << "usage: rapport_api_runner [--pg] FILE.test\n";
    return 2;
  }
  if (pg && rapport::testing::TestDatabase::PostgresAdminUrl().empty()) {
    std::cout << "skipped: RAPPORT_TEST_PG_URL is not set\n";
    return 77;
  }
  std::ifstream in(file);
  if (!in) {
    std::cerr << "cannot read " << file << "\n";
    return 2;
  }
  std::vector<Step> steps = ParseScript(in);
  if (steps.empty()) {
    std::cerr << file << ": no request in the script\n";
    return 1;
  }

  using Kind = rapport::testing::TestDatabase::Kind;
  rapport::testing::TestDatabase database(pg ? Kind::kPostgres : Kind::kSqlite);
  auto db = rapport::store::Open(database.url());
  if (!db.ok()) {
    std::cerr << "cannot open " << database.url() << ": " << db.error().message << "\n";
    return 1;
  }
  auto migrated = rapport::store::Migrate(**db, rapport::store::EmbeddedMigrations((*db)->dialect()));
  if (!migrated.ok()) {
    std::cerr << migrated.error().message << "\n";
    return 1;
  }
  rapport::api::ApplicationOptions options;
  options.server.port = 0;
  options.server.threads = 2;
  options.access_log = false;
  int failed = 0;
  {
    rapport::api::Application app(**db, options);
    app.Listen();
    std::thread server([&] { app.Run(); });
    HttpClient client("127.0.0.1", app.port());
    Runner runner(client);
    const bool ready = SignInAdmin(app.app().auth, runner);
    if (!ready) ++failed;
    for (const Step& step : ready ? steps : std::vector<Step>{}) {
      auto failures = runner.Run(step);
      if (failures.empty()) continue;
      ++failed;
      std::cout << file << ":" << step.line << ": " << step.method << " " << step.target << "\n";
      for (const auto& f : failures) std::cout << "  " << f << "\n";
    }
    app.Stop();
    server.join();
  }
  std::cout << fmt::format("{}: {} steps, {} failed ({})\n", file, steps.size(), failed, pg ? "postgresql" : "sqlite");
  return failed == 0 ? 0 : 1;
}
