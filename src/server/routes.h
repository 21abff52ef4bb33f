// The API's route table: every route, who may call it, and what answers it. The server registers
// exactly these, and a test checks that docs/API.md documents exactly these.
#pragma once

#include <functional>
#include <string>
#include <utility>
#include <vector>

#include "engine/case.h"
#include "server/serve_options.h"

namespace httplib {
struct Request;
}

namespace bates::server {

// Which roles may call a route. Privileged items are hidden from the roles without kPrivileged.
enum RoleBit : unsigned {
  kAdmin = 1u << 0,
  kReviewer = 1u << 1,
  kRequester = 1u << 2,
  kAnyRole = kAdmin | kReviewer | kRequester,
};

// What a handler answers. JSON unless it says otherwise.
struct Reply {
  int status = 200;
  std::string body;
  std::string content_type = "application/json";
  std::vector<std::pair<std::string, std::string>> headers;
};

// What a handler is given: the request, a handle on the case (its actor already the user), the
// signed-in session (empty for login) and its path parameter (the {id} or {vol}).
struct RouteContext {
  const httplib::Request& request;
  engine::Case& matter;
  const engine::SessionView& session;
  const ServeOptions& options;
  std::string path_param;
  // The session cookie's token (for logout).
  std::string session_token;
  // Whether the user's role may see privileged items.
  bool sees_privileged = false;
};

struct Route {
  const char* method;  // "GET" or "POST"
  const char* path;    // as documented (OpenAPI): /api/documents/{id}
  unsigned roles;      // RoleBit mask; 0: no session needed (login)
  bool changes_case;   // state-changing: needs the X-CSRF-Token header
  bool exclusive;      // writes the case: runs one at a time
  std::function<Reply(RouteContext&)> handle;
};

const std::vector<Route>& ApiRoutes();

// The role's bit; 0 for an unknown role (which may call nothing).
unsigned RoleBitOf(const std::string& role);
// Admins and reviewers see privileged items; requesters never do.
bool RoleSeesPrivileged(const std::string& role);

}  // namespace bates::server
