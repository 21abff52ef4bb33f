#include "server/reply.h"

#include <fmt/format.h>

#include <nlohmann/json.hpp>

namespace bates::server {

Reply JsonReply(std::string body, int status) {
  Reply reply;
  reply.status = status;
  reply.body = std::move(body);
  return reply;
}

Reply ErrorReply(int status, std::string_view code, std::string_view message) {
  nlohmann::json j = {{"error", {{"code", code}, {"message", message}}}};
  return JsonReply(j.dump(-1, ' ', false, nlohmann::json::error_handler_t::replace), status);
}

Reply StatusReply(const Status& status) {
  int http = 500;
  switch (status.code()) {
    case StatusCode::kInvalidArgument:
    case StatusCode::kUnsupportedFormat:
      http = 400;
      break;
    case StatusCode::kNotFound:
      http = 404;
      break;
    case StatusCode::kAlreadyExists:
    case StatusCode::kConflict:
      http = 409;
      break;
    case StatusCode::kResourceExhausted:
      http = 413;
      break;
    default:
      break;
  }
  return ErrorReply(http, StatusCodeName(status.code()), status.message());
}

std::string ContentDisposition(std::string_view file_name) {
  std::string plain;
  std::string encoded;
  for (unsigned char c : file_name) {
    bool safe_plain = c >= 0x20 && c < 0x7f && c != '"' && c != '\\' && c != '/';
    plain += safe_plain ? static_cast<char>(c) : '_';
    bool unreserved = (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') ||
                      c == '-' || c == '.' || c == '_' || c == '~';
    encoded += unreserved ? std::string(1, static_cast<char>(c)) : fmt::format("%{:02X}", c);
  }
  if (plain.empty()) plain = "native";
  return fmt::format("attachment; filename=\"{}\"; filename*=UTF-8''{}", plain, encoded);
}

}  // namespace bates::server
