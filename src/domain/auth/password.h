// Passwords: argon2id hashes (libsodium's crypto_pwhash_str, with its own salt and cost in the
// string, so the cost can rise later and old hashes still verify), the rules a new password must
// meet, and generated passwords for the first admin and `rapport user add`.
#pragma once

#include <optional>
#include <string>
#include <string_view>

#include "common/result.h"

namespace rapport::domain {

inline constexpr std::size_t kMinPasswordLength = 10;   // characters
inline constexpr std::size_t kMaxPasswordLength = 256;  // bytes: argon2 hashes any length, a body should not

// kInternal only when the system cannot allocate argon2's memory.
Result<std::string> HashPassword(std::string_view password);
// Constant time in the password; false for a malformed hash.
bool VerifyPassword(std::string_view hash, std::string_view password);
// What is wrong with `password` for the user with `email`, in words for people; nullopt when it
// may be used. Rules: 10 to 256 characters of valid UTF-8, not one character repeated, not the
// email address or its local part.
std::optional<std::string> PasswordProblem(std::string_view password, std::string_view email);
// 20 characters from an alphabet without look-alikes (no 0/O, 1/l/I): about 115 bits.
std::string GeneratePassword();

}  // namespace rapport::domain
