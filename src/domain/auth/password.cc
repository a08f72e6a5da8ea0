#include "domain/auth/password.h"

#include <sodium.h>

#include <algorithm>
#include <cctype>

#include "common/utf8.h"

namespace rapport::domain {
namespace {

std::string Lower(std::string_view text) {
  std::string out(text);
  std::transform(out.begin(), out.end(), out.begin(), [](unsigned char c) { return std::tolower(c); });
  return out;
}

std::size_t CodePoints(std::string_view text) {
  return static_cast<std::size_t>(std::count_if(text.begin(), text.end(), [](char c) {
    return (static_cast<unsigned char>(c) & 0xC0) != 0x80;
  }));
}

}  // namespace

Result<std::string> HashPassword(std::string_view password) {
  char out[crypto_pwhash_STRBYTES];
  if (crypto_pwhash_str(out, password.data(), password.size(), crypto_pwhash_OPSLIMIT_INTERACTIVE,
                        crypto_pwhash_MEMLIMIT_INTERACTIVE) != 0) {
    return Error{ErrorCode::kInternal, "cannot hash the password: out of memory", {}};
  }
  return std::string(out);
}

bool VerifyPassword(std::string_view hash, std::string_view password) {
  std::string stored(hash);  // crypto_pwhash_str_verify wants a terminated string
  return crypto_pwhash_str_verify(stored.c_str(), password.data(), password.size()) == 0;
}

std::optional<std::string> PasswordProblem(std::string_view password, std::string_view email) {
  if (!IsValidUtf8(password)) return "must be valid UTF-8";
  if (password.size() > kMaxPasswordLength) return "must be at most 256 bytes long";
  if (CodePoints(password) < kMinPasswordLength) return "must be at least 10 characters long";
  if (std::all_of(password.begin(), password.end(), [&](char c) { return c == password.front(); })) {
    return "must not be one character repeated";
  }
  std::string lower = Lower(password);
  std::string address = Lower(email);
  if (!address.empty() && (lower == address || lower == address.substr(0, address.find('@')))) {
    return "must not be the email address";
  }
  return std::nullopt;
}

std::string GeneratePassword() {
  static constexpr std::string_view kAlphabet = "abcdefghijkmnopqrstuvwxyzABCDEFGHJKLMNPQRSTUVWXYZ23456789";
  std::string out;
  for (int i = 0; i < 20; ++i) out += kAlphabet[randombytes_uniform(static_cast<std::uint32_t>(kAlphabet.size()))];
  return out;
}

}  // namespace rapport::domain
