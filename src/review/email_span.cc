#include "review/email_span.h"

namespace bates::review {
namespace {

bool IsAsciiAlpha(unsigned char c) { return (c | 0x20) >= 'a' && (c | 0x20) <= 'z'; }
bool IsAsciiDigit(unsigned char c) { return c >= '0' && c <= '9'; }

// \w of the expression: ASCII letters, digits and '_'.
bool IsWord(unsigned char c) { return IsAsciiAlpha(c) || IsAsciiDigit(c) || c == '_'; }

// [A-Za-z0-9._%+-]
bool IsLocal(unsigned char c) {
  return IsAsciiAlpha(c) || IsAsciiDigit(c) || c == '.' || c == '_' || c == '%' || c == '+' ||
         c == '-';
}

// [A-Za-z0-9-]
bool IsLabel(unsigned char c) { return IsAsciiAlpha(c) || IsAsciiDigit(c) || c == '-'; }

// \b before text[i]: a word character on exactly one side (outside the text is not one).
bool BoundaryAt(std::string_view text, size_t i) {
  const bool before = i > 0 && IsWord(static_cast<unsigned char>(text[i - 1]));
  const bool after = i < text.size() && IsWord(static_cast<unsigned char>(text[i]));
  return before != after;
}

}  // namespace

std::optional<ByteSpan> EmailAt(std::string_view text, size_t at) {
  if (at >= text.size() || text[at] != '@') return std::nullopt;
  auto byte = [&](size_t i) { return static_cast<unsigned char>(text[i]); };

  // Left: the local part is a run of local characters ending at the '@'; the match starts at
  // the leftmost position in that run with a word boundary before it.
  size_t run = at;
  while (run > 0 && IsLocal(byte(run - 1))) --run;
  size_t start = run;
  while (start < at && !BoundaryAt(text, start)) ++start;
  if (start == at) return std::nullopt;

  // Right: labels of [A-Za-z0-9-]+ separated by single dots, at least two, the last one's
  // letters ([A-Za-z]{2,}) ending at a word boundary. The longest such end wins. An end can fall
  // inside a label ("a@b.co-op" ends after "co", where '-' makes a boundary).
  std::optional<size_t> end;
  size_t i = at + 1;
  size_t label_start = i;   // where the current label began
  bool seen_dot = false;    // a dot after a non-empty first label: the final part may start
  size_t letters_from = i;  // start of the run of letters ending at i, within the label
  for (; i < text.size(); ++i) {
    const unsigned char c = byte(i);
    if (c == '.') {
      if (i == label_start) break;  // empty label: ".." or "@."
      seen_dot = true;
      label_start = letters_from = i + 1;
      continue;
    }
    if (!IsLabel(c)) break;
    if (!IsAsciiAlpha(c)) {
      letters_from = i + 1;
      continue;
    }
    // text[letters_from, i] are letters. They can be the final part only when they start the
    // label (the part follows a dot) and there are two or more of them.
    const size_t after = i + 1;
    if (seen_dot && letters_from == label_start && after - label_start >= 2 &&
        BoundaryAt(text, after)) {
      end = after;
    }
  }
  if (!end) return std::nullopt;
  return ByteSpan{start, *end};
}

}  // namespace bates::review
