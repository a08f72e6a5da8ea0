// Structured JSON logs: one JSON object per line on stderr, through spdlog.
#pragma once

#include <boost/json/object.hpp>
#include <string_view>

namespace rapport::logging {

enum class Level { kDebug, kInfo, kWarn, kError };

// Configures the process logger; call once at start. `level` is debug|info|warn|error.
// Throws std::invalid_argument on an unknown level (a startup failure).
void Init(std::string_view level);

// Writes out what is buffered and stops the writer thread; call once before the process exits.
void Shutdown();

bool Enabled(Level level);

// Writes {"ts": ..., "level": ..., "msg": msg, ...fields}. Thread-safe; never throws.
void Log(Level level, std::string_view msg, boost::json::object fields = {});

inline void Info(std::string_view msg, boost::json::object fields = {}) { Log(Level::kInfo, msg, std::move(fields)); }
inline void Warn(std::string_view msg, boost::json::object fields = {}) { Log(Level::kWarn, msg, std::move(fields)); }
inline void Error(std::string_view msg, boost::json::object fields = {}) { Log(Level::kError, msg, std::move(fields)); }

}  // namespace rapport::logging
