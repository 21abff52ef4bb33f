#include "search/lexer.h"

#include <algorithm>
#include <charconv>

#include "core/status.h"

namespace bates::search {
namespace {

bool IsSpace(char c) { return c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\f'; }

bool IsAsciiLetter(char c) { return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z'); }
bool IsAsciiDigit(char c) { return c >= '0' && c <= '9'; }

// Word processors turn quotes curly; a phrase pasted from a demand letter must still be a phrase.
constexpr std::string_view kCurlyOpen = "\xE2\x80\x9C";   // U+201C
constexpr std::string_view kCurlyClose = "\xE2\x80\x9D";  // U+201D

// The length of a quote character at `offset`, or 0.
size_t QuoteAt(std::string_view text, size_t offset) {
  if (text[offset] == '"') return 1;
  std::string_view rest = text.substr(offset);
  if (rest.substr(0, 3) == kCurlyOpen || rest.substr(0, 3) == kCurlyClose) return 3;
  return 0;
}

bool EndsRun(std::string_view text, size_t offset) {
  char c = text[offset];
  return IsSpace(c) || c == '(' || c == ')' || QuoteAt(text, offset) > 0;
}

// Columns count characters, not bytes: a user with "Müller" earlier in the query still gets the
// column their editor shows.
class Columns {
 public:
  explicit Columns(std::string_view text) : text_(text) {}
  int At(size_t offset) {
    for (; scanned_ < offset && scanned_ < text_.size(); ++scanned_) {
      if ((static_cast<unsigned char>(text_[scanned_]) & 0xC0) != 0x80) ++column_;
    }
    return column_;
  }

 private:
  std::string_view text_;
  size_t scanned_ = 0;
  int column_ = 1;
};

std::string Upper(std::string_view text) {
  std::string out(text);
  std::transform(out.begin(), out.end(), out.begin(), [](char c) {
    return c >= 'a' && c <= 'z' ? static_cast<char>(c - 'a' + 'A') : c;
  });
  return out;
}

// "w/5" or "pre/5".
bool ReadProximity(std::string_view word, Token& token) {
  std::string upper = Upper(word);
  size_t slash = upper.find('/');
  if (slash == std::string::npos) return false;
  std::string_view op = std::string_view(upper).substr(0, slash);
  if (op != "W" && op != "PRE") return false;
  std::string_view digits = std::string_view(upper).substr(slash + 1);
  if (digits.empty() || !std::all_of(digits.begin(), digits.end(), IsAsciiDigit)) return false;
  uint32_t distance = 0;
  auto [end, ec] = std::from_chars(digits.data(), digits.data() + digits.size(), distance);
  if (ec != std::errc() || end != digits.data() + digits.size()) return false;
  token.kind = TokenKind::kProximity;
  token.distance = distance;
  token.ordered = op == "PRE";
  return true;
}

// Only ASCII punctuation: nothing the index holds. Non-ASCII bytes may be letters, so stay; so do
// wildcard and fuzzy marks, for the parser to say what is wrong with a lone "*" or "%".
bool IsPunctuationOnly(std::string_view word) {
  if (word.find_first_of("*?%") != std::string_view::npos) return false;
  return std::all_of(word.begin(), word.end(), [](char c) {
    auto u = static_cast<unsigned char>(c);
    return u < 0x80 && !IsAsciiLetter(c) && !IsAsciiDigit(c);
  });
}

// The length of "name:" at the start of a run, or 0. A name starts with a letter.
size_t FieldPrefixLength(std::string_view run) {
  if (run.empty() || !IsAsciiLetter(run.front())) return 0;
  size_t i = 1;
  while (i < run.size() && (IsAsciiLetter(run[i]) || IsAsciiDigit(run[i]) || run[i] == '_')) ++i;
  return i < run.size() && run[i] == ':' ? i + 1 : 0;
}

}  // namespace

Result<std::vector<Token>> Lex(std::string_view query) {
  std::vector<Token> tokens;
  Columns columns(query);
  size_t i = 0;
  while (i < query.size()) {
    char c = query[i];
    if (IsSpace(c)) {
      ++i;
      continue;
    }
    Token token;
    token.column = columns.At(i);
    if (c == '(' || c == ')') {
      token.kind = c == '(' ? TokenKind::kLeftParen : TokenKind::kRightParen;
      token.text = std::string(1, c);
      tokens.push_back(std::move(token));
      ++i;
      continue;
    }
    if (size_t open = QuoteAt(query, i); open > 0) {
      size_t j = i + open;
      size_t close = 0;
      while (j < query.size() && (close = QuoteAt(query, j)) == 0) ++j;
      if (j >= query.size()) {
        return InvalidArgumentError("column {}: unterminated quote", token.column);
      }
      token.kind = TokenKind::kQuoted;
      token.text = std::string(query.substr(i + open, j - i - open));
      tokens.push_back(std::move(token));
      i = j + close;
      continue;
    }
    size_t end = i;
    while (end < query.size() && !EndsRun(query, end)) ++end;
    std::string_view run = query.substr(i, end - i);
    if (size_t field = FieldPrefixLength(run); field > 0) {
      token.kind = TokenKind::kField;
      token.text = std::string(run.substr(0, field - 1));
      tokens.push_back(std::move(token));
      if (field < run.size()) {
        Token rest;
        rest.kind = TokenKind::kWord;
        rest.column = columns.At(i + field);
        rest.text = std::string(run.substr(field));
        tokens.push_back(std::move(rest));
      }
      i = end;
      continue;
    }
    i = end;
    std::string upper = Upper(run);
    if (upper == "AND") {
      token.kind = TokenKind::kAnd;
    } else if (upper == "OR") {
      token.kind = TokenKind::kOr;
    } else if (upper == "NOT") {
      token.kind = TokenKind::kNot;
    } else if (!ReadProximity(run, token)) {
      if (IsPunctuationOnly(run)) continue;
      token.kind = TokenKind::kWord;
    }
    token.text = std::string(run);
    tokens.push_back(std::move(token));
  }
  Token last;
  last.kind = TokenKind::kEnd;
  last.column = columns.At(query.size());
  tokens.push_back(std::move(last));
  return tokens;
}

}  // namespace bates::search
