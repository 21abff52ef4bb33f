#include "core/status.h"

#include <array>

namespace bates {
namespace {

constexpr std::array<std::string_view, 13> kCodeNames = {
    "ok",       "invalid_argument",   "not_found",          "already_exists",
    "corrupt",  "unsupported_format", "encrypted",          "io_error",
    "timeout",  "cancelled",          "resource_exhausted", "conflict",
    "internal",
};

}  // namespace

std::string_view StatusCodeName(StatusCode code) {
  auto index = static_cast<size_t>(code);
  return index < kCodeNames.size() ? kCodeNames[index] : "internal";
}

StatusCode StatusCodeFromName(std::string_view name) {
  for (size_t i = 0; i < kCodeNames.size(); ++i) {
    if (kCodeNames[i] == name) return static_cast<StatusCode>(i);
  }
  return StatusCode::kInternal;
}

std::string Status::ToString() const {
  if (ok()) return "ok";
  return fmt::format("{}: {}", StatusCodeName(code_), message_);
}

Status Status::WithContext(std::string_view context) const {
  if (ok()) return *this;
  return Status(code_, fmt::format("{}: {}", context, message_));
}

}  // namespace bates
