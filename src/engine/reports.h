// What engine actions return: plain values, ready to print as text or as JSON (json.h). Dates
// are already formatted (ISO 8601, in the matter's time zone) and ids already spelled DOC-000123,
// so every front end shows the same thing.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <utility>
#include <vector>

namespace bates::engine {

struct MatterView {
  std::string name;
  std::string time_zone;
  std::string created_at;
  std::string path;
  int64_t items = 0;
  int64_t sources = 0;
  int64_t custodians = 0;
};

struct SourceAddReport {
  std::string path;
  std::string custodian;
  uint64_t files = 0;          // collected files extracted in this run
  uint64_t files_skipped = 0;  // already collected by an earlier run
  uint64_t items = 0;          // items stored in this run
  uint64_t exceptions = 0;     // of which exceptions
  uint64_t bytes = 0;
  int64_t removed_unfinished = 0;  // items of an interrupted earlier run, removed and redone
};

struct AddReport {
  std::vector<SourceAddReport> sources;
  uint64_t items = 0;
  uint64_t exceptions = 0;
  uint64_t bytes = 0;
  double seconds = 0;
};

struct SearchHitView {
  std::string id;
  double score = 0;
  std::string date;  // the sort date, in the matter's time zone; "" if none
  std::string title;
  std::string path;  // the collected file, then "#" and the path inside it for an inner item
  std::string custodian;
  std::string snippet;
};

struct SearchReport {
  std::string query;
  uint64_t total = 0;  // exact
  std::vector<SearchHitView> hits;
};

// One saved search: a query someone ran, when, and what it found (store/searches_store.h).
struct SavedSearchView {
  int64_t number = 0;  // 1, 2, 3... in the order they ran
  std::string query;
  std::string spaces;  // "and" or "phrase": how the query was read
  std::string origin;  // "search" or "terms"
  std::string ran_by;
  std::string ran_at;  // local
  int64_t hits = 0;
};

struct SearchesReport {
  std::vector<SavedSearchView> searches;
};

// One line of a search-term report. "dedup" counts treat items with the same SHA-256 as one
// (exact duplicates); families are counted by their head, and as one when their heads are
// duplicates.
struct TermRowView {
  std::string term;
  std::string error;  // the term is malformed: the message, and every count is 0
  uint64_t documents = 0, documents_dedup = 0;
  // Hit by no other term of the same list.
  uint64_t unique = 0, unique_dedup = 0;
  uint64_t families = 0, families_dedup = 0;
};

struct TermListView {
  std::string side;  // "responder" or "requester"
  std::vector<TermRowView> terms;
  TermRowView total;  // documents hit by any term of the list ("unique" counts are 0)
};

struct TermsReport {
  std::string spaces;  // how the terms were read: "and" or "phrase"
  uint64_t documents_in_case = 0;
  std::vector<TermListView> lists;  // responder first, then requester when given
  bool has_errors = false;
  double seconds = 0;
};

// Where a query's words stand in one item's text, for the review screen.
struct HighlightHitView {
  uint64_t offset = 0;  // in code points of the text
  uint64_t length = 0;
  std::string word;  // as indexed (folded, lower-cased)
};

struct HighlightView {
  std::string id;
  std::string query;
  bool matches = false;      // whether the item is among the query's results
  uint64_t text_length = 0;  // code points
  std::vector<HighlightHitView> hits;
  std::vector<std::string> snippets;  // HTML: text escaped, hits in <b>
};

struct ExceptionView {
  std::string code;
  std::string tool;
  std::string message;
};

struct DateView {
  std::string local;     // in the matter's time zone
  std::string original;  // as written, with its offset
  std::string utc;
};

// What analytics found of one item (`bates analyze`); absent before the first run.
struct ItemAnalyticsView {
  std::optional<std::string> duplicate_of;  // the master copy's id
  std::vector<std::string> all_custodians;  // of every copy (the item's own when it has none)
  std::optional<int64_t> near_group;        // the group's id: its pivot's item number
  std::optional<double> near_similarity;    // to the pivot, 0..1
  std::optional<int64_t> thread;            // the thread's id: its lowest item number
  std::optional<std::string> thread_parent;
  std::optional<int64_t> thread_position, thread_depth, thread_size;
  std::optional<bool> inclusive;
};

struct ItemView {
  std::string id;
  std::string kind;
  std::string status;
  std::optional<ExceptionView> exception;
  std::vector<std::string> flags;
  std::string custodian;
  std::string source;
  std::string path;
  std::string relative_path;
  std::string inner_path;
  std::string name;
  std::string mime_type;
  std::string reader;
  uint64_t size = 0;
  std::string md5, sha1, sha256;
  std::optional<DateView> sort_date, sent, received, created, modified;
  std::string from;
  std::vector<std::string> to, cc, bcc;
  std::string subject, author, last_author, title, file_name;
  std::string message_id, in_reply_to;
  std::vector<std::string> references;
  std::vector<std::pair<std::string, std::string>> extra;
  // Family.
  std::string family_id;
  std::optional<std::string> parent_id;
  struct ChildView {
    std::string id;
    std::string name;
    std::string kind;
  };
  std::vector<ChildView> children;
  std::vector<std::string> family;  // every id of the family, in order
  std::optional<std::string> text;  // when asked for
  uint64_t text_bytes = 0;
  bool text_redacted = false;  // text is as produced: redactions replaced by their labels
  std::optional<HighlightView> highlight;  // when asked for
  std::optional<ItemAnalyticsView> analytics;
};

struct ItemRowView {
  std::string id;
  std::string kind;
  std::string status;
  std::string path;
  std::string custodian;
  std::string mime_type;
  uint64_t size = 0;
  std::string sha256;
  std::optional<std::string> parent_id;
  std::string family_id;
  std::string date;        // the sort date, in the matter's time zone; "" if none
  std::string title;       // subject, title or file name
  std::string message_id;  // emails
};

struct ListReport {
  int64_t total = 0;  // items in the case
  std::vector<ItemRowView> items;
};

struct SourceAccountView {
  std::string path;
  std::string custodian;
  int64_t items = 0;
  int64_t processed = 0;
  int64_t exceptions = 0;
  bool complete = false;
};

struct ExceptionItemView {
  std::string id;
  std::string path;
  std::string reason;  // "code: message (tool)"
  std::string code;
  std::string tool;
};

struct AccountReport {
  int64_t items = 0;
  int64_t processed = 0;
  int64_t exceptions = 0;
  std::vector<SourceAccountView> sources;
  std::vector<ExceptionItemView> exception_items;
  // items == processed + exceptions, overall and for every source.
  bool balanced = false;
};

struct AnalyzeReport {
  std::string dedup_scope;  // "global" or "custodian"
  double near_threshold = 0;
  int64_t items = 0;             // items analyzed (containers are not)
  int64_t duplicate_groups = 0;  // families with copies
  int64_t duplicate_items = 0;   // items that are a copy of a master
  int64_t near_groups = 0;
  int64_t near_items = 0;       // items in a near-duplicate group, pivots included
  int64_t threads = 0;          // conversations of two or more messages
  int64_t thread_messages = 0;  // emails threaded
  int64_t inclusive = 0;        // emails marked inclusive
  double seconds = 0;
};

}  // namespace bates::engine
