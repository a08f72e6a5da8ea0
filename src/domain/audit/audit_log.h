// The audit log (issue 5.4, table audit_log, migration 0007): every create, update (the changed
// fields, before and after), delete, restore, purge and merge made through the record API, every
// import, sign-in (success and failure), API key creation and erasure, with the actor, time, IP
// and request id. Entries are written in the transaction of what they record, so an entry exists
// exactly when its change does. Append-only: nothing here updates or deletes an entry except
// ErasePersonalData. Every call runs on the caller's connection and blocks.
#pragma once

#include <boost/json.hpp>
#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "common/clock.h"
#include "common/result.h"
#include "domain/access/caller.h"
#include "store/store.h"

namespace rapport::domain {

struct AuditEntry {
  std::int64_t id = 0;
  Micros at = 0;
  std::optional<std::int64_t> actor;  // the user; nullopt for the system or an unknown one
  std::string action;                 // "person.updated", "auth.login_failed", "person.imported", ...
  std::string object;                 // the record's object; empty for events about no record
  std::optional<std::int64_t> record;
  boost::json::object detail;         // an update: {"changes": {field: {"from", "to"}}}; others say theirs
  std::string ip;
  std::string request_id;

  boost::json::object ToJson() const;
};

// An entry for what `caller` does now, its actor, IP and request id filled in.
AuditEntry AuditOf(const Caller& caller, std::string action, Micros at);

Status AppendAudit(store::Connection& conn, const AuditEntry& entry);

struct AuditQuery {
  std::string object;                  // with `record`: that record's entries
  std::optional<std::int64_t> record;
  std::optional<std::int64_t> actor;
  std::optional<std::int64_t> before;  // the cursor: entries older than this id
  int limit = 50;
};

struct AuditPage {
  std::vector<AuditEntry> entries;  // newest first
  std::optional<std::int64_t> next_before;
};

Result<AuditPage> ReadAudit(store::Connection& conn, const AuditQuery& query);

// For erasure: the details of the entries about record `id` of `object` lose their values (the
// entries stay, saying who did what when).
Status ErasePersonalData(store::Connection& conn, std::string_view object, std::int64_t id);

// What changed between two states of a record: {field: {"from", "to"}} over the fields whose
// values differ, leaving out version and updated_at.
boost::json::object ChangedFields(const boost::json::object& before, const boost::json::object& after);

}  // namespace rapport::domain
