// EML reader: one RFC 822 / MIME message, read with GMime 3. The message's metadata comes from
// its header fields; its text is the body (text/plain preferred over HTML in an alternative,
// inline text parts of a mixed body in order), never the header block; every attachment and every
// part that is not body text becomes a child, an attached message as its raw bytes (the
// framework reads it again with this reader).
#include <unistd.h>

#include <algorithm>
#include <cstring>
#include <filesystem>
#include <optional>
#include <set>
#include <string>
#include <string_view>
#include <vector>

#include "core/text.h"
#include "ingest/charset.h"
#include "ingest/html_text.h"
#include "ingest/reader.h"
#include "ingest/readers/gmime_util.h"

namespace bates::ingest {
namespace {

// Deeper MIME nesting than this is hostile or broken; what lies below becomes one opaque child.
constexpr int kMaxDepth = 64;

std::string Utf8(const char* s) { return s == nullptr ? std::string() : RepairUtf8(s); }

bool EqualsIgnoreCase(const char* a, std::string_view b) {
  return a != nullptr && std::strlen(a) == b.size() &&
         g_ascii_strncasecmp(a, b.data(), b.size()) == 0;
}

std::string MimeTypeOf(GMimeObject* object) {
  GMimeContentType* type = g_mime_object_get_content_type(object);
  if (type == nullptr) return "application/octet-stream";
  gmime::GChars mime(g_mime_content_type_get_mime_type(type));
  return mime ? AsciiLower(mime.get()) : std::string("application/octet-stream");
}

// Lower-cased, except that words in the address slot ("<Saved by Windows Internet Explorer 7>")
// are a name, not an address.
void SetAddress(model::Address& a, std::string_view address) {
  address = TrimAscii(address);
  if (address.find('@') == std::string_view::npos &&
      address.find_first_of(" \t") != std::string_view::npos) {
    if (a.name.empty()) a.name = std::string(address);
    return;
  }
  a.address = AsciiLower(address);
}

void AddAddresses(InternetAddressList* list, std::vector<model::Address>& out, int depth = 0) {
  if (list == nullptr || depth > 4) return;
  int n = internet_address_list_length(list);
  for (int i = 0; i < n; ++i) {
    InternetAddress* address = internet_address_list_get_address(list, i);
    if (auto* mailbox = gmime::As<InternetAddressMailbox>(address, INTERNET_ADDRESS_TYPE_MAILBOX)) {
      model::Address a;
      a.name = std::string(TrimAscii(Utf8(internet_address_get_name(address))));
      SetAddress(a, Utf8(internet_address_mailbox_get_addr(mailbox)));
      if (!a.name.empty() || !a.address.empty()) out.push_back(std::move(a));
    } else if (auto* group =
                   gmime::As<InternetAddressGroup>(address, INTERNET_ADDRESS_TYPE_GROUP)) {
      // Groups ("Team: a@x, b@y;") are flattened: their members are the recipients.
      AddAddresses(internet_address_group_get_members(group), out, depth + 1);
    }
  }
}

std::string Unquote(std::string_view s) {
  s = TrimAscii(s);
  while (s.size() >= 2 &&
         ((s.front() == '"' && s.back() == '"') || (s.front() == '\'' && s.back() == '\'') ||
          (s.front() == '(' && s.back() == ')'))) {
    s = TrimAscii(s.substr(1, s.size() - 2));
  }
  return std::string(s);
}

// Reads an address field the way a person would, for the fields GMime's parser gives up on
// (Enron's "r..pena@enron.com" is not a valid address, but it is the sender): items split at
// commas and semicolons outside quotes, angle brackets and comments; a group's "Name:" dropped.
std::vector<model::Address> LenientAddresses(GMimeParserOptions* options, std::string_view raw) {
  std::vector<std::string_view> items;
  int angle = 0, paren = 0;
  bool quoted = false;
  size_t start = 0;
  for (size_t i = 0; i < raw.size(); ++i) {
    char c = raw[i];
    if (quoted) {
      if (c == '\\') ++i;
      if (c == '"') quoted = false;
      continue;
    }
    if (c == '"') {
      quoted = true;
    } else if (c == '<') {
      ++angle;
    } else if (c == '>' && angle > 0) {
      --angle;
    } else if (c == '(') {
      ++paren;
    } else if (c == ')' && paren > 0) {
      --paren;
    } else if ((c == ',' || c == ';') && angle == 0 && paren == 0) {
      items.push_back(raw.substr(start, i - start));
      start = i + 1;
    }
  }
  if (start < raw.size()) items.push_back(raw.substr(start));

  std::vector<model::Address> out;
  for (std::string_view item : items) {
    item = TrimAscii(item);
    size_t colon = item.find(':');
    if (colon != std::string_view::npos && colon < item.find('<') && colon < item.find('@') &&
        colon < item.find('"')) {
      item = TrimAscii(item.substr(colon + 1));  // "Team: a@x.example" (a group)
    }
    if (item.empty()) continue;
    std::string name, address;
    size_t lt = item.rfind('<');
    size_t gt = lt == std::string_view::npos ? lt : item.find('>', lt);
    if (gt != std::string_view::npos) {
      address = std::string(item.substr(lt + 1, gt - lt - 1));
      name = std::string(item.substr(0, lt)) + " " + std::string(item.substr(gt + 1));
    } else {
      size_t at = item.find('@');
      if (at != std::string_view::npos) {
        size_t begin = item.find_last_of(" \t\r\n", at);
        begin = begin == std::string_view::npos ? 0 : begin + 1;
        size_t end = item.find_first_of(" \t\r\n", at);
        if (end == std::string_view::npos) end = item.size();
        address = std::string(item.substr(begin, end - begin));
        name = std::string(item.substr(0, begin)) + " " + std::string(item.substr(end));
      } else {
        name = std::string(item);
      }
    }
    model::Address a;
    name = Unquote(name);
    if (!name.empty()) {
      gmime::GChars decoded(g_mime_utils_header_decode_phrase(options, name.c_str()));
      a.name = std::string(TrimAscii(Utf8(decoded ? decoded.get() : name.c_str())));
    }
    SetAddress(a, Unquote(address));
    if (!a.name.empty() || !a.address.empty()) out.push_back(std::move(a));
  }
  return out;
}

size_t WithAddress(const std::vector<model::Address>& list) {
  return static_cast<size_t>(
      std::count_if(list.begin(), list.end(), [](const auto& a) { return !a.address.empty(); }));
}

// An address field: GMime's reading, unless it lost addresses a lenient reading finds.
std::vector<model::Address> AddressField(GMimeMessage* message, GMimeAddressType type,
                                         const char* field, GMimeParserOptions* options) {
  std::vector<model::Address> parsed;
  AddAddresses(g_mime_message_get_addresses(message, type), parsed);
  GMimeHeaderList* headers = g_mime_object_get_header_list(gmime::Object(message));
  GMimeHeader* header = headers ? g_mime_header_list_get_header(headers, field) : nullptr;
  const char* raw = header ? g_mime_header_get_raw_value(header) : nullptr;
  if (raw == nullptr) return parsed;
  std::vector<model::Address> lenient = LenientAddresses(options, raw);
  if (WithAddress(lenient) > WithAddress(parsed) || (parsed.empty() && !lenient.empty())) {
    return lenient;
  }
  return parsed;
}

std::optional<Timestamp> ToTimestamp(GDateTime* date) {
  if (date == nullptr) return std::nullopt;
  Timestamp t;
  t.utc_seconds = g_date_time_to_unix(date);
  t.offset_minutes = static_cast<int32_t>(g_date_time_get_utc_offset(date) / G_TIME_SPAN_MINUTE);
  return t;
}

// A Date field with no zone at all ("Mon, 1 Jan 2018 10:00:00") gives a wall time, not an
// instant: GMime reads it as UTC, and it is marked floating for the engine to pin.
bool DateHasNoZone(const char* value) {
  if (value == nullptr) return false;
  std::string text = Utf8(value);
  if (size_t comment = text.find('('); comment != std::string::npos) text.resize(comment);
  std::vector<std::string_view> tokens;
  std::string_view rest = text;
  while (!(rest = TrimAscii(rest)).empty()) {
    size_t end = rest.find_first_of(" \t\r\n");
    tokens.push_back(rest.substr(0, end));
    if (end == std::string_view::npos) break;
    rest.remove_prefix(end);
  }
  for (size_t i = 0; i < tokens.size(); ++i) {
    if (tokens[i].find(':') != std::string_view::npos) return i + 1 == tokens.size();
  }
  return false;
}

std::vector<std::string> MessageIds(GMimeParserOptions* options, const char* value) {
  std::vector<std::string> ids;
  if (value == nullptr) return ids;
  GMimeReferences* refs = g_mime_references_parse(options, value);
  if (refs == nullptr) return ids;
  int n = g_mime_references_length(refs);
  for (int i = 0; i < n; ++i) {
    std::string id = Utf8(g_mime_references_get_message_id(refs, i));
    if (!id.empty()) ids.push_back(std::move(id));
  }
  g_mime_references_free(refs);
  return ids;
}

// A name fit to be one step of an inner path: no folders a sender's client put in front of it.
std::string CleanFileName(const char* raw) {
  std::string name = Utf8(raw);
  size_t slash = name.find_last_of("/\\");
  if (slash != std::string::npos) name.erase(0, slash + 1);
  return std::string(TrimAscii(name));
}

std::string NormalizeNewlines(std::string text) {
  if (text.find('\r') == std::string::npos) return text;
  std::string out;
  out.reserve(text.size());
  for (size_t i = 0; i < text.size(); ++i) {
    if (text[i] == '\r') {
      if (i + 1 < text.size() && text[i + 1] == '\n') continue;
      out.push_back('\n');
    } else {
      out.push_back(text[i]);
    }
  }
  return out;
}

// The content of a part with its transfer encoding (base64, quoted-printable...) undone.
std::string DecodedContent(GMimePart* part) {
  GMimeDataWrapper* content = g_mime_part_get_content(part);
  if (content == nullptr) return {};
  gmime::Ptr<GMimeStream> memory(g_mime_stream_mem_new());
  g_mime_data_wrapper_write_to_stream(content, memory.get());
  GByteArray* array = g_mime_stream_mem_get_byte_array(
      gmime::As<GMimeStreamMem>(memory.get(), GMIME_TYPE_STREAM_MEM));
  return std::string(reinterpret_cast<const char*>(array->data), array->len);
}

// A body part is text the sender wrote for the reader to see: text/plain or text/html, not marked
// as an attachment, and not a named file unless explicitly shown inline.
bool IsBodyText(GMimePart* part) {
  GMimeObject* object = gmime::Object(part);
  GMimeContentType* type = g_mime_object_get_content_type(object);
  if (type == nullptr) return false;
  if (!g_mime_content_type_is_type(type, "text", "plain") &&
      !g_mime_content_type_is_type(type, "text", "html")) {
    return false;
  }
  const char* disposition = g_mime_object_get_disposition(object);
  if (EqualsIgnoreCase(disposition, "attachment")) return false;
  const char* filename = g_mime_part_get_filename(part);
  if (filename != nullptr && *filename != '\0' && !EqualsIgnoreCase(disposition, "inline")) {
    return false;
  }
  return true;
}

std::string BodyText(GMimePart* part) {
  GMimeObject* object = gmime::Object(part);
  const char* charset = g_mime_object_get_content_type_parameter(object, "charset");
  std::string bytes = DecodedContent(part);
  if (g_mime_content_type_is_type(g_mime_object_get_content_type(object), "text", "html")) {
    HtmlTextOptions options;
    options.charset = charset ? charset : "";
    options.include_title = false;
    return HtmlToText(bytes, options).text;
  }
  return NormalizeNewlines(DecodeToUtf8(bytes, charset ? charset : ""));
}

// The part at the very end of the message in document order: when GMime reports the message cut
// short, this is the part the end of the input cut.
GMimeObject* LastLeaf(GMimeObject* object) {
  for (int depth = 0; object != nullptr && depth < 1024; ++depth) {
    auto* multipart = gmime::As<GMimeMultipart>(object, GMIME_TYPE_MULTIPART);
    if (multipart == nullptr) return object;
    int n = g_mime_multipart_get_count(multipart);
    if (n == 0) return object;
    object = g_mime_multipart_get_part(multipart, n - 1);
  }
  return object;
}

struct Attachment {
  GMimeObject* object;
  GMimeMultipart* parent;  // the multipart holding it, if any (bounds an attached message)
};

// Walks the MIME tree once: collects body text and the parts that become children.
class BodyWalker {
 public:
  void Walk(GMimeObject* object, GMimeMultipart* parent, int depth, bool want_text) {
    if (object == nullptr) return;
    if (auto* multipart = gmime::As<GMimeMultipart>(object, GMIME_TYPE_MULTIPART)) {
      if (depth >= kMaxDepth) {
        attachments.push_back({object, parent});
        return;
      }
      if (gmime::As<GMimeMultipartEncrypted>(object, GMIME_TYPE_MULTIPART_ENCRYPTED)) {
        encrypted = true;
        want_text = false;
      }
      int n = g_mime_multipart_get_count(multipart);
      int chosen = -1;
      GMimeContentType* type = g_mime_object_get_content_type(object);
      if (want_text && type != nullptr &&
          g_mime_content_type_is_type(type, "multipart", "alternative")) {
        chosen = ChooseAlternative(multipart);
      }
      if (n == 0 && want_text) {
        // No parts found (a multipart without a usable boundary): GMime put everything in the
        // prologue, which is then the only text there is.
        std::string prologue = Utf8(g_mime_multipart_get_prologue(multipart));
        if (!TrimAscii(prologue).empty()) texts.push_back(NormalizeNewlines(prologue));
      }
      for (int i = 0; i < n; ++i) {
        bool text_here = want_text && (chosen < 0 || i == chosen);
        Walk(g_mime_multipart_get_part(multipart, i), multipart, depth + 1, text_here);
      }
      return;
    }
    if (auto* part = gmime::As<GMimePart>(object, GMIME_TYPE_PART)) {
      if (auto* pkcs7 =
              gmime::As<GMimeApplicationPkcs7Mime>(object, GMIME_TYPE_APPLICATION_PKCS7_MIME)) {
        if (g_mime_application_pkcs7_mime_get_smime_type(pkcs7) ==
            GMIME_SECURE_MIME_TYPE_ENVELOPED_DATA) {
          encrypted = true;
        }
      }
      if (IsBodyText(part)) {
        // Outside the chosen alternative a text part is another rendition of the same body.
        if (want_text) {
          std::string text = object == chosen_object_ ? std::move(chosen_text_) : BodyText(part);
          if (!TrimAscii(text).empty()) texts.push_back(std::move(text));
          body_parts.insert(object);
        } else {
          renditions.insert(object);
        }
        return;
      }
    }
    attachments.push_back({object, parent});
  }

  std::vector<std::string> texts;
  std::vector<Attachment> attachments;
  std::set<GMimeObject*> body_parts;
  std::set<GMimeObject*> renditions;
  bool encrypted = false;

 private:
  // The alternative whose text we keep: the first non-empty text/plain, else the first non-empty
  // text/html, else the first multipart (an HTML body with its images, say).
  int ChooseAlternative(GMimeMultipart* multipart) {
    int n = g_mime_multipart_get_count(multipart);
    for (std::string_view subtype : {"plain", "html"}) {
      for (int i = 0; i < n; ++i) {
        GMimeObject* object = g_mime_multipart_get_part(multipart, i);
        auto* part = gmime::As<GMimePart>(object, GMIME_TYPE_PART);
        if (part == nullptr || !IsBodyText(part)) continue;
        if (!g_mime_content_type_is_type(g_mime_object_get_content_type(object), "text",
                                         std::string(subtype).c_str())) {
          continue;
        }
        std::string text = BodyText(part);
        if (TrimAscii(text).empty()) continue;
        chosen_object_ = object;
        chosen_text_ = std::move(text);
        return i;
      }
    }
    for (int i = 0; i < n; ++i) {
      if (gmime::As<GMimeMultipart>(g_mime_multipart_get_part(multipart, i),
                                    GMIME_TYPE_MULTIPART)) {
        return i;
      }
    }
    return -1;
  }

  GMimeObject* chosen_object_ = nullptr;
  std::string chosen_text_;
};

// The bytes of an attached message exactly as they stand in the input: from the blank line that
// ends the part's own header block to the next delimiter of the enclosing multipart (or the end).
// Empty when the part has no header block to start from (a multipart/digest entry).
std::optional<std::string_view> RawAttachedMessage(GMimeObject* part, GMimeMultipart* parent,
                                                   std::string_view raw) {
  GMimeHeaderList* headers = g_mime_object_get_header_list(part);
  int count = headers ? g_mime_header_list_get_count(headers) : 0;
  gint64 last = -1;
  for (int i = 0; i < count; ++i) {
    last = std::max(last, g_mime_header_get_offset(g_mime_header_list_get_header_at(headers, i)));
  }
  if (last < 0 || static_cast<uint64_t>(last) >= raw.size()) return std::nullopt;
  size_t lf = raw.find("\n\n", static_cast<size_t>(last));
  size_t crlf = raw.find("\n\r\n", static_cast<size_t>(last));
  size_t start = std::string_view::npos;
  if (lf != std::string_view::npos) start = lf + 2;
  if (crlf != std::string_view::npos) start = std::min(start, crlf + 3);
  if (start == std::string_view::npos || start > raw.size()) return std::nullopt;

  size_t end = raw.size();
  const char* boundary = parent ? g_mime_multipart_get_boundary(parent) : nullptr;
  if (boundary != nullptr && *boundary != '\0') {
    std::string delimiter = std::string("\n--") + boundary;
    for (size_t at = raw.find(delimiter, start - 1); at != std::string_view::npos;
         at = raw.find(delimiter, at + 1)) {
      size_t after = at + delimiter.size();
      char next = after < raw.size() ? raw[after] : '\n';
      if (next == '\r' || next == '\n' || next == ' ' || next == '\t' || next == '-') {
        end = std::max(at, start);
        if (end > start && raw[end - 1] == '\r') --end;
        break;
      }
    }
  }
  return raw.substr(start, end - start);
}

std::string Serialize(GMimeObject* object) {
  gmime::Ptr<GMimeStream> memory(g_mime_stream_mem_new());
  g_mime_object_write_to_stream(object, nullptr, memory.get());
  GByteArray* array = g_mime_stream_mem_get_byte_array(
      gmime::As<GMimeStreamMem>(memory.get(), GMIME_TYPE_STREAM_MEM));
  return std::string(reinterpret_cast<const char*>(array->data), array->len);
}

// Decodes a large part straight into a temporary file rather than memory.
Result<std::filesystem::path> SpillPart(GMimeDataWrapper* content,
                                        const std::filesystem::path& dir) {
  std::string path = (dir / "bates-eml-XXXXXX").string();
  int fd = ::mkstemp(path.data());
  if (fd < 0)
    return IoError("cannot create a temporary file in {}: {}", dir.string(), ErrnoMessage(errno));
  gmime::Ptr<GMimeStream> file(g_mime_stream_fs_new(fd));  // owns fd
  ssize_t written = g_mime_data_wrapper_write_to_stream(content, file.get());
  int flushed = g_mime_stream_flush(file.get());
  if (written < 0 || flushed != 0) {
    std::filesystem::remove(path);
    return IoError("cannot write a temporary file in {}", dir.string());
  }
  return std::filesystem::path(path);
}

Result<Child> MakeChild(const Attachment& attachment, size_t ordinal, std::string_view raw,
                        ReadContext& context) {
  Child child;
  GMimeObject* object = attachment.object;
  child.declared_type = MimeTypeOf(object);
  const char* filename = g_mime_object_get_content_disposition_parameter(object, "filename");
  if (filename == nullptr) filename = g_mime_object_get_content_type_parameter(object, "name");
  if (auto* part = gmime::As<GMimePart>(object, GMIME_TYPE_PART)) {
    filename = g_mime_part_get_filename(part);  // RFC 2231 and RFC 2047 decoded
  }
  child.name = CleanFileName(filename);
  child.meta.file_name = child.name;
  if (child.name.empty()) child.name = "attachment " + std::to_string(ordinal);
  for (auto [param, field] : {std::pair{"creation-date", &child.meta.created},
                              std::pair{"modification-date", &child.meta.modified}}) {
    if (const char* value = g_mime_object_get_content_disposition_parameter(object, param)) {
      GDateTime* date = g_mime_utils_header_decode_date(value);
      *field = ToTimestamp(date);
      if (date != nullptr) g_date_time_unref(date);
    }
  }

  if (auto* message_part = gmime::As<GMimeMessagePart>(object, GMIME_TYPE_MESSAGE_PART)) {
    child.declared_type = "message/rfc822";
    if (std::optional<std::string_view> bytes =
            RawAttachedMessage(object, attachment.parent, raw)) {
      child.bytes = std::string(*bytes);
    } else if (GMimeMessage* message = g_mime_message_part_get_message(message_part)) {
      child.bytes = Serialize(gmime::Object(message));
    }
    return child;
  }
  if (auto* part = gmime::As<GMimePart>(object, GMIME_TYPE_PART)) {
    GMimeDataWrapper* content = g_mime_part_get_content(part);
    if (content == nullptr) return child;
    // The encoded size bounds the decoded size (base64 and quoted-printable only shrink).
    GMimeStream* encoded = g_mime_data_wrapper_get_stream(content);
    gint64 encoded_size = encoded ? g_mime_stream_length(encoded) : 0;
    if (encoded_size > 0 &&
        static_cast<uint64_t>(encoded_size) > context.limits().max_in_memory_bytes) {
      BATES_ASSIGN_OR_RETURN(child.spill_path, SpillPart(content, context.temp_dir()));
    } else {
      child.bytes = DecodedContent(part);
    }
    return child;
  }
  child.bytes = Serialize(object);  // a multipart nested past kMaxDepth, kept whole
  return child;
}

class EmlReader final : public Reader {
 public:
  std::string_view name() const override { return "eml"; }
  std::vector<std::string> mime_types() const override { return {"message/rfc822"}; }
  bool is_email() const override { return true; }
  std::string_view tool() const override { return "gmime"; }

  Status Read(const Input& input, ReadContext& context) const override {
    gmime::InitGMime();
    BATES_ASSIGN_OR_RETURN(std::string_view raw, input.bytes());
    if (raw.size() > gmime::BorrowedStream::kMaxBytes) {
      return ResourceExhaustedError("message of {} bytes is too large to parse", raw.size());
    }
    // Declaration order is destruction order in reverse: the message goes first, then the
    // parser, the stream over `raw`, and last the options and warnings GMime may still call.
    gmime::ParseWarnings warnings;
    gmime::ParserOptions options(&warnings);
    gmime::BorrowedStream stream(raw);
    gmime::Ptr<GMimeParser> parser = gmime::NewParser(stream.get(), GMIME_FORMAT_MESSAGE);
    gmime::Ptr<GMimeMessage> message(g_mime_parser_construct_message(parser.get(), options.get()));
    if (message == nullptr) {
      return CorruptError("not an RFC 822 message: it does not begin with a header field");
    }
    GMimeObject* message_object = gmime::Object(message.get());
    GMimeHeaderList* headers = g_mime_object_get_header_list(message_object);
    GMimeObject* body = g_mime_message_get_mime_part(message.get());
    int header_count = headers ? g_mime_header_list_get_count(headers) : 0;
    if (body != nullptr) {
      GMimeHeaderList* body_headers = g_mime_object_get_header_list(body);
      header_count += body_headers ? g_mime_header_list_get_count(body_headers) : 0;
    }
    if (header_count == 0) return CorruptError("not an RFC 822 message: it has no header fields");

    Extracted document;
    ReadMetadata(message.get(), options.get(), document.meta);

    BodyWalker walker;
    walker.Walk(body, nullptr, 0, true);
    for (std::string& text : walker.texts) {
      if (!document.text.empty()) document.text += "\n\n";
      document.text += text;
    }
    if (walker.encrypted) document.flags |= model::kFlagEncrypted;

    // GMime says "truncated" also for a message of header fields alone with no blank line after
    // them, which is whole; only a cut after the header block is a cut message.
    bool truncated =
        warnings.truncated && g_mime_parser_get_headers_end(parser.get()) >= 0 && body != nullptr;
    GMimeObject* cut_part = truncated ? LastLeaf(body) : nullptr;
    bool body_cut = truncated && (walker.body_parts.count(cut_part) > 0 ||
                                  walker.renditions.count(cut_part) > 0 ||
                                  gmime::As<GMimeMultipart>(cut_part, GMIME_TYPE_MULTIPART));
    if (truncated) document.flags |= model::kFlagTruncated;
    if (!warnings.defects.empty()) {
      std::string defects;
      for (const std::string& d : warnings.defects) defects += (defects.empty() ? "" : ", ") + d;
      document.meta.extra.emplace_back("mail-defects", defects);
    }
    BATES_RETURN_IF_ERROR(context.SetDocument(std::move(document)));

    size_t ordinal = 0;
    for (const Attachment& attachment : walker.attachments) {
      BATES_ASSIGN_OR_RETURN(Child child, MakeChild(attachment, ++ordinal, raw, context));
      if (truncated && attachment.object == cut_part &&
          gmime::As<GMimePart>(attachment.object, GMIME_TYPE_PART)) {
        child.failure = CorruptError("attachment truncated: the message ends inside it");
      }
      BATES_RETURN_IF_ERROR(context.AddChild(std::move(child)));
    }
    if (body_cut) {
      return CorruptError("message truncated: the input ends inside its {} body part",
                          MimeTypeOf(cut_part));
    }
    return Status::Ok();
  }

 private:
  static void ReadMetadata(GMimeMessage* message, GMimeParserOptions* options,
                           model::Metadata& meta) {
    GMimeObject* object = gmime::Object(message);
    std::vector<model::Address> from =
        AddressField(message, GMIME_ADDRESS_TYPE_FROM, "From", options);
    if (!from.empty()) meta.from = from.front();
    meta.to = AddressField(message, GMIME_ADDRESS_TYPE_TO, "To", options);
    meta.cc = AddressField(message, GMIME_ADDRESS_TYPE_CC, "Cc", options);
    meta.bcc = AddressField(message, GMIME_ADDRESS_TYPE_BCC, "Bcc", options);
    meta.subject = std::string(TrimAscii(Utf8(g_mime_message_get_subject(message))));
    meta.sent = ToTimestamp(g_mime_message_get_date(message));
    if (meta.sent && DateHasNoZone(g_mime_object_get_header(object, "Date"))) {
      meta.sent->floating = true;
    }
    meta.message_id = std::string(TrimAscii(Utf8(g_mime_message_get_message_id(message))));
    if (std::vector<std::string> ids =
            MessageIds(options, g_mime_object_get_header(object, "In-Reply-To"));
        !ids.empty()) {
      meta.in_reply_to = ids.front();
    }
    meta.references = MessageIds(options, g_mime_object_get_header(object, "References"));
    meta.conversation_index =
        std::string(TrimAscii(Utf8(g_mime_object_get_header(object, "Thread-Index"))));

    // The top Received field was added last, by the receiving server: its date is when the
    // message arrived.
    if (const char* received = g_mime_object_get_header(object, "Received")) {
      if (const char* semicolon = std::strrchr(received, ';')) {
        GDateTime* date = g_mime_utils_header_decode_date(semicolon + 1);
        meta.received = ToTimestamp(date);
        if (date != nullptr) g_date_time_unref(date);
      }
    }

    std::vector<model::Address> reply_to =
        AddressField(message, GMIME_ADDRESS_TYPE_REPLY_TO, "Reply-To", options);
    if (!reply_to.empty()) meta.extra.emplace_back("reply-to", model::FormatAddressList(reply_to));
    for (const char* field : {"X-Bates-Fictional", "X-Mailer", "User-Agent", "Importance",
                              "X-Priority", "Sensitivity", "Thread-Topic"}) {
      std::string value = Utf8(g_mime_object_get_header(object, field));
      if (!TrimAscii(value).empty()) {
        meta.extra.emplace_back(AsciiLower(field), std::string(TrimAscii(value)));
      }
    }
  }
};

}  // namespace

BATES_REGISTER_READER(EmlReader)

}  // namespace bates::ingest
