// Behaviour that built-in objects attach to the generic record pipeline by name (STYLE section 7):
// a hook runs inside the write transaction, before the row is written (to derive fields or refuse
// the write) or after (to change other records: stage history, keep-in-touch dates, the next
// occurrence of a recurring task). Registered once at startup; read-only afterwards, so thread-safe.
#pragma once

#include <boost/json.hpp>
#include <functional>
#include <map>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "common/clock.h"
#include "common/result.h"
#include "meta/registry.h"
#include "store/store.h"

namespace rapport::domain {

class RecordWriter;

// What a hook may use: the transaction's connection, the registry snapshot of the request, the
// time of the write, who makes it, and a writer for changes to other records in the same
// transaction (they run their own hooks and append their own events).
struct WriteContext {
  store::Connection& conn;
  const meta::Registry& registry;
  Micros now;
  std::optional<std::int64_t> actor;
  RecordWriter& writer;
};

// Creates and updates records inside a running transaction, bypassing the API's writability rules
// (hooks may write read-only fields and objects such as stage_change).
class RecordWriter {
 public:
  virtual ~RecordWriter() = default;
  virtual Result<boost::json::object> CreateIn(WriteContext& ctx, std::string_view object,
                                               boost::json::object values) = 0;
  virtual Result<boost::json::object> UpdateIn(WriteContext& ctx, std::string_view object, std::int64_t id,
                                               boost::json::object changes) = 0;
};

struct RecordHooks {
  // Before the row is written. `before` is the stored record (nullptr on create); `after` is the
  // record as it will be written (before + the change), which the hook may amend. An error refuses
  // the write (use kInvalidArgument with field problems for bad input).
  std::function<Status(WriteContext&, const boost::json::object* before, boost::json::object& after)> before_write;
  // After the row is written, in the same transaction. `after` is the stored record.
  std::function<Status(WriteContext&, const boost::json::object* before, const boost::json::object& after)>
      after_write;
  // After a soft delete or a restore, in the same transaction; `record` is as it was before (its
  // deleted_at tells nothing). For figures derived from the object's live records (sales).
  std::function<Status(WriteContext&, const boost::json::object& record)> after_delete;
  std::function<Status(WriteContext&, const boost::json::object& record)> after_restore;
};

// Hooks that only derive or check fields before a write.
inline RecordHooks BeforeWriteHook(decltype(RecordHooks::before_write) before_write) {
  RecordHooks hooks;
  hooks.before_write = std::move(before_write);
  return hooks;
}

class HookRegistry {
 public:
  void Add(std::string object, RecordHooks hooks) { hooks_[std::move(object)].push_back(std::move(hooks)); }

  // The hooks of `object` in registration order; empty when it has none.
  const std::vector<RecordHooks>& For(std::string_view object) const {
    static const std::vector<RecordHooks> kNone;
    auto it = hooks_.find(object);
    return it == hooks_.end() ? kNone : it->second;
  }

 private:
  std::map<std::string, std::vector<RecordHooks>, std::less<>> hooks_;
};

}  // namespace rapport::domain
