#include "search/query_tree.h"

#include <fmt/format.h>

#include <utility>

namespace bates::search {

std::string_view FieldName(Field field) {
  switch (field) {
    case Field::kAny:
      return "any";
    case Field::kBody:
      return "body";
    case Field::kSubject:
      return "subject";
    case Field::kFrom:
      return "from";
    case Field::kTo:
      return "to";
    case Field::kCc:
      return "cc";
    case Field::kBcc:
      return "bcc";
    case Field::kParticipants:
      return "participants";
    case Field::kCustodian:
      return "custodian";
    case Field::kFileName:
      return "filename";
    case Field::kType:
      return "type";
    case Field::kIs:
      return "is";
    case Field::kThread:
      return "thread";
    case Field::kNearGroup:
      return "neargroup";
  }
  return "any";
}

std::string_view DateFieldName(DateField field) {
  switch (field) {
    case DateField::kSortDate:
      return "date";
    case DateField::kSent:
      return "sent";
    case DateField::kCreated:
      return "created";
    case DateField::kModified:
      return "modified";
  }
  return "date";
}

Node Node::All(int column) {
  Node node;
  node.kind = NodeKind::kAll;
  node.column = column;
  return node;
}

Node Node::Term(Field field, std::string word, int column) {
  Node node;
  node.kind = NodeKind::kTerm;
  node.field = field;
  node.words.push_back(std::move(word));
  node.column = column;
  return node;
}

Node Node::Phrase(Field field, std::vector<std::string> words, int column) {
  Node node;
  node.kind = NodeKind::kPhrase;
  node.field = field;
  node.words = std::move(words);
  node.column = column;
  return node;
}

Node Node::Wildcard(Field field, std::string pattern, int column) {
  Node node = Term(field, std::move(pattern), column);
  node.kind = NodeKind::kWildcard;
  return node;
}

Node Node::Fuzzy(Field field, std::string word, uint32_t fuzz, size_t fixed, int column) {
  Node node = Term(field, std::move(word), column);
  node.kind = NodeKind::kFuzzy;
  node.fuzz = fuzz;
  node.fixed = fixed;
  return node;
}

Node Node::Stem(Field field, std::string word, int column) {
  Node node = Term(field, std::move(word), column);
  node.kind = NodeKind::kStem;
  return node;
}

Node Node::Near(Node left, Node right, uint32_t distance, bool ordered, bool negated, int column) {
  Node node;
  node.kind = NodeKind::kNear;
  node.column = column;
  node.distance = distance;
  node.ordered = ordered;
  node.negated = negated;
  node.children.push_back(std::move(left));
  node.children.push_back(std::move(right));
  return node;
}

Node Node::Not(Node child, int column) {
  Node node;
  node.kind = NodeKind::kNot;
  node.column = column;
  node.children.push_back(std::move(child));
  return node;
}

Node Node::Combine(NodeKind kind, std::vector<Node> children) {
  if (children.size() == 1) return std::move(children.front());
  Node node;
  node.kind = kind;
  node.column = children.empty() ? 1 : children.front().column;
  for (Node& child : children) {
    // (a AND b) AND c is a AND b AND c: one canonical shape makes Describe() tables stable.
    if (child.kind == kind) {
      for (Node& grandchild : child.children) node.children.push_back(std::move(grandchild));
    } else {
      node.children.push_back(std::move(child));
    }
  }
  return node;
}

namespace {

std::string Quote(std::string_view text) {
  std::string out = "\"";
  for (char c : text) {
    if (c == '"' || c == '\\') out += '\\';
    out += c;
  }
  out += '"';
  return out;
}

std::string Join(const std::vector<std::string>& words) {
  std::string out;
  for (const std::string& word : words) {
    if (!out.empty()) out += ' ';
    out += word;
  }
  return out;
}

std::string Children(const Node& node) {
  std::string out;
  for (const Node& child : node.children) {
    out += ' ';
    out += Describe(child);
  }
  return out;
}

}  // namespace

std::string Describe(const Node& node) {
  switch (node.kind) {
    case NodeKind::kAll:
      return "(ALL)";
    case NodeKind::kTerm:
      return fmt::format("(TERM {} {})", FieldName(node.field), Quote(Join(node.words)));
    case NodeKind::kPhrase:
      return fmt::format("(PHRASE {} {})", FieldName(node.field), Quote(Join(node.words)));
    case NodeKind::kWildcard:
      return fmt::format("(WILDCARD {} {})", FieldName(node.field), Quote(Join(node.words)));
    case NodeKind::kFuzzy:
      return fmt::format("(FUZZY{} {} {}{})", node.fuzz, FieldName(node.field),
                         Quote(Join(node.words)),
                         node.fixed > 0 ? fmt::format(" fixed {}", node.fixed) : "");
    case NodeKind::kStem:
      return fmt::format("(STEM {} {})", FieldName(node.field), Quote(Join(node.words)));
    case NodeKind::kNear:
      return fmt::format("({}{}/{}{})", node.negated ? "NOT " : "", node.ordered ? "PRE" : "W",
                         node.distance, Children(node));
    case NodeKind::kDateRange:
      return fmt::format("(DATE {} {}..{})", DateFieldName(node.date_field),
                         node.date_from ? FormatCivilDate(*node.date_from) : "",
                         node.date_to ? FormatCivilDate(*node.date_to) : "");
    case NodeKind::kSizeRange:
      return fmt::format("(SIZE {}..{})",
                         node.size_low ? std::to_string(*node.size_low) : std::string(),
                         node.size_high ? std::to_string(*node.size_high) : std::string());
    case NodeKind::kAnd:
      return "(AND" + Children(node) + ")";
    case NodeKind::kOr:
      return "(OR" + Children(node) + ")";
    case NodeKind::kNot:
      return "(NOT" + Children(node) + ")";
  }
  return "(?)";
}

}  // namespace bates::search
