// Building API replies: JSON bodies, errors as {"error": {"code", "message"}}, and the HTTP status
// for each engine status code.
#pragma once

#include <string>
#include <string_view>

#include "core/status.h"
#include "server/routes.h"

namespace bates::server {

Reply JsonReply(std::string body, int status = 200);
// `code` is a stable word (unauthenticated, forbidden, csrf, bad_request...); `message` is for
// people.
Reply ErrorReply(int status, std::string_view code, std::string_view message);
// An engine failure: invalid argument 400, not found 404, conflicts 409, the rest 500.
Reply StatusReply(const Status& status);

// `attachment; filename="..."; filename*=UTF-8''...`: the name made safe for a header (quotes,
// control characters and path separators replaced) with the exact name percent-encoded.
std::string ContentDisposition(std::string_view file_name);

}  // namespace bates::server
