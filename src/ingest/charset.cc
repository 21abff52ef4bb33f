#include "ingest/charset.h"

#include <uchardet/uchardet.h>

#include <cstring>
#include <memory>
#include <utility>

#include "core/text.h"

namespace bates::ingest {
namespace {

// uchardet needs far less than a whole document to make up its mind, and costs time per byte.
constexpr size_t kDetectSampleBytes = 64 * 1024;
// ICU converts through a UTF-16 buffer sized from the input; converting large inputs in pieces
// keeps that buffer (and int32 lengths) bounded.
constexpr size_t kConvertChunkBytes = 16 * 1024 * 1024;

bool HasHighBytes(std::string_view bytes) {
  for (char c : bytes) {
    if (static_cast<unsigned char>(c) >= 0x80) return true;
  }
  return false;
}

// Charsets in which a byte below 0x80 may not be that ASCII character: stateful 7-bit encodings
// (ISO-2022, HZ, UTF-7) and EBCDIC. Everything else reads pure ASCII as ASCII.
bool AsciiMayDiffer(std::string_view charset) {
  return charset.starts_with("iso-2022") || charset.starts_with("hz") ||
         charset.starts_with("utf-7") || charset.starts_with("ibm-37") ||
         charset.starts_with("ibm037") || charset.starts_with("cp037") ||
         charset.starts_with("ebcdic");
}

bool IsUnicodeWide(std::string_view charset) {
  return charset.starts_with("utf-16") || charset.starts_with("utf-32") || charset == "ucs-2" ||
         charset == "ucs-4";
}

}  // namespace

// UTF-16 without a BOM: plain text in a Latin script has a NUL in every other byte.
std::string_view SniffUtf16(std::string_view bytes) {
  size_t n = std::min<size_t>(bytes.size(), 4096) & ~size_t{1};
  if (n < 8) return {};
  size_t even_nuls = 0, odd_nuls = 0;
  for (size_t i = 0; i < n; i += 2) {
    if (bytes[i] == '\0') ++even_nuls;
    if (bytes[i + 1] == '\0') ++odd_nuls;
  }
  size_t pairs = n / 2;
  if (odd_nuls * 10 >= pairs * 7 && even_nuls * 50 <= pairs) return "utf-16le";
  if (even_nuls * 10 >= pairs * 7 && odd_nuls * 50 <= pairs) return "utf-16be";
  return {};
}

namespace {

// Where a piece of a large input may end without splitting a character: after a newline (never a
// trail byte in the multi-byte charsets ICU reads, and a reset point in ISO-2022), or on the
// code-unit boundary of a wide Unicode form.
size_t ChunkEnd(std::string_view bytes, size_t begin, std::string_view charset) {
  size_t end = begin + kConvertChunkBytes;
  if (end >= bytes.size()) return bytes.size();
  if (charset.starts_with("utf-32")) return end & ~size_t{3};
  if (IsUnicodeWide(charset)) return end & ~size_t{1};
  size_t newline = bytes.rfind('\n', end - 1);
  if (newline != std::string_view::npos && newline >= begin) return newline + 1;
  return end;
}

// Converts with ICU; empty optional-like Result error when ICU does not know the charset.
Result<std::string> Convert(std::string_view bytes, std::string_view charset) {
  if (bytes.size() <= kConvertChunkBytes) return ConvertToUtf8(bytes, charset);
  std::string out;
  out.reserve(bytes.size());
  for (size_t begin = 0; begin < bytes.size();) {
    size_t end = ChunkEnd(bytes, begin, charset);
    BATES_ASSIGN_OR_RETURN(std::string piece,
                           ConvertToUtf8(bytes.substr(begin, end - begin), charset));
    out += piece;
    begin = end;
  }
  return out;
}

std::string FromDetected(std::string_view bytes, std::string* used_charset) {
  std::string charset = DetectCharset(bytes);
  if (charset != "utf-8") {
    Result<std::string> converted = Convert(bytes, charset);
    if (converted.ok()) {
      if (used_charset) *used_charset = charset;
      return RepairUtf8(*converted);
    }
    charset = "windows-1252";
    converted = Convert(bytes, charset);
    if (converted.ok()) {
      if (used_charset) *used_charset = charset;
      return RepairUtf8(*converted);
    }
  }
  if (used_charset) *used_charset = "utf-8";
  return RepairUtf8(bytes);
}

}  // namespace

std::string_view CharsetFromBom(std::string_view bytes, size_t* bom_size) {
  auto starts = [&](std::string_view bom) { return bytes.starts_with(bom); };
  std::string_view charset;
  size_t size = 0;
  if (starts("\xEF\xBB\xBF")) {
    charset = "utf-8", size = 3;
  } else if (starts(std::string_view("\xFF\xFE\0\0", 4))) {
    charset = "utf-32le", size = 4;
  } else if (starts(std::string_view("\0\0\xFE\xFF", 4))) {
    charset = "utf-32be", size = 4;
  } else if (starts("\xFF\xFE")) {
    charset = "utf-16le", size = 2;
  } else if (starts("\xFE\xFF")) {
    charset = "utf-16be", size = 2;
  }
  if (bom_size) *bom_size = size;
  return charset;
}

std::string NormalizeCharsetLabel(std::string_view label) {
  std::string name = AsciiLower(TrimAscii(label));
  while (!name.empty() && (name.front() == '"' || name.front() == '\'')) name.erase(0, 1);
  while (!name.empty() && (name.back() == '"' || name.back() == '\'')) name.pop_back();
  if (name.empty()) return {};
  static constexpr std::pair<std::string_view, std::string_view> kAliases[] = {
      {"utf8", "utf-8"},
      {"unicode-1-1-utf-8", "utf-8"},
      {"x-unicode20utf8", "utf-8"},
      // Browsers read these labels as windows-1252, and so does mail in practice: text labelled
      // Latin-1 or ASCII routinely holds 0x80-0x9F punctuation from Windows.
      {"us-ascii", "windows-1252"},
      {"ascii", "windows-1252"},
      {"ansi_x3.4-1968", "windows-1252"},
      {"iso-8859-1", "windows-1252"},
      {"iso8859-1", "windows-1252"},
      {"iso_8859-1", "windows-1252"},
      {"iso_8859-1:1987", "windows-1252"},
      {"latin1", "windows-1252"},
      {"l1", "windows-1252"},
      {"cp819", "windows-1252"},
      {"cp1252", "windows-1252"},
      {"x-cp1252", "windows-1252"},
      {"iso-8859-9", "windows-1254"},
      {"latin5", "windows-1254"},
      {"tis-620", "windows-874"},
      {"iso-8859-11", "windows-874"},
      {"gb2312", "gb18030"},
      {"gbk", "gb18030"},
      {"x-gbk", "gb18030"},
      {"euc-cn", "gb18030"},
      {"euc-kr", "windows-949"},
      {"ks_c_5601-1987", "windows-949"},
      {"shift_jis", "windows-31j"},
      {"shift-jis", "windows-31j"},
      {"sjis", "windows-31j"},
      {"x-sjis", "windows-31j"},
      {"ms_kanji", "windows-31j"},
      {"cp932", "windows-31j"},
      {"ucs-2", "utf-16"},
      {"unicode", "utf-16"},
      {"x-mac-roman", "macintosh"},
  };
  for (const auto& [alias, canonical] : kAliases) {
    if (name == alias) return std::string(canonical);
  }
  static constexpr std::string_view kUnusable[] = {
      "unknown-8bit", "x-unknown", "unknown", "binary",         "8bit",
      "7bit",         "default",   "none",    "x-user-defined", "charset"};
  for (std::string_view bad : kUnusable) {
    if (name == bad) return {};
  }
  return name;
}

std::string DetectCharset(std::string_view bytes) {
  if (std::string_view bom = CharsetFromBom(bytes); !bom.empty()) return std::string(bom);
  if (IsValidUtf8(bytes)) {
    // Valid UTF-8 may still be UTF-16 without a BOM (NULs are valid UTF-8).
    if (std::string_view wide = SniffUtf16(bytes); !wide.empty()) return std::string(wide);
    return "utf-8";
  }
  if (std::string_view wide = SniffUtf16(bytes); !wide.empty()) return std::string(wide);

  std::unique_ptr<std::remove_pointer_t<uchardet_t>, decltype(&uchardet_delete)> detector(
      uchardet_new(), uchardet_delete);
  std::string charset;
  if (detector) {
    std::string_view sample = bytes.substr(0, kDetectSampleBytes);
    if (uchardet_handle_data(detector.get(), sample.data(), sample.size()) == 0) {
      uchardet_data_end(detector.get());
      const char* name = uchardet_get_charset(detector.get());
      if (name != nullptr) charset = NormalizeCharsetLabel(name);
    }
  }
  // Not valid UTF-8, so "ASCII" or "UTF-8" from the detector cannot be right.
  if (charset.empty() || charset == "utf-8" || charset == "windows-1252" || charset == "ascii") {
    return "windows-1252";
  }
  return charset;
}

std::string DecodeToUtf8(std::string_view bytes, std::string_view declared,
                         std::string* used_charset) {
  size_t bom_size = 0;
  if (std::string_view bom = CharsetFromBom(bytes, &bom_size); !bom.empty()) {
    std::string_view rest = bytes.substr(bom_size);
    if (bom == "utf-8") {
      if (used_charset) *used_charset = "utf-8";
      return RepairUtf8(rest);
    }
    if (Result<std::string> converted = Convert(rest, bom); converted.ok()) {
      if (used_charset) *used_charset = std::string(bom);
      return RepairUtf8(*converted);
    }
    return FromDetected(rest, used_charset);
  }

  std::string charset = NormalizeCharsetLabel(declared);
  if (charset == "utf-8") {
    if (IsValidUtf8(bytes)) {
      if (used_charset) *used_charset = charset;
      return RepairUtf8(bytes);
    }
    return FromDetected(bytes, used_charset);  // declared wrong
  }
  if (!charset.empty()) {
    if (!IsUnicodeWide(charset) && !AsciiMayDiffer(charset) && !HasHighBytes(bytes)) {
      // Pure ASCII (most mail): every such charset reads it the same; ICU would only copy it.
      if (used_charset) *used_charset = charset;
      return RepairUtf8(bytes);
    }
    if (IsUnicodeWide(charset)) {
      // A wide form without a single NUL in its first kilobyte is a mislabel (HTML pages saved
      // as UTF-8 often keep a "utf-16" meta tag).
      if (bytes.substr(0, 1024).find('\0') == std::string_view::npos) {
        return FromDetected(bytes, used_charset);
      }
    } else if (HasHighBytes(bytes) && IsValidUtf8(bytes)) {
      // Non-ASCII bytes that form valid UTF-8 are almost never text in another charset: the label
      // is stale (a Latin-1 header on a UTF-8 body is the usual case).
      if (used_charset) *used_charset = "utf-8";
      return RepairUtf8(bytes);
    }
    if (Result<std::string> converted = Convert(bytes, charset); converted.ok()) {
      if (used_charset) *used_charset = charset;
      return RepairUtf8(*converted);
    }
  }
  return FromDetected(bytes, used_charset);
}

}  // namespace bates::ingest
