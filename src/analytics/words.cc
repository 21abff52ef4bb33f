#include "analytics/words.h"

namespace bates::analytics {

std::string WordString(std::string_view text) {
  std::string out;
  out.reserve(text.size());
  ForEachWord(text, [&out](std::string_view word) {
    if (!out.empty()) out.push_back(' ');
    for (char c : word) out.push_back(c >= 'A' && c <= 'Z' ? static_cast<char>(c - 'A' + 'a') : c);
  });
  return out;
}

size_t CountWords(std::string_view text) {
  size_t n = 0;
  ForEachWord(text, [&n](std::string_view) { ++n; });
  return n;
}

}  // namespace bates::analytics
