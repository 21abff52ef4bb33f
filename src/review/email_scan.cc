#include "review/email_scan.h"

#include <algorithm>
#include <cstring>

namespace bates::review {
namespace {

// The email pattern's characters: [A-Za-z0-9._%+-] before the '@', [A-Za-z0-9.-] after it.
bool IsAsciiAlnum(char c) {
  return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9');
}
bool IsLocalPartChar(char c) {
  return IsAsciiAlnum(c) || c == '.' || c == '_' || c == '%' || c == '+' || c == '-';
}
bool IsDomainChar(char c) { return IsAsciiAlnum(c) || c == '.' || c == '-'; }

}  // namespace

Status ScanEmailsAroundAt(PatternSet& email_set, std::string_view text,
                          const std::function<void(uint64_t, uint64_t)>& on_match) {
  size_t from = 0;
  while (from < text.size()) {
    const void* found = std::memchr(text.data() + from, '@', text.size() - from);
    if (found == nullptr) break;
    const size_t at = static_cast<size_t>(static_cast<const char*>(found) - text.data());
    from = at + 1;
    size_t left = at;
    while (left > 0 && IsLocalPartChar(text[left - 1])) --left;
    size_t right = at + 1;
    while (right < text.size() && IsDomainChar(text[right])) ++right;
    if (left == at || right == at + 1) continue;  // nothing on one side: no address
    const size_t begin = left > 0 ? left - 1 : 0;
    const size_t end = std::min(text.size(), right + 1);
    BATES_RETURN_IF_ERROR(email_set.Scan(
        text.substr(begin, end - begin), [&](uint32_t, uint64_t start, uint64_t stop) {
          start += begin;
          stop += begin;
          if (start <= at && at < stop) on_match(start, stop);  // this '@''s, not a neighbour's
        }));
  }
  return Status::Ok();
}

}  // namespace bates::review
