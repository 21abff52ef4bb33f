// Words: the unit analytics compares texts by. The same document read from a PDF, a DOCX or a
// plain-text file, or quoted in a reply, differs in line breaks, spacing, case and quote markers
// ("> "), never in its words; comparing words makes those renderings agree.
//
// A word is a run of ASCII letters and digits, or of bytes >= 0x80 (so a UTF-8 word stays whole),
// lower-cased in ASCII. Everything else separates words.
//
// Thread safety: pure functions.
#pragma once

#include <cstddef>
#include <string>
#include <string_view>

namespace bates::analytics {

inline bool IsWordByte(unsigned char c) {
  return (c >= '0' && c <= '9') || (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || c >= 0x80;
}

// Calls fn(std::string_view word) for each word of `text`, in order; the word is as written (the
// caller lower-cases, or uses LowerWord).
template <typename Fn>
void ForEachWord(std::string_view text, Fn&& fn) {
  size_t i = 0;
  const size_t n = text.size();
  while (i < n) {
    while (i < n && !IsWordByte(static_cast<unsigned char>(text[i]))) ++i;
    size_t start = i;
    while (i < n && IsWordByte(static_cast<unsigned char>(text[i]))) ++i;
    if (i > start) fn(text.substr(start, i - start));
  }
}

// The words of `text`, lower-cased, joined by single spaces ("" when there are none).
std::string WordString(std::string_view text);

// Number of words in `text`.
size_t CountWords(std::string_view text);

}  // namespace bates::analytics
