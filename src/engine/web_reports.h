// What the engine's web workspace actions return (issue 10, engine/web_*.cc): sessions, related
// items, natives and certificates. Plain values; web_json.h renders them.
#pragma once

#include <cstdint>
#include <map>
#include <string>
#include <vector>

namespace bates::engine {

// A signed-in user. `token` (the cookie's value) is known only at login; the store keeps its
// SHA-256 alone.
struct SessionView {
  std::string user;
  std::string role;  // admin, reviewer or requester
  std::string token;
  std::string csrf_token;
  int64_t expires_at = 0;  // UTC seconds
};

// Items that belong with one item: the other messages of its thread and its near-duplicates.
struct RelatedView {
  std::string id;
  std::vector<std::string> thread;           // every member, the item included, in id order
  std::vector<std::string> near_duplicates;  // every member of its group, the item included
};

// What the last screen found in one item, and its redactions, for the document view.
struct ItemScreenView {
  std::string id;
  std::vector<std::string> privilege_why;  // empty: not flagged
  struct PiiSpan {
    std::string kind;
    uint64_t start = 0, end = 0;  // code points of the text, [start, end)
  };
  std::vector<PiiSpan> pii;
  struct Redaction {
    int64_t number = 0;
    uint64_t start = 0, end = 0;
    std::string reason;
  };
  std::vector<Redaction> redactions;  // text redactions
};

// An item's native file, as collected.
struct NativeView {
  std::string id;
  std::string file_name;  // for Content-Disposition
  std::string mime_type;
  std::string bytes;
};

// One received production's verification (`bates intake`), as recorded in the audit log.
struct IntakeRecordView {
  std::string at;  // local
  std::string actor;
  std::string detail_json;  // the intake's audit detail, as recorded
};

struct IntakeRecordsView {
  std::vector<IntakeRecordView> records;
};

}  // namespace bates::engine
