#include "ingest/readers/mapi.h"

#include <fcntl.h>
#include <unistd.h>

#include <algorithm>
#include <cerrno>
#include <cstring>
#include <string>
#include <utility>

#include "core/file.h"
#include "core/text.h"
#include "ingest/html_text.h"
#include "ingest/readers/codepage.h"
#include "ingest/readers/gmime_util.h"
#include "ingest/readers/rtf_text.h"
#include "model/item.h"

namespace bates::ingest::mapi {

const Guid kPsetidAppointment = {0x02, 0x20, 0x06, 0x00, 0x00, 0x00, 0x00, 0x00,
                                 0xC0, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x46};
const Guid kPsetidTask = {0x03, 0x20, 0x06, 0x00, 0x00, 0x00, 0x00, 0x00,
                          0xC0, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x46};
const Guid kPsetidAddress = {0x04, 0x20, 0x06, 0x00, 0x00, 0x00, 0x00, 0x00,
                             0xC0, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x46};
const Guid kPsetidCommon = {0x08, 0x20, 0x06, 0x00, 0x00, 0x00, 0x00, 0x00,
                            0xC0, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x46};
const Guid kPsPublicStrings = {0x29, 0x03, 0x02, 0x00, 0x00, 0x00, 0x00, 0x00,
                               0xC0, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x46};
const Guid kPsMapi = {0x28, 0x03, 0x02, 0x00, 0x00, 0x00, 0x00, 0x00,
                      0xC0, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x46};

namespace {

// Property ids ([MS-OXPROPS]).
enum : uint16_t {
  kImportance = 0x0017,
  kMessageClass = 0x001A,
  kSensitivity = 0x0036,
  kSubject = 0x0037,
  kClientSubmitTime = 0x0039,
  kSentRepresentingName = 0x0042,
  kReplyRecipientNames = 0x0050,
  kSentRepresentingAddrType = 0x0064,
  kSentRepresentingEmail = 0x0065,
  kConversationTopic = 0x0070,
  kConversationIndex = 0x0071,
  kTransportHeaders = 0x007D,
  kRecipientType = 0x0C15,
  kSenderName = 0x0C1A,
  kSenderAddrType = 0x0C1E,
  kSenderEmail = 0x0C1F,
  kDisplayBcc = 0x0E02,
  kDeliveryTime = 0x0E06,
  kBody = 0x1000,
  kRtfCompressed = 0x1009,
  kHtml = 0x1013,
  kInternetMessageId = 0x1035,
  kInternetReferences = 0x1039,
  kInReplyTo = 0x1042,
  kDisplayName = 0x3001,
  kAddrType = 0x3002,
  kEmailAddress = 0x3003,
  kCreationTime = 0x3007,
  kLastModificationTime = 0x3008,
  kAttachDataBin = 0x3701,
  kAttachFilename = 0x3704,
  kAttachMethod = 0x3705,
  kAttachLongFilename = 0x3707,
  kAttachPathname = 0x3708,
  kAttachLongPathname = 0x370D,
  kAttachMimeTag = 0x370E,
  kAttachContentId = 0x3712,
  kSmtpAddress = 0x39FE,
  kGivenName = 0x3A06,
  kBusinessPhone = 0x3A08,
  kHomePhone = 0x3A09,
  kSurname = 0x3A11,
  kCompanyName = 0x3A16,
  kJobTitle = 0x3A17,
  kDepartment = 0x3A18,
  kPrimaryPhone = 0x3A1A,
  kBusinessPhone2 = 0x3A1B,
  kMobilePhone = 0x3A1C,
  kBusinessFax = 0x3A24,
  kHomeFax = 0x3A25,
  kHomePhone2 = 0x3A2F,
  kBusinessHomePage = 0x3A51,
  kCompanyMainPhone = 0x3A57,
  kInternetCodepage = 0x3FDE,
  kMessageCodepage = 0x3FFD,
  kSenderSmtpAddress = 0x5D01,
  kSentRepresentingSmtpAddress = 0x5D02,
  kRecipientDisplayName = 0x5FF6,
  kAttachmentHidden = 0x7FFE,
};

// ---------------------------------------------------------------------------------------------
// Raw values.

uint64_t LeN(std::string_view s, size_t n) {
  uint64_t v = 0;
  for (size_t i = 0; i < n && i < s.size(); ++i) {
    v |= uint64_t{static_cast<unsigned char>(s[i])} << (8 * i);
  }
  return v;
}

std::string DecodeString(uint16_t type, std::string_view raw, int codepage) {
  if (type == kTypeUnicode) {
    std::string out = Utf16LeToUtf8(raw);
    return out;
  }
  if (type == kTypeString8) {
    size_t end = raw.size();
    while (end > 0 && raw[end - 1] == '\0') --end;
    return DecodeCodepage(raw.substr(0, end), codepage);
  }
  return {};
}

}  // namespace

size_t FixedSize(uint16_t type) {
  switch (type & ~kTypeMulti) {
    case kTypeInt16:
      return 2;
    case kTypeInt32:
    case kTypeFloat:
    case kTypeError:
    case kTypeBoolean:
      return 4;
    case kTypeDouble:
    case kTypeCurrency:
    case kTypeAppTime:
    case kTypeInt64:
    case kTypeTime:
      return 8;
    case kTypeGuid:
      return 16;
    default:
      return 0;
  }
}

std::optional<Timestamp> FromFileTime(uint64_t filetime) {
  constexpr uint64_t kTicksPerSecond = 10'000'000;
  constexpr int64_t kEpochDelta = 11'644'473'600;  // 1601-01-01 to 1970-01-01
  if (filetime == 0) return std::nullopt;
  int64_t seconds = static_cast<int64_t>(filetime / kTicksPerSecond) - kEpochDelta;
  // 4501-01-01 is Outlook's "none".
  if (seconds >= 79'900'000'000LL || seconds < -11'644'473'600LL) return std::nullopt;
  return Timestamp{seconds, 0, false};
}

std::string_view ItemKindOfClass(std::string_view message_class) {
  std::string lower = AsciiLower(message_class);
  auto is = [&](std::string_view prefix) {
    return lower == prefix || (lower.starts_with(prefix) && lower.size() > prefix.size() &&
                               lower[prefix.size()] == '.');
  };
  if (is("ipm.appointment")) return "appointment";
  if (is("ipm.schedule.meeting")) return "meeting";
  if (is("ipm.contact")) return "contact";
  if (is("ipm.distlist")) return "distribution_list";
  if (is("ipm.task") || is("ipm.taskrequest")) return "task";
  if (is("ipm.stickynote")) return "note";
  if (is("ipm.activity")) return "journal";
  if (lower.empty() || is("ipm.note") || is("ipm.post") || is("report") || is("ipm") ||
      is("ipm.outlook") || is("ipm.recall") || is("ipm.sharing")) {
    return "email";
  }
  return "other";
}

// ---------------------------------------------------------------------------------------------
// PropertyBag.

const Property* PropertyBag::Find(uint16_t id) const {
  for (const Property& p : properties_) {
    if (p.id == id && !p.name) return &p;
  }
  return nullptr;
}

const Property* PropertyBag::FindNamed(const Guid& guid, uint32_t lid) const {
  for (const Property& p : properties_) {
    if (p.name && !p.name->is_string && p.name->lid == lid && p.name->guid == guid) return &p;
  }
  return nullptr;
}

const Property* PropertyBag::FindNamed(const Guid& guid, std::string_view name) const {
  for (const Property& p : properties_) {
    if (p.name && p.name->is_string && p.name->guid == guid &&
        AsciiLower(p.name->name) == AsciiLower(name)) {
      return &p;
    }
  }
  return nullptr;
}

std::string PropertyBag::Binary(uint16_t id) const {
  const Property* p = Find(id);
  return p != nullptr && p->type == kTypeBinary ? p->value : std::string();
}

std::string PropertyBag::StringOf(const Property* p, int codepage) {
  if (p == nullptr || (p->type & kTypeMulti) != 0) return {};
  return DecodeString(p->type, p->value, codepage);
}

std::vector<std::string> PropertyBag::StringsOf(const Property* p, int codepage) {
  std::vector<std::string> out;
  if (p == nullptr) return out;
  if ((p->type & kTypeMulti) == 0) {
    std::string one = StringOf(p, codepage);
    if (!one.empty()) out.push_back(std::move(one));
    return out;
  }
  for (const std::string& v : p->values) {
    std::string s = DecodeString(static_cast<uint16_t>(p->type & ~kTypeMulti), v, codepage);
    if (!s.empty()) out.push_back(std::move(s));
  }
  return out;
}

std::optional<int64_t> PropertyBag::IntOf(const Property* p) {
  if (p == nullptr) return std::nullopt;
  switch (p->type) {
    case kTypeInt16:
      if (p->value.size() < 2) return std::nullopt;
      return static_cast<int16_t>(LeN(p->value, 2));
    case kTypeInt32:
    case kTypeError:
      if (p->value.size() < 4) return std::nullopt;
      return static_cast<int32_t>(LeN(p->value, 4));
    case kTypeInt64:
    case kTypeCurrency:
      if (p->value.size() < 8) return std::nullopt;
      return static_cast<int64_t>(LeN(p->value, 8));
    case kTypeBoolean:
      if (p->value.empty()) return std::nullopt;
      return p->value[0] != 0 ? 1 : 0;
    default:
      return std::nullopt;
  }
}

std::optional<bool> PropertyBag::BoolOf(const Property* p) {
  std::optional<int64_t> v = IntOf(p);
  if (!v) return std::nullopt;
  return *v != 0;
}

std::optional<double> PropertyBag::DoubleOf(const Property* p) {
  if (p == nullptr) return std::nullopt;
  if (p->type == kTypeDouble && p->value.size() >= 8) {
    uint64_t bits = LeN(p->value, 8);
    double d;
    std::memcpy(&d, &bits, sizeof d);
    return d;
  }
  if (p->type == kTypeFloat && p->value.size() >= 4) {
    uint32_t bits = static_cast<uint32_t>(LeN(p->value, 4));
    float f;
    std::memcpy(&f, &bits, sizeof f);
    return f;
  }
  std::optional<int64_t> i = IntOf(p);
  if (i) return static_cast<double>(*i);
  return std::nullopt;
}

std::optional<Timestamp> PropertyBag::TimeOf(const Property* p) {
  if (p == nullptr || p->type != kTypeTime || p->value.size() < 8) return std::nullopt;
  return FromFileTime(LeN(p->value, 8));
}

// ---------------------------------------------------------------------------------------------
// Serialised form.

namespace {

class Writer {
 public:
  explicit Writer(const std::function<Status(std::string_view)>& sink) : sink_(sink) {}

  void U8(uint8_t v) { buffer_.push_back(static_cast<char>(v)); }
  void U16(uint16_t v) { Le(v, 2); }
  void U32(uint32_t v) { Le(v, 4); }
  void U64(uint64_t v) { Le(v, 8); }
  void Bytes(std::string_view b) { buffer_.append(b); }
  Status Flush() {
    if (buffer_.empty()) return Status::Ok();
    Status s = sink_(buffer_);
    buffer_.clear();
    return s;
  }
  Status MaybeFlush() { return buffer_.size() >= (1u << 20) ? Flush() : Status::Ok(); }
  Status Raw(std::string_view b) {
    BATES_RETURN_IF_ERROR(Flush());
    return sink_(b);
  }

 private:
  void Le(uint64_t v, int n) {
    for (int i = 0; i < n; ++i) buffer_.push_back(static_cast<char>((v >> (8 * i)) & 0xFF));
  }
  const std::function<Status(std::string_view)>& sink_;
  std::string buffer_;
};

Status WriteBag(Writer& w, const PropertyBag& bag) {
  w.U32(static_cast<uint32_t>(bag.size()));
  for (const Property& p : bag.all()) {
    w.U16(p.id);
    w.U16(p.type);
    if (!p.name) {
      w.U8(0);
    } else {
      w.U8(p.name->is_string ? 2 : 1);
      w.Bytes(std::string_view(reinterpret_cast<const char*>(p.name->guid.data()), 16));
      if (p.name->is_string) {
        w.U32(static_cast<uint32_t>(p.name->name.size()));
        w.Bytes(p.name->name);
      } else {
        w.U32(p.name->lid);
      }
    }
    if ((p.type & kTypeMulti) != 0) {
      w.U32(static_cast<uint32_t>(p.values.size()));
      for (const std::string& v : p.values) {
        w.U32(static_cast<uint32_t>(v.size()));
        w.Bytes(v);
      }
    } else {
      w.U32(static_cast<uint32_t>(p.value.size()));
      w.Bytes(p.value);
    }
    BATES_RETURN_IF_ERROR(w.MaybeFlush());
  }
  return Status::Ok();
}

Status WriteMessage(Writer& w, const Message& m) {
  BATES_RETURN_IF_ERROR(WriteBag(w, m.props));
  w.U32(static_cast<uint32_t>(m.recipients.size()));
  for (const PropertyBag& r : m.recipients) BATES_RETURN_IF_ERROR(WriteBag(w, r));
  w.U32(static_cast<uint32_t>(m.attachments.size()));
  for (const Attachment& a : m.attachments) {
    BATES_RETURN_IF_ERROR(WriteBag(w, a.props));
    if (a.embedded) {
      w.U8(2);
      BATES_RETURN_IF_ERROR(WriteMessage(w, *a.embedded));
    } else if (!a.data.empty()) {
      w.U8(1);
      w.U64(a.data.length());
      if (a.data.stream) {
        uint64_t written = 0;
        BATES_RETURN_IF_ERROR(w.Flush());
        BATES_RETURN_IF_ERROR(a.data.stream([&](std::string_view piece) -> Status {
          if (written + piece.size() > a.data.size) {
            return CorruptError("attachment data longer than its declared {} bytes", a.data.size);
          }
          written += piece.size();
          return w.Raw(piece);
        }));
        if (written != a.data.size) {
          return CorruptError("attachment data ended after {} of its {} bytes", written,
                              a.data.size);
        }
      } else {
        BATES_RETURN_IF_ERROR(w.Raw(a.data.owned.empty() ? a.data.borrowed : a.data.owned));
      }
    } else {
      w.U8(0);
    }
    BATES_RETURN_IF_ERROR(w.MaybeFlush());
  }
  return Status::Ok();
}

class Parser {
 public:
  explicit Parser(std::string_view in) : in_(in) {}

  Status Need(uint64_t n) {
    if (n > in_.size() - pos_) {
      return CorruptError("serialised message truncated at byte {} (needs {} more)", pos_, n);
    }
    return Status::Ok();
  }
  Result<uint64_t> Le(size_t n) {
    BATES_RETURN_IF_ERROR(Need(n));
    uint64_t v = LeN(in_.substr(pos_, n), n);
    pos_ += n;
    return v;
  }
  Result<std::string_view> Take(uint64_t n) {
    BATES_RETURN_IF_ERROR(Need(n));
    std::string_view out = in_.substr(pos_, static_cast<size_t>(n));
    pos_ += static_cast<size_t>(n);
    return out;
  }
  // A count of records of at least `min_size` bytes each cannot exceed what is left.
  Result<uint32_t> Count(size_t min_size) {
    BATES_ASSIGN_OR_RETURN(uint64_t n, Le(4));
    if (n > (in_.size() - pos_) / min_size) {
      return CorruptError("serialised message claims {} records in {} bytes", n, in_.size() - pos_);
    }
    return static_cast<uint32_t>(n);
  }

  Result<PropertyBag> Bag() {
    PropertyBag bag;
    BATES_ASSIGN_OR_RETURN(uint32_t count, Count(9));
    for (uint32_t i = 0; i < count; ++i) {
      Property p;
      BATES_ASSIGN_OR_RETURN(uint64_t id, Le(2));
      BATES_ASSIGN_OR_RETURN(uint64_t type, Le(2));
      BATES_ASSIGN_OR_RETURN(uint64_t named, Le(1));
      p.id = static_cast<uint16_t>(id);
      p.type = static_cast<uint16_t>(type);
      if (named == 1 || named == 2) {
        PropertyName name;
        BATES_ASSIGN_OR_RETURN(std::string_view guid, Take(16));
        std::memcpy(name.guid.data(), guid.data(), 16);
        name.is_string = named == 2;
        if (name.is_string) {
          BATES_ASSIGN_OR_RETURN(uint64_t len, Le(4));
          BATES_ASSIGN_OR_RETURN(std::string_view text, Take(len));
          name.name = std::string(text);
        } else {
          BATES_ASSIGN_OR_RETURN(uint64_t lid, Le(4));
          name.lid = static_cast<uint32_t>(lid);
        }
        p.name = std::move(name);
      } else if (named != 0) {
        return CorruptError("serialised property has an unknown name kind {}", named);
      }
      if ((p.type & kTypeMulti) != 0) {
        BATES_ASSIGN_OR_RETURN(uint32_t values, Count(4));
        for (uint32_t v = 0; v < values; ++v) {
          BATES_ASSIGN_OR_RETURN(uint64_t len, Le(4));
          BATES_ASSIGN_OR_RETURN(std::string_view bytes, Take(len));
          p.values.emplace_back(bytes);
        }
      } else {
        BATES_ASSIGN_OR_RETURN(uint64_t len, Le(4));
        BATES_ASSIGN_OR_RETURN(std::string_view bytes, Take(len));
        p.value = std::string(bytes);
      }
      bag.Add(std::move(p));
    }
    return bag;
  }

  Result<Message> ParseMessage(int depth) {
    if (depth > max_depth_) {
      return CorruptError("embedded messages nested deeper than {}", max_depth_);
    }
    Message m;
    BATES_ASSIGN_OR_RETURN(m.props, Bag());
    BATES_ASSIGN_OR_RETURN(uint32_t recipients, Count(4));
    for (uint32_t i = 0; i < recipients; ++i) {
      BATES_ASSIGN_OR_RETURN(PropertyBag r, Bag());
      m.recipients.push_back(std::move(r));
    }
    BATES_ASSIGN_OR_RETURN(uint32_t attachments, Count(5));
    for (uint32_t i = 0; i < attachments; ++i) {
      Attachment a;
      BATES_ASSIGN_OR_RETURN(a.props, Bag());
      BATES_ASSIGN_OR_RETURN(uint64_t content, Le(1));
      if (content == 1) {
        BATES_ASSIGN_OR_RETURN(uint64_t size, Le(8));
        BATES_ASSIGN_OR_RETURN(a.data.borrowed, Take(size));
      } else if (content == 2) {
        BATES_ASSIGN_OR_RETURN(Message embedded, ParseMessage(depth + 1));
        a.embedded = std::make_unique<Message>(std::move(embedded));
      } else if (content != 0) {
        return CorruptError("serialised attachment has an unknown content kind {}", content);
      }
      m.attachments.push_back(std::move(a));
    }
    return m;
  }

  void set_max_depth(int depth) { max_depth_ = depth; }
  size_t pos() const { return pos_; }

 private:
  std::string_view in_;
  size_t pos_ = 0;
  int max_depth_ = 64;
};

}  // namespace

Status Serialize(const Message& message, const std::function<Status(std::string_view)>& sink) {
  Writer w(sink);
  w.Bytes(kSerialMagic);
  w.U32(1);
  BATES_RETURN_IF_ERROR(WriteMessage(w, message));
  return w.Flush();
}

Result<std::string> SerializeToString(const Message& message) {
  std::string out;
  BATES_RETURN_IF_ERROR(Serialize(message, [&](std::string_view piece) {
    out.append(piece);
    return Status::Ok();
  }));
  return out;
}

Result<Message> Parse(std::string_view bytes, int max_depth) {
  if (!bytes.starts_with(kSerialMagic)) return CorruptError("not a serialised MAPI message");
  Parser parser(bytes.substr(kSerialMagic.size()));
  parser.set_max_depth(max_depth);
  BATES_ASSIGN_OR_RETURN(uint64_t version, parser.Le(4));
  if (version != 1) {
    return UnsupportedFormatError("serialised MAPI message of version {}", version);
  }
  return parser.ParseMessage(0);
}

// ---------------------------------------------------------------------------------------------
// Interpretation.

namespace {

// What the transport headers of a received message say.
struct HeaderFields {
  std::optional<model::Address> from;
  std::vector<model::Address> to, cc, reply_to;
  std::optional<Timestamp> date;
  std::optional<Timestamp> received;
  std::string message_id, in_reply_to;
  std::vector<std::string> references;
  bool parsed = false;
};

std::string Utf8(const char* s) { return s == nullptr ? std::string() : RepairUtf8(s); }

void AddAddresses(InternetAddressList* list, std::vector<model::Address>& out, int depth = 0) {
  if (list == nullptr || depth > 4) return;
  int n = internet_address_list_length(list);
  for (int i = 0; i < n && out.size() < 10000; ++i) {
    InternetAddress* address = internet_address_list_get_address(list, i);
    if (auto* mailbox = gmime::As<InternetAddressMailbox>(address, INTERNET_ADDRESS_TYPE_MAILBOX)) {
      model::Address a;
      a.name = std::string(TrimAscii(Utf8(internet_address_get_name(address))));
      a.address = AsciiLower(TrimAscii(Utf8(internet_address_mailbox_get_addr(mailbox))));
      if (!a.name.empty() || !a.address.empty()) out.push_back(std::move(a));
    } else if (auto* group =
                   gmime::As<InternetAddressGroup>(address, INTERNET_ADDRESS_TYPE_GROUP)) {
      AddAddresses(internet_address_group_get_members(group), out, depth + 1);
    }
  }
}

std::optional<Timestamp> GDate(GDateTime* date) {
  if (date == nullptr) return std::nullopt;
  Timestamp t;
  t.utc_seconds = g_date_time_to_unix(date);
  t.offset_minutes = static_cast<int32_t>(g_date_time_get_utc_offset(date) / G_TIME_SPAN_MINUTE);
  return t;
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

HeaderFields ParseTransportHeaders(std::string headers) {
  HeaderFields out;
  if (TrimAscii(headers).empty()) return out;
  // Only the header block: a stray body after it is not ours to parse.
  size_t end = headers.find("\r\n\r\n");
  if (end == std::string::npos) end = headers.find("\n\n");
  if (end != std::string::npos) headers.resize(end);
  headers += "\r\n\r\n";
  gmime::InitGMime();
  gmime::ParseWarnings warnings;
  gmime::ParserOptions options(&warnings);
  gmime::BorrowedStream stream(headers);
  gmime::Ptr<GMimeParser> parser = gmime::NewParser(stream.get(), GMIME_FORMAT_MESSAGE);
  gmime::Ptr<GMimeMessage> message(g_mime_parser_construct_message(parser.get(), options.get()));
  if (message == nullptr) return out;
  GMimeObject* object = gmime::Object(message.get());
  std::vector<model::Address> from;
  AddAddresses(g_mime_message_get_addresses(message.get(), GMIME_ADDRESS_TYPE_FROM), from);
  if (!from.empty()) out.from = from.front();
  AddAddresses(g_mime_message_get_addresses(message.get(), GMIME_ADDRESS_TYPE_TO), out.to);
  AddAddresses(g_mime_message_get_addresses(message.get(), GMIME_ADDRESS_TYPE_CC), out.cc);
  AddAddresses(g_mime_message_get_addresses(message.get(), GMIME_ADDRESS_TYPE_REPLY_TO),
               out.reply_to);
  out.date = GDate(g_mime_message_get_date(message.get()));
  out.message_id = std::string(TrimAscii(Utf8(g_mime_message_get_message_id(message.get()))));
  std::vector<std::string> reply =
      MessageIds(options.get(), g_mime_object_get_header(object, "In-Reply-To"));
  if (!reply.empty()) out.in_reply_to = reply.front();
  out.references = MessageIds(options.get(), g_mime_object_get_header(object, "References"));
  if (const char* received = g_mime_object_get_header(object, "Received")) {
    if (const char* semicolon = std::strrchr(received, ';')) {
      GDateTime* date = g_mime_utils_header_decode_date(semicolon + 1);
      out.received = GDate(date);
      if (date != nullptr) g_date_time_unref(date);
    }
  }
  out.parsed =
      out.from.has_value() || !out.to.empty() || out.date.has_value() || !out.message_id.empty();
  return out;
}

std::string Base64(std::string_view bytes) {
  static constexpr char kTable[] =
      "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";
  std::string out;
  out.reserve((bytes.size() + 2) / 3 * 4);
  for (size_t i = 0; i < bytes.size(); i += 3) {
    uint32_t v = static_cast<uint32_t>(static_cast<unsigned char>(bytes[i])) << 16;
    if (i + 1 < bytes.size())
      v |= static_cast<uint32_t>(static_cast<unsigned char>(bytes[i + 1])) << 8;
    if (i + 2 < bytes.size()) v |= static_cast<unsigned char>(bytes[i + 2]);
    out.push_back(kTable[(v >> 18) & 63]);
    out.push_back(kTable[(v >> 12) & 63]);
    out.push_back(i + 1 < bytes.size() ? kTable[(v >> 6) & 63] : '=');
    out.push_back(i + 2 < bytes.size() ? kTable[v & 63] : '=');
  }
  return out;
}

// Reads one message's properties as text in the message's code page.
class View {
 public:
  View(const PropertyBag& bag, int codepage) : bag_(bag), codepage_(codepage) {}
  std::string Str(uint16_t id) const { return std::string(TrimAscii(bag_.String(id, codepage_))); }
  std::string Named(const Guid& guid, uint32_t lid) const {
    return std::string(TrimAscii(PropertyBag::StringOf(bag_.FindNamed(guid, lid), codepage_)));
  }
  std::optional<Timestamp> NamedTime(const Guid& guid, uint32_t lid) const {
    return PropertyBag::TimeOf(bag_.FindNamed(guid, lid));
  }
  std::optional<bool> NamedBool(const Guid& guid, uint32_t lid) const {
    return PropertyBag::BoolOf(bag_.FindNamed(guid, lid));
  }
  const PropertyBag& bag() const { return bag_; }
  int codepage() const { return codepage_; }

 private:
  const PropertyBag& bag_;
  int codepage_;
};

int CodepageOf(const PropertyBag& props, int fallback) {
  for (uint16_t id : {kMessageCodepage, kInternetCodepage}) {
    std::optional<int64_t> cp = props.Int(id);
    if (cp && *cp > 0 && *cp < 65536 && !CodepageCharset(static_cast<int>(*cp)).empty()) {
      return static_cast<int>(*cp);
    }
  }
  return fallback;
}

// A subject as stored in a PST may begin with U+0001 and a character whose value is the length of
// its prefix ("Re: "): a marker, not text.
std::string SubjectOf(const View& v) {
  std::string subject = v.Str(kSubject);
  if (subject.size() >= 2 && subject[0] == '\x01') {
    size_t marker = 2;
    if (static_cast<unsigned char>(subject[1]) >= 0x80) {  // a marker character past ASCII
      while (marker < subject.size() &&
             (static_cast<unsigned char>(subject[marker]) & 0xC0) == 0x80) {
        ++marker;
      }
    }
    subject = std::string(TrimAscii(subject.substr(marker)));
  }
  return subject;
}

// An SMTP address is one with an @ and no X.500 path.
bool IsSmtp(std::string_view address) {
  return address.find('@') != std::string_view::npos && !address.starts_with("/");
}

model::Address MakeAddress(std::string name, std::string address) {
  model::Address a;
  a.name = std::move(name);
  // Outlook stores some display names in quotes: 'jane@city.example'.
  if (a.name.size() >= 2 && (a.name.front() == '\'' || a.name.front() == '"') &&
      a.name.back() == a.name.front()) {
    a.name = std::string(TrimAscii(a.name.substr(1, a.name.size() - 2)));
  }
  a.address = AsciiLower(address);
  if (AsciiLower(a.name) == a.address) a.name.clear();
  return a;
}

// An Exchange user is known by an X.500 path ("/o=org/ou=.../cn=jsmith"), which is no address
// anyone can search for. When the same display name appears with an SMTP address elsewhere in the
// message (a recipient, as the sender of a meeting usually is), that address is the person's.
void ResolveExchangeAddress(model::Address& a, const std::vector<model::Address>& known) {
  if (a.address.empty() || IsSmtp(a.address) || a.name.empty()) return;
  for (const model::Address& k : known) {
    if (IsSmtp(k.address) && AsciiLower(k.name) == AsciiLower(a.name)) {
      a.address = k.address;
      return;
    }
  }
}

// The sender: on whose behalf it was sent, else who sent it; the SMTP address when there is one.
std::optional<model::Address> MapiFrom(const View& v) {
  std::string name = v.Str(kSentRepresentingName);
  std::string address = v.Str(kSentRepresentingSmtpAddress);
  std::string other = v.Str(kSentRepresentingEmail);
  if (name.empty()) name = v.Str(kSenderName);
  if (address.empty()) address = v.Str(kSenderSmtpAddress);
  if (address.empty() && IsSmtp(other)) address = other;
  if (address.empty()) {
    std::string sender = v.Str(kSenderEmail);
    address = IsSmtp(sender) ? sender : (!other.empty() ? other : sender);
  }
  if (name.empty() && address.empty()) return std::nullopt;
  return MakeAddress(std::move(name), std::move(address));
}

model::Address RecipientAddress(const PropertyBag& r, int codepage) {
  View v(r, codepage);
  std::string name = v.Str(kDisplayName);
  if (name.empty()) name = v.Str(kRecipientDisplayName);
  std::string address = v.Str(kSmtpAddress);
  std::string email = v.Str(kEmailAddress);
  if (address.empty()) address = email;
  return MakeAddress(std::move(name), std::move(address));
}

void SetExtra(model::Metadata& meta, std::string key, std::string value) {
  if (!TrimAscii(value).empty()) meta.extra.emplace_back(std::move(key), std::move(value));
}

// The body as text: plain, else HTML, else RTF (compressed, possibly HTML in RTF).
struct Body {
  std::string text;
  std::string source;  // "plain", "html", "rtf"
};

Body BodyText(const View& v, uint64_t max_text_bytes) {
  Body body;
  body.text = v.bag().String(kBody, v.codepage());
  if (!TrimAscii(body.text).empty()) {
    body.source = "plain";
    // Outlook keeps CR LF; one newline per line break is what every other reader gives.
    std::string clean;
    clean.reserve(body.text.size());
    for (size_t i = 0; i < body.text.size(); ++i) {
      if (body.text[i] == '\r') {
        if (i + 1 < body.text.size() && body.text[i + 1] == '\n') continue;
        clean.push_back('\n');
      } else {
        clean.push_back(body.text[i]);
      }
    }
    body.text = std::move(clean);
    return body;
  }
  if (const Property* html = v.bag().Find(kHtml)) {
    HtmlTextOptions options;
    options.include_title = false;
    std::string charset;
    std::string bytes;
    if (html->type == kTypeUnicode) {
      bytes = Utf16LeToUtf8(html->value);
      charset = "utf-8";
    } else {
      bytes = html->value;
      std::optional<int64_t> cpid = v.bag().Int(kInternetCodepage);
      if (cpid) charset = std::string(CodepageCharset(static_cast<int>(*cpid)));
    }
    options.charset = charset;
    body.text = HtmlToText(bytes, options).text;
    if (!TrimAscii(body.text).empty()) {
      body.source = "html";
      return body;
    }
  }
  std::string compressed = v.bag().Binary(kRtfCompressed);
  if (!compressed.empty()) {
    Result<std::string> rtf = DecompressRtf(compressed, max_text_bytes * 4);
    if (rtf.ok() && LooksLikeRtf(*rtf)) {
      RtfOptions options;
      options.max_text_bytes = max_text_bytes;
      Result<RtfText> text = RtfToText(*rtf, options);
      if (text.ok()) {
        if (text->from_html && !text->html.empty()) {
          HtmlTextOptions html_options;
          html_options.charset = "utf-8";
          html_options.include_title = false;
          body.text = HtmlToText(text->html, html_options).text;
        }
        if (TrimAscii(body.text).empty()) body.text = std::move(text->text);
        body.source = "rtf";
      }
    }
  }
  return body;
}

std::string FormatTime(const std::optional<Timestamp>& t) {
  return t ? FormatIso8601(*t) : std::string();
}

// Lines "Label: value" for the fields an appointment, contact or task shows on its face.
void AddLine(std::string& text, std::string_view label, std::string_view value) {
  if (TrimAscii(value).empty()) return;
  text += label;
  text += ": ";
  text += value;
  text += '\n';
}

std::string JoinAddresses(const std::vector<model::Address>& list) {
  return model::FormatAddressList(list);
}

// Appointment, meeting request: [MS-OXOCAL].
void DescribeAppointment(const View& v, const std::vector<model::Address>& attendees,
                         const std::optional<model::Address>& organizer, model::Metadata& meta,
                         std::string& face) {
  std::optional<Timestamp> start = v.NamedTime(kPsetidAppointment, 0x820D);
  std::optional<Timestamp> end = v.NamedTime(kPsetidAppointment, 0x820E);
  if (!start) start = v.NamedTime(kPsetidCommon, 0x8516);
  if (!end) end = v.NamedTime(kPsetidCommon, 0x8517);
  std::string location = v.Named(kPsetidAppointment, 0x8208);
  std::optional<bool> all_day = v.NamedBool(kPsetidAppointment, 0x8215);
  std::string recurrence = v.Named(kPsetidAppointment, 0x8232);
  std::string all_attendees = v.Named(kPsetidAppointment, 0x8238);
  std::string organizer_text = organizer ? model::FormatAddress(*organizer) : std::string();
  std::string attendee_text = attendees.empty() ? all_attendees : JoinAddresses(attendees);

  AddLine(face, "Subject", meta.subject);
  AddLine(face, "Location", location);
  AddLine(face, "Start", FormatTime(start));
  AddLine(face, "End", FormatTime(end));
  if (all_day && *all_day) AddLine(face, "All day", "yes");
  AddLine(face, "Recurrence", recurrence);
  AddLine(face, "Organizer", organizer_text);
  AddLine(face, "Attendees", attendee_text);
  SetExtra(meta, "location", location);
  SetExtra(meta, "start", FormatTime(start));
  SetExtra(meta, "end", FormatTime(end));
  if (all_day && *all_day) SetExtra(meta, "all_day", "true");
  SetExtra(meta, "recurrence", recurrence);
  SetExtra(meta, "organizer", organizer_text);
  SetExtra(meta, "attendees", attendee_text);
}

// Contact: [MS-OXOCNTC].
void DescribeContact(const View& v, model::Metadata& meta, std::string& face) {
  std::string name = v.Str(kDisplayName);
  if (name.empty()) {
    name = std::string(TrimAscii(v.Str(kGivenName) + " " + v.Str(kSurname)));
  }
  if (name.empty()) name = v.Named(kPsetidAddress, 0x8005);  // PidLidFileUnder
  std::string company = v.Str(kCompanyName);
  std::string job_title = v.Str(kJobTitle);
  std::string department = v.Str(kDepartment);
  std::vector<std::string> emails;
  for (uint32_t base : {0x8080u, 0x8090u, 0x80A0u}) {
    std::string address = v.Named(kPsetidAddress, base + 3);   // Email1EmailAddress...
    std::string type = v.Named(kPsetidAddress, base + 2);      // Email1AddressType
    std::string original = v.Named(kPsetidAddress, base + 4);  // Email1OriginalDisplayName
    if (!IsSmtp(address) && IsSmtp(original)) address = original;
    (void)type;
    if (!address.empty() && std::find(emails.begin(), emails.end(), address) == emails.end()) {
      emails.push_back(address);
    }
  }
  struct PhoneField {
    uint16_t id;
    const char* label;
  };
  static constexpr PhoneField kPhones[] = {
      {kBusinessPhone, "business"},   {kBusinessPhone2, "business 2"}, {kHomePhone, "home"},
      {kHomePhone2, "home 2"},        {kMobilePhone, "mobile"},        {kPrimaryPhone, "primary"},
      {kCompanyMainPhone, "company"}, {kBusinessFax, "business fax"},  {kHomeFax, "home fax"}};
  std::vector<std::string> phones;
  for (const PhoneField& f : kPhones) {
    std::string number = v.Str(f.id);
    if (!number.empty()) phones.push_back(fmt::format("{} ({})", number, f.label));
  }
  std::string work_address = v.Named(kPsetidAddress, 0x801B);
  std::string home_address = v.Named(kPsetidAddress, 0x801A);
  std::string web = v.Str(kBusinessHomePage);
  if (web.empty()) web = v.Named(kPsetidAddress, 0x802B);

  std::string emails_text, phones_text;
  for (const std::string& e : emails) emails_text += (emails_text.empty() ? "" : ", ") + e;
  for (const std::string& p : phones) phones_text += (phones_text.empty() ? "" : ", ") + p;
  AddLine(face, "Name", name);
  AddLine(face, "Company", company);
  AddLine(face, "Job title", job_title);
  AddLine(face, "Department", department);
  AddLine(face, "Email", emails_text);
  AddLine(face, "Phone", phones_text);
  AddLine(face, "Work address", work_address);
  AddLine(face, "Home address", home_address);
  AddLine(face, "Web page", web);
  if (meta.title.empty()) meta.title = name;
  SetExtra(meta, "contact_name", name);
  SetExtra(meta, "company", company);
  SetExtra(meta, "job_title", job_title);
  SetExtra(meta, "emails", emails_text);
  SetExtra(meta, "phones", phones_text);
}

// Task: [MS-OXOTASK].
void DescribeTask(const View& v, model::Metadata& meta, std::string& face) {
  std::optional<Timestamp> start = v.NamedTime(kPsetidTask, 0x8104);
  std::optional<Timestamp> due = v.NamedTime(kPsetidTask, 0x8105);
  std::optional<int64_t> status = PropertyBag::IntOf(v.bag().FindNamed(kPsetidTask, 0x8101));
  std::optional<double> percent = PropertyBag::DoubleOf(v.bag().FindNamed(kPsetidTask, 0x8102));
  std::string owner = v.Named(kPsetidTask, 0x811F);
  static constexpr const char* kStatus[] = {"not started", "in progress", "complete", "waiting",
                                            "deferred"};
  std::string status_text =
      status && *status >= 0 && *status <= 4 ? kStatus[*status] : std::string();
  AddLine(face, "Subject", meta.subject);
  AddLine(face, "Start", FormatTime(start));
  AddLine(face, "Due", FormatTime(due));
  AddLine(face, "Status", status_text);
  if (percent) AddLine(face, "Complete", fmt::format("{:.0f}%", *percent * 100));
  AddLine(face, "Owner", owner);
  SetExtra(meta, "start", FormatTime(start));
  SetExtra(meta, "due", FormatTime(due));
  SetExtra(meta, "task_status", status_text);
  SetExtra(meta, "owner", owner);
}

std::string AttachmentName(const View& v, size_t ordinal) {
  std::string name = v.Str(kAttachLongFilename);
  if (name.empty()) name = v.Str(kAttachFilename);
  if (name.empty()) name = v.Str(kDisplayName);
  size_t slash = name.find_last_of("/\\");
  if (slash != std::string::npos) name.erase(0, slash + 1);
  name = std::string(TrimAscii(name));
  return name.empty() ? fmt::format("attachment {}", ordinal) : name;
}

// Writes `data` to a new temporary file, for content larger than memory should hold.
Result<std::filesystem::path> Spill(
    const std::filesystem::path& dir,
    const std::function<Status(const std::function<Status(std::string_view)>&)>& writer) {
  std::string path = (dir / "bates-mapi-XXXXXX").string();
  int fd = ::mkstemp(path.data());
  if (fd < 0) {
    return IoError("cannot create a temporary file in {}: {}", dir.string(), ErrnoMessage(errno));
  }
  Status written = writer([&](std::string_view piece) -> Status {
    while (!piece.empty()) {
      ssize_t n = ::write(fd, piece.data(), piece.size());
      if (n < 0 && errno == EINTR) continue;
      if (n < 0) return IoError("writing {}: {}", path, ErrnoMessage(errno));
      piece.remove_prefix(static_cast<size_t>(n));
    }
    return Status::Ok();
  });
  if (::close(fd) != 0 && written.ok()) written = IoError("closing {}", path);
  if (!written.ok()) {
    std::error_code ignored;
    std::filesystem::remove(path, ignored);
    return written;
  }
  return std::filesystem::path(path);
}

uint64_t EstimatedSize(const Message& m, int depth = 0) {
  uint64_t size = 0;
  for (const Property& p : m.props.all()) size += p.value.size() + 16;
  for (const Attachment& a : m.attachments) {
    size += a.data.length() + 64;
    if (a.embedded && depth < 64) size += EstimatedSize(*a.embedded, depth + 1);
  }
  return size;
}

Status EmitAttachment(const Attachment& attachment, size_t ordinal, int codepage,
                      ReadContext& context, const EmitOptions& options) {
  View v(attachment.props, CodepageOf(attachment.props, codepage));
  Child child;
  std::optional<int64_t> method = attachment.props.Int(kAttachMethod);
  child.meta.created = attachment.props.Time(kCreationTime);
  child.meta.modified = attachment.props.Time(kLastModificationTime);
  SetExtra(child.meta, "content_id", v.Str(kAttachContentId));
  if (attachment.props.Bool(kAttachmentHidden).value_or(false)) {
    child.meta.extra.emplace_back("attachment_hidden", "true");
  }
  const Limits& limits = context.limits();

  if (attachment.embedded) {
    View inner(attachment.embedded->props, CodepageOf(attachment.embedded->props, codepage));
    std::string subject = SubjectOf(inner);
    child.name = v.Str(kDisplayName);
    if (child.name.empty()) child.name = subject;
    if (child.name.empty()) child.name = fmt::format("message {}", ordinal);
    child.declared_type = std::string(kSerialMimeType);
    if (EstimatedSize(*attachment.embedded) > limits.max_in_memory_bytes) {
      Result<std::filesystem::path> path =
          Spill(context.temp_dir(), [&](const std::function<Status(std::string_view)>& sink) {
            return Serialize(*attachment.embedded, sink);
          });
      if (path.ok()) {
        child.spill_path = *path;
      } else {
        child.failure = path.status();
      }
    } else {
      Result<std::string> bytes = SerializeToString(*attachment.embedded);
      if (bytes.ok()) {
        child.bytes = std::move(*bytes);
      } else {
        child.failure = bytes.status();
      }
    }
    return context.AddChild(std::move(child));
  }

  child.name = AttachmentName(v, ordinal);
  child.meta.file_name = child.name;
  child.declared_type = AsciiLower(v.Str(kAttachMimeTag));
  int64_t how = method.value_or(attachment.data.empty() ? 0 : 1);
  if (how == 2 || how == 3 || how == 4 || how == 7) {
    std::string target = v.Str(kAttachLongPathname);
    if (target.empty()) target = v.Str(kAttachPathname);
    child.failure =
        UnsupportedFormatError("attachment is a link{}{}, its content is not in the message",
                               target.empty() ? "" : " to ", target);
    return context.AddChild(std::move(child));
  }
  if (attachment.data.empty()) {
    child.failure = CorruptError("attachment holds no data");
    return context.AddChild(std::move(child));
  }
  if (attachment.data.length() > limits.max_in_memory_bytes) {
    Result<std::filesystem::path> path =
        Spill(context.temp_dir(), [&](const std::function<Status(std::string_view)>& sink) {
          if (attachment.data.stream) return attachment.data.stream(sink);
          return sink(attachment.data.owned.empty() ? attachment.data.borrowed
                                                    : attachment.data.owned);
        });
    if (path.ok()) {
      child.spill_path = *path;
    } else {
      child.failure = path.status();
    }
  } else if (attachment.data.stream) {
    child.bytes.reserve(static_cast<size_t>(attachment.data.size));
    Status read = attachment.data.stream([&](std::string_view piece) {
      child.bytes.append(piece);
      return Status::Ok();
    });
    if (!read.ok()) child.failure = read;
  } else {
    child.bytes = attachment.data.owned.empty() ? std::string(attachment.data.borrowed)
                                                : attachment.data.owned;
  }
  (void)options;
  return context.AddChild(std::move(child));
}

}  // namespace

Status EmitMessage(const Message& message, ReadContext& context, const EmitOptions& options) {
  const int codepage = CodepageOf(message.props, options.default_codepage);
  View v(message.props, codepage);
  Extracted out;
  model::Metadata& meta = out.meta;

  std::string message_class = v.Str(kMessageClass);
  if (message_class.empty()) message_class = "IPM.Note";
  std::string_view kind = ItemKindOfClass(message_class);
  meta.subject = SubjectOf(v);

  // Recipients from the table; the transport headers, when the message came by SMTP, win for
  // the fields they carry.
  std::vector<model::Address> to, cc, bcc;
  for (const PropertyBag& r : message.recipients) {
    model::Address a = RecipientAddress(r, codepage);
    if (a.name.empty() && a.address.empty()) continue;
    switch (r.Int(kRecipientType).value_or(1) & 0x0F) {
      case 2:
        cc.push_back(std::move(a));
        break;
      case 3:
        bcc.push_back(std::move(a));
        break;
      default:
        to.push_back(std::move(a));
        break;
    }
  }
  HeaderFields headers = ParseTransportHeaders(v.Str(kTransportHeaders));
  meta.from = headers.from ? headers.from : MapiFrom(v);
  meta.to = !headers.to.empty() ? headers.to : to;
  meta.cc = !headers.cc.empty() ? headers.cc : cc;
  meta.bcc = bcc;
  {
    std::vector<model::Address> known = to;
    known.insert(known.end(), cc.begin(), cc.end());
    known.insert(known.end(), bcc.begin(), bcc.end());
    if (meta.from) ResolveExchangeAddress(*meta.from, known);
    for (auto* list : {&meta.to, &meta.cc, &meta.bcc}) {
      for (model::Address& a : *list) ResolveExchangeAddress(a, known);
    }
  }
  meta.sent = headers.date ? headers.date : message.props.Time(kClientSubmitTime);
  meta.received = message.props.Time(kDeliveryTime);
  if (!meta.received) meta.received = headers.received;
  meta.created = message.props.Time(kCreationTime);
  meta.modified = message.props.Time(kLastModificationTime);
  meta.message_id = !headers.message_id.empty() ? headers.message_id : v.Str(kInternetMessageId);
  meta.in_reply_to = !headers.in_reply_to.empty() ? headers.in_reply_to : v.Str(kInReplyTo);
  meta.references = headers.references;
  if (meta.references.empty()) {
    std::string refs = v.Str(kInternetReferences);
    size_t pos = 0;
    while ((pos = refs.find('<', pos)) != std::string::npos) {
      size_t close = refs.find('>', pos);
      if (close == std::string::npos) break;
      meta.references.push_back(refs.substr(pos + 1, close - pos - 1));
      pos = close + 1;
    }
  }
  for (std::string* id : {&meta.message_id, &meta.in_reply_to}) {
    if (id->size() >= 2 && id->front() == '<' && id->back() == '>') {
      *id = id->substr(1, id->size() - 2);
    }
  }
  std::string index = message.props.Binary(kConversationIndex);
  if (!index.empty()) meta.conversation_index = Base64(index);

  SetExtra(meta, "message_class", message_class);
  if (kind != "email") SetExtra(meta, "outlook_item", std::string(kind));
  SetExtra(meta, "conversation_topic", v.Str(kConversationTopic));
  if (!headers.reply_to.empty()) {
    SetExtra(meta, "reply-to", model::FormatAddressList(headers.reply_to));
  } else {
    SetExtra(meta, "reply-to", v.Str(kReplyRecipientNames));
  }
  std::optional<int64_t> importance = message.props.Int(kImportance);
  if (importance && *importance == 0) SetExtra(meta, "importance", "low");
  if (importance && *importance == 2) SetExtra(meta, "importance", "high");
  std::optional<int64_t> sensitivity = message.props.Int(kSensitivity);
  if (sensitivity && *sensitivity >= 1 && *sensitivity <= 3) {
    static constexpr const char* kSensitivity[] = {"", "personal", "private", "confidential"};
    SetExtra(meta, "sensitivity", kSensitivity[*sensitivity]);
  }
  std::vector<std::string> categories = PropertyBag::StringsOf(
      message.props.FindNamed(kPsPublicStrings, std::string_view("Keywords")), codepage);
  std::string categories_text;
  for (const std::string& c : categories) {
    categories_text += (categories_text.empty() ? "" : ", ") + c;
  }
  SetExtra(meta, "categories", categories_text);

  Body body = BodyText(v, context.limits().max_text_bytes);
  SetExtra(meta, "body_format", body.source);
  std::string face;
  if (kind == "appointment" || kind == "meeting") {
    std::vector<model::Address> attendees = to;
    attendees.insert(attendees.end(), cc.begin(), cc.end());
    attendees.insert(attendees.end(), bcc.begin(), bcc.end());
    DescribeAppointment(v, attendees, meta.from, meta, face);
  } else if (kind == "contact") {
    DescribeContact(v, meta, face);
  } else if (kind == "task") {
    DescribeTask(v, meta, face);
  }
  out.text =
      face.empty() ? std::move(body.text) : (body.text.empty() ? face : face + "\n" + body.text);

  std::string lower_class = AsciiLower(message_class);
  if ((lower_class.starts_with("ipm.note.smime") &&
       lower_class.find("multipartsigned") == std::string::npos) ||
      lower_class.starts_with("ipm.note.rpmsg")) {
    out.flags |= model::kFlagEncrypted;
  }
  if (TrimAscii(out.text).empty()) out.flags |= model::kFlagNoText;
  if (options.typed_by_class && kind != "email") {
    // "application/vnd.bates.mapi-message" -> "application/vnd.bates.mapi-appointment"...
    std::string type(kSerialMimeType);
    out.mime_type = type.substr(0, type.rfind('-') + 1) + std::string(kind);
  }
  BATES_RETURN_IF_ERROR(context.SetDocument(std::move(out)));

  size_t ordinal = 0;
  for (const Attachment& attachment : message.attachments) {
    if (++ordinal > context.limits().max_children) {
      return ResourceExhaustedError("message has more than {} attachments (max_children)",
                                    context.limits().max_children);
    }
    BATES_RETURN_IF_ERROR(EmitAttachment(attachment, ordinal, codepage, context, options));
  }
  return Status::Ok();
}

}  // namespace bates::ingest::mapi
