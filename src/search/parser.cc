#include "search/parser.h"

#include <fmt/format.h>

#include <algorithm>
#include <cmath>
#include <limits>
#include <optional>
#include <string>
#include <utility>
#include <vector>

#include "core/text.h"
#include "search/lexer.h"

namespace bates::search {
namespace {

enum class FieldType { kText, kDate, kSize };

struct FieldInfo {
  std::string_view name;
  FieldType type;
  Field field = Field::kAny;
  DateField date_field = DateField::kSortDate;
};

constexpr FieldInfo kFields[] = {
    {"from", FieldType::kText, Field::kFrom},
    {"to", FieldType::kText, Field::kTo},
    {"cc", FieldType::kText, Field::kCc},
    {"bcc", FieldType::kText, Field::kBcc},
    {"participants", FieldType::kText, Field::kParticipants},
    {"subject", FieldType::kText, Field::kSubject},
    {"custodian", FieldType::kText, Field::kCustodian},
    {"filename", FieldType::kText, Field::kFileName},
    {"type", FieldType::kText, Field::kType},
    {"body", FieldType::kText, Field::kBody},
    {"date", FieldType::kDate, Field::kAny, DateField::kSortDate},
    {"sent", FieldType::kDate, Field::kAny, DateField::kSent},
    {"created", FieldType::kDate, Field::kAny, DateField::kCreated},
    {"modified", FieldType::kDate, Field::kAny, DateField::kModified},
    {"size", FieldType::kSize},
    // Analytics results (issue 5), written by `bates analyze`.
    {"is", FieldType::kText, Field::kIs},
    {"thread", FieldType::kText, Field::kThread},
    {"neargroup", FieldType::kText, Field::kNearGroup},
};

const FieldInfo* FindField(std::string_view typed) {
  std::string name = AsciiLower(typed);
  for (const FieldInfo& info : kFields) {
    if (info.name == name) return &info;
  }
  return nullptr;
}

std::string KnownFields() {
  std::string out;
  for (const FieldInfo& info : kFields) {
    if (!out.empty()) out += ", ";
    out += info.name;
    out += ':';
  }
  return out;
}

template <typename... Args>
Status ErrorAt(int column, fmt::format_string<Args...> format, Args&&... args) {
  return InvalidArgumentError("column {}: {}", column,
                              fmt::format(format, std::forward<Args>(args)...));
}

bool StartsOperand(TokenKind kind) {
  return kind == TokenKind::kWord || kind == TokenKind::kQuoted || kind == TokenKind::kField ||
         kind == TokenKind::kLeftParen || kind == TokenKind::kNot;
}

// A word the later dtSearch operators would read differently from a plain word.
bool IsPlainWord(std::string_view word) {
  return word.find_first_of("*?%") == std::string_view::npos && word.back() != '~';
}

std::vector<std::string> SplitSpaces(std::string_view text) {
  std::vector<std::string> words;
  size_t i = 0;
  while (i < text.size()) {
    while (i < text.size() &&
           (text[i] == ' ' || text[i] == '\t' || text[i] == '\n' || text[i] == '\r')) {
      ++i;
    }
    size_t start = i;
    while (i < text.size() &&
           !(text[i] == ' ' || text[i] == '\t' || text[i] == '\n' || text[i] == '\r')) {
      ++i;
    }
    if (i > start) words.emplace_back(text.substr(start, i - start));
  }
  return words;
}

bool AllDigits(std::string_view text) {
  return !text.empty() &&
         std::all_of(text.begin(), text.end(), [](char c) { return c >= '0' && c <= '9'; });
}

int DaysInMonth(int year, int month) {
  CivilDate next = month == 12 ? CivilDate{year + 1, 1, 1} : CivilDate{year, month + 1, 1};
  return static_cast<int>(DaysFromCivil(next) - DaysFromCivil(CivilDate{year, month, 1}));
}

struct DaySpan {
  CivilDate first, last;
};

// YYYY, YYYY-MM or YYYY-MM-DD: the days it covers.
Result<DaySpan> ParseDaySpan(std::string_view text, int column) {
  if (text.size() == 4 && AllDigits(text)) {
    int year = std::stoi(std::string(text));
    return DaySpan{{year, 1, 1}, {year, 12, 31}};
  }
  if (text.size() == 7 && text[4] == '-' && AllDigits(text.substr(0, 4)) &&
      AllDigits(text.substr(5))) {
    int year = std::stoi(std::string(text.substr(0, 4)));
    int month = std::stoi(std::string(text.substr(5)));
    if (month < 1 || month > 12) return ErrorAt(column, "bad date '{}': no such month", text);
    return DaySpan{{year, month, 1}, {year, month, DaysInMonth(year, month)}};
  }
  if (text.size() == 10) {
    Result<CivilDate> day = ParseCivilDate(text);
    if (!day.ok()) return ErrorAt(column, "bad date: {}", day.status().message());
    return DaySpan{*day, *day};
  }
  return ErrorAt(column, "bad date '{}': expected YYYY-MM-DD, YYYY-MM or YYYY", text);
}

// "10k" → 10240. Binary multiples, as file managers show sizes.
Result<uint64_t> ParseSize(std::string_view text, int column) {
  std::string lower = AsciiLower(text);
  size_t digits_end = 0;
  while (digits_end < lower.size() &&
         ((lower[digits_end] >= '0' && lower[digits_end] <= '9') || lower[digits_end] == '.')) {
    ++digits_end;
  }
  std::string number = lower.substr(0, digits_end);
  std::string unit = lower.substr(digits_end);
  double multiplier = 0;
  if (unit.empty() || unit == "b") {
    multiplier = 1;
  } else if (unit == "k" || unit == "kb") {
    multiplier = 1024.0;
  } else if (unit == "m" || unit == "mb") {
    multiplier = 1024.0 * 1024;
  } else if (unit == "g" || unit == "gb") {
    multiplier = 1024.0 * 1024 * 1024;
  }
  bool number_ok = !number.empty() && std::count(number.begin(), number.end(), '.') <= 1 &&
                   number.front() != '.' && number.back() != '.';
  if (multiplier == 0 || !number_ok || (unit.empty() && number.find('.') != std::string::npos)) {
    return ErrorAt(column, "bad size '{}': expected bytes, or a number with k, m or g", text);
  }
  double bytes = std::stod(number) * multiplier;
  if (bytes > 1e18) return ErrorAt(column, "bad size '{}': too large", text);
  return static_cast<uint64_t>(std::llround(bytes));
}

class Parser {
 public:
  Parser(std::vector<Token> tokens, const ParseOptions& options)
      : tokens_(std::move(tokens)), options_(options) {}

  Result<Node> ParseQuery() {
    if (Peek().kind == TokenKind::kEnd) return ErrorAt(1, "empty query");
    BATES_ASSIGN_OR_RETURN(Node node, ParseOr(Field::kAny));
    const Token& rest = Peek();
    switch (rest.kind) {
      case TokenKind::kEnd:
        return node;
      case TokenKind::kRightParen:
        return ErrorAt(rest.column, "')' without a matching '('");
      case TokenKind::kProximity:
        return Unsupported(rest);
      default:
        return ErrorAt(rest.column, "unexpected '{}'", rest.text);
    }
  }

 private:
  const Token& Peek() const { return tokens_[pos_]; }
  const Token& Next() {
    const Token& token = tokens_[pos_];
    if (token.kind != TokenKind::kEnd) ++pos_;
    return token;
  }

  Status Unsupported(const Token& token) {
    return ErrorAt(token.column, "'{}' needs a word, a phrase or a group on its left", token.text);
  }

  // A side of w/N or pre/N: words, phrases, wildcards, fuzzy words, stems, OR groups of them and
  // other proximities, all in one field that has word positions.
  Status CheckSide(const Node& node, const Token& op, std::optional<Field>& field) {
    switch (node.kind) {
      case NodeKind::kTerm:
      case NodeKind::kPhrase:
      case NodeKind::kWildcard:
      case NodeKind::kFuzzy:
      case NodeKind::kStem:
        if (node.field == Field::kType) {
          return ErrorAt(node.column, "'{}' cannot measure distances in type:, which has no words",
                         op.text);
        }
        if (field && *field != node.field) {
          return ErrorAt(node.column, "both sides of '{}' must be in the same field ({}: and {}:)",
                         op.text, FieldName(*field), FieldName(node.field));
        }
        field = node.field;
        return Status::Ok();
      case NodeKind::kOr:
      case NodeKind::kNear:
        for (const Node& child : node.children) {
          BATES_RETURN_IF_ERROR(CheckSide(child, op, field));
        }
        return Status::Ok();
      default:
        return ErrorAt(node.column,
                       "'{}' works on words, phrases, wildcards and groups of them joined by OR, "
                       "not on AND, NOT, dates or sizes",
                       op.text);
    }
  }

  // primary ( (w/N | pre/N | NOT w/N | NOT pre/N) primary )*, left to right.
  Result<Node> ParseNear(Field field) {
    BATES_ASSIGN_OR_RETURN(Node left, ParsePrimary(field));
    while (true) {
      bool negated = false;
      if (Peek().kind == TokenKind::kNot && pos_ + 1 < tokens_.size() &&
          tokens_[pos_ + 1].kind == TokenKind::kProximity) {
        negated = true;
        Next();
      } else if (Peek().kind != TokenKind::kProximity) {
        return left;
      }
      const Token& op = Next();
      if (!StartsOperand(Peek().kind) || Peek().kind == TokenKind::kNot) {
        return ErrorAt(op.column, "'{}' needs a word, a phrase or a group on its right", op.text);
      }
      BATES_ASSIGN_OR_RETURN(Node right, ParsePrimary(field));
      std::optional<Field> near_field;
      BATES_RETURN_IF_ERROR(CheckSide(left, op, near_field));
      BATES_RETURN_IF_ERROR(CheckSide(right, op, near_field));
      int column = left.column;
      left =
          Node::Near(std::move(left), std::move(right), op.distance, op.ordered, negated, column);
    }
  }

  Status MissingRight(const Token& op) {
    if (Peek().kind == TokenKind::kProximity) return Unsupported(Peek());
    return ErrorAt(op.column, "'{}' needs a term on its right", op.text);
  }

  Result<Node> ParseOr(Field field) {
    std::vector<Node> children;
    BATES_ASSIGN_OR_RETURN(Node first, ParseAnd(field));
    children.push_back(std::move(first));
    while (Peek().kind == TokenKind::kOr) {
      const Token& op = Next();
      if (!StartsOperand(Peek().kind)) return MissingRight(op);
      BATES_ASSIGN_OR_RETURN(Node next, ParseAnd(field));
      children.push_back(std::move(next));
    }
    return Node::Combine(NodeKind::kOr, std::move(children));
  }

  Result<Node> ParseAnd(Field field) {
    std::vector<Node> children;
    BATES_ASSIGN_OR_RETURN(Node first, ParseUnary(field));
    children.push_back(std::move(first));
    while (true) {
      if (Peek().kind == TokenKind::kAnd) {
        const Token& op = Next();
        if (!StartsOperand(Peek().kind)) return MissingRight(op);
      } else if (Peek().kind == TokenKind::kProximity) {
        return Unsupported(Peek());
      } else if (!StartsOperand(Peek().kind)) {
        break;
      }
      BATES_ASSIGN_OR_RETURN(Node next, ParseUnary(field));
      children.push_back(std::move(next));
    }
    return Node::Combine(NodeKind::kAnd, std::move(children));
  }

  Result<Node> ParseUnary(Field field) {
    if (Peek().kind != TokenKind::kNot) return ParseNear(field);
    const Token& op = Next();
    if (!StartsOperand(Peek().kind)) return MissingRight(op);
    BATES_ASSIGN_OR_RETURN(Node child, ParseUnary(field));
    return Node::Not(std::move(child), op.column);
  }

  Result<Node> ParsePrimary(Field field) {
    const Token& token = Peek();
    switch (token.kind) {
      case TokenKind::kWord:
        return ParseWords(field);
      case TokenKind::kQuoted: {
        Next();
        std::vector<std::string> words = SplitSpaces(token.text);
        if (words.empty()) return ErrorAt(token.column, "empty quotes");
        if (std::any_of(words.begin(), words.end(), [](const std::string& w) {
              return w.find_first_of("*?") != std::string::npos;
            })) {
          return WildPhrase(field, words, token.column);
        }
        return Node::Phrase(field, std::move(words), token.column);
      }
      case TokenKind::kLeftParen: {
        Next();
        if (Peek().kind == TokenKind::kRightParen) {
          return ErrorAt(token.column, "empty parentheses");
        }
        if (Peek().kind == TokenKind::kEnd) {
          return ErrorAt(token.column, "'(' without a matching ')'");
        }
        BATES_ASSIGN_OR_RETURN(Node inner, ParseOr(field));
        if (Peek().kind != TokenKind::kRightParen) {
          if (Peek().kind == TokenKind::kEnd) {
            return ErrorAt(token.column, "'(' without a matching ')'");
          }
          return ErrorAt(Peek().column, "unexpected '{}'", Peek().text);
        }
        Next();
        return inner;
      }
      case TokenKind::kField:
        Next();
        return ParseField(token);
      case TokenKind::kAnd:
      case TokenKind::kOr:
        return ErrorAt(token.column, "'{}' needs a term on its left", token.text);
      case TokenKind::kRightParen:
        return ErrorAt(token.column, "')' without a matching '('");
      case TokenKind::kProximity:
        return Unsupported(token);
      case TokenKind::kNot:
        return ParseUnary(field);
      case TokenKind::kEnd:
        break;
    }
    return ErrorAt(token.column, "a search term is missing");
  }

  // One word, or with spaces_mean_phrase a run of plain words as one phrase.
  Result<Node> ParseWords(Field field) {
    const Token& first = Next();
    const std::string& word = first.text;
    if (word.find('%') != std::string::npos) return ParseFuzzy(field, first);
    if (word.size() > 1 && word.back() == '~') {
      std::string stem = word.substr(0, word.size() - 1);
      if (stem.find_first_of("*?~") != std::string::npos) {
        return ErrorAt(first.column, "stemming '{}' takes a plain word before the '~'", word);
      }
      return Node::Stem(field, std::move(stem), first.column);
    }
    if (!IsPlainWord(word)) {
      if (word.find_first_not_of("*?") == std::string::npos) {
        return ErrorAt(first.column, "wildcard '{}' needs at least one letter or digit", word);
      }
      return Node::Wildcard(field, word, first.column);
    }
    if (!options_.spaces_mean_phrase) return Node::Term(field, word, first.column);
    std::vector<std::string> words = {word};
    while (Peek().kind == TokenKind::kWord && IsPlainWord(Peek().text)) {
      words.push_back(Next().text);
    }
    if (words.size() == 1) return Node::Term(field, word, first.column);
    return Node::Phrase(field, std::move(words), first.column);
  }

  // A phrase with wildcards ("hold request*") is each word right after the one before it:
  // ((hold pre/1 request*) pre/1 ...), which the index runs as proximity.
  Result<Node> WildPhrase(Field field, const std::vector<std::string>& words, int column) {
    auto word = [&](const std::string& w) -> Result<Node> {
      if (w.find_first_of("*?") == std::string::npos) return Node::Term(field, w, column);
      if (w.find_first_not_of("*?") == std::string::npos) {
        return ErrorAt(column, "wildcard '{}' in quotes needs at least one letter or digit", w);
      }
      return Node::Wildcard(field, w, column);
    };
    BATES_ASSIGN_OR_RETURN(Node chain, word(words.front()));
    for (size_t i = 1; i < words.size(); ++i) {
      BATES_ASSIGN_OR_RETURN(Node next, word(words[i]));
      chain = Node::Near(std::move(chain), std::move(next), 1, true, false, column);
    }
    return chain;
  }

  // dtSearch's fuzzy search: "%word" allows one edit, "%%word" two; letters before the '%' must
  // match as typed ("ap%ple").
  Result<Node> ParseFuzzy(Field field, const Token& token) {
    const std::string& typed = token.text;
    size_t first = typed.find('%');
    size_t last = typed.find_first_not_of('%', first);
    if (last == std::string::npos) {
      return ErrorAt(token.column, "fuzzy search '{}' needs a word after the '%'", typed);
    }
    size_t count = last - first;
    if (count > 2) {
      return ErrorAt(token.column, "fuzzy search '{}': use '%' (one letter off) or '%%' (two)",
                     typed);
    }
    std::string word = typed.substr(0, first) + typed.substr(last);
    if (word.find_first_of("%*?~") != std::string::npos) {
      return ErrorAt(token.column, "fuzzy search '{}' takes a plain word with one run of '%'",
                     typed);
    }
    return Node::Fuzzy(field, std::move(word), static_cast<uint32_t>(count), first, token.column);
  }

  Result<Node> ParseField(const Token& name) {
    const FieldInfo* info = FindField(name.text);
    if (info == nullptr) {
      return ErrorAt(name.column, "unknown field '{}:' (known: {})", name.text, KnownFields());
    }
    TokenKind next = Peek().kind;
    switch (info->type) {
      case FieldType::kText:
        if (next != TokenKind::kWord && next != TokenKind::kQuoted &&
            next != TokenKind::kLeftParen) {
          return ErrorAt(name.column, "'{}:' needs a word, a quoted phrase or a group after it",
                         name.text);
        }
        return ParsePrimary(info->field);
      case FieldType::kDate:
        if (next != TokenKind::kWord) {
          return ErrorAt(name.column,
                         "'{}:' needs a date or a range after it, like 2017-01-01..2018-01-24",
                         name.text);
        }
        return ParseDateRange(info->date_field, Next());
      case FieldType::kSize:
        if (next != TokenKind::kWord) {
          return ErrorAt(name.column, "'{}:' needs a size or a range after it, like 10k..2m",
                         name.text);
        }
        return ParseSizeRange(Next());
    }
    return ErrorAt(name.column, "unknown field '{}:'", name.text);
  }

  Result<Node> ParseDateRange(DateField field, const Token& value) {
    Node node;
    node.kind = NodeKind::kDateRange;
    node.date_field = field;
    node.column = value.column;
    std::string_view text = value.text;
    size_t dots = text.find("..");
    if (dots == std::string_view::npos) {
      BATES_ASSIGN_OR_RETURN(DaySpan span, ParseDaySpan(text, value.column));
      node.date_from = span.first;
      node.date_to = span.last;
      return node;
    }
    std::string_view low = text.substr(0, dots);
    std::string_view high = text.substr(dots + 2);
    int high_column = value.column + static_cast<int>(CountCodePoints(low)) + 2;
    if (low.empty() && high.empty()) {
      return ErrorAt(value.column, "'..' needs a date on at least one side");
    }
    if (!low.empty()) {
      BATES_ASSIGN_OR_RETURN(DaySpan span, ParseDaySpan(low, value.column));
      node.date_from = span.first;
    }
    if (!high.empty()) {
      BATES_ASSIGN_OR_RETURN(DaySpan span, ParseDaySpan(high, high_column));
      node.date_to = span.last;
    }
    if (node.date_from && node.date_to && *node.date_from > *node.date_to) {
      return ErrorAt(value.column, "date range '{}' ends before it starts", text);
    }
    return node;
  }

  Result<Node> ParseSizeRange(const Token& value) {
    Node node;
    node.kind = NodeKind::kSizeRange;
    node.column = value.column;
    std::string_view text = value.text;
    size_t dots = text.find("..");
    if (dots == std::string_view::npos) {
      BATES_ASSIGN_OR_RETURN(uint64_t size, ParseSize(text, value.column));
      node.size_low = node.size_high = size;
      return node;
    }
    std::string_view low = text.substr(0, dots);
    std::string_view high = text.substr(dots + 2);
    if (low.empty() && high.empty()) {
      return ErrorAt(value.column, "'..' needs a size on at least one side");
    }
    if (!low.empty()) {
      BATES_ASSIGN_OR_RETURN(node.size_low, ParseSize(low, value.column));
    }
    if (!high.empty()) {
      int high_column = value.column + static_cast<int>(CountCodePoints(low)) + 2;
      BATES_ASSIGN_OR_RETURN(node.size_high, ParseSize(high, high_column));
    }
    if (node.size_low && node.size_high && *node.size_low > *node.size_high) {
      return ErrorAt(value.column, "size range '{}' ends before it starts", text);
    }
    return node;
  }

  std::vector<Token> tokens_;
  size_t pos_ = 0;
  ParseOptions options_;
};

}  // namespace

Result<Node> Parse(std::string_view query, const ParseOptions& options) {
  BATES_ASSIGN_OR_RETURN(std::vector<Token> tokens, Lex(query));
  return Parser(std::move(tokens), options).ParseQuery();
}

}  // namespace bates::search
