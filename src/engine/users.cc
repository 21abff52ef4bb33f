// Web workspace accounts (issue 10): the engine side of `bates user add` and, later, of the
// server's login. The server holds no logic; hashing and checks are here.
#include <nlohmann/json.hpp>

#include "engine/case.h"
#include "engine/case_parts.h"
#include "engine/password.h"

namespace bates::engine {

Status Case::AddUser(const std::string& name, const std::string& role,
                     const std::string& password) {
  CaseParts& parts = *parts_;
  if (name.empty()) return InvalidArgumentError("a user needs a name");
  if (role != "admin" && role != "reviewer" && role != "requester") {
    return InvalidArgumentError("role '{}': expected admin, reviewer or requester", role);
  }
  BATES_ASSIGN_OR_RETURN(std::string hash, HashPassword(password));
  BATES_ASSIGN_OR_RETURN(int64_t id,
                         parts.store->users().AddUser(store::UserAccount{
                             0, name, role, hash, parts.options.env->NowUnixSeconds()}));
  nlohmann::json detail = {{"user", name}, {"role", role}, {"id", id}};
  return parts.Audit("user.add",
                     detail.dump(-1, ' ', false, nlohmann::json::error_handler_t::replace));
}

}  // namespace bates::engine
