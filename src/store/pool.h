// A fixed-size pool of connections shared by the threads that run database work; both stores use
// it (the SQLite writer is a pool of one). Thread-safe.
#pragma once

#include <chrono>
#include <condition_variable>
#include <functional>
#include <memory>
#include <mutex>
#include <optional>
#include <string>
#include <utility>
#include <thread>
#include <vector>

#include "store/store.h"

namespace rapport::store {

template <typename Conn>
class Pool {
 public:
  // Hands a connection back to the pool when it goes out of scope.
  class Lease {
   public:
    Lease(Pool* pool, std::unique_ptr<Conn> conn) : pool_(pool), conn_(std::move(conn)) {}
    Lease(Lease&& other) noexcept = default;
    Lease& operator=(Lease&&) = delete;
    ~Lease() {
      if (pool_ != nullptr && conn_ != nullptr) pool_->Release(std::move(conn_));
    }
    Conn& operator*() const { return *conn_; }
    Conn* operator->() const { return conn_.get(); }

   private:
    Pool* pool_;
    std::unique_ptr<Conn> conn_;
  };

  Pool(std::string name, std::vector<std::unique_ptr<Conn>> conns)
      : name_(std::move(name)), size_(static_cast<std::int64_t>(conns.size())), free_(std::move(conns)) {}

  // Waits up to `timeout` for a free connection; nullopt when none came free.
  std::optional<Lease> Acquire(std::chrono::milliseconds timeout) {
    std::unique_lock lock(mu_);
    ++acquired_;
    if (free_.empty()) {
      ++waited_;
      if (!cv_.wait_for(lock, timeout, [&] { return !free_.empty(); })) return std::nullopt;
    }
    std::unique_ptr<Conn> conn = std::move(free_.back());
    free_.pop_back();
    return Lease(this, std::move(conn));
  }

  void CountError() {
    std::lock_guard lock(mu_);
    ++errors_;
  }
  void CountRetry() {
    std::lock_guard lock(mu_);
    ++retries_;
  }

  PoolStats Stats() const {
    std::lock_guard lock(mu_);
    return PoolStats{name_, size_, size_ - static_cast<std::int64_t>(free_.size()), acquired_, waited_, errors_, retries_};
  }

 private:
  void Release(std::unique_ptr<Conn> conn) {
    {
      std::lock_guard lock(mu_);
      free_.push_back(std::move(conn));
    }
    cv_.notify_one();
  }

  const std::string name_;
  const std::int64_t size_;
  mutable std::mutex mu_;
  std::condition_variable cv_;
  std::vector<std::unique_ptr<Conn>> free_;  // GUARDED_BY(mu_)
  std::uint64_t acquired_ = 0;               // GUARDED_BY(mu_)
  std::uint64_t waited_ = 0;                 // GUARDED_BY(mu_)
  std::uint64_t errors_ = 0;                 // GUARDED_BY(mu_)
  std::uint64_t retries_ = 0;                // GUARDED_BY(mu_)
};

// Runs `attempt` until it succeeds, fails for good, or the retry budget is spent. `retryable`
// says whether a failure may be retried (busy, serialization failure). Backs off 1, 2, 4… ms.
inline Status RetryTransaction(const std::function<Status()>& attempt, const std::function<bool()>& retryable,
                               const std::function<void()>& on_retry) {
  constexpr int kMaxAttempts = 8;
  for (int i = 1;; ++i) {
    Status status = attempt();
    if (status.ok() || i == kMaxAttempts || !retryable()) return status;
    on_retry();
    std::this_thread::sleep_for(std::chrono::milliseconds(1 << (i - 1)));
  }
}

}  // namespace rapport::store
