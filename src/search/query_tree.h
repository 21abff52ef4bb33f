// The query tree: what a user's search means, independent of how it is run. The parser builds it
// (parser.h), compile.h turns it into an index::Query, and term reports, saved searches and error
// messages can walk it. It names no Xapian and no index type, so the language can change without
// the index knowing, and the index without the language knowing.
//
// A Node is a plain value that owns its children.
//
// Thread safety: values; copy freely.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "core/time.h"

namespace bates::search {

// Fields a search may name. kAny is the default (body, subject or file name).
enum class Field {
  kAny,
  kBody,
  kSubject,
  kFrom,
  kTo,
  kCc,
  kBcc,
  kParticipants,  // from, to, cc or bcc
  kCustodian,
  kFileName,
  kType,
  kIs,         // an analytics flag: duplicate, inclusive, pivot, nearduplicate
  kThread,     // an email thread's id
  kNearGroup,  // a near-duplicate group's id
};
// "any", "body", "subject", "from", ..., "filename", "type", "is", "thread", "neargroup".
std::string_view FieldName(Field field);

// Dates a range can test. kSortDate is what `date:` means.
enum class DateField { kSortDate, kSent, kCreated, kModified };
// "date", "sent", "created", "modified".
std::string_view DateFieldName(DateField field);

enum class NodeKind {
  kAll,        // every document (what a lone NOT is taken from)
  kTerm,       // one word as typed: words[0]
  kPhrase,     // words in order, adjacent: words
  kWildcard,   // a word with '*' or '?': words[0] is the pattern
  kFuzzy,      // %word: words[0] within `fuzz` edits, its first `fixed` bytes kept ("ap%ple")
  kStem,       // word~: words[0] and the words that share its stem
  kNear,       // children[0] within `distance` words of children[1] (after it if `ordered`;
               // with `negated`, children[0] where children[1] is not that near)
  kDateRange,  // date_field within [date_from, date_to], whole local days; an end may be open
  kSizeRange,  // size in bytes within [size_low, size_high]; an end may be open
  kAnd,        // every child (children may be kNot: "a AND NOT b")
  kOr,         // any child
  kNot,        // not children[0]
};

struct Node {
  NodeKind kind = NodeKind::kAll;
  // 1-based column (in characters) of the query text where this part starts, for messages.
  int column = 1;

  // kTerm, kPhrase, kWildcard.
  Field field = Field::kAny;
  std::vector<std::string> words;

  // kFuzzy.
  uint32_t fuzz = 0;
  size_t fixed = 0;

  // kNear.
  uint32_t distance = 0;
  bool ordered = false;
  bool negated = false;

  // kDateRange: local calendar days, inclusive.
  DateField date_field = DateField::kSortDate;
  std::optional<CivilDate> date_from, date_to;

  // kSizeRange: bytes, inclusive.
  std::optional<uint64_t> size_low, size_high;

  // kAnd, kOr, kNot, kNear.
  std::vector<Node> children;

  static Node All(int column);
  static Node Term(Field field, std::string word, int column);
  static Node Phrase(Field field, std::vector<std::string> words, int column);
  static Node Wildcard(Field field, std::string pattern, int column);
  static Node Fuzzy(Field field, std::string word, uint32_t fuzz, size_t fixed, int column);
  static Node Stem(Field field, std::string word, int column);
  static Node Near(Node left, Node right, uint32_t distance, bool ordered, bool negated,
                   int column);
  static Node Not(Node child, int column);
  // kAnd or kOr of `children`, flattening children of the same kind; one child is returned as is.
  static Node Combine(NodeKind kind, std::vector<Node> children);
};

// A stable, readable form for tests and logs, e.g.
//   (AND (TERM any "ice") (PHRASE subject "use of force") (DATE date 2017-01-01..2018-01-24))
std::string Describe(const Node& node);

}  // namespace bates::search
