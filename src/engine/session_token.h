// Session and CSRF tokens for the web workspace. The session cookie carries a random token; the
// store keeps only its SHA-256 (migration 0008 user_session.token_sha256), so a copy of the case
// file holds no live session. The CSRF token is compared in constant time.
#pragma once

#include <string>
#include <string_view>

namespace bates::engine {

// 32 random bytes from the OS generator (libsodium randombytes), as 64 lowercase hex characters.
std::string NewToken();

// The SHA-256 of `token` as 64 lowercase hex characters, the key under which a session is stored.
std::string TokenDigest(std::string_view token);

// Whether two tokens are equal, taking the same time wherever they differ (no timing oracle for
// the CSRF check). Tokens of different lengths are unequal.
bool TokensEqual(std::string_view a, std::string_view b);

}  // namespace bates::engine
