// docs/API.md documents exactly the routes the server registers: each path and method of its
// OpenAPI block is a route of ApiRoutes(), and each route is in the block.
#include <gtest/gtest.h>

#include <fstream>
#include <regex>
#include <set>
#include <sstream>
#include <string>

#include "server/reply.h"
#include "server/routes.h"

namespace bates::server {
namespace {

// "GET /api/search" for each operation of the OpenAPI paths (two-space path keys, four-space
// method keys, as docs/API.md writes them).
std::set<std::string> DocumentedRoutes() {
  std::ifstream in(std::string(BATES_SOURCE_DIR) + "/docs/API.md");
  EXPECT_TRUE(in) << "docs/API.md is missing";
  std::set<std::string> out;
  std::string line, path;
  bool in_paths = false;
  const std::regex path_key(R"(^  (/api/\S+):\s*$)");
  const std::regex method_key(R"(^    (get|post|put|patch|delete):\s*$)");
  std::smatch m;
  while (std::getline(in, line)) {
    if (line == "paths:") {
      in_paths = true;
      continue;
    }
    if (!in_paths) continue;
    if (line == "```") break;
    if (std::regex_match(line, m, path_key)) {
      path = m[1];
    } else if (std::regex_match(line, m, method_key)) {
      std::string method = m[1];
      for (char& c : method) c = static_cast<char>(std::toupper(static_cast<unsigned char>(c)));
      out.insert(method + " " + path);
    }
  }
  return out;
}

TEST(ApiDocTest, EveryRouteIsDocumentedAndNothingElse) {
  std::set<std::string> registered;
  for (const Route& r : ApiRoutes()) {
    EXPECT_TRUE(registered.insert(std::string(r.method) + " " + r.path).second)
        << "registered twice: " << r.method << " " << r.path;
  }
  std::set<std::string> documented = DocumentedRoutes();
  for (const std::string& r : registered) {
    EXPECT_TRUE(documented.count(r)) << r << " is not in docs/API.md";
  }
  for (const std::string& d : documented) {
    EXPECT_TRUE(registered.count(d)) << d << " is documented but not served";
  }
}

TEST(RoutesTest, OnlyLoginNeedsNoSessionAndEveryPostButLoginNeedsCsrf) {
  for (const Route& r : ApiRoutes()) {
    bool login = std::string(r.path) == "/api/login";
    EXPECT_EQ(r.roles == 0, login) << r.path;
    if (std::string(r.method) == "POST" && !login) {
      EXPECT_TRUE(r.changes_case) << r.path;
    }
  }
}

TEST(RoutesTest, RequestersNeverSeePrivilegedItems) {
  EXPECT_FALSE(RoleSeesPrivileged("requester"));
  EXPECT_FALSE(RoleSeesPrivileged("someone"));
  EXPECT_TRUE(RoleSeesPrivileged("reviewer"));
  EXPECT_EQ(RoleBitOf("nobody"), 0u);
}

TEST(ReplyTest, ContentDispositionCannotBreakTheHeader) {
  std::string h = ContentDisposition("a\"b\r\nSet-Cookie: x/../é.pdf");
  EXPECT_EQ(h.find('\r'), std::string::npos);
  EXPECT_EQ(h.find('\n'), std::string::npos);
  EXPECT_NE(h.find("filename=\"a_b__Set-Cookie: x_.._"), std::string::npos) << h;
  EXPECT_NE(h.find("%C3%A9.pdf"), std::string::npos) << h;
}

TEST(ReplyTest, EngineStatusesMapToHttp) {
  EXPECT_EQ(StatusReply(InvalidArgumentError("x")).status, 400);
  EXPECT_EQ(StatusReply(NotFoundError("x")).status, 404);
  EXPECT_EQ(StatusReply(InternalError("x")).status, 500);
}

}  // namespace
}  // namespace bates::server
