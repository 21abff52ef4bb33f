#include "engine/password.h"

#include <sodium.h>

#include "core/status.h"

namespace bates::engine {
namespace {

// sodium_init is safe to call repeatedly and from several threads; it returns -1 only when the
// library cannot initialise at all.
bool SodiumReady() {
  static const bool ready = sodium_init() >= 0;
  return ready;
}

}  // namespace

Result<std::string> HashPassword(std::string_view password) {
  if (password.empty()) return InvalidArgumentError("the password is empty");
  if (!SodiumReady()) return InternalError("libsodium could not be initialised");
  char out[crypto_pwhash_STRBYTES];
  if (crypto_pwhash_str(out, password.data(), password.size(), crypto_pwhash_OPSLIMIT_INTERACTIVE,
                        crypto_pwhash_MEMLIMIT_INTERACTIVE) != 0) {
    return InternalError("hashing the password ran out of memory");
  }
  return std::string(out);
}

bool VerifyPassword(std::string_view stored, std::string_view password) {
  if (!SodiumReady()) return false;
  // crypto_pwhash_str_verify reads a NUL-terminated string of at most STRBYTES - 1 characters.
  if (stored.empty() || stored.size() >= crypto_pwhash_STRBYTES) return false;
  const std::string terminated(stored);
  return crypto_pwhash_str_verify(terminated.c_str(), password.data(), password.size()) == 0;
}

}  // namespace bates::engine
