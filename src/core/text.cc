#include "core/text.h"

#include <unicode/normalizer2.h>
#include <unicode/uchar.h>
#include <unicode/ucnv.h>
#include <unicode/unistr.h>
#include <unicode/utf8.h>

#include <memory>

namespace bates {

Result<std::string> ConvertToUtf8(std::string_view bytes, std::string_view charset) {
  std::string name(charset);
  UErrorCode status = U_ZERO_ERROR;
  UConverter* raw = ucnv_open(name.c_str(), &status);
  if (U_FAILURE(status) || raw == nullptr) {
    return UnsupportedFormatError("unknown charset '{}'", charset);
  }
  std::unique_ptr<UConverter, decltype(&ucnv_close)> from(raw, ucnv_close);
  // Unmappable and illegal input become U+FFFD rather than failing the whole document.
  ucnv_setToUCallBack(from.get(), UCNV_TO_U_CALLBACK_SUBSTITUTE, nullptr, nullptr, nullptr,
                      &status);

  std::u16string utf16(bytes.size() * 2 + 16, u'\0');
  status = U_ZERO_ERROR;
  int32_t length = ucnv_toUChars(from.get(), utf16.data(), static_cast<int32_t>(utf16.size()),
                                 bytes.data(), static_cast<int32_t>(bytes.size()), &status);
  if (status == U_BUFFER_OVERFLOW_ERROR) {
    utf16.resize(static_cast<size_t>(length) + 1);
    status = U_ZERO_ERROR;
    length = ucnv_toUChars(from.get(), utf16.data(), static_cast<int32_t>(utf16.size()),
                           bytes.data(), static_cast<int32_t>(bytes.size()), &status);
  }
  if (U_FAILURE(status)) {
    return CorruptError("cannot convert from {}: {}", charset, u_errorName(status));
  }
  std::string out;
  out.reserve(static_cast<size_t>(length) + static_cast<size_t>(length) / 2);
  for (int32_t i = 0; i < length;) {
    UChar32 c;
    U16_NEXT(utf16.data(), i, length, c);
    if (U_IS_SURROGATE(c)) c = 0xFFFD;
    if (c == 0) continue;
    char buf[4];
    int32_t n = 0;
    UBool error = false;
    U8_APPEND(reinterpret_cast<uint8_t*>(buf), n, 4, c, error);
    if (!error) out.append(buf, static_cast<size_t>(n));
  }
  return out;
}

bool IsValidUtf8(std::string_view text) {
  const auto* s = reinterpret_cast<const uint8_t*>(text.data());
  int32_t length = static_cast<int32_t>(text.size());
  for (int32_t i = 0; i < length;) {
    UChar32 c;
    U8_NEXT(s, i, length, c);
    if (c < 0) return false;
  }
  return true;
}

std::string RepairUtf8(std::string_view text) {
  const auto* s = reinterpret_cast<const uint8_t*>(text.data());
  int32_t length = static_cast<int32_t>(text.size());
  std::string out;
  out.reserve(text.size());
  for (int32_t i = 0; i < length;) {
    int32_t start = i;
    UChar32 c;
    U8_NEXT(s, i, length, c);
    if (c < 0) {
      out.append("\xEF\xBF\xBD");
    } else if (c != 0) {
      out.append(text.data() + start, static_cast<size_t>(i - start));
    }
  }
  return out;
}

size_t CountCodePoints(std::string_view utf8) {
  size_t count = 0;
  for (char ch : utf8) {
    if ((static_cast<unsigned char>(ch) & 0xC0) != 0x80) ++count;
  }
  return count;
}

size_t ByteOffsetOfCodePoint(std::string_view utf8, size_t code_point) {
  size_t seen = 0;
  for (size_t i = 0; i < utf8.size(); ++i) {
    if ((static_cast<unsigned char>(utf8[i]) & 0xC0) != 0x80) {
      if (seen == code_point) return i;
      ++seen;
    }
  }
  return utf8.size();
}

std::string CollapseWhitespace(std::string_view text) {
  std::string out;
  out.reserve(text.size());
  bool pending_space = false, pending_newline = false;
  for (char ch : text) {
    if (ch == ' ' || ch == '\t' || ch == '\r' || ch == '\f' || ch == '\v') {
      pending_space = true;
    } else if (ch == '\n') {
      pending_newline = true;
    } else {
      if (!out.empty() && (pending_newline || pending_space))
        out.push_back(pending_newline ? '\n' : ' ');
      pending_space = pending_newline = false;
      out.push_back(ch);
    }
  }
  return out;
}

std::string_view TruncateUtf8(std::string_view utf8, size_t max_code_points) {
  return utf8.substr(0, ByteOffsetOfCodePoint(utf8, max_code_points));
}

std::string AsciiLower(std::string_view text) {
  std::string out(text);
  for (char& ch : out) {
    if (ch >= 'A' && ch <= 'Z') ch = static_cast<char>(ch - 'A' + 'a');
  }
  return out;
}

std::string_view TrimAscii(std::string_view text) {
  const char* kSpace = " \t\r\n\f\v";
  size_t begin = text.find_first_not_of(kSpace);
  if (begin == std::string_view::npos) return {};
  size_t end = text.find_last_not_of(kSpace);
  return text.substr(begin, end - begin + 1);
}

namespace {

// Letters with a stroke or bar have no decomposition; searchers still expect their base letter.
UChar32 StrokeBase(UChar32 c) {
  switch (c) {
    case 0x00F8:  // ø
      return 'o';
    case 0x00D8:  // Ø
      return 'O';
    case 0x0142:  // ł
      return 'l';
    case 0x0141:  // Ł
      return 'L';
    case 0x0111:  // đ
      return 'd';
    case 0x0110:  // Đ
      return 'D';
    default:
      return c;
  }
}

void AppendUtf8(std::string& out, UChar32 c) {
  char buffer[U8_MAX_LENGTH];
  int32_t length = 0;
  UBool error = false;
  U8_APPEND(buffer, length, U8_MAX_LENGTH, c, error);
  if (!error) out.append(buffer, static_cast<size_t>(length));
}

}  // namespace

std::string FoldDiacritics(std::string_view utf8) {
  size_t first = 0;
  while (first < utf8.size() && static_cast<unsigned char>(utf8[first]) < 0x80) ++first;
  if (first == utf8.size()) return std::string(utf8);
  UErrorCode status = U_ZERO_ERROR;
  const icu::Normalizer2* nfd = icu::Normalizer2::getNFDInstance(status);
  std::string out(utf8.substr(0, first));
  out.reserve(utf8.size());
  const auto* bytes = reinterpret_cast<const uint8_t*>(utf8.data());
  auto length = static_cast<int32_t>(utf8.size());
  icu::UnicodeString decomposed;
  for (auto i = static_cast<int32_t>(first); i < length;) {
    UChar32 c;
    U8_NEXT(bytes, i, length, c);
    if (c < 0) c = 0xFFFD;
    if (c < 0x80) {
      out += static_cast<char>(c);
      continue;
    }
    if (u_charType(c) == U_NON_SPACING_MARK) continue;
    if (U_SUCCESS(status) && nfd->getDecomposition(c, decomposed)) {
      for (int32_t j = 0; j < decomposed.length();) {
        UChar32 part = decomposed.char32At(j);
        j += U16_LENGTH(part);
        if (u_charType(part) != U_NON_SPACING_MARK) AppendUtf8(out, StrokeBase(part));
      }
      continue;
    }
    AppendUtf8(out, StrokeBase(c));
  }
  return out;
}

void AppendHtmlEscaped(std::string& out, std::string_view text) {
  for (char c : text) {
    switch (c) {
      case '<':
        out += "&lt;";
        break;
      case '>':
        out += "&gt;";
        break;
      case '&':
        out += "&amp;";
        break;
      case '"':
        out += "&quot;";
        break;
      default:
        out += c;
    }
  }
}

std::string HtmlEscaped(std::string_view text) {
  std::string out;
  out.reserve(text.size());
  AppendHtmlEscaped(out, text);
  return out;
}

}  // namespace bates
