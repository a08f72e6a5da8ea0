#include "common/logging.h"

#include "common/clock.h"

#include <spdlog/async.h>
#include <spdlog/sinks/stdout_sinks.h>
#include <spdlog/spdlog.h>

#include <boost/json/serialize.hpp>
#include <chrono>
#include <cstdio>
#include <stdexcept>
#include <string>

namespace rapport::logging {
namespace {

spdlog::level::level_enum ToSpd(Level level) {
  switch (level) {
    case Level::kDebug: return spdlog::level::debug;
    case Level::kInfo: return spdlog::level::info;
    case Level::kWarn: return spdlog::level::warn;
    case Level::kError: return spdlog::level::err;
  }
  return spdlog::level::info;
}

std::string_view Name(Level level) {
  switch (level) {
    case Level::kDebug: return "debug";
    case Level::kInfo: return "info";
    case Level::kWarn: return "warn";
    case Level::kError: return "error";
  }
  return "info";
}

// Lines are written by a background thread through a buffered stderr, so a request pays for
// formatting its line, not for a write(2): with one line per request that halved throughput.
// Warnings and errors are flushed at once, the rest at least every second and at Shutdown().
std::shared_ptr<spdlog::logger>& Logger() {
  static std::shared_ptr<spdlog::logger> logger = [] {
    std::setvbuf(stderr, nullptr, _IOFBF, 1 << 16);
    spdlog::init_thread_pool(8192, 1);
    auto l = std::make_shared<spdlog::async_logger>("rapport", std::make_shared<spdlog::sinks::stderr_sink_mt>(),
                                                    spdlog::thread_pool(), spdlog::async_overflow_policy::block);
    l->set_pattern("%v");  // The message is already a whole JSON line.
    l->flush_on(spdlog::level::warn);
    spdlog::register_logger(l);
    spdlog::flush_every(std::chrono::seconds(1));
    return l;
  }();
  return logger;
}

}  // namespace

void Init(std::string_view level) {
  if (level == "debug") {
    Logger()->set_level(spdlog::level::debug);
  } else if (level == "info") {
    Logger()->set_level(spdlog::level::info);
  } else if (level == "warn") {
    Logger()->set_level(spdlog::level::warn);
  } else if (level == "error") {
    Logger()->set_level(spdlog::level::err);
  } else {
    throw std::invalid_argument("log level must be debug, info, warn or error");
  }
}

void Shutdown() {
  Logger()->flush();
  spdlog::shutdown();
}

bool Enabled(Level level) { return Logger()->should_log(ToSpd(level)); }

void Log(Level level, std::string_view msg, boost::json::object fields) {
  if (!Enabled(level)) return;
  try {
    boost::json::object line;
    line.reserve(fields.size() + 3);
    line["ts"] = FormatTimestamp(SystemClock().Now());
    line["level"] = Name(level);
    line["msg"] = msg;
    for (auto& kv : fields) line[kv.key()] = std::move(kv.value());
    Logger()->log(ToSpd(level), boost::json::serialize(line));
  } catch (...) {
    // Logging must never take a request down.
  }
}

}  // namespace rapport::logging
