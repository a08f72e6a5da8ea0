#include "common/principal.h"

namespace rapport {

std::string_view RoleName(Role role) {
  switch (role) {
    case Role::kReadOnly: return "read_only";
    case Role::kAgent: return "agent";
    case Role::kManager: return "manager";
    case Role::kAdmin: return "admin";
  }
  return "read_only";
}

bool ParseRole(std::string_view text, Role& role) {
  for (Role r : {Role::kReadOnly, Role::kAgent, Role::kManager, Role::kAdmin}) {
    if (RoleName(r) == text) {
      role = r;
      return true;
    }
  }
  return false;
}

AccessLevel RoleLevel(Role role) {
  switch (role) {
    case Role::kReadOnly: return AccessLevel::kRead;
    case Role::kAgent:
    case Role::kManager: return AccessLevel::kWrite;
    case Role::kAdmin: return AccessLevel::kAdmin;
  }
  return AccessLevel::kRead;
}

std::string_view AccessLevelName(AccessLevel level) {
  switch (level) {
    case AccessLevel::kRead: return "read";
    case AccessLevel::kWrite: return "write";
    case AccessLevel::kAdmin: return "admin";
  }
  return "read";
}

bool ParseAccessLevel(std::string_view text, AccessLevel& level) {
  for (AccessLevel l : {AccessLevel::kRead, AccessLevel::kWrite, AccessLevel::kAdmin}) {
    if (AccessLevelName(l) == text) {
      level = l;
      return true;
    }
  }
  return false;
}

}  // namespace rapport
