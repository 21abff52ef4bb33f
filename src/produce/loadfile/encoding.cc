#include "produce/loadfile/encoding.h"

#include "core/text.h"

namespace bates::produce::loadfile {

std::string_view EncodingName(TextEncoding encoding) {
  switch (encoding) {
    case TextEncoding::kUtf8Bom:
      return "utf-8-bom";
    case TextEncoding::kUtf8:
      return "utf-8";
    case TextEncoding::kUtf16Le:
      return "utf-16le";
    case TextEncoding::kUtf16Be:
      return "utf-16be";
    case TextEncoding::kWindows1252:
      return "windows-1252";
  }
  return "?";
}

namespace {

bool StartsWith(std::string_view s, std::string_view prefix) {
  return s.substr(0, prefix.size()) == prefix;
}

// UTF-16 without a BOM: ASCII-heavy load files then have a NUL in almost every other byte.
std::optional<TextEncoding> GuessUtf16(std::string_view bytes) {
  if (bytes.size() < 4 || bytes.size() % 2 != 0) return std::nullopt;
  size_t even = 0, odd = 0;
  size_t n = std::min<size_t>(bytes.size(), 4096);
  for (size_t i = 0; i < n; ++i) {
    if (bytes[i] != '\0') continue;
    (i % 2 == 0 ? even : odd)++;
  }
  if (odd * 3 > n) return TextEncoding::kUtf16Le;
  if (even * 3 > n) return TextEncoding::kUtf16Be;
  return std::nullopt;
}

}  // namespace

Result<DecodedText> DecodeLoadFile(std::string_view bytes) {
  DecodedText out;
  if (StartsWith(bytes, "\xEF\xBB\xBF")) {
    bytes.remove_prefix(3);
    out.encoding = TextEncoding::kUtf8Bom;
    if (!IsValidUtf8(bytes)) return CorruptError("load file has a UTF-8 BOM but is not UTF-8");
    out.utf8 = std::string(bytes);
    return out;
  }
  std::optional<TextEncoding> utf16;
  if (StartsWith(bytes, "\xFF\xFE")) {
    utf16 = TextEncoding::kUtf16Le;
    bytes.remove_prefix(2);
  } else if (StartsWith(bytes, "\xFE\xFF")) {
    utf16 = TextEncoding::kUtf16Be;
    bytes.remove_prefix(2);
  } else {
    utf16 = GuessUtf16(bytes);
  }
  if (utf16) {
    out.encoding = *utf16;
    BATES_ASSIGN_OR_RETURN(
        out.utf8, ConvertToUtf8(bytes, *utf16 == TextEncoding::kUtf16Le ? "UTF-16LE" : "UTF-16BE"));
    return out;
  }
  if (IsValidUtf8(bytes)) {
    out.encoding = TextEncoding::kUtf8;
    out.utf8 = std::string(bytes);
    return out;
  }
  out.encoding = TextEncoding::kWindows1252;
  BATES_ASSIGN_OR_RETURN(out.utf8, ConvertToUtf8(bytes, "windows-1252"));
  return out;
}

char32_t NextCodePoint(std::string_view s, size_t& pos) {
  auto byte = [&](size_t i) { return static_cast<unsigned char>(s[i]); };
  unsigned char b = byte(pos);
  int len = b < 0x80 ? 1 : (b >> 5) == 6 ? 2 : (b >> 4) == 14 ? 3 : (b >> 3) == 30 ? 4 : 0;
  if (len == 0 || pos + static_cast<size_t>(len) > s.size()) {
    ++pos;
    return 0xFFFD;
  }
  char32_t cp = len == 1 ? b : len == 2 ? (b & 0x1F) : len == 3 ? (b & 0x0F) : (b & 0x07);
  for (int i = 1; i < len; ++i) cp = (cp << 6) | (byte(pos + static_cast<size_t>(i)) & 0x3F);
  pos += static_cast<size_t>(len);
  return cp;
}

void AppendUtf8(std::string& out, char32_t cp) {
  if (cp < 0x80) {
    out += static_cast<char>(cp);
  } else if (cp < 0x800) {
    out += static_cast<char>(0xC0 | (cp >> 6));
    out += static_cast<char>(0x80 | (cp & 0x3F));
  } else if (cp < 0x10000) {
    out += static_cast<char>(0xE0 | (cp >> 12));
    out += static_cast<char>(0x80 | ((cp >> 6) & 0x3F));
    out += static_cast<char>(0x80 | (cp & 0x3F));
  } else {
    out += static_cast<char>(0xF0 | (cp >> 18));
    out += static_cast<char>(0x80 | ((cp >> 12) & 0x3F));
    out += static_cast<char>(0x80 | ((cp >> 6) & 0x3F));
    out += static_cast<char>(0x80 | (cp & 0x3F));
  }
}

std::string NormalizeBatesText(std::string_view utf8) {
  std::string out;
  size_t pos = 0;
  while (pos < utf8.size()) {
    char32_t cp = NextCodePoint(utf8, pos);
    if ((cp >= 0x2010 && cp <= 0x2015) || cp == 0x2212) cp = '-';
    AppendUtf8(out, cp);
  }
  return out;
}

}  // namespace bates::produce::loadfile
