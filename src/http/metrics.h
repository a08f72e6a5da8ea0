// Prometheus metrics of the HTTP server: requests and latency histograms per route, connections
// and requests in flight, plus whatever extra collectors (database pools) register. Lock-free on
// the request path (atomic counters per route). Thread-safe.
#pragma once

#include <array>
#include <atomic>
#include <chrono>
#include <cstdint>
#include <deque>
#include <functional>
#include <mutex>
#include <string>
#include <vector>

namespace rapport::http {

class Metrics {
 public:
  static constexpr std::array<double, 14> kBuckets = {0.0001, 0.00025, 0.0005, 0.001, 0.0025, 0.005, 0.01,
                                                      0.025,  0.05,    0.1,    0.25,  0.5,   1,     5};

  struct Series {
    std::string method;
    std::string route;
    std::array<std::atomic<std::uint64_t>, 6> by_class{};  // index status/100 (1..5), 0 unused
    std::array<std::atomic<std::uint64_t>, kBuckets.size() + 1> buckets{};  // last: +Inf
    std::atomic<std::uint64_t> sum_ns{0};
  };

  // Returns the series for (method, route), creating it; the reference stays valid for the
  // life of Metrics. Call at start (route registration), not per request.
  Series& Register(std::string method, std::string route);

  void Observe(Series& series, unsigned status, std::chrono::nanoseconds elapsed);

  std::atomic<std::int64_t> connections_open{0};
  std::atomic<std::int64_t> requests_in_flight{0};

  // Extra text in Prometheus exposition format, appended to Render() (e.g. database pools).
  void AddCollector(std::function<std::string()> collector);

  std::string Render() const;

 private:
  mutable std::mutex mu_;
  std::deque<Series> series_;  // GUARDED_BY(mu_) for insertion; deque keeps references stable
  std::vector<std::function<std::string()>> collectors_;  // GUARDED_BY(mu_)
};

}  // namespace rapport::http
