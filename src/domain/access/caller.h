// Who a domain call acts for and which records it may see: the one place the ownership rules of
// DESIGN 1.7 are decided (docs/security.md). Handlers make one from the request's Principal; the
// CLI, sweeps and the demo act as the system. Plain data; thread-safe to share.
//
// The rules: admins (and the system) see everything. Everyone else sees the records owned by
// themself or a teammate (a user sharing any of their teams), and everything linked to those
// (ObjectDef::owner and owned_via; visibility.h). Managers also see the unowned pool: records that
// nothing ties to an owner (an import without owners, a web form's lead), so that someone can
// assign them. read_only reads what its team reads and writes nothing (its access level).
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "common/principal.h"

namespace rapport::domain {

struct Caller {
  std::optional<std::int64_t> actor;  // the user; nullopt for the system (CLI, sweeps, demo)
  bool everything = false;            // admins and the system: no ownership condition
  bool unowned = false;               // also the records that nothing ties to an owner
  std::vector<std::int64_t> owners;   // the owners whose records it sees: itself and its teammates
  std::string ip;                     // for the audit log
  std::string request_id;

  static Caller System();
  static Caller Of(const Principal& principal, std::string ip = {}, std::string request_id = {});
};

}  // namespace rapport::domain
