#include "index/query.h"

#include <algorithm>
#include <functional>
#include <limits>
#include <utility>

#include "index/expand.h"
#include "index/proximity.h"
#include "index/schema.h"
#include "index/xapian_internal.h"

namespace bates::index {
namespace {

using XQuery = Xapian::Query;
using internal::Expander;
using internal::Pattern;
using Built = BuiltQuery;

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

using Builder = std::function<Built(Expander&)>;

Query Make(Builder build) {
  return Query(std::make_shared<const Query::Rep>(Query::Rep{std::move(build)}));
}

Query Fixed(XQuery query, XQuery highlight) {
  return Make([query = std::move(query), highlight = std::move(highlight)](Expander&) {
    return Built{query, highlight};
  });
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

XQuery AnyTerm(const std::vector<std::string>& terms) {
  if (terms.empty()) return XQuery::MatchNothing;
  return XQuery(XQuery::OP_OR, terms.begin(), terms.end());
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

XQuery PositionalQuery(std::string_view prefix, const std::vector<std::string>& words,
                       XQuery::op op, uint32_t window) {
  if (words.empty()) return XQuery::MatchNothing;
  if (words.size() == 1) return XQuery(Prefixed(prefix, words.front()));
  std::vector<XQuery> terms;
  terms.reserve(words.size());
  for (const std::string& word : words) terms.emplace_back(Prefixed(prefix, word));
  auto span = std::max<uint32_t>(window, static_cast<uint32_t>(words.size()));
  return XQuery(op, terms.begin(), terms.end(), span);
}

XQuery AdjacentWords(std::string_view prefix, const std::vector<std::string>& words) {
  return PositionalQuery(prefix, words, XQuery::OP_PHRASE, 0);
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
  XQuery q = PositionalQuery(spec.prefix, words, op, window);
  return {q, q};
}

Query OverFields(Field field, std::function<Built(const Spec&, Expander&)> build) {
  return Make([field, build = std::move(build)](Expander& expander) {
    std::vector<XQuery> queries, highlights;
    for (const Spec& spec : Specs(field)) {
      Built built = build(spec, expander);
      queries.push_back(std::move(built.query));
      highlights.push_back(std::move(built.highlight));
    }
    XQuery q = Combine(XQuery::OP_OR, queries);
    if (q.empty()) q = XQuery::MatchNothing;
    return Built{q, Combine(XQuery::OP_OR, highlights)};
  });
}

// A typed wildcard, fuzzy word or stem is normalised like a word, keeping '*' and '?'.
std::string NormalisedPattern(std::string_view typed) { return schema::Lower(typed); }

// The pattern of one proximity side in one field.
Pattern ToPattern(const Spec& spec, const Positional& side, Expander& expander) {
  Pattern p;
  auto single = [&p](std::vector<std::string> terms) {
    p.kind = Pattern::Kind::kSequence;
    p.slots.push_back(std::move(terms));
  };
  switch (side.kind) {
    case Positional::Kind::kWord:
    case Positional::Kind::kPhrase:
      p.kind = Pattern::Kind::kSequence;
      for (const std::string& typed : side.words) {
        for (const std::string& word : FieldWords(spec, typed)) {
          p.slots.push_back({Prefixed(spec.prefix, word)});
        }
      }
      break;
    case Positional::Kind::kWildcard:
      single(expander.Wildcard(spec.prefix, NormalisedPattern(side.words.front())));
      break;
    case Positional::Kind::kFuzzy:
      single(expander.Fuzzy(spec.prefix, NormalisedPattern(side.words.front()), side.fuzz,
                            side.fixed));
      break;
    case Positional::Kind::kStem:
      single(expander.Stemmed(spec.prefix, NormalisedPattern(side.words.front())));
      break;
    case Positional::Kind::kOr:
      p.kind = Pattern::Kind::kOr;
      for (const Positional& child : side.children) {
        p.children.push_back(ToPattern(spec, child, expander));
      }
      break;
    case Positional::Kind::kNear:
      p.kind = Pattern::Kind::kNear;
      for (const Positional& child : side.children) {
        p.children.push_back(ToPattern(spec, child, expander));
      }
      p.distance = side.distance;
      p.ordered = side.ordered;
      p.negated = side.negated;
      break;
  }
  return p;
}

// A wildcard, fuzzy word or stem in one field: the OR of the terms it expands to.
Query Expanded(Field field,
               std::function<std::vector<std::string>(const Spec&, Expander&)> expand) {
  return OverFields(field, [expand = std::move(expand)](const Spec& spec, Expander& expander) {
    XQuery q = AnyTerm(expand(spec, expander));
    return Built{q, q};
  });
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

Query Combined(XQuery::op op, std::vector<Query> parts) {
  return Make([op, parts = std::move(parts)](Expander& expander) {
    std::vector<XQuery> queries, highlights;
    for (const Query& part : parts) {
      Built built = part.rep().build(expander);
      queries.push_back(std::move(built.query));
      highlights.push_back(std::move(built.highlight));
    }
    return Built{XQuery(op, queries.begin(), queries.end()), Combine(XQuery::OP_OR, highlights)};
  });
}

}  // namespace

Query Query::All() { return Fixed(XQuery::MatchAll, XQuery()); }

Query Query::None() { return Fixed(XQuery::MatchNothing, XQuery()); }

Query Query::Term(Field field, std::string_view word) {
  return OverFields(field, [typed = std::string(word)](const Spec& spec, Expander&) {
    return TermIn(spec, typed);
  });
}

Query Query::Phrase(Field field, const std::vector<std::string>& words) {
  // One word quoted is that word: an address quoted must still match the whole-address term.
  if (words.size() == 1) return Term(field, words.front());
  return OverFields(field, [words](const Spec& spec, Expander&) {
    return WordsIn(spec, words, XQuery::OP_PHRASE, 0);
  });
}

Query Query::Near(Field field, const std::vector<std::string>& words, uint32_t window,
                  bool ordered) {
  if (words.size() == 1) return Term(field, words.front());
  XQuery::op op = ordered ? XQuery::OP_PHRASE : XQuery::OP_NEAR;
  return OverFields(field, [words, op, window](const Spec& spec, Expander&) {
    return WordsIn(spec, words, op, window);
  });
}

Query Query::Prefix(Field field, std::string_view prefix) {
  std::string lowered = schema::Lower(prefix);
  // An empty pattern would expand to every term of every field, prefixed ones included.
  if (lowered.empty()) return None();
  return OverFields(field, [lowered](const Spec& spec, Expander& expander) {
    // Xapian expands a trailing '*' itself while matching, without a limit; the highlight gets
    // the terms (or the wildcard, when there are too many to list).
    XQuery q(XQuery::OP_WILDCARD, Prefixed(spec.prefix, lowered));
    XQuery highlight = q;
    try {
      highlight = AnyTerm(expander.Wildcard(spec.prefix, lowered + "*"));
    } catch (const internal::ExpansionError&) {
    }
    return Built{q, highlight};
  });
}

Query Query::Wildcard(Field field, std::string_view pattern) {
  std::string normalised = NormalisedPattern(pattern);
  if (normalised.find_first_not_of("*?") == std::string::npos) return None();
  return Expanded(field, [normalised](const Spec& spec, Expander& expander) {
    return expander.Wildcard(spec.prefix, normalised);
  });
}

Query Query::Fuzzy(Field field, std::string_view word, uint32_t distance, size_t fixed) {
  std::string normalised = NormalisedPattern(word);
  if (normalised.empty()) return None();
  return Expanded(field, [normalised, distance, fixed](const Spec& spec, Expander& expander) {
    return expander.Fuzzy(spec.prefix, normalised, distance, fixed);
  });
}

Query Query::Stemmed(Field field, std::string_view word) {
  std::string normalised = NormalisedPattern(word);
  if (normalised.empty()) return None();
  return Expanded(field, [normalised](const Spec& spec, Expander& expander) {
    return expander.Stemmed(spec.prefix, normalised);
  });
}

Query Query::Proximity(Field field, const Positional& near) {
  return OverFields(field, [near](const Spec& spec, Expander& expander) {
    if (spec.kind == Kind::kKeyword) return Built{XQuery::MatchNothing, XQuery()};
    Pattern pattern = ToPattern(spec, near, expander);
    std::vector<std::string> terms;
    internal::CollectTerms(pattern, terms);
    std::sort(terms.begin(), terms.end());
    terms.erase(std::unique(terms.begin(), terms.end()), terms.end());
    return Built{internal::ProximityQuery(pattern), AnyTerm(terms)};
  });
}

Query Query::DateRange(DateField field, int64_t from_utc, int64_t to_utc) {
  if (from_utc > to_utc) return None();
  bool open_low = from_utc == std::numeric_limits<int64_t>::min();
  bool open_high = to_utc == std::numeric_limits<int64_t>::max();
  return Fixed(ValueRange(DateSlot(field), static_cast<double>(from_utc),
                          static_cast<double>(to_utc), open_low, open_high),
               XQuery());
}

Query Query::SizeRange(uint64_t low, uint64_t high) {
  if (low > high) return None();
  bool open_low = low == 0;
  bool open_high = high == std::numeric_limits<uint64_t>::max();
  return Fixed(ValueRange(schema::kSizeSlot, static_cast<double>(low), static_cast<double>(high),
                          open_low, open_high),
               XQuery());
}

Query Query::Ids(const std::vector<int64_t>& ids) {
  if (ids.empty()) return None();
  std::vector<XQuery> terms;
  terms.reserve(ids.size());
  for (int64_t id : ids) terms.emplace_back(internal::IdTerm(id));
  // A list of ids selects; it should not weigh in on relevance.
  return Fixed(
      XQuery(XQuery::OP_SCALE_WEIGHT, XQuery(XQuery::OP_OR, terms.begin(), terms.end()), 0),
      XQuery());
}

Query Query::And(std::vector<Query> parts) {
  if (parts.empty()) return All();
  if (parts.size() == 1) return parts.front();
  return Combined(XQuery::OP_AND, std::move(parts));
}

Query Query::Or(std::vector<Query> parts) {
  if (parts.empty()) return None();
  if (parts.size() == 1) return parts.front();
  return Combined(XQuery::OP_OR, std::move(parts));
}

Query Query::AndNot(const Query& left, const Query& right) {
  return Make([left, right](Expander& expander) {
    Built l = left.rep().build(expander);
    Built r = right.rep().build(expander);
    return Built{XQuery(XQuery::OP_AND_NOT, l.query, r.query), l.highlight};
  });
}

std::string Query::Describe() const {
  // Against an empty database: wildcards and stems expand to nothing, the rest is as it runs.
  Expander expander{Xapian::Database()};
  try {
    return rep_->build(expander).query.get_description();
  } catch (const std::exception& e) {
    return std::string("error: ") + e.what();
  }
}

}  // namespace bates::index
