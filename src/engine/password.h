// Password hashing for web workspace accounts: Argon2id through libsodium's crypto_pwhash_str, so
// the stored string carries its own salt and cost parameters and can be re-checked later even if
// the defaults change.
#pragma once

#include <string>
#include <string_view>

#include "core/result.h"

namespace bates::engine {

// The crypto_pwhash_str string for `password` (interactive cost limits: a login must answer in
// well under a second on a shared machine). An empty password is refused.
Result<std::string> HashPassword(std::string_view password);

// Whether `password` matches `stored` (a HashPassword result). A malformed `stored` is a mismatch,
// never a crash.
bool VerifyPassword(std::string_view stored, std::string_view password);

}  // namespace bates::engine
