// UserStore: web workspace accounts and sessions (issue 10), tables from schema/0008_users.sql.
// The store keeps what it is given: password hashing and token making are the server's
// (server/password.h, server/session_token.h); only hashes and token digests arrive here.
//
// Thread safety: as CaseStore — one per thread, reached through CaseStore::users().
#pragma once

#include <cstdint>
#include <optional>
#include <string>

#include "core/result.h"

namespace bates::store {

struct UserAccount {
  int64_t id = 0;  // assigned by the store
  std::string name;
  std::string role;           // "admin", "reviewer" or "requester"
  std::string password_hash;  // crypto_pwhash_str output
  int64_t created_at = 0;     // UTC seconds
};

struct UserSession {
  std::string token_sha256;  // hex digest of the cookie's token
  int64_t user_id = 0;
  std::string csrf_token;
  int64_t created_at = 0;
  int64_t expires_at = 0;  // UTC seconds
};

class UserStore {
 public:
  virtual ~UserStore() = default;

  // Adds an account (its id is ignored) and returns its id. A name already taken or an unknown
  // role is InvalidArgument.
  virtual Result<int64_t> AddUser(const UserAccount& user) = 0;
  // The account called `name`, or nullopt.
  virtual Result<std::optional<UserAccount>> FindUser(const std::string& name) = 0;
  virtual Result<std::optional<UserAccount>> UserById(int64_t id) = 0;

  virtual Status AddSession(const UserSession& session) = 0;
  // The session with this digest if it has not expired at `now`, else nullopt.
  virtual Result<std::optional<UserSession>> FindSession(const std::string& token_sha256,
                                                         int64_t now) = 0;
  virtual Status DeleteSession(const std::string& token_sha256) = 0;
  // Drops every session expired at `now`.
  virtual Status DeleteExpiredSessions(int64_t now) = 0;
};

}  // namespace bates::store
