// Charset: turning text bytes in whatever charset they came in into valid UTF-8, for the text,
// HTML and mail readers. A byte-order mark wins; then a declared charset (a MIME parameter, an HTML
// <meta>, libmagic's guess) when the bytes agree with it; then uchardet's detection. Declared
// labels are read as browsers read them (ISO-8859-1 and US-ASCII mean windows-1252), and a label
// that contradicts the bytes (UTF-8 declared, not valid UTF-8) is set aside. The result is always
// valid UTF-8 with no NUL bytes.
//
// Thread safety: free functions, safe from any thread (each call has its own detector).
#pragma once

#include <string>
#include <string_view>

namespace bates::ingest {

// What a BOM at the start of `bytes` says: "utf-8", "utf-16le", "utf-16be", "utf-32le",
// "utf-32be", or empty. `bom_size` receives its length in bytes (0 when none).
std::string_view CharsetFromBom(std::string_view bytes, size_t* bom_size = nullptr);

// "utf-16le" or "utf-16be" when `bytes` look like UTF-16 text without a BOM (a NUL in every other
// byte), else empty.
std::string_view SniffUtf16(std::string_view bytes);

// The most likely charset of `bytes` (lower-case, a name ICU knows): the BOM's, "utf-8" for valid
// UTF-8 (ASCII included), else uchardet's guess on the first part of the bytes, else
// "windows-1252".
std::string DetectCharset(std::string_view bytes);

// The canonical lower-case name we use for a declared charset label ("ISO_8859-1" →
// "windows-1252", "utf8" → "utf-8"), or empty for an empty or unusable label.
std::string NormalizeCharsetLabel(std::string_view label);

// `bytes` as valid UTF-8. `declared` is a hint (may be empty or wrong); a BOM is honoured and
// removed. If `used_charset` is given it receives the charset the bytes were read as.
std::string DecodeToUtf8(std::string_view bytes, std::string_view declared = {},
                         std::string* used_charset = nullptr);

}  // namespace bates::ingest
