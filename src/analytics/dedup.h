// Exact de-duplication: which documents are the same, and which copy stands for the others.
//
// Families are compared whole: only a family head (a loose file, an email) has a key, and when
// two heads are copies their families are copies, member for member. An attachment is never a
// duplicate of a loose file or of another family's attachment, so a production that suppresses
// duplicates never separates an attachment from its email.
//
// Keys: a loose file's is its MD5 (the SHA-256 is kept beside it by the store); an email's is a
// SHA-256 over its normalised fields (EmailDedupKey), so one message read from a PST, an MSG, an
// EML file or an mbox has one key whatever the container wrote around it. The master of a group
// is its lowest item id, so the result does not depend on the order items are given in.
//
// Thread safety: pure functions.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "core/result.h"
#include "model/item.h"

namespace bates::analytics {

// Whether copies held by different custodians are duplicates (global) or each custodian keeps
// its own copy (custodian). A matter setting.
enum class DedupScope { kGlobal, kCustodian };
std::string_view DedupScopeName(DedupScope scope);
Result<DedupScope> ParseDedupScope(std::string_view name);

// What makes two emails the same message. Addresses only (display names vary between a PST and
// an EML of one message); the sent time to the minute (a PST's submit time and a Date header
// may differ in seconds).
struct EmailIdentity {
  std::string from;
  std::vector<std::string> to, cc, bcc;
  std::string subject;
  std::optional<int64_t> sent_utc;
  // BodyFingerprint of the body text.
  std::string body_fingerprint;
  // SHA-256 of each attachment (the email's direct children), in any order.
  std::vector<std::string> attachment_sha256;
};

// A fingerprint of a body text by its words (words.h): line breaks, spacing and case do not
// change it.
std::string BodyFingerprint(std::string_view body_text);

// The email's key: SHA-256 (hex) of its normalised fields.
std::string EmailDedupKey(const EmailIdentity& email);

// An email's identity from what a reader extracted: its metadata, its body text and the
// SHA-256 of each of its attachments.
EmailIdentity EmailIdentityFrom(const model::Metadata& meta, std::string_view body_text,
                                std::vector<std::string> attachment_sha256);

struct DedupItem {
  int64_t id = 0;
  int64_t family_id = 0;  // the family head's id; a head's is its own
  int64_t custodian_id = 0;
  // A family head's key (EmailDedupKey, or "md5:" + MD5); empty for family members and for
  // items that are not compared (containers, exceptions without content).
  std::string key;
  // A family member's SHA-256, by which it is matched to its counterpart in the master family.
  std::string sha256;
};

struct DedupResult {
  struct PerItem {
    int64_t id = 0;
    std::optional<int64_t> duplicate_of;  // the master copy of this item
    std::optional<int64_t> group;         // the master family's head id, for a family with copies
  };
  std::vector<PerItem> items;  // one per input item, in id order
  struct Group {
    int64_t master = 0;                  // head of the master family
    std::vector<int64_t> heads;          // every copy's head, master first, in id order
    std::vector<int64_t> custodian_ids;  // of all copies, sorted
  };
  std::vector<Group> groups;  // families with at least one copy, by master id
  int64_t duplicate_items = 0;
};

DedupResult FindDuplicates(std::vector<DedupItem> items, DedupScope scope);

}  // namespace bates::analytics
