#include "produce/bates.h"

#include <fmt/format.h>

#include <charconv>

#include "produce/loadfile/encoding.h"

namespace bates::produce {

std::string BatesFormat::Format(int64_t number) const {
  return fmt::format("{}{:0{}d}", prefix, number, digits);
}

Result<int64_t> BatesFormat::Parse(std::string_view label) const {
  std::string normal = loadfile::NormalizeBatesText(label);
  std::string_view s = normal;
  if (s.substr(0, prefix.size()) != prefix) {
    return InvalidArgumentError("'{}' does not start with the Bates prefix '{}'", label, prefix);
  }
  s.remove_prefix(prefix.size());
  int64_t n = 0;
  auto [p, ec] = std::from_chars(s.data(), s.data() + s.size(), n);
  if (s.empty() || ec != std::errc() || p != s.data() + s.size() || n < 0) {
    return InvalidArgumentError("'{}' is not a Bates number of prefix '{}'", label, prefix);
  }
  return n;
}

Status ValidateBatesPrefix(std::string_view prefix) {
  if (prefix.empty()) return InvalidArgumentError("the Bates prefix is empty");
  for (char c : prefix) {
    bool ok = (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') ||
              c == '-' || c == '_' || c == '.';
    if (!ok) {
      return InvalidArgumentError("the Bates prefix '{}' may hold only letters, digits, - _ .",
                                  prefix);
    }
  }
  return Status::Ok();
}

}  // namespace bates::produce
