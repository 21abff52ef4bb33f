// EmailAt: the email address around one '@' of a text, found by hand instead of by a regular
// expression. The personal-data scan asks Vectorscan only for the '@' and expands from it: the
// full email expression, with its unbounded local-part and domain runs, cost the scan more than
// every other pattern together (docs/BENCHMARKS.md, "Personal-data scan").
//
// The span is exactly what Vectorscan's leftmost-start, longest-end match of the expression
// PiiScanner::Expressions() lists for ripgrep would give (kEmailExpression below):
//   \b[A-Za-z0-9._%+-]+@[A-Za-z0-9-]+(\.[A-Za-z0-9-]+)*\.[A-Za-z]{2,}\b
// with ASCII semantics: \b is between a word character (A-Z, a-z, 0-9, '_') and anything else or
// the text's edge, and a byte of a multi-byte UTF-8 character is never a word character.
#pragma once

#include <cstddef>
#include <optional>
#include <string_view>

namespace bates::review {

inline constexpr const char* kEmailExpression =
    "\\b[A-Za-z0-9._%+-]+@[A-Za-z0-9-]+(\\.[A-Za-z0-9-]+)*\\.[A-Za-z]{2,}\\b";

struct ByteSpan {
  size_t start = 0;  // bytes, [start, end)
  size_t end = 0;
  friend bool operator==(const ByteSpan&, const ByteSpan&) = default;
};

// The address whose '@' is text[at], or nothing when the bytes around it do not make one (no
// local part, no dotted domain ending in two letters, no word boundary). `at` must index an '@'.
std::optional<ByteSpan> EmailAt(std::string_view text, size_t at);

}  // namespace bates::review
