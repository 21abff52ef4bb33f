// The vocabulary of items: what one document is called, what kind of thing it is, what happened
// to it, and the metadata fields every stage agrees on.
//
// An item is one document: a loose file, an email, an attachment, a container (an mbox, a ZIP
// collected as a file), or an object embedded in a document. Items form trees (a container holds
// items; an email holds attachments) and families: a family is a top-level document with
// everything attached to or embedded in it. Containers are not documents and break families: each
// message of an mbox starts its own family.
//
// Thread safety: plain values.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "core/result.h"
#include "core/time.h"

namespace bates::model {

// A matter-wide item number, shown as DOC-000123. Assigned in the order of a sorted walk of each
// source, so the same collection always gets the same ids.
using ItemId = int64_t;
std::string FormatItemId(ItemId id);
// Accepts "DOC-000123", "DOC-123" or "123".
Result<ItemId> ParseItemId(std::string_view text);

enum class ItemKind {
  kFile,        // a loose file, or a member of a container that is not itself in a family
  kEmail,       // a message that heads its own family
  kAttachment,  // a file attached to an email
  kEmbedded,    // an object inside a document, or anything below an attachment
  kContainer,   // an mbox, PST, ZIP... holding documents that are families of their own
};
std::string_view ItemKindName(ItemKind kind);
Result<ItemKind> ParseItemKind(std::string_view name);

// The kind of a child, from its parent's kind and what the child is: a container or message
// below a container keeps its nature; anything inside a family stays in that family.
ItemKind ChildKind(ItemKind parent, bool child_is_container, bool child_is_email);

enum class ItemStatus { kProcessed, kException };
std::string_view ItemStatusName(ItemStatus status);

// Flags on an item, stored as a bit set.
enum ItemFlag : uint32_t {
  kFlagEncrypted = 1u << 0,     // password-protected or encrypted content
  kFlagOcr = 1u << 1,           // text came from optical character recognition
  kFlagTruncated = 1u << 2,     // text or content was cut at a limit
  kFlagNoText = 1u << 3,        // a document that has no extractable text (a scan before OCR)
  kFlagFloatingDate = 1u << 4,  // a date had no zone and was pinned to the matter's time zone
  kFlagIsolated = 1u << 5,      // read in a helper process
};
std::vector<std::string> FlagNames(uint32_t flags);

// One email address as written: "Chief Ramos <chief@city.example>" → name and address.
struct Address {
  std::string name;
  std::string address;  // lower-cased
  friend bool operator==(const Address&, const Address&) = default;
};
std::string FormatAddress(const Address& a);
std::string FormatAddressList(const std::vector<Address>& list);

// The normalised metadata every reader fills as far as its format allows. Dates are UTC with
// their original offset. `extra` keeps anything else a format carries (EXIF, PDF producer...).
struct Metadata {
  std::optional<Address> from;
  std::vector<Address> to, cc, bcc;
  std::string subject;
  std::optional<Timestamp> sent;
  std::optional<Timestamp> received;
  std::optional<Timestamp> created;
  std::optional<Timestamp> modified;
  std::string author;
  std::string last_author;
  std::string title;
  std::string file_name;
  std::string message_id;   // without angle brackets
  std::string in_reply_to;  // without angle brackets
  std::vector<std::string> references;
  std::string conversation_index;  // Outlook's, base64
  std::string language;
  std::vector<std::pair<std::string, std::string>> extra;
};

// Metadata field names as stored and as search and load files refer to them.
namespace field {
inline constexpr std::string_view kFrom = "from";
inline constexpr std::string_view kTo = "to";
inline constexpr std::string_view kCc = "cc";
inline constexpr std::string_view kBcc = "bcc";
inline constexpr std::string_view kSubject = "subject";
inline constexpr std::string_view kSent = "sent";
inline constexpr std::string_view kReceived = "received";
inline constexpr std::string_view kCreated = "created";
inline constexpr std::string_view kModified = "modified";
inline constexpr std::string_view kAuthor = "author";
inline constexpr std::string_view kLastAuthor = "last_author";
inline constexpr std::string_view kTitle = "title";
inline constexpr std::string_view kFileName = "file_name";
inline constexpr std::string_view kMessageId = "message_id";
inline constexpr std::string_view kInReplyTo = "in_reply_to";
inline constexpr std::string_view kReferences = "references";
inline constexpr std::string_view kConversationIndex = "conversation_index";
inline constexpr std::string_view kLanguage = "language";
}  // namespace field

// The date an item is placed in time by — and judged against a relevant timeframe by: the sent
// date of an email, the family head's date for an attachment (the engine applies that rule), and
// otherwise the modified, then created date.
std::optional<Timestamp> OwnSortDate(const Metadata& meta, ItemKind kind);

}  // namespace bates::model
