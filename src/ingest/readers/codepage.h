// Windows code pages for the Office and Outlook readers: RTF (\ansicpg, \fcharset), MAPI string
// properties (PR_MESSAGE_CODEPAGE, PR_INTERNET_CPID) and OLE property sets (PID_CODEPAGE) name
// their text's encoding by a Windows code page number; this turns the number into a charset ICU
// knows and decodes bytes with it. Single-byte code pages are decoded through a table built once
// per code page, because RTF decodes one escaped byte at a time and an ICU converter per byte
// would dominate the reading time.
//
// Thread safety: free functions, safe from any thread (the table cache is locked).
#pragma once

#include <cstdint>
#include <string>
#include <string_view>

namespace bates::ingest {

// The ICU name of Windows code page `codepage` ("windows-1252", "Shift_JIS", "UTF-16LE"), or empty
// when we know no name for it.
std::string_view CodepageCharset(int codepage);

// True for code pages where one byte is one character.
bool IsSingleByteCodepage(int codepage);

// `bytes` in `codepage` as valid UTF-8; an unknown code page is read as windows-1252 (what Office
// itself falls back to).
std::string DecodeCodepage(std::string_view bytes, int codepage);

// The code page of an RTF/Windows font charset (\fcharsetN): 128 → 932, 204 → 1251, ...; 0 for
// ANSI_CHARSET and DEFAULT_CHARSET (use the document's code page), -1 for SYMBOL_CHARSET.
int CodepageOfFontCharset(int charset);

// UTF-16LE (MAPI PT_UNICODE, OLE property names) to UTF-8, surrogate pairs joined, lone
// surrogates replaced by U+FFFD, NULs dropped, an odd trailing byte ignored.
std::string Utf16LeToUtf8(std::string_view bytes);

// UTF-8 to UTF-16LE, for the writers tests use and for name comparisons.
std::string Utf8ToUtf16Le(std::string_view text);

// Appends code point `c` to `out` as UTF-8 (U+FFFD for invalid values).
void AppendUtf8(std::string& out, uint32_t c);

}  // namespace bates::ingest
