#include "ingest/readers/codepage.h"

#include <algorithm>
#include <array>
#include <map>
#include <memory>
#include <mutex>

#include "core/text.h"

namespace bates::ingest {
namespace {

using ByteTable = std::array<std::string, 256>;

// Tables are built on first use and never freed: a handful of code pages in practice.
const ByteTable* TableFor(int codepage) {
  static std::mutex mu;
  static auto* tables = new std::map<int, std::unique_ptr<ByteTable>>();
  std::lock_guard lock(mu);
  auto it = tables->find(codepage);
  if (it != tables->end()) return it->second.get();
  std::string_view charset = CodepageCharset(codepage);
  if (charset.empty()) charset = "windows-1252";
  auto table = std::make_unique<ByteTable>();
  for (int b = 0; b < 256; ++b) {
    char byte = static_cast<char>(b);
    Result<std::string> decoded = ConvertToUtf8(std::string_view(&byte, 1), charset);
    if (decoded.ok()) {
      (*table)[static_cast<size_t>(b)] = *decoded;
    } else {
      (*table)[static_cast<size_t>(b)] = b < 0x80 ? std::string(1, byte) : "\xEF\xBF\xBD";
    }
  }
  (*table)[0].clear();
  const ByteTable* result = table.get();
  tables->emplace(codepage, std::move(table));
  return result;
}

}  // namespace

std::string_view CodepageCharset(int codepage) {
  switch (codepage) {
    case 437:
      return "ibm-437";
    case 708:
      return "iso-8859-6";
    case 720:
      return "ibm-720";
    case 737:
      return "ibm-737";
    case 775:
      return "ibm-775";
    case 850:
      return "ibm-850";
    case 852:
      return "ibm-852";
    case 855:
      return "ibm-855";
    case 857:
      return "ibm-857";
    case 860:
      return "ibm-860";
    case 861:
      return "ibm-861";
    case 862:
      return "ibm-862";
    case 863:
      return "ibm-863";
    case 864:
      return "ibm-864";
    case 865:
      return "ibm-865";
    case 866:
      return "ibm-866";
    case 869:
      return "ibm-869";
    case 874:
      return "windows-874";
    case 932:
      return "windows-31j";
    case 936:
      return "GBK";
    case 949:
      return "windows-949";
    case 950:
      return "windows-950";
    case 1200:
      return "UTF-16LE";
    case 1201:
      return "UTF-16BE";
    case 1250:
    case 1251:
    case 1252:
    case 1253:
    case 1254:
    case 1255:
    case 1256:
    case 1257:
    case 1258: {
      static constexpr std::string_view kWindows[] = {
          "windows-1250", "windows-1251", "windows-1252", "windows-1253", "windows-1254",
          "windows-1255", "windows-1256", "windows-1257", "windows-1258"};
      return kWindows[codepage - 1250];
    }
    case 1361:
      return "ibm-1363";  // Johab; ICU has no "johab" alias, this is the closest Korean table
    case 10000:
      return "macintosh";
    case 10001:
      return "Shift_JIS";
    case 10007:
      return "x-mac-cyrillic";
    case 10029:
      return "x-mac-centraleurroman";
    case 20127:
      return "US-ASCII";
    case 20866:
      return "KOI8-R";
    case 21866:
      return "KOI8-U";
    case 28591:
      return "ISO-8859-1";
    case 28592:
      return "ISO-8859-2";
    case 28593:
      return "ISO-8859-3";
    case 28594:
      return "ISO-8859-4";
    case 28595:
      return "ISO-8859-5";
    case 28596:
      return "ISO-8859-6";
    case 28597:
      return "ISO-8859-7";
    case 28598:
      return "ISO-8859-8";
    case 28599:
      return "ISO-8859-9";
    case 28603:
      return "ISO-8859-13";
    case 28605:
      return "ISO-8859-15";
    case 50220:
    case 50221:
    case 50222:
      return "ISO-2022-JP";
    case 50225:
      return "ISO-2022-KR";
    case 51932:
      return "EUC-JP";
    case 51936:
      return "GB2312";
    case 51949:
      return "EUC-KR";
    case 52936:
      return "HZ-GB-2312";
    case 54936:
      return "GB18030";
    case 65000:
      return "UTF-7";
    case 65001:
      return "UTF-8";
    default:
      return {};
  }
}

bool IsSingleByteCodepage(int codepage) {
  switch (codepage) {
    case 932:
    case 936:
    case 949:
    case 950:
    case 1200:
    case 1201:
    case 1361:
    case 10001:
    case 50220:
    case 50221:
    case 50222:
    case 50225:
    case 51932:
    case 51936:
    case 51949:
    case 52936:
    case 54936:
    case 65000:
    case 65001:
      return false;
    default:
      return true;
  }
}

std::string DecodeCodepage(std::string_view bytes, int codepage) {
  if (bytes.empty()) return {};
  if (codepage == 1200) return Utf16LeToUtf8(bytes);
  if (codepage == 65001) return RepairUtf8(bytes);
  if (IsSingleByteCodepage(codepage)) {
    bool ascii = true;
    for (char c : bytes) ascii = ascii && static_cast<unsigned char>(c) < 0x80 && c != '\0';
    if (ascii) return std::string(bytes);
    const ByteTable& table = *TableFor(codepage);
    std::string out;
    out.reserve(bytes.size() + bytes.size() / 2);
    for (char c : bytes) out += table[static_cast<unsigned char>(c)];
    return out;
  }
  std::string_view charset = CodepageCharset(codepage);
  // ICU takes at most INT32_MAX bytes a call; code pages here are stateless enough to cut at
  // a line break.
  constexpr size_t kChunk = size_t{1} << 30;
  std::string out;
  for (size_t pos = 0; pos < bytes.size();) {
    size_t n = std::min(kChunk, bytes.size() - pos);
    if (pos + n < bytes.size()) {
      size_t nl = bytes.rfind('\n', pos + n);
      if (nl != std::string_view::npos && nl > pos) n = nl + 1 - pos;
    }
    Result<std::string> decoded = ConvertToUtf8(bytes.substr(pos, n), charset);
    out += decoded.ok() ? *decoded : RepairUtf8(bytes.substr(pos, n));
    pos += n;
  }
  return out;
}

int CodepageOfFontCharset(int charset) {
  switch (charset) {
    case 0:  // ANSI
    case 1:  // DEFAULT
      return 0;
    case 2:  // SYMBOL
      return -1;
    case 77:
      return 10000;
    case 78:
      return 10001;
    case 128:
      return 932;
    case 129:
      return 949;
    case 130:
      return 1361;
    case 134:
      return 936;
    case 136:
      return 950;
    case 161:
      return 1253;
    case 162:
      return 1254;
    case 163:
      return 1258;
    case 177:
      return 1255;
    case 178:
      return 1256;
    case 186:
      return 1257;
    case 204:
      return 1251;
    case 222:
      return 874;
    case 238:
      return 1250;
    case 254:
      return 437;
    case 255:
      return 850;
    default:
      return 0;
  }
}

void AppendUtf8(std::string& out, uint32_t c) {
  if (c > 0x10FFFF || (c >= 0xD800 && c <= 0xDFFF)) c = 0xFFFD;
  if (c < 0x80) {
    out.push_back(static_cast<char>(c));
  } else if (c < 0x800) {
    out.push_back(static_cast<char>(0xC0 | (c >> 6)));
    out.push_back(static_cast<char>(0x80 | (c & 0x3F)));
  } else if (c < 0x10000) {
    out.push_back(static_cast<char>(0xE0 | (c >> 12)));
    out.push_back(static_cast<char>(0x80 | ((c >> 6) & 0x3F)));
    out.push_back(static_cast<char>(0x80 | (c & 0x3F)));
  } else {
    out.push_back(static_cast<char>(0xF0 | (c >> 18)));
    out.push_back(static_cast<char>(0x80 | ((c >> 12) & 0x3F)));
    out.push_back(static_cast<char>(0x80 | ((c >> 6) & 0x3F)));
    out.push_back(static_cast<char>(0x80 | (c & 0x3F)));
  }
}

std::string Utf16LeToUtf8(std::string_view bytes) {
  std::string out;
  out.reserve(bytes.size());
  size_t n = bytes.size() / 2;
  auto unit = [&](size_t i) {
    return static_cast<uint32_t>(static_cast<unsigned char>(bytes[2 * i])) |
           (static_cast<uint32_t>(static_cast<unsigned char>(bytes[2 * i + 1])) << 8);
  };
  for (size_t i = 0; i < n; ++i) {
    uint32_t c = unit(i);
    if (c == 0) continue;
    if (c >= 0xD800 && c <= 0xDBFF && i + 1 < n) {
      uint32_t low = unit(i + 1);
      if (low >= 0xDC00 && low <= 0xDFFF) {
        c = 0x10000 + ((c - 0xD800) << 10) + (low - 0xDC00);
        ++i;
      }
    }
    AppendUtf8(out, c);
  }
  return out;
}

std::string Utf8ToUtf16Le(std::string_view text) {
  std::string out;
  out.reserve(text.size() * 2);
  auto put = [&](uint32_t u) {
    out.push_back(static_cast<char>(u & 0xFF));
    out.push_back(static_cast<char>(u >> 8));
  };
  std::string valid = IsValidUtf8(text) ? std::string(text) : RepairUtf8(text);
  for (size_t i = 0; i < valid.size();) {
    auto b = static_cast<unsigned char>(valid[i]);
    uint32_t c;
    size_t len;
    if (b < 0x80) {
      c = b;
      len = 1;
    } else if (b < 0xE0) {
      c = b & 0x1F;
      len = 2;
    } else if (b < 0xF0) {
      c = b & 0x0F;
      len = 3;
    } else {
      c = b & 0x07;
      len = 4;
    }
    for (size_t k = 1; k < len && i + k < valid.size(); ++k) {
      c = (c << 6) | (static_cast<unsigned char>(valid[i + k]) & 0x3F);
    }
    i += len;
    if (c >= 0x10000) {
      c -= 0x10000;
      put(0xD800 + (c >> 10));
      put(0xDC00 + (c & 0x3FF));
    } else {
      put(c);
    }
  }
  return out;
}

}  // namespace bates::ingest
