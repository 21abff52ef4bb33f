#include "search/compile.h"

#include <limits>
#include <string>
#include <utility>
#include <vector>

#include "core/text.h"
#include "model/item.h"

namespace bates::search {
namespace {

index::Field IndexField(Field field) {
  switch (field) {
    case Field::kAny:
      return index::Field::kAny;
    case Field::kBody:
      return index::Field::kBody;
    case Field::kSubject:
      return index::Field::kSubject;
    case Field::kFrom:
      return index::Field::kFrom;
    case Field::kTo:
      return index::Field::kTo;
    case Field::kCc:
      return index::Field::kCc;
    case Field::kBcc:
      return index::Field::kBcc;
    case Field::kParticipants:
      return index::Field::kParticipants;
    case Field::kCustodian:
      return index::Field::kCustodian;
    case Field::kFileName:
      return index::Field::kFileName;
    case Field::kType:
      return index::Field::kType;
    case Field::kIs:
      return index::Field::kIs;
    case Field::kThread:
      return index::Field::kThread;
    case Field::kNearGroup:
      return index::Field::kNearGroup;
  }
  return index::Field::kAny;
}

bool IsAnalyticsField(Field field) {
  return field == Field::kIs || field == Field::kThread || field == Field::kNearGroup;
}

// `is:` takes one of the flags analyze writes; `thread:` and `neargroup:` an id, typed as
// "DOC-000123" or "123" (the index holds the decimal number).
Result<index::Query> CompileAnalyticsTerm(const Node& node) {
  const std::string& word = node.words.front();
  if (node.field == Field::kIs) {
    static constexpr std::string_view kFlags[] = {"duplicate", "inclusive", "pivot",
                                                  "nearduplicate"};
    std::string lower = AsciiLower(word);
    for (std::string_view flag : kFlags) {
      if (lower == flag) return index::Query::Term(index::Field::kIs, lower);
    }
    return InvalidArgumentError(
        "column {}: 'is:{}' is not a flag (duplicate, inclusive, pivot, nearduplicate)",
        node.column, word);
  }
  Result<model::ItemId> id = model::ParseItemId(word);
  if (!id.ok()) {
    return InvalidArgumentError("column {}: '{}:' takes an id like DOC-000123 or 123, not '{}'",
                                node.column, FieldName(node.field), word);
  }
  return index::Query::Term(IndexField(node.field), std::to_string(*id));
}

index::DateField IndexDateField(DateField field) {
  switch (field) {
    case DateField::kSortDate:
      return index::DateField::kSortDate;
    case DateField::kSent:
      return index::DateField::kSent;
    case DateField::kCreated:
      return index::DateField::kCreated;
    case DateField::kModified:
      return index::DateField::kModified;
  }
  return index::DateField::kSortDate;
}

Result<index::Query> CompileNode(const Node& node, const CompileOptions& options);

Result<std::vector<index::Query>> CompileAll(const std::vector<Node>& nodes,
                                             const CompileOptions& options) {
  std::vector<index::Query> out;
  out.reserve(nodes.size());
  for (const Node& node : nodes) {
    BATES_ASSIGN_OR_RETURN(index::Query query, CompileNode(node, options));
    out.push_back(std::move(query));
  }
  return out;
}

Result<index::Query> CompileWildcard(const Node& node) {
  const std::string& pattern = node.words.front();
  std::string_view stem = std::string_view(pattern).substr(0, pattern.size() - 1);
  if (pattern.back() == '*' && !stem.empty() && stem.find_first_of("*?") == std::string::npos) {
    // Xapian expands a trailing '*' itself, without a limit.
    return index::Query::Prefix(IndexField(node.field), stem);
  }
  return index::Query::Wildcard(IndexField(node.field), pattern);
}

// A side of a proximity, as the index takes it (the parser checked its kinds and field).
Result<index::Positional> ToPositional(const Node& node) {
  index::Positional p;
  switch (node.kind) {
    case NodeKind::kTerm:
      p.kind = index::Positional::Kind::kWord;
      break;
    case NodeKind::kPhrase:
      p.kind = index::Positional::Kind::kPhrase;
      break;
    case NodeKind::kWildcard:
      p.kind = index::Positional::Kind::kWildcard;
      break;
    case NodeKind::kFuzzy:
      p.kind = index::Positional::Kind::kFuzzy;
      p.fuzz = node.fuzz;
      p.fixed = node.fixed;
      break;
    case NodeKind::kStem:
      p.kind = index::Positional::Kind::kStem;
      break;
    case NodeKind::kOr:
    case NodeKind::kNear:
      p.kind = node.kind == NodeKind::kOr ? index::Positional::Kind::kOr
                                          : index::Positional::Kind::kNear;
      p.distance = node.distance;
      p.ordered = node.ordered;
      p.negated = node.negated;
      for (const Node& child : node.children) {
        BATES_ASSIGN_OR_RETURN(index::Positional side, ToPositional(child));
        p.children.push_back(std::move(side));
      }
      return p;
    default:
      return InvalidArgumentError(
          "column {}: proximity works on words, phrases, wildcards and OR groups of them",
          node.column);
  }
  p.words = node.words;
  return p;
}

// The field every word of a proximity is in (the parser made them agree).
Field NearField(const Node& node) {
  if (node.children.empty()) return node.field;
  return NearField(node.children.front());
}

Result<index::Query> CompileNear(const Node& node) {
  BATES_ASSIGN_OR_RETURN(index::Positional near, ToPositional(node));
  return index::Query::Proximity(IndexField(NearField(node)), near);
}

Result<index::Query> CompileDateRange(const Node& node, const CompileOptions& options) {
  int64_t from = std::numeric_limits<int64_t>::min();
  int64_t to = std::numeric_limits<int64_t>::max();
  if (node.date_from) from = options.time_zone.UtcFromLocal({*node.date_from, 0, 0, 0});
  if (node.date_to) {
    // The instant before the next local midnight: a day is not always 24 hours long.
    CivilDate next = CivilFromDays(DaysFromCivil(*node.date_to) + 1);
    to = options.time_zone.UtcFromLocal({next, 0, 0, 0}) - 1;
  }
  return index::Query::DateRange(IndexDateField(node.date_field), from, to);
}

Result<index::Query> CompileAnd(const Node& node, const CompileOptions& options) {
  // NOT inside an AND excludes from the rest: a AND NOT b AND NOT c = a AND NOT (b OR c).
  std::vector<Node> included, excluded;
  for (const Node& child : node.children) {
    if (child.kind == NodeKind::kNot) {
      excluded.push_back(child.children.front());
    } else {
      included.push_back(child);
    }
  }
  BATES_ASSIGN_OR_RETURN(std::vector<index::Query> in, CompileAll(included, options));
  index::Query positive = index::Query::And(std::move(in));  // nothing included: all documents
  if (excluded.empty()) return positive;
  BATES_ASSIGN_OR_RETURN(std::vector<index::Query> out, CompileAll(excluded, options));
  return index::Query::AndNot(positive, index::Query::Or(std::move(out)));
}

Result<index::Query> CompileNode(const Node& node, const CompileOptions& options) {
  switch (node.kind) {
    case NodeKind::kAll:
      return index::Query::All();
    case NodeKind::kTerm:
      if (IsAnalyticsField(node.field)) return CompileAnalyticsTerm(node);
      return index::Query::Term(IndexField(node.field), node.words.front());
    case NodeKind::kPhrase:
      if (IsAnalyticsField(node.field)) {
        return InvalidArgumentError("column {}: '{}:' takes one value, not a phrase", node.column,
                                    FieldName(node.field));
      }
      return index::Query::Phrase(IndexField(node.field), node.words);
    case NodeKind::kWildcard:
      if (IsAnalyticsField(node.field)) {
        return InvalidArgumentError("column {}: '{}:' takes one value, not a wildcard", node.column,
                                    FieldName(node.field));
      }
      return CompileWildcard(node);
    case NodeKind::kFuzzy:
      return index::Query::Fuzzy(IndexField(node.field), node.words.front(), node.fuzz, node.fixed);
    case NodeKind::kStem:
      return index::Query::Stemmed(IndexField(node.field), node.words.front());
    case NodeKind::kNear:
      return CompileNear(node);
    case NodeKind::kDateRange:
      return CompileDateRange(node, options);
    case NodeKind::kSizeRange:
      return index::Query::SizeRange(node.size_low.value_or(0),
                                     node.size_high.value_or(std::numeric_limits<uint64_t>::max()));
    case NodeKind::kAnd:
      return CompileAnd(node, options);
    case NodeKind::kOr: {
      BATES_ASSIGN_OR_RETURN(std::vector<index::Query> parts, CompileAll(node.children, options));
      return index::Query::Or(std::move(parts));
    }
    case NodeKind::kNot: {
      // A NOT standing alone ("NOT privileged", "a OR NOT b") is everything but.
      BATES_ASSIGN_OR_RETURN(index::Query inner, CompileNode(node.children.front(), options));
      return index::Query::AndNot(index::Query::All(), inner);
    }
  }
  return InternalError("column {}: unknown query node", node.column);
}

}  // namespace

Result<index::Query> Compile(const Node& tree, const CompileOptions& options) {
  return CompileNode(tree, options);
}

Result<index::Query> CompileQuery(std::string_view query, const ParseOptions& parse_options,
                                  const CompileOptions& compile_options) {
  BATES_ASSIGN_OR_RETURN(Node tree, Parse(query, parse_options));
  return Compile(tree, compile_options);
}

}  // namespace bates::search
