// MAPI messages as the Outlook readers share them: one in-memory model of an Outlook item (its
// properties, recipients and attachments, embedded messages nested), filled by the MSG reader
// (from an OLE2 .msg file, libolecf) and by the PST reader (from a PST/OST store, libpff), and
// turned into a document and its children here, by one piece of code, so a message reads the same
// whichever file it came in.
//
// Serialised form. The PST reader cannot run a reader per message in a helper process (a process
// per message would cost more than the message), so it hands each message on as bytes in a
// serialised form of this model, which the "mapi" reader reads back in process; embedded
// messages of .msg files travel the same way. The form is ours, is written down below, and is
// parsed with bounds checks on every length, so it is as safe to read in process as a ZIP
// directory:
//
//   file       := magic(8) "\x89BMAPI\r\n" version(u32 = 1) message
//   message    := u32 nprops prop*  u32 nrecipients (u32 nprops prop*)*  u32 nattach attachment*
//   attachment := u32 nprops prop*  u8 content  [content=1: u64 size, bytes | content=2: message]
//   prop       := u16 id  u16 type  u8 named [named=1: guid(16) u32 lid | named=2: guid(16)
//                 u32 len utf8-name]  value
//   value      := u32 len bytes                           (single-valued types)
//               | u32 count (u32 len bytes)*               (multi-valued: type & 0x1000)
//
// All integers little-endian. Property values are MAPI's raw little-endian bytes; strings carry
// no terminating NUL; PT_STRING8 is in the message's code page. Content 0 is "no data", 1 an
// attachment's bytes (PR_ATTACH_DATA_BIN or an OLE object's compound file), 2 an embedded message.
//
// Thread safety: values; functions are safe from any thread.
#pragma once

#include <array>
#include <cstdint>
#include <functional>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "core/result.h"
#include "core/time.h"
#include "ingest/reader.h"

namespace bates::ingest::mapi {

// Property types ([MS-OXCDATA] 2.11.1).
inline constexpr uint16_t kTypeInt16 = 0x0002;
inline constexpr uint16_t kTypeInt32 = 0x0003;
inline constexpr uint16_t kTypeFloat = 0x0004;
inline constexpr uint16_t kTypeDouble = 0x0005;
inline constexpr uint16_t kTypeCurrency = 0x0006;
inline constexpr uint16_t kTypeAppTime = 0x0007;
inline constexpr uint16_t kTypeError = 0x000A;
inline constexpr uint16_t kTypeBoolean = 0x000B;
inline constexpr uint16_t kTypeObject = 0x000D;
inline constexpr uint16_t kTypeInt64 = 0x0014;
inline constexpr uint16_t kTypeString8 = 0x001E;
inline constexpr uint16_t kTypeUnicode = 0x001F;
inline constexpr uint16_t kTypeTime = 0x0040;
inline constexpr uint16_t kTypeGuid = 0x0048;
inline constexpr uint16_t kTypeBinary = 0x0102;
inline constexpr uint16_t kTypeMulti = 0x1000;

// The size of a fixed-size value of `type` (multi-valued flag ignored), 0 for variable-size types.
size_t FixedSize(uint16_t type);

using Guid = std::array<uint8_t, 16>;
// Property sets of named properties, in MAPI's byte order (Data1..3 little-endian).
extern const Guid kPsetidAppointment;  // {00062002-0000-0000-C000-000000000046}
extern const Guid kPsetidTask;         // {00062003-...}
extern const Guid kPsetidAddress;      // {00062004-...}
extern const Guid kPsetidCommon;       // {00062008-...}
extern const Guid kPsPublicStrings;    // {00020329-0000-0000-C000-000000000046}
extern const Guid kPsMapi;             // {00020328-0000-0000-C000-000000000046}

// A named property's identity: a property set and a number (lid) or a name.
struct PropertyName {
  Guid guid{};
  bool is_string = false;
  uint32_t lid = 0;
  std::string name;  // UTF-8, when is_string
};

struct Property {
  uint16_t id = 0;  // property id; for a named property the id it had in its file (>= 0x8000)
  uint16_t type = 0;
  std::optional<PropertyName> name;
  std::string value;                // single-valued: the raw bytes
  std::vector<std::string> values;  // multi-valued: one raw value each
};

// A set of properties: a message's, a recipient's or an attachment's. Lookups by id see only
// properties below 0x8000; named properties are found by their name.
class PropertyBag {
 public:
  void Add(Property property) { properties_.push_back(std::move(property)); }
  const std::vector<Property>& all() const { return properties_; }
  size_t size() const { return properties_.size(); }

  const Property* Find(uint16_t id) const;
  const Property* FindNamed(const Guid& guid, uint32_t lid) const;
  const Property* FindNamed(const Guid& guid, std::string_view name) const;

  // Typed reads of a property (by id, or an already found one); empty/nullopt when absent or
  // of another type. Strings come back as UTF-8: PT_UNICODE decoded, PT_STRING8 read in
  // `codepage`, trailing NULs dropped.
  std::string String(uint16_t id, int codepage) const { return StringOf(Find(id), codepage); }
  std::optional<int64_t> Int(uint16_t id) const { return IntOf(Find(id)); }
  std::optional<bool> Bool(uint16_t id) const { return BoolOf(Find(id)); }
  std::optional<Timestamp> Time(uint16_t id) const { return TimeOf(Find(id)); }
  std::string Binary(uint16_t id) const;

  static std::string StringOf(const Property* p, int codepage);
  static std::optional<int64_t> IntOf(const Property* p);
  static std::optional<bool> BoolOf(const Property* p);
  static std::optional<double> DoubleOf(const Property* p);
  static std::optional<Timestamp> TimeOf(const Property* p);
  // Every value of a multi-valued string property (or the one value of a single-valued one).
  static std::vector<std::string> StringsOf(const Property* p, int codepage);

 private:
  std::vector<Property> properties_;
};

// An attachment's bytes: held, borrowed from the serialised form being read, or streamed from the
// store when written (a PST attachment larger than memory should hold).
struct AttachmentData {
  std::string owned;
  std::string_view borrowed;
  // Set with `size` for streamed data: calls `sink` with consecutive pieces of the content.
  std::function<Status(const std::function<Status(std::string_view)>& sink)> stream;
  uint64_t size = 0;

  bool empty() const { return owned.empty() && borrowed.empty() && !stream; }
  uint64_t length() const {
    return stream ? size : (owned.empty() ? borrowed.size() : owned.size());
  }
};

struct Message;

struct Attachment {
  PropertyBag props;
  AttachmentData data;                // by value, or an OLE object as a compound file
  std::unique_ptr<Message> embedded;  // an attached message (method 5)
};

struct Message {
  PropertyBag props;
  std::vector<PropertyBag> recipients;
  std::vector<Attachment> attachments;
};

// The magic that begins the serialised form, and its MIME type as detection reports it.
inline constexpr std::string_view kSerialMagic(
    "\x89"
    "BMAPI\r\n",
    8);
inline constexpr std::string_view kSerialMimeType = "application/vnd.bates.mapi-message";

// Writes `message` in the serialised form through `sink` (called with consecutive pieces).
Status Serialize(const Message& message, const std::function<Status(std::string_view)>& sink);
// Convenience: the serialised form in memory.
Result<std::string> SerializeToString(const Message& message);

// Reads the serialised form. Attachment data is borrowed from `bytes`, which must outlive the
// message. Corrupt on any length that points outside the input; nesting past `max_depth`
// embedded messages is Corrupt too.
Result<Message> Parse(std::string_view bytes, int max_depth = 64);

// How a message is turned into a document.
struct EmitOptions {
  // The code page of PT_STRING8 values when the message names none (a PST's own code page).
  int default_codepage = 1252;
  std::string tool = "mapi";  // for attachment exception reasons
  // Give items that are not mail a type of their own (kSerialMimeType with "-appointment",
  // "-contact", "-task", "-note"... in place of "-message"), for items in the serialised form; a
  // .msg file keeps the type of its native format.
  bool typed_by_class = false;
};

// Reports `message` to `context`: SetDocument with its text (body, or the rendering of an
// appointment, contact or task) and metadata, then one child per attachment (embedded messages in
// the serialised form). Returns the first non-ok status of the context.
Status EmitMessage(const Message& message, ReadContext& context, const EmitOptions& options = {});

// Converts a FILETIME (100 ns ticks since 1601, UTC) to a Timestamp; nullopt for 0 and for the
// "never" values Outlook writes (year 4501 and later).
std::optional<Timestamp> FromFileTime(uint64_t filetime);

// The item class as a short kind: "email", "appointment", "meeting", "contact", "task", "note",
// "journal", "distribution_list", or "other".
std::string_view ItemKindOfClass(std::string_view message_class);

}  // namespace bates::ingest::mapi
