// Query: a search as the index runs it, built from parts without naming Xapian. The search
// module parses what a user types into its own tree and compiles that tree with these builders;
// only the index turns a Query into a Xapian::Query.
//
// Fields are the ones of schema.h. Terms are matched case-insensitively; `Term` takes one word as
// typed and normalises it the way the indexer did.
//
// Thread safety: Query is an immutable value; copy freely.
#pragma once

#include <cstdint>
#include <memory>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace bates::index {

// Fields a query may name (see schema.h for their prefixes).
enum class Field {
  kAny,  // the body text, the subject or the file name
  kBody,
  kSubject,
  kFrom,
  kTo,
  kCc,
  kBcc,
  kParticipants,  // from, to, cc or bcc
  kCustodian,
  kFileName,
  kType,  // MIME type, its family ("pdf", "email") or the item kind
  // Analytics results (written by `bates analyze`): a flag ("duplicate", "inclusive", "pivot",
  // "nearduplicate"), an email thread's id, a near-duplicate group's id (decimal item ids).
  kIs,
  kThread,
  kNearGroup,
};

// One side of a proximity search, Xapian-free: what the search module compiles the operands of
// w/N and pre/N to. Words are as typed; they are normalised as Term normalises them.
struct Positional {
  enum class Kind {
    kWord,      // words[0]; a word the indexer splits ("e-mail") is the phrase of its parts
    kPhrase,    // words, adjacent and in order
    kWildcard,  // words[0] with '*' and '?'
    kFuzzy,     // words[0] within `fuzz` edits, its first `fixed` bytes kept
    kStem,      // words[0] and the words sharing its stem
    kOr,        // any of children
    kNear,      // children[0] within `distance` words of children[1]; see Query::Proximity
  };
  Kind kind = Kind::kWord;
  std::vector<std::string> words;
  uint32_t fuzz = 0;
  size_t fixed = 0;
  std::vector<Positional> children;
  uint32_t distance = 0;
  bool ordered = false;  // pre/N: children[0] before children[1]
  bool negated = false;  // not w/N: children[0] with no children[1] that near
};

// Date values a range can test.
enum class DateField { kSortDate, kSent, kCreated, kModified };

class Query {
 public:
  // Matches every document.
  static Query All();
  // Matches nothing.
  static Query None();
  // One word in a field, as typed. A word the indexer would split ("e-mail", "report.pdf") is
  // the phrase of its parts; an address stays whole ("chief@pd.larkspur.example"); in an address
  // field a domain ("larkspur.example") or local part matches the addresses that have it; in the
  // custodian and file name fields the whole value matches as well as its words. A word with
  // nothing indexable in it ("--") matches nothing.
  static Query Term(Field field, std::string_view word);
  // Words in order, adjacent (each word split as Term splits it). One word is Term.
  static Query Phrase(Field field, const std::vector<std::string>& words);
  // The words within a span of `window` positions (Xapian's window: two adjacent words span 2;
  // "a within 5 words of b" is a window of 6), in the given order if `ordered`. A window smaller
  // than the number of words is raised to it.
  static Query Near(Field field, const std::vector<std::string>& words, uint32_t window,
                    bool ordered);
  // Words starting with `prefix` (case-insensitive). An empty prefix matches nothing.
  static Query Prefix(Field field, std::string_view prefix);
  // Words matching `pattern`: '*' any run of characters, '?' exactly one, anywhere in the word.
  // Expanded against the index's words when run: more than 5,000 is an InvalidArgument.
  static Query Wildcard(Field field, std::string_view pattern);
  // Words within `distance` edits of `word` (1 or 2), starting with its first `fixed` bytes.
  static Query Fuzzy(Field field, std::string_view word, uint32_t distance, size_t fixed);
  // Words with the same English stem as `word` ("direct~": direct, directed, directing...).
  static Query Stemmed(Field field, std::string_view word);
  // A proximity (`near.kind` is kNear) in one field; its meaning is in src/index/proximity.h:
  // gaps counted in word positions, occurrences of the two sides must not overlap.
  static Query Proximity(Field field, const Positional& near);
  // Documents whose date lies in [from_utc, to_utc] (UTC seconds, inclusive). An end at the
  // int64 minimum or maximum is open; documents without that date never match.
  static Query DateRange(DateField field, int64_t from_utc, int64_t to_utc);
  // Documents whose size in bytes lies in [low, high]; 0 and the uint64 maximum are open ends.
  static Query SizeRange(uint64_t low, uint64_t high);
  // Exactly these item ids.
  static Query Ids(const std::vector<int64_t>& ids);

  // And of nothing is All; Or of nothing is None.
  static Query And(std::vector<Query> parts);
  static Query Or(std::vector<Query> parts);
  // Matches `left` but not `right`; only `left` counts for relevance and snippets.
  static Query AndNot(const Query& left, const Query& right);

  // A readable form, for tests and error messages (Xapian's own description).
  std::string Describe() const;

  struct Rep;
  explicit Query(std::shared_ptr<const Rep> rep) : rep_(std::move(rep)) {}
  const Rep& rep() const { return *rep_; }

 private:
  std::shared_ptr<const Rep> rep_;
};

}  // namespace bates::index
