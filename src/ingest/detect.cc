#include "ingest/detect.h"

#include <magic.h>

#include <cctype>
#include <string>
#include <vector>

#include "core/text.h"
#include "ingest/charset.h"

namespace bates::ingest {
namespace {

// One libmagic handle per thread: a handle is not safe to share, and loading the database costs
// a few milliseconds, so each thread loads it once and keeps it.
class Magic {
 public:
  Magic() {
    cookie_ = magic_open(MAGIC_MIME_TYPE);
    if (cookie_ == nullptr) {
      error_ = "magic_open failed";
      return;
    }
    if (magic_load(cookie_, nullptr) != 0) {
      const char* message = magic_error(cookie_);
      error_ = std::string("magic_load failed: ") + (message ? message : "unknown error");
      magic_close(cookie_);
      cookie_ = nullptr;
    }
  }
  ~Magic() {
    if (cookie_ != nullptr) magic_close(cookie_);
  }
  Magic(const Magic&) = delete;
  Magic& operator=(const Magic&) = delete;

  bool ok() const { return cookie_ != nullptr; }
  const std::string& error() const { return error_; }

  // "text/plain". The charset is ours to find (charset.h): libmagic's costs another pass over the
  // soft magic and only tells 8-bit text apart from UTF-8.
  std::string MimeType(std::string_view head) { return Run(MAGIC_MIME_TYPE, head); }
  // "PDF document, version 1.4".
  std::string Description(std::string_view head) { return Run(MAGIC_NONE, head); }

 private:
  std::string Run(int flags, std::string_view head) {
    if (cookie_ == nullptr) return {};
    magic_setflags(cookie_, flags);
    const char* result = magic_buffer(cookie_, head.data(), head.size());
    return result ? std::string(result) : std::string();
  }

  magic_t cookie_ = nullptr;
  std::string error_;
};

Magic& ThreadMagic() {
  thread_local Magic magic;
  return magic;
}

std::string_view NextLine(std::string_view text, size_t& pos, bool* complete) {
  size_t end = text.find('\n', pos);
  *complete = end != std::string_view::npos;
  if (!*complete) end = text.size();
  std::string_view line = text.substr(pos, end - pos);
  pos = *complete ? end + 1 : end;
  if (!line.empty() && line.back() == '\r') line.remove_suffix(1);
  return line;
}

// A field name: printable ASCII but the colon, then the colon (obsolete syntax allows blanks
// before it). Returns the name, or empty if the line is not a header field.
std::string_view FieldName(std::string_view line) {
  size_t i = 0;
  while (i < line.size() && line[i] > 32 && line[i] < 127 && line[i] != ':') ++i;
  if (i == 0 || i > 76) return {};
  size_t name_end = i;
  while (i < line.size() && (line[i] == ' ' || line[i] == '\t')) ++i;
  if (i >= line.size() || line[i] != ':') return {};
  return line.substr(0, name_end);
}

bool IsKnownField(std::string_view name) {
  std::string lower = AsciiLower(name);
  static constexpr std::string_view kKnown[] = {
      "from",
      "to",
      "cc",
      "bcc",
      "subject",
      "date",
      "message-id",
      "received",
      "mime-version",
      "return-path",
      "reply-to",
      "sender",
      "in-reply-to",
      "references",
      "content-type",
      "content-transfer-encoding",
      "delivered-to",
      "dkim-signature",
      "thread-index",
      "thread-topic",
      "importance",
      "user-agent",
      "organization",
      "newsgroups",
      "path",
      "keywords",
      "comments",
      "precedence",
      "errors-to",
      "envelope-to",
      "authentication-results",
      "received-spf",
      "domainkey-signature",
      "priority",
      "disposition-notification-to",
      "return-receipt-to",
  };
  for (std::string_view known : kKnown) {
    if (lower == known) return true;
  }
  return lower.starts_with("x-") || lower.starts_with("resent-") || lower.starts_with("list-") ||
         lower.starts_with("arc-");
}

// The mbox separator in its usual form: "From sender Www Mmm dd hh:mm:ss yyyy" (a time and a
// four-digit year somewhere after the sender).
bool IsStrictFromLine(std::string_view line) {
  if (!line.starts_with("From ")) return false;
  std::string_view rest = line.substr(5);
  size_t sender_end = rest.find(' ');
  if (sender_end == 0 || sender_end == std::string_view::npos) return false;
  std::string_view date = rest.substr(sender_end);
  bool has_time = false, has_year = false;
  auto digit = [&](size_t i) {
    return i < date.size() && std::isdigit(static_cast<unsigned char>(date[i]));
  };
  for (size_t i = 0; i < date.size(); ++i) {
    if (date[i] == ':' && i > 0 && digit(i - 1) && digit(i + 1) && digit(i + 2)) has_time = true;
    if (digit(i) && digit(i + 1) && digit(i + 2) && digit(i + 3) && !digit(i + 4) &&
        (i == 0 || !digit(i - 1)) && (date[i] == '1' || date[i] == '2')) {
      has_year = true;
    }
  }
  return has_time && has_year;
}

// Counts the header fields of the block at the start of `text` (continuations allowed) up to the
// first blank line; false if the block is malformed before it has two known fields.
bool HeaderBlock(std::string_view text, int* known_fields) {
  size_t pos = 0;
  int fields = 0, known = 0;
  while (pos < text.size()) {
    bool complete = false;
    std::string_view line = NextLine(text, pos, &complete);
    if (!complete && pos >= text.size() && fields > 0) break;  // cut by the end of the head
    if (line.empty()) break;
    if (line[0] == ' ' || line[0] == '\t') {
      if (fields == 0) return false;
      continue;
    }
    std::string_view name = FieldName(line);
    if (name.empty()) {
      if (known >= 2) break;  // a broken line after a real header block: GMime copes
      return false;
    }
    ++fields;
    if (IsKnownField(name)) ++known;
  }
  *known_fields = known;
  return fields > 0;
}

std::string Extension(std::string_view name) {
  size_t slash = name.find_last_of("/\\");
  if (slash != std::string_view::npos) name.remove_prefix(slash + 1);
  size_t dot = name.rfind('.');
  if (dot == std::string_view::npos || dot == 0) return {};
  return AsciiLower(name.substr(dot + 1));
}

bool NameSaysMessage(std::string_view ext) {
  return ext == "eml" || ext == "mime" || ext == "rfc822" || ext == "emlx" || ext == "mht" ||
         ext == "mhtml" || ext == "nws";
}

bool NameSaysMbox(std::string_view ext) { return ext == "mbox" || ext == "mbx" || ext == "mbs"; }

// An XML document whose root element is <html> (XHTML) is HTML to us.
bool XmlHasHtmlRoot(std::string_view head) {
  size_t pos = 0;
  CharsetFromBom(head, &pos);
  while (pos < head.size()) {
    while (pos < head.size() && std::isspace(static_cast<unsigned char>(head[pos]))) ++pos;
    if (pos >= head.size() || head[pos] != '<') return false;
    std::string_view rest = head.substr(pos);
    std::string_view terminator = ">";
    if (rest.starts_with("<?")) {
      terminator = "?>";
    } else if (rest.starts_with("<!--")) {
      terminator = "-->";
    } else if (rest.starts_with("<!")) {
      std::string lower = AsciiLower(rest.substr(0, 14));
      if (lower.starts_with("<!doctype html")) return true;
    } else {
      std::string tag = AsciiLower(rest.substr(1, 5));
      return tag.starts_with("html") &&
             (tag.size() == 4 || !std::isalnum(static_cast<unsigned char>(tag[4])));
    }
    size_t close = rest.find(terminator);
    if (close == std::string_view::npos) return false;
    pos += close + terminator.size();
  }
  return false;
}

bool HasMarkup(std::string_view head) {
  for (size_t i = head.find('<'); i != std::string_view::npos; i = head.find('<', i + 1)) {
    if (i + 1 < head.size() && std::isalpha(static_cast<unsigned char>(head[i + 1]))) return true;
  }
  return false;
}

// Text as libmagic judges it: none of the control bytes its text tables call binary (NUL and the
// C0 controls other than BEL, BS, TAB, LF, VT, FF, CR and ESC; DEL). Bytes >= 0x80 may be text.
bool IsTextHead(std::string_view head) {
  for (char ch : head) {
    auto c = static_cast<unsigned char>(ch);
    if (c < 0x20) {
      if (c < 7 || (c > 13 && c != 27)) return false;
    } else if (c == 0x7F) {
      return false;
    }
  }
  return true;
}

std::string CharsetForText(std::string_view head, std::string_view sniffed) {
  if (!sniffed.empty()) return std::string(sniffed);
  std::string charset = DetectCharset(head);
  if (charset == "utf-8" && CharsetFromBom(head).empty()) {
    bool ascii = true;
    for (char c : head) ascii = ascii && static_cast<unsigned char>(c) < 0x80;
    if (ascii) return "us-ascii";
  }
  return charset;
}

// ---------------------------------------------------------------------------------------------
// Office formats. libmagic names most of them from the head alone, but an OLE2 compound file is
// the same container for Outlook messages, Word, Excel, PowerPoint and encrypted OOXML packages,
// and a ZIP is the same container for OOXML, OpenDocument and plain archives; these tell them
// apart by the names of the streams or members found in the head.

bool HasOleSignature(std::string_view head) {
  return head.size() >= 512 &&
         head.substr(0, 8) == std::string_view("\xD0\xCF\x11\xE0\xA1\xB1\x1A\xE1", 8);
}

// The names of the directory entries of a compound file that lie within `head`. Entries are 128
// bytes, aligned to 128 past the 512-byte header whatever the sector size; one is recognised by a
// name length that matches its UTF-16 name and a type of storage, stream or root.
std::vector<std::string> OleEntryNames(std::string_view head) {
  std::vector<std::string> names;
  for (size_t at = 512; at + 128 <= head.size() && names.size() < 4096; at += 128) {
    auto length = static_cast<size_t>(static_cast<unsigned char>(head[at + 64]) |
                                      (static_cast<unsigned char>(head[at + 65]) << 8));
    auto type = static_cast<unsigned char>(head[at + 66]);
    if (length < 4 || length > 64 || length % 2 != 0 || (type != 1 && type != 2 && type != 5)) {
      continue;
    }
    std::string name;
    bool valid = true;
    for (size_t i = 0; i + 2 < length && valid; i += 2) {
      auto lo = static_cast<unsigned char>(head[at + i]);
      auto hi = static_cast<unsigned char>(head[at + i + 1]);
      valid = hi == 0 && lo != 0;
      name.push_back(lo >= 0x20 && lo < 0x7F ? static_cast<char>(lo) : '?');
    }
    if (valid && head[at + length - 2] == 0 && head[at + length - 1] == 0) names.push_back(name);
  }
  return names;
}

std::string OleType(std::string_view head, const std::string& libmagic_type) {
  bool encryption_info = false, encrypted_package = false;
  for (const std::string& name : OleEntryNames(head)) {
    if (name == "EncryptionInfo") encryption_info = true;
    if (name == "EncryptedPackage") encrypted_package = true;
    if (name == "__properties_version1.0" || name.starts_with("__substg1.0_")) {
      return "application/vnd.ms-outlook";
    }
    if (name == "WordDocument") return "application/msword";
    if (name == "Workbook" || name == "Book") return "application/vnd.ms-excel";
    if (name == "PowerPoint Document") return "application/vnd.ms-powerpoint";
  }
  if ((encryption_info && encrypted_package) || libmagic_type == "application/encrypted") {
    return "application/x-ooxml-encrypted";
  }
  return libmagic_type;
}

// The names (and, for a stored "mimetype" member, the content) of the ZIP members whose local
// headers lie within `head`.
struct ZipHead {
  std::vector<std::string> names;
  std::string mimetype;  // ODF's first member, when stored
};

ZipHead ScanZipHead(std::string_view head) {
  ZipHead out;
  auto le = [&](size_t at, size_t n) {
    uint64_t v = 0;
    for (size_t i = 0; i < n; ++i)
      v |= uint64_t{static_cast<unsigned char>(head[at + i])} << (8 * i);
    return v;
  };
  size_t pos = 0;
  while (pos + 30 <= head.size() && head.substr(pos, 4) == std::string_view("PK\x03\x04", 4) &&
         out.names.size() < 4096) {
    uint64_t flags = le(pos + 6, 2), method = le(pos + 8, 2), compressed = le(pos + 18, 4);
    uint64_t name_len = le(pos + 26, 2), extra_len = le(pos + 28, 2);
    if (pos + 30 + name_len > head.size()) break;
    std::string name(head.substr(pos + 30, name_len));
    size_t data = pos + 30 + name_len + extra_len;
    if (name == "mimetype" && method == 0 && out.names.empty() &&
        data + compressed <= head.size()) {
      out.mimetype = std::string(TrimAscii(head.substr(data, compressed)));
    }
    out.names.push_back(std::move(name));
    if ((flags & 8) != 0) {
      // Sizes follow the data: find the next local header instead.
      size_t next = head.find(std::string_view("PK\x03\x04", 4), data);
      if (next == std::string_view::npos) break;
      pos = next;
    } else {
      pos = data + compressed;
    }
  }
  return out;
}

std::string ZipType(std::string_view head, const std::string& libmagic_type, std::string_view ext) {
  ZipHead zip = ScanZipHead(head);
  if (zip.mimetype.starts_with("application/vnd.oasis.opendocument.")) return zip.mimetype;
  bool content_types = false, odf = false;
  std::string ooxml;
  for (const std::string& name : zip.names) {
    if (name == "[Content_Types].xml") content_types = true;
    if (name == "content.xml" || name == "META-INF/manifest.xml") odf = true;
    if (ooxml.empty() && name.starts_with("word/")) {
      ooxml = "application/vnd.openxmlformats-officedocument.wordprocessingml.document";
    } else if (ooxml.empty() && name.starts_with("xl/")) {
      ooxml = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet";
    } else if (ooxml.empty() && name.starts_with("ppt/")) {
      ooxml = "application/vnd.openxmlformats-officedocument.presentationml.presentation";
    }
  }
  if (content_types && !ooxml.empty()) return ooxml;
  if (odf && zip.mimetype.empty()) {
    if (ext == "odt" || ext == "ott") return "application/vnd.oasis.opendocument.text";
    if (ext == "ods" || ext == "ots") return "application/vnd.oasis.opendocument.spreadsheet";
    if (ext == "odp" || ext == "otp") return "application/vnd.oasis.opendocument.presentation";
  }
  return libmagic_type;
}

// A flat OpenDocument file (.fodt, .fods, .fodp): one XML document whose root names its type.
std::string FlatOdfType(std::string_view head) {
  size_t root = head.find("<office:document");
  if (root == std::string_view::npos || root > 4096) return {};
  size_t attr = head.find("office:mimetype=\"", root);
  if (attr == std::string_view::npos || attr > root + 8192) return {};
  attr += 17;
  size_t end = head.find('"', attr);
  if (end == std::string_view::npos) return {};
  std::string_view type = head.substr(attr, end - attr);
  if (type == "application/vnd.oasis.opendocument.text" ||
      type == "application/vnd.oasis.opendocument.spreadsheet" ||
      type == "application/vnd.oasis.opendocument.presentation" ||
      type == "application/vnd.oasis.opendocument.graphics") {
    return std::string(type) + "-flat-xml";
  }
  return {};
}

// libmagic's answer, refined for the Office containers.
std::string RefineOfficeType(std::string_view head, std::string type, std::string_view ext) {
  // Outlook stores ([MS-PST] 2.2.2.6: "!BDN", then "SM" for a PST, "SO" for an OST), which
  // libmagic calls by the same name as a .msg file.
  if (head.size() >= 10 && head.starts_with("!BDN")) {
    if (head.substr(8, 2) == "SM") return "application/vnd.ms-outlook-pst";
    if (head.substr(8, 2) == "SO") return "application/vnd.ms-outlook-ost";
  }
  if (HasOleSignature(head)) return OleType(head, type);
  if (head.starts_with(std::string_view("PK\x03\x04", 4)) &&
      (type == "application/zip" || type == "application/octet-stream" ||
       type.starts_with("application/vnd.openxmlformats-") ||
       type.starts_with("application/vnd.oasis.opendocument."))) {
    return ZipType(head, type, ext);
  }
  if (type == "text/xml" || type == "application/xml") {
    std::string flat = FlatOdfType(head);
    if (!flat.empty()) return flat;
  }
  return type;
}

// iCalendar and vCard by their first line. Checked before the mail sniffers: a calendar's
// X-WR-CALNAME and X-WR-TIMEZONE lines, or a card's X- fields, look like two known mail headers.
// libmagic knows both, but not behind a byte-order mark or blank lines.
std::string_view CalendarOrCard(std::string_view head) {
  size_t pos = 0;
  std::string_view bom = CharsetFromBom(head, &pos);
  std::string ascii;  // UTF-16 (Windows exports) narrowed, enough to see the first line
  if (bom == "utf-16le" || bom == "utf-16be") {
    for (size_t i = pos + (bom == "utf-16le" ? 0 : 1); i < head.size() && ascii.size() < 64;
         i += 2) {
      ascii.push_back(head[i]);
    }
    head = ascii;
    pos = 0;
  }
  while (pos < head.size() && std::isspace(static_cast<unsigned char>(head[pos]))) ++pos;
  std::string first = AsciiLower(head.substr(pos, 15));
  if (first == "begin:vcalendar") return "text/calendar";
  if (first.starts_with("begin:vcard")) return "text/vcard";
  return {};
}

}  // namespace

bool LooksLikeRfc822(std::string_view head) {
  size_t pos = 0;
  if (head.starts_with("From ") || head.starts_with(">From ")) {
    bool complete = false;
    NextLine(head, pos, &complete);
    if (!complete) return false;
  }
  int known = 0;
  return HeaderBlock(head.substr(pos), &known) && known >= 2;
}

bool LooksLikeMbox(std::string_view head) {
  if (!head.starts_with("From ")) return false;
  size_t pos = 0;
  bool complete = false;
  std::string_view first = NextLine(head, pos, &complete);
  if (!complete) return false;
  if (IsStrictFromLine(first)) return true;
  // A loose "From " line counts only when a real header block follows it.
  int known = 0;
  return HeaderBlock(head.substr(pos), &known) && known >= 2;
}

Detection Detect(std::string_view head, uint64_t total_size, std::string_view name,
                 std::string_view declared_type) {
  Detection d;
  if (head.empty()) {
    d.mime_type = total_size == 0 ? "application/x-empty" : "application/octet-stream";
    d.description = total_size == 0 ? "empty" : "data";
    return d;
  }
  // bates' own serialised Outlook items (readers/mapi.h), handed on by the PST and MSG readers.
  if (head.starts_with(std::string_view("\x89"
                                        "BMAPI\r\n",
                                        8))) {
    d.mime_type = "application/vnd.bates.mapi-message";
    return d;
  }
  std::string ext = Extension(name);
  std::string declared = AsciiLower(TrimAscii(declared_type.substr(0, declared_type.find(';'))));

  // Mail first, without libmagic: on text it would only say text/plain (or message/rfc822), which
  // the sniffers then refine, and it costs a millisecond or more per message; an mbox of 100,000
  // messages is 100,000 detections. The text test is libmagic's own, so binary junk still goes to
  // libmagic and stays unsupported whatever its name.
  bool text = IsTextHead(head);
  if (std::string_view type = CalendarOrCard(head); !type.empty()) {
    d.mime_type = std::string(type);
    d.charset = CharsetForText(head, {});
    return d;
  }
  if (text && LooksLikeMbox(head)) {
    // One message with an envelope line is both an mbox and a message; the name or the declared
    // type settles it, else the "From " line says mbox.
    bool message_hint = NameSaysMessage(ext) || declared == "message/rfc822";
    d.mime_type = message_hint && LooksLikeRfc822(head) ? "message/rfc822" : "application/mbox";
    return d;
  }
  if (text && LooksLikeRfc822(head)) {
    d.mime_type = "message/rfc822";
    return d;
  }

  Magic& magic = ThreadMagic();
  std::string type = magic.ok() ? AsciiLower(TrimAscii(magic.MimeType(head))) : std::string();
  type = type.substr(0, type.find(';'));
  if (type.empty()) type = "application/octet-stream";
  type = RefineOfficeType(head, std::move(type), ext);
  // libmagic's HP-GL test is two plotter commands' letters at the start ("SP", "PA"), which
  // prose passes ("SPRINGFIELD POLICE DEPARTMENT", "PA DEPARTMENT OF STATE"). Text it calls
  // HP-GL is read as text: a real plotter file is text too, and its words are kept.
  if (text && type == "application/vnd.hp-hpgl") type = "text/plain";
  bool textual =
      type.starts_with("text/") || type.starts_with("message/") || type == "application/mbox";
  std::string sniffed_charset;

  if (type.starts_with("message/")) {
    type = "message/rfc822";  // libmagic's message/news, message/rfc822 and friends
  } else if (textual && head.starts_with("From ") && NameSaysMbox(ext)) {
    type = "application/mbox";
  } else if (textual && (NameSaysMessage(ext) || declared == "message/rfc822") &&
             !FieldName(head.substr(0, head.find('\n'))).empty()) {
    type = "message/rfc822";
  } else if (type == "text/xml" || type == "application/xml") {
    if (XmlHasHtmlRoot(head)) type = "text/html";
  } else if (type == "application/xhtml+xml") {
    type = "text/html";
  } else if (type == "text/plain") {
    if (declared == "text/html" && HasMarkup(head)) {
      type = "text/html";
    } else if (ext == "csv" || declared == "text/csv") {
      type = "text/csv";
    } else if (ext == "tsv" || ext == "tab" || declared == "text/tab-separated-values") {
      type = "text/tab-separated-values";
    }
  } else if (type == "application/octet-stream") {
    // UTF-16 without a BOM has NULs in every other byte, which libmagic takes for binary.
    if (std::string_view wide = SniffUtf16(head); !wide.empty()) {
      type = "text/plain";
      sniffed_charset = std::string(wide);
    }
  }

  d.mime_type = type;
  if (type.starts_with("text/")) d.charset = CharsetForText(head, sniffed_charset);
  if (!magic.ok()) {
    d.description = magic.error();
  } else if (!type.starts_with("text/") && type != "message/rfc822" && type != "application/mbox") {
    // libmagic's words cost a second pass; they matter for the types no reader may take.
    d.description = magic.Description(head);
  }
  return d;
}

}  // namespace bates::ingest
