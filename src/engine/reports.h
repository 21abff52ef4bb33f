// What engine actions return: plain values, ready to print as text or as JSON (json.h). Dates
// are already formatted (ISO 8601, in the matter's time zone) and ids already spelled DOC-000123,
// so every front end shows the same thing.
#pragma once

#include <cstdint>
#include <map>
#include <optional>
#include <string>
#include <utility>
#include <vector>

namespace bates::engine {

// The demand a responder's matter was started from (`bates init CASE --demand SPEC`): its
// requests by number and wording, its timeframe (the matter's default date range) and deadline.
struct MatterDemandRequestView {
  int number = 0;
  std::string text;
  std::vector<std::string> suggested_terms;
};
struct MatterDemandView {
  std::string title;
  std::string issuer;
  std::string legal_basis;
  std::string source;           // the spec file it was read from
  std::string timeframe_start;  // YYYY-MM-DD
  std::string timeframe_end;
  std::string deadline;  // "2018-02-23" or "30 calendar days from service"
  std::vector<MatterDemandRequestView> requests;
};

struct MatterView {
  std::string name;
  std::string time_zone;
  std::string created_at;
  std::string path;
  int64_t items = 0;
  int64_t sources = 0;
  int64_t custodians = 0;
  std::optional<MatterDemandView> demand;  // set when the matter was started from a demand
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

// Counts over every hit of a query, for the search screen's facets.
struct SearchFacetsView {
  uint64_t counted = 0;  // hits counted: all of them
  std::map<std::string, int64_t> custodian;
  std::map<std::string, int64_t> type;   // MIME type
  std::map<std::string, int64_t> month;  // YYYY-MM of the sort date in the matter's zone; "" none
};

struct SearchReport {
  std::string query;
  uint64_t total = 0;  // exact
  std::vector<SearchHitView> hits;
  std::optional<SearchFacetsView> facets;  // when SearchRequest::facets
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
  // "2016-10-01 to 2018-01-24": the demand's timeframe, when the matter has a demand.
  std::string demand_timeframe;
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

// One document of a production volume.
struct ProducedDocView {
  std::string id;
  std::string beg_bates, end_bates;
  int64_t pages = 0;
  std::string how;   // stamped, rendered, native, withheld
  std::string note;  // why a PDF was rendered from its text instead of stamped
};

struct QcCheckView {
  std::string name;
  bool passed = false;
  std::vector<std::string> problems;
};

// `bates produce`: the volume written, and what became of every item of the matter.
struct ProduceReport {
  std::string volume;
  std::string folder;       // the volume folder
  std::string certificate;  // the certificate's HTML file (a PDF beside it)
  std::string prefix;
  std::string first_bates, last_bates;  // "" when nothing was numbered
  int64_t first_number = 0, last_number = 0;
  int64_t documents = 0, pages = 0, files = 0;
  std::string root_hash;  // SHA-256 of MANIFEST.txt
  int64_t hits = 0;       // items the selection found
  int64_t families = 0;   // families they belong to
  int64_t completed_by_family = 0;
  // Items of the matter by disposition: produced, withheld, duplicate, non_responsive,
  // outside_timeframe, exception, container — each item exactly once.
  std::vector<std::pair<std::string, int64_t>> accounting;
  int64_t items = 0;  // in the matter
  bool balanced = false;
  bool qc_passed = false;
  std::vector<QcCheckView> qc;
  std::vector<ProducedDocView> produced;
  double seconds = 0;
};

// Technology-assisted review, simulated from a labels file (bates tar simulate).
struct TarStopView {
  bool fired = false;    // false: it had not fired when the simulation ended
  int64_t reviewed = 0;  // reviews when it stops
  double recall = 0;     // true recall then
};

struct TarElusionView {
  int64_t reviewed = 0;  // where the test was taken (where the knee rule stops)
  int64_t remainder = 0, sample = 0, responsive_in_sample = 0;
  double confidence = 0.95;
  double recall_estimate = 0, ci_low = 0, ci_high = 1;
  double true_recall = 0;
  // Calibration: repeated tests with fresh samples, how many intervals held the true recall,
  // and the binomial interval of that share.
  int64_t repeats = 0, covered = 0;
  double coverage_low = 0, coverage_high = 1;
};

// Reviews needed to reach each recall level ("0.75", "0.8", "0.9"); nullopt: never reached.
using TarEfforts = std::vector<std::pair<std::string, std::optional<double>>>;

struct TarSimulateReport {
  std::string topic;
  int64_t documents = 0;                           // items ranked (every item but containers)
  int64_t relevant = 0;                            // labelled responsive among them
  int64_t labels_unmatched = 0;                    // label rows naming no item of the case
  std::string seed;                                // what seeded the review, as given
  std::vector<std::pair<int64_t, int64_t>> curve;  // (reviewed, found) at each batch's end
  TarEfforts effort_at;
  TarStopView knee, target;
  TarElusionView elusion;
  // References in the same run (--references): random review, the seed alone, 5-fold
  // cross-validation on all labels.
  bool has_references = false;
  TarEfforts random, seed_only, ideal;
  double seconds = 0;
};

// A real review (bates tar start|next|code|status).
struct TarBatchItemView {
  std::string id;
  int64_t rank = 0;
  double score = 0;
  std::string title;
  std::string path;
};

struct TarBatchReport {
  int64_t round = 0;
  std::vector<TarBatchItemView> items;  // best first; empty when nothing is left to review
};

struct TarCodeReport {
  int64_t coded = 0;       // items coded as asked
  int64_t propagated = 0;  // family members and exact duplicates coded with them
};

struct TarStatusReport {
  bool started = false;
  std::string topic;
  std::string seed_text;
  int64_t documents = 0;
  int64_t reviewed = 0;  // coded by a reviewer or as a seed
  int64_t responsive = 0;
  int64_t propagated = 0;
  int64_t rounds = 0;
  int64_t next_batch = 0;
  std::vector<std::pair<int64_t, int64_t>> curve;  // (reviewed, responsive found), per coding
  bool knee_fired = false;                         // the knee rule says the review may stop
};

}  // namespace bates::engine
