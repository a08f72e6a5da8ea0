// Random secrets (session tokens, API keys, CSRF tokens) and the hashes stored in their place.
#pragma once

#include <string>
#include <string_view>

namespace rapport::domain {

// `bytes` random bytes from the system's CSPRNG, base64url without padding (32 bytes: 43 characters).
std::string RandomToken(std::size_t bytes = 32);
// SHA-256 of `token`, hex: what the database keeps. A token has 256 random bits, so a fast hash is
// enough; a slow one (argon2) is for passwords, which people choose.
std::string TokenHash(std::string_view token);
// Compares two secrets in time that depends only on their length.
bool SameSecret(std::string_view a, std::string_view b);

}  // namespace rapport::domain
