// Running the `rapport` binary as a user does, for the system tests (which define RAPPORT_BINARY):
// a command against a test database, its exit status and what it printed; and small file helpers.
#pragma once

#include <fstream>
#include <sstream>
#include <string>
#include <vector>

#include "tests/support/process.h"
#include "tests/support/rapport_server.h"
#include "tests/support/test_database.h"

namespace rapport::testing {

inline std::string ReadFile(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  std::stringstream text;
  text << in.rdbuf();
  return text.str();
}

inline void WriteFile(const std::string& path, const std::string& text) {
  std::ofstream out(path, std::ios::binary);
  out << text;
}

struct CommandRun {
  int status;
  std::string output;  // stdout and stderr
};

// `rapport <args> --database <db> --log-level warn`, its output kept in a log file under `tmp`.
inline CommandRun RunRapport(const TestDatabase& db, const TempDir& tmp, std::vector<std::string> args) {
  static int n = 0;
  const std::string log = tmp.path() + "/rapport-" + std::to_string(++n) + ".log";
  std::vector<std::string> argv = {RAPPORT_BINARY};
  argv.insert(argv.end(), args.begin(), args.end());
  argv.insert(argv.end(), {"--database", db.url(), "--log-level", "warn"});
  const int status = RunCommand(argv, log);
  return {status, ReadFile(log)};
}

}  // namespace rapport::testing
