#include "domain/access/caller.h"

#include <algorithm>

namespace rapport::domain {

Caller Caller::System() {
  Caller caller;
  caller.everything = true;
  caller.unowned = true;
  return caller;
}

Caller Caller::Of(const Principal& principal, std::string ip, std::string request_id) {
  Caller caller;
  caller.actor = principal.user_id;
  caller.everything = principal.role == Role::kAdmin;
  caller.unowned = principal.role == Role::kAdmin || principal.role == Role::kManager;
  caller.owners = principal.teammates;
  if (std::find(caller.owners.begin(), caller.owners.end(), principal.user_id) == caller.owners.end()) {
    caller.owners.push_back(principal.user_id);
  }
  caller.ip = std::move(ip);
  caller.request_id = std::move(request_id);
  return caller;
}

}  // namespace rapport::domain
