// Web workspace sign-in (issue 10): passwords checked, sessions opened, found and closed. The
// server only carries tokens between the cookie and these calls; the checks are here.
#include <nlohmann/json.hpp>

#include "engine/case.h"
#include "engine/case_parts.h"
#include "engine/password.h"
#include "engine/session_token.h"

namespace bates::engine {
namespace {

std::string DumpDetail(const nlohmann::json& detail) {
  return detail.dump(-1, ' ', false, nlohmann::json::error_handler_t::replace);
}

}  // namespace

void Case::SetActor(const std::string& actor) { parts_->options.actor = actor; }

Result<SessionView> Case::Login(const std::string& name, const std::string& password,
                                int64_t ttl_seconds) {
  CaseParts& parts = *parts_;
  // One message for an unknown name and a wrong password: no hint which names exist.
  const Status refused = InvalidArgumentError("wrong user name or password");
  if (name.empty() || password.empty()) return refused;
  if (ttl_seconds <= 0) return InvalidArgumentError("a session must last at least a second");
  BATES_ASSIGN_OR_RETURN(std::optional<store::UserAccount> user,
                         parts.store->users().FindUser(name));
  if (!user || !VerifyPassword(user->password_hash, password)) {
    nlohmann::json detail = {{"user", name}};
    parts.Audit("user.login_refused", DumpDetail(detail)).IgnoreError();
    return refused;
  }
  const int64_t now = parts.options.env->NowUnixSeconds();
  SessionView session;
  session.user = user->name;
  session.role = user->role;
  session.token = NewToken();
  session.csrf_token = NewToken();
  session.expires_at = now + ttl_seconds;
  BATES_RETURN_IF_ERROR(parts.store->users().DeleteExpiredSessions(now));
  BATES_RETURN_IF_ERROR(parts.store->users().AddSession(store::UserSession{
      TokenDigest(session.token), user->id, session.csrf_token, now, session.expires_at}));
  nlohmann::json detail = {{"user", user->name}, {"role", user->role}};
  BATES_RETURN_IF_ERROR(parts.Audit("user.login", DumpDetail(detail)));
  return session;
}

Result<SessionView> Case::SessionFor(const std::string& token) {
  CaseParts& parts = *parts_;
  if (token.empty()) return NotFoundError("no session");
  const int64_t now = parts.options.env->NowUnixSeconds();
  BATES_ASSIGN_OR_RETURN(std::optional<store::UserSession> found,
                         parts.store->users().FindSession(TokenDigest(token), now));
  if (!found) return NotFoundError("no session, or it has expired");
  BATES_ASSIGN_OR_RETURN(std::optional<store::UserAccount> user,
                         parts.store->users().UserById(found->user_id));
  if (!user) return NotFoundError("the session's account no longer exists");
  SessionView session;
  session.user = user->name;
  session.role = user->role;
  session.csrf_token = found->csrf_token;
  session.expires_at = found->expires_at;
  return session;
}

Status Case::Logout(const std::string& token) {
  CaseParts& parts = *parts_;
  BATES_ASSIGN_OR_RETURN(SessionView session, SessionFor(token));
  BATES_RETURN_IF_ERROR(parts.store->users().DeleteSession(TokenDigest(token)));
  nlohmann::json detail = {{"user", session.user}};
  return parts.Audit("user.logout", DumpDetail(detail));
}

}  // namespace bates::engine
