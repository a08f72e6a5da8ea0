// A child process for system tests: the real `rapport` binary (or wrk, pg_ctl), with its output
// sent to a file, signals, and waiting with a deadline.
#pragma once

#include <sys/types.h>

#include <chrono>
#include <cstdint>
#include <optional>
#include <string>
#include <vector>

namespace rapport::testing {

class Process {
 public:
  // Starts `argv[0]` (searched in PATH) with `env` added to this process's environment; stdout and
  // stderr go to `log_file`. Throws std::runtime_error when it cannot start.
  Process(const std::vector<std::string>& argv, const std::vector<std::string>& env, const std::string& log_file);
  ~Process();  // kills the process if it still runs
  Process(const Process&) = delete;
  Process& operator=(const Process&) = delete;

  pid_t pid() const { return pid_; }
  void Signal(int sig);
  // Waits for the exit; the exit status (or 128 + signal), or nullopt if still running at the deadline.
  std::optional<int> Wait(std::chrono::milliseconds timeout);

 private:
  pid_t pid_ = -1;
  bool reaped_ = false;
  int status_ = -1;  // once reaped
};

// Runs a command to completion and returns its exit status.
int RunCommand(const std::vector<std::string>& argv, const std::string& log_file);

// A TCP port on 127.0.0.1 that was free a moment ago.
std::uint16_t FreePort();

// Polls GET `path` until it answers 200 or `timeout` passes.
bool WaitForHttp(std::uint16_t port, const std::string& path, std::chrono::milliseconds timeout);

}  // namespace rapport::testing
