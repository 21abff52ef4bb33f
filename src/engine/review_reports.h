// What the engine's review actions return (issue 7): coding, the privilege list and screen,
// personal data, redactions and the privilege log. Plain values, ready for text or JSON (json.h).
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <utility>
#include <vector>

namespace bates::engine {

// Which items a coding or redaction applies to: ids as typed, and/or every item a query matches,
// and/or every item of a family, and/or every copy (with its family) of an exact-duplicate group.
struct ItemSelection {
  std::vector<std::string> ids;
  std::string query;
  std::string family;    // an item id: its whole family
  std::string dupgroup;  // an item id: every copy of it, each with its family
};

struct CodeRequest {
  ItemSelection items;
  std::vector<std::string> assignments;  // "field=value"
  std::string reason;
  std::string reviewer;  // default: CaseOptions::actor
};

struct CodingValueView {
  std::string field;
  std::string value;
  std::string reviewer;
  std::string coded_at;  // local
  std::string reason;
};

struct ItemCodingView {
  std::string id;
  std::vector<CodingValueView> values;
};

// Exact duplicates whose values of a field differ.
struct CodingConflictView {
  std::string group;  // the master copy's id
  std::string field;
  std::vector<std::pair<std::string, std::string>> values;  // (id, value) of each coded copy
};

struct CodeReport {
  std::string reviewer;
  std::string coded_at;
  std::vector<std::pair<std::string, std::string>> set;  // (field, value); "" clears
  std::vector<std::string> items;                        // the items coded
  int64_t changed = 0;  // values that changed (equal values are not rewritten or audited)
  std::vector<CodingConflictView> conflicts;  // involving the items coded
};

struct CodingReport {
  std::vector<ItemCodingView> items;  // coded items, in id order
  std::vector<CodingConflictView> conflicts;
};

struct PrivilegeEntryView {
  std::string kind;
  std::string value;
  std::string label;
};

struct PrivilegeListView {
  std::vector<PrivilegeEntryView> entries;
};

struct PrivilegeFlagView {
  std::string id;
  std::vector<std::string> why;
};

struct PiiHitView {
  std::string id;
  std::string kind;
  uint64_t start = 0;  // code points of the item's text
  uint64_t end = 0;
};

struct ScreenReport {
  int64_t items = 0;           // items with text, screened
  int64_t text_bytes = 0;      // bytes of text scanned
  double seconds = 0;          // the whole screen: reading texts, both scans, storing
  double pii_seconds = 0;      // the personal-data scan alone
  int64_t privilege_list = 0;  // entries on the privilege list
  std::vector<PrivilegeFlagView> privilege;
  std::vector<PiiHitView> pii;
  std::vector<std::pair<std::string, int64_t>> pii_by_kind;  // every kind, in the fixed order
};

struct RedactRequest {
  ItemSelection items;
  // Sources of text spans (any of them): the item's personal-data hits of these kinds ("all" for
  // every kind; from the last `bates screen`), a query's hits in the text, explicit spans.
  std::vector<std::string> pii_kinds;
  std::string query;
  std::vector<std::pair<uint64_t, uint64_t>> spans;  // code points [start, end)
  // An area of a page image: page (1-based), x, y, width, height in PDF points from the top left.
  std::optional<int64_t> page;
  std::vector<double> box;
  std::string reason;  // the label; for PII, default "Personal data (<kind>)"
  std::string reviewer;
};

struct RedactionView {
  int64_t number = 0;
  std::string id;
  std::string area;  // "text" or "page"
  uint64_t start = 0, end = 0;
  int64_t page = 0;
  double x = 0, y = 0, width = 0, height = 0;
  std::string reason;
  std::string origin;  // "pii", "search" or "reviewer"
  std::string reviewer;
  std::string created_at;
};

struct RedactionsReport {
  std::vector<RedactionView> redactions;
  int64_t skipped = 0;  // for Redact: spans the item already had
};

struct RedactedTextView {
  std::string id;
  std::string text;        // with every text redaction replaced by its marker
  int64_t redactions = 0;  // text redactions applied
};

struct PrivilegeLogRequest {
  std::string format = "csv";  // "csv" or "xlsx"
};

struct PrivilegeLogRowView {
  std::string document, date, author, to, cc, bcc, description, basis, treatment, family;
};

struct PrivilegeLogReport {
  std::vector<PrivilegeLogRowView> rows;
  int64_t withheld = 0;
  int64_t redacted = 0;
  std::string format;
  std::string content;  // the file's bytes (not in JSON)
};

}  // namespace bates::engine
