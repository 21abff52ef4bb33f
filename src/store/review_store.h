// ReviewStore: Review (issue 7): coding decisions with reviewer, time and reason; the privilege
// screen's list of attorneys, law offices and terms; privilege-screen and personal-data hits;
// redactions. Privilege-log entries are not a table of their own: a log row is an item coded
// withhold=yes (or one with redactions), its description a coding field, so every change to it
// is a coding decision in the audit log.
//
// One area of the case store, sharing the case's database and its transactions
// (CaseStore::Begin/Commit); its tables are created by schema/0006_review.sql.
//
// Thread safety: as CaseStore — one per thread, reached through CaseStore::review().
#pragma once

#include <cstdint>
#include <functional>
#include <optional>
#include <string>
#include <vector>

#include "core/result.h"
#include "model/item.h"

namespace bates::store {

// The current value of one coding field of one item.
struct Coding {
  model::ItemId item_id = 0;
  std::string field;
  std::string value;
  std::string reviewer;
  int64_t coded_at = 0;  // unix seconds
  std::string reason;
};

// One entry of the matter's privilege-screen list. kind: "name", "email", "domain" or "term".
struct PrivilegeParty {
  int64_t id = 0;
  std::string kind;
  std::string value;
  std::string label;  // who or what it is ("Senior Deputy City Attorney")
};

struct PrivilegeHitRow {
  model::ItemId item_id = 0;
  std::string why;
};

// start and end are code points of the item's extracted text, [start, end).
struct PiiHitRow {
  model::ItemId item_id = 0;
  std::string kind;
  int64_t start = 0;
  int64_t end = 0;
};

struct ScreenRun {
  int64_t finished_at = 0;
  int64_t items = 0;
  int64_t text_bytes = 0;
};

// A redaction: area "text" (start/end: code points of the extracted text) or "page" (a
// rectangle in PDF points from the top-left corner of a 1-based page of the item's image).
struct RedactionRow {
  int64_t id = 0;
  model::ItemId item_id = 0;
  std::string area = "text";
  int64_t start = 0, end = 0;
  int64_t page = 0;
  double x = 0, y = 0, width = 0, height = 0;
  std::string reason;  // the label printed in the box
  std::string origin;  // "pii", "search" or "reviewer"
  std::string reviewer;
  int64_t created_at = 0;
};

class ReviewStore {
 public:
  virtual ~ReviewStore() = default;

  // Coding. SetCoding replaces the item's value of the field; ClearCoding removes it.
  virtual Status SetCoding(const Coding& coding) = 0;
  virtual Status ClearCoding(model::ItemId item_id, const std::string& field) = 0;
  virtual Result<std::vector<Coding>> ItemCoding(model::ItemId item_id) = 0;
  // Every coding value, by item id then field.
  virtual Status ForEachCoding(const std::function<Status(const Coding&)>& fn) = 0;

  // The privilege-screen list. Adding an entry that exists updates its label.
  virtual Status AddPrivilegeParty(const PrivilegeParty& party) = 0;
  // NotFound when there is no such entry.
  virtual Status RemovePrivilegeParty(const std::string& kind, const std::string& value) = 0;
  virtual Result<std::vector<PrivilegeParty>> ListPrivilegeParties() = 0;

  // The screen's results, replaced whole by each run.
  virtual Status ReplaceScreen(const std::vector<PrivilegeHitRow>& privilege,
                               const std::vector<PiiHitRow>& pii, const ScreenRun& run) = 0;
  virtual Result<std::vector<PrivilegeHitRow>> ListPrivilegeHits() = 0;
  // Of one item, or of every item when `item_id` is absent; by item, then start.
  virtual Result<std::vector<PiiHitRow>> ListPiiHits(std::optional<model::ItemId> item_id) = 0;
  virtual Result<std::optional<ScreenRun>> LastScreen() = 0;

  // Redactions. AddRedaction returns the new id.
  virtual Result<int64_t> AddRedaction(const RedactionRow& redaction) = 0;
  virtual Status RemoveRedaction(int64_t id) = 0;  // NotFound when absent
  // Of one item, or of every item; by item, then id.
  virtual Result<std::vector<RedactionRow>> ListRedactions(
      std::optional<model::ItemId> item_id) = 0;
};

}  // namespace bates::store
