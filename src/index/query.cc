#include "index/query.h"

#include <algorithm>
#include <functional>
#include <limits>
#include <utility>

#include "index/schema.h"
#include "index/xapian_internal.h"

namespace bates::index {
namespace {

using XQuery = Xapian::Query;

// How a field's text became terms (schema.h), which decides how a typed word is normalised.
enum class Kind {
  kText,     // positional words; addresses in it also whole
  kAddress,  // whole addresses and their parts, display-name words with positions
  kName,     // the whole value as one term, and its words with positions
  kKeyword,  // whole lower-cased values only
};

struct Spec {
  std::string_view prefix;
  Kind kind;
};

std::vector<Spec> Specs(Field field) {
  using namespace schema;
  switch (field) {
    case Field::kAny:
      return {{kPrefixBody, Kind::kText},
              {kPrefixSubject, Kind::kText},
              {kPrefixFileName, Kind::kName}};
    case Field::kBody:
      return {{kPrefixBody, Kind::kText}};
    case Field::kSubject:
      return {{kPrefixSubject, Kind::kText}};
    case Field::kFrom:
      return {{kPrefixFrom, Kind::kAddress}};
    case Field::kTo:
      return {{kPrefixTo, Kind::kAddress}};
    case Field::kCc:
      return {{kPrefixCc, Kind::kAddress}};
    case Field::kBcc:
      return {{kPrefixBcc, Kind::kAddress}};
    case Field::kParticipants:
      return {{kPrefixFrom, Kind::kAddress},
              {kPrefixTo, Kind::kAddress},
              {kPrefixCc, Kind::kAddress},
              {kPrefixBcc, Kind::kAddress}};
    case Field::kCustodian:
      return {{kPrefixCustodian, Kind::kName}};
    case Field::kFileName:
      return {{kPrefixFileName, Kind::kName}};
    case Field::kType:
      return {{kPrefixType, Kind::kKeyword}};
    case Field::kIs:
      return {{kPrefixIs, Kind::kKeyword}};
    case Field::kThread:
      return {{kPrefixThread, Kind::kKeyword}};
    case Field::kNearGroup:
      return {{kPrefixNearGroup, Kind::kKeyword}};
  }
  return {};
}

// A query and what a snippet should mark for it (Query::Rep).
struct Built {
  XQuery query;
  XQuery highlight;
};

Query Make(XQuery query, XQuery highlight) {
  return Query(
      std::make_shared<const Query::Rep>(Query::Rep{std::move(query), std::move(highlight)}));
}

XQuery Combine(XQuery::op op, const std::vector<XQuery>& parts) {
  std::vector<XQuery> kept;
  for (const XQuery& part : parts) {
    if (!part.empty()) kept.push_back(part);
  }
  if (kept.empty()) return XQuery();
  if (kept.size() == 1) return kept.front();
  return XQuery(op, kept.begin(), kept.end());
}

std::string Prefixed(std::string_view prefix, std::string_view term) {
  std::string out(prefix);
  out += term;
  return out;
}

bool Fits(const std::string& term) { return term.size() <= schema::kMaxTermBytes; }

// The words of `text` as the indexer split them for a field of this kind.
std::vector<std::string> FieldWords(const Spec& spec, std::string_view text) {
  if (spec.prefix == schema::kPrefixFileName) return schema::Words(schema::FileNameText(text));
  return schema::Words(text);
}

XQuery Positional(std::string_view prefix, const std::vector<std::string>& words, XQuery::op op,
                  uint32_t window) {
  if (words.empty()) return XQuery::MatchNothing;
  if (words.size() == 1) return XQuery(Prefixed(prefix, words.front()));
  std::vector<XQuery> terms;
  terms.reserve(words.size());
  for (const std::string& word : words) terms.emplace_back(Prefixed(prefix, word));
  auto span = std::max<uint32_t>(window, static_cast<uint32_t>(words.size()));
  return XQuery(op, terms.begin(), terms.end(), span);
}

XQuery AdjacentWords(std::string_view prefix, const std::vector<std::string>& words) {
  return Positional(prefix, words, XQuery::OP_PHRASE, 0);
}

// One typed word in one field, normalised the way the indexer treated that field.
Built TermIn(const Spec& spec, std::string_view word) {
  std::vector<std::string> words = FieldWords(spec, word);
  std::string whole = schema::Lower(schema::TrimAddress(word));
  switch (spec.kind) {
    case Kind::kKeyword: {
      XQuery q(Prefixed(spec.prefix, whole));
      return {q, q};
    }
    case Kind::kText: {
      if (schema::LooksLikeAddress(whole)) {
        // Indexed whole, so "chief@pd.larkspur.example" does not also match the four words
        // scattered; the snippet still marks it, as the splitter sees it as a phrase.
        return {XQuery(Prefixed(spec.prefix, whole)), AdjacentWords(spec.prefix, words)};
      }
      XQuery q = AdjacentWords(spec.prefix, words);
      return {q, q};
    }
    case Kind::kAddress:
    case Kind::kName: {
      std::string whole_term = Prefixed(spec.prefix, whole);
      bool dotted = whole.find_first_of("@.") != std::string::npos;
      std::vector<XQuery> alternatives;
      if (Fits(whole_term) && !whole.empty()) alternatives.emplace_back(whole_term);
      // An address or a domain is only indexed whole in an address field.
      bool words_differ = !(words.size() == 1 && words.front() == whole);
      if (words_differ && !(spec.kind == Kind::kAddress && dotted)) {
        alternatives.push_back(AdjacentWords(spec.prefix, words));
      }
      XQuery q = Combine(XQuery::OP_OR, alternatives);
      if (q.empty()) q = XQuery::MatchNothing;
      return {q, q};
    }
  }
  return {XQuery::MatchNothing, XQuery()};
}

// Several words in order in one field: OP_PHRASE or OP_NEAR over the words the indexer made.
Built WordsIn(const Spec& spec, const std::vector<std::string>& typed, XQuery::op op,
              uint32_t window) {
  if (spec.kind == Kind::kKeyword) {
    // No positions: every value must be present.
    std::vector<XQuery> all;
    all.reserve(typed.size());
    for (const std::string& word : typed) all.push_back(TermIn(spec, word).query);
    XQuery q = Combine(XQuery::OP_AND, all);
    return {q, q};
  }
  std::vector<std::string> words;
  for (const std::string& word : typed) {
    for (std::string& w : FieldWords(spec, word)) words.push_back(std::move(w));
  }
  XQuery q = Positional(spec.prefix, words, op, window);
  return {q, q};
}

Query OverFields(Field field, const std::function<Built(const Spec&)>& build) {
  std::vector<XQuery> queries, highlights;
  for (const Spec& spec : Specs(field)) {
    Built built = build(spec);
    queries.push_back(std::move(built.query));
    highlights.push_back(std::move(built.highlight));
  }
  XQuery q = Combine(XQuery::OP_OR, queries);
  if (q.empty()) q = XQuery::MatchNothing;
  return Make(q, Combine(XQuery::OP_OR, highlights));
}

unsigned DateSlot(DateField field) {
  switch (field) {
    case DateField::kSortDate:
      return schema::kSortDateSlot;
    case DateField::kSent:
      return schema::kSentSlot;
    case DateField::kCreated:
      return schema::kCreatedSlot;
    case DateField::kModified:
      return schema::kModifiedSlot;
  }
  return schema::kSortDateSlot;
}

// A range that is open at an end uses VALUE_GE / VALUE_LE, so it still demands a value (an item
// with no sent date is never "sent before 2018").
XQuery ValueRange(unsigned slot, double low, double high, bool open_low, bool open_high) {
  // Any stored value (never empty) is >= "\0"; Xapian reads ">= empty" as every document.
  if (open_low && open_high) return XQuery(XQuery::OP_VALUE_GE, slot, std::string(1, '\0'));
  if (open_low) return XQuery(XQuery::OP_VALUE_LE, slot, Xapian::sortable_serialise(high));
  if (open_high) return XQuery(XQuery::OP_VALUE_GE, slot, Xapian::sortable_serialise(low));
  return XQuery(XQuery::OP_VALUE_RANGE, slot, Xapian::sortable_serialise(low),
                Xapian::sortable_serialise(high));
}

}  // namespace

Query Query::All() { return Make(XQuery::MatchAll, XQuery()); }

Query Query::None() { return Make(XQuery::MatchNothing, XQuery()); }

Query Query::Term(Field field, std::string_view word) {
  return OverFields(field, [word](const Spec& spec) { return TermIn(spec, word); });
}

Query Query::Phrase(Field field, const std::vector<std::string>& words) {
  // One word quoted is that word: an address quoted must still match the whole-address term.
  if (words.size() == 1) return Term(field, words.front());
  return OverFields(
      field, [&words](const Spec& spec) { return WordsIn(spec, words, XQuery::OP_PHRASE, 0); });
}

Query Query::Near(Field field, const std::vector<std::string>& words, uint32_t window,
                  bool ordered) {
  if (words.size() == 1) return Term(field, words.front());
  XQuery::op op = ordered ? XQuery::OP_PHRASE : XQuery::OP_NEAR;
  return OverFields(field, [&](const Spec& spec) { return WordsIn(spec, words, op, window); });
}

Query Query::Prefix(Field field, std::string_view prefix) {
  std::string lowered = schema::Lower(prefix);
  // An empty pattern would expand to every term of every field, prefixed ones included.
  if (lowered.empty()) return None();
  return OverFields(field, [&lowered](const Spec& spec) {
    XQuery q(XQuery::OP_WILDCARD, Prefixed(spec.prefix, lowered));
    return Built{q, q};
  });
}

Query Query::DateRange(DateField field, int64_t from_utc, int64_t to_utc) {
  if (from_utc > to_utc) return None();
  bool open_low = from_utc == std::numeric_limits<int64_t>::min();
  bool open_high = to_utc == std::numeric_limits<int64_t>::max();
  return Make(ValueRange(DateSlot(field), static_cast<double>(from_utc),
                         static_cast<double>(to_utc), open_low, open_high),
              XQuery());
}

Query Query::SizeRange(uint64_t low, uint64_t high) {
  if (low > high) return None();
  bool open_low = low == 0;
  bool open_high = high == std::numeric_limits<uint64_t>::max();
  return Make(ValueRange(schema::kSizeSlot, static_cast<double>(low), static_cast<double>(high),
                         open_low, open_high),
              XQuery());
}

Query Query::Ids(const std::vector<int64_t>& ids) {
  if (ids.empty()) return None();
  std::vector<XQuery> terms;
  terms.reserve(ids.size());
  for (int64_t id : ids) terms.emplace_back(internal::IdTerm(id));
  // A list of ids selects; it should not weigh in on relevance.
  return Make(XQuery(XQuery::OP_SCALE_WEIGHT, XQuery(XQuery::OP_OR, terms.begin(), terms.end()), 0),
              XQuery());
}

Query Query::And(std::vector<Query> parts) {
  if (parts.empty()) return All();
  if (parts.size() == 1) return parts.front();
  std::vector<XQuery> queries, highlights;
  for (const Query& part : parts) {
    queries.push_back(part.rep().query);
    highlights.push_back(part.rep().highlight);
  }
  return Make(XQuery(XQuery::OP_AND, queries.begin(), queries.end()),
              Combine(XQuery::OP_OR, highlights));
}

Query Query::Or(std::vector<Query> parts) {
  if (parts.empty()) return None();
  if (parts.size() == 1) return parts.front();
  std::vector<XQuery> queries, highlights;
  for (const Query& part : parts) {
    queries.push_back(part.rep().query);
    highlights.push_back(part.rep().highlight);
  }
  return Make(XQuery(XQuery::OP_OR, queries.begin(), queries.end()),
              Combine(XQuery::OP_OR, highlights));
}

Query Query::AndNot(const Query& left, const Query& right) {
  return Make(XQuery(XQuery::OP_AND_NOT, left.rep().query, right.rep().query),
              left.rep().highlight);
}

std::string Query::Describe() const { return rep_->query.get_description(); }

}  // namespace bates::index
