// Load-file text encodings. Load files come from many tools: UTF-8 with or without a byte-order
// mark, UTF-16 (little- or big-endian, usually with a BOM), and Windows-1252 from older
// platforms. DecodeLoadFile turns any of them into UTF-8 and says which it found, so the readers
// work on code points whatever the bytes were.
//
// Thread safety: free functions, no state.
#pragma once

#include <string>
#include <string_view>

#include "core/result.h"

namespace bates::produce::loadfile {

enum class TextEncoding { kUtf8Bom, kUtf8, kUtf16Le, kUtf16Be, kWindows1252 };

std::string_view EncodingName(TextEncoding encoding);

struct DecodedText {
  std::string utf8;  // without a byte-order mark
  TextEncoding encoding = TextEncoding::kUtf8;
};

// Detection: a BOM decides; else NUL bytes on one parity mean UTF-16 without a BOM; else valid
// UTF-8 is UTF-8; else Windows-1252 (which maps every byte).
Result<DecodedText> DecodeLoadFile(std::string_view bytes);

// Decodes one code point at `pos` of valid UTF-8 and advances `pos`; U+FFFD on a bad byte.
char32_t NextCodePoint(std::string_view utf8, size_t& pos);
void AppendUtf8(std::string& out, char32_t cp);

// Bates numbers typed or exported with a Unicode hyphen (U+2010..U+2015, U+2212) read with '-',
// so "CITY‐000001" and "CITY-000001" are the same number.
std::string NormalizeBatesText(std::string_view utf8);

}  // namespace bates::produce::loadfile
