// The current registry snapshot, replaced whole when metadata changes (a custom field is added):
// readers take a shared_ptr and keep using their snapshot while a writer swaps in the next one.
// Thread-safe.
#pragma once

#include <atomic>
#include <memory>
#include <utility>

#include "meta/registry.h"

namespace rapport::meta {

class RegistryHolder {
 public:
  explicit RegistryHolder(std::shared_ptr<const Registry> initial) : current_(std::move(initial)) {}

  // The current snapshot; it stays valid for as long as the caller holds it. Never blocks on a writer
  // for longer than a pointer copy.
  std::shared_ptr<const Registry> Get() const { return current_.load(std::memory_order_acquire); }

  // Makes `next` current for every later Get(). Readers holding the old snapshot are unaffected.
  void Swap(std::shared_ptr<const Registry> next) { current_.store(std::move(next), std::memory_order_release); }

 private:
  // C++20's atomic<shared_ptr> (GCC 12 libstdc++ has it; it locks internally, not lock-free).
  std::atomic<std::shared_ptr<const Registry>> current_;
};

}  // namespace rapport::meta
