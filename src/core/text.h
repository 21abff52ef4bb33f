// Text: conversion of any charset to UTF-8 (ICU), UTF-8 repair, and code-point arithmetic.
//
// Everything bates stores and indexes is valid UTF-8. Offsets given to users (PII hits,
// redactions) are in code points, never bytes.
//
// Thread safety: free functions, safe from any thread.
#pragma once

#include <cstddef>
#include <string>
#include <string_view>

#include "core/result.h"

namespace bates {

// Converts bytes in `charset` (any name ICU knows: "windows-1252", "ISO-8859-1", "Shift_JIS",
// "UTF-16LE") to UTF-8. Unmappable bytes become U+FFFD. UnsupportedFormat for an unknown charset.
Result<std::string> ConvertToUtf8(std::string_view bytes, std::string_view charset);

bool IsValidUtf8(std::string_view text);
// Valid UTF-8 with every ill-formed sequence replaced by U+FFFD, and NUL bytes removed.
std::string RepairUtf8(std::string_view text);

size_t CountCodePoints(std::string_view utf8);
// Byte offset of the code point at index `code_point` (the size of the string past the end).
size_t ByteOffsetOfCodePoint(std::string_view utf8, size_t code_point);

// Runs of whitespace become one space, or one newline where the run held a line break; the result
// is trimmed. For display of extracted text, not for storage of it.
std::string CollapseWhitespace(std::string_view text);

// The first `max_code_points` code points, never cutting a character in half.
std::string_view TruncateUtf8(std::string_view utf8, size_t max_code_points);

// ASCII lower-casing (for header names, extensions, charset names).
std::string AsciiLower(std::string_view text);
std::string_view TrimAscii(std::string_view text);

// Removes diacritics, as a search should ignore them: "Müller" → "Muller", "café" → "cafe",
// "Łódź" → "Lodz". Letters are decomposed (Unicode NFD) and their non-spacing marks dropped; a few
// letters with a stroke that do not decompose (ø, ł, đ) map to their base letter. ASCII text is
// returned unchanged without being examined twice.
std::string FoldDiacritics(std::string_view utf8);

// Appends `text` with the characters HTML gives meaning to (< > & ") as entities, safe in element
// text and in double-quoted attributes (bates writes no single-quoted ones).
void AppendHtmlEscaped(std::string& out, std::string_view text);
std::string HtmlEscaped(std::string_view text);

}  // namespace bates
