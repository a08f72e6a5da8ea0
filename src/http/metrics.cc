#include "http/metrics.h"

#include <fmt/format.h>

#include <fstream>
#include <unistd.h>

namespace rapport::http {

Metrics::Series& Metrics::Register(std::string method, std::string route) {
  std::lock_guard lock(mu_);
  for (Series& s : series_) {
    if (s.method == method && s.route == route) return s;
  }
  Series& s = series_.emplace_back();
  s.method = std::move(method);
  s.route = std::move(route);
  return s;
}

void Metrics::Observe(Series& series, unsigned status, std::chrono::nanoseconds elapsed) {
  unsigned cls = status / 100;
  if (cls < 1 || cls > 5) cls = 5;
  series.by_class[cls].fetch_add(1, std::memory_order_relaxed);
  double seconds = std::chrono::duration<double>(elapsed).count();
  std::size_t b = 0;
  while (b < kBuckets.size() && seconds > kBuckets[b]) ++b;
  series.buckets[b].fetch_add(1, std::memory_order_relaxed);
  series.sum_ns.fetch_add(static_cast<std::uint64_t>(elapsed.count()), std::memory_order_relaxed);
}

void Metrics::AddCollector(std::function<std::string()> collector) {
  std::lock_guard lock(mu_);
  collectors_.push_back(std::move(collector));
}

namespace {

std::int64_t ResidentBytes() {
  std::ifstream statm("/proc/self/statm");
  std::int64_t size = 0, resident = 0;
  statm >> size >> resident;
  return resident * sysconf(_SC_PAGESIZE);
}

}  // namespace

std::string Metrics::Render() const {
  std::lock_guard lock(mu_);
  std::string out;
  out += "# HELP rapport_http_requests_total HTTP requests answered, by route and status class.\n";
  out += "# TYPE rapport_http_requests_total counter\n";
  for (const Series& s : series_) {
    for (unsigned cls = 1; cls <= 5; ++cls) {
      auto n = s.by_class[cls].load(std::memory_order_relaxed);
      if (n == 0) continue;
      out += fmt::format("rapport_http_requests_total{{method=\"{}\",route=\"{}\",code=\"{}xx\"}} {}\n", s.method,
                         s.route, cls, n);
    }
  }
  out += "# HELP rapport_http_request_duration_seconds Time from request read to response ready.\n";
  out += "# TYPE rapport_http_request_duration_seconds histogram\n";
  for (const Series& s : series_) {
    std::uint64_t cumulative = 0;
    for (std::size_t b = 0; b <= kBuckets.size(); ++b) {
      cumulative += s.buckets[b].load(std::memory_order_relaxed);
      std::string le = b < kBuckets.size() ? fmt::format("{}", kBuckets[b]) : "+Inf";
      out += fmt::format("rapport_http_request_duration_seconds_bucket{{method=\"{}\",route=\"{}\",le=\"{}\"}} {}\n",
                         s.method, s.route, le, cumulative);
    }
    out += fmt::format("rapport_http_request_duration_seconds_sum{{method=\"{}\",route=\"{}\"}} {}\n", s.method,
                       s.route, static_cast<double>(s.sum_ns.load(std::memory_order_relaxed)) / 1e9);
    out += fmt::format("rapport_http_request_duration_seconds_count{{method=\"{}\",route=\"{}\"}} {}\n", s.method,
                       s.route, cumulative);
  }
  out += "# TYPE rapport_http_connections_open gauge\n";
  out += fmt::format("rapport_http_connections_open {}\n", connections_open.load());
  out += "# TYPE rapport_http_requests_in_flight gauge\n";
  out += fmt::format("rapport_http_requests_in_flight {}\n", requests_in_flight.load());
  out += "# TYPE rapport_process_resident_memory_bytes gauge\n";
  out += fmt::format("rapport_process_resident_memory_bytes {}\n", ResidentBytes());
  for (const auto& collector : collectors_) out += collector();
  return out;
}

}  // namespace rapport::http
