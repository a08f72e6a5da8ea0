// The admin that in-process API tests act as: a user with a password and an admin API key, made
// through the AuthService of the server under test. Header-only, like rapport_server.h.
#pragma once

#include <string>

#include "domain/auth/auth_service.h"
#include "tests/support/http_client.h"

namespace rapport::testing {

struct TestAdmin {
  std::int64_t id = 0;
  std::string email = "admin@test.example";
  std::string password = "correct horse battery";
  std::string key;  // Authorization: Bearer <key>
};

inline Result<TestAdmin> AddTestAdmin(domain::AuthService& auth) {
  TestAdmin admin;
  auto id = auth.AddUser({admin.email, "Test Admin", Role::kAdmin, {}, admin.password});
  if (!id.ok()) return std::move(id).error();
  admin.id = *id;
  auto principal = auth.FindUser(admin.email);
  if (!principal.ok()) return std::move(principal).error();
  auto key = auth.CreateApiKey(*principal, admin.id, "tests", AccessLevel::kAdmin);
  if (!key.ok()) return std::move(key).error();
  admin.key = key->key;
  return admin;
}

// The headers that make a request `admin`'s (HttpClient's default headers).
inline HttpClient::Headers AuthHeaders(const TestAdmin& admin) { return {{"Authorization", "Bearer " + admin.key}}; }

}  // namespace rapport::testing
