// Lexer: splits what a user typed into tokens for the parser — words, quoted phrases, field
// names ("from:"), parentheses, the operators AND, OR, NOT (any case) and proximity operators
// (w/N, pre/N). Every token carries its 1-based column, counted in characters, so errors can point
// at it. The lexer knows no field names and no meaning: a word keeps its '*', '?', '~' or '%' for
// the parser to read.
//
// Thread safety: a pure function.
#pragma once

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "core/result.h"

namespace bates::search {

enum class TokenKind {
  kWord,        // a run of characters without space, parenthesis or quote
  kQuoted,      // "a quoted phrase" (straight or curly quotes); text is what is inside
  kField,       // "name:" at the start of a run; text is the name as typed. The rest of the run,
                // if any, follows as a kWord even if it spells an operator ("subject:not").
  kLeftParen,   // (
  kRightParen,  // )
  kAnd,
  kOr,
  kNot,
  kProximity,  // w/N (within N words) or pre/N (followed within N words); see distance, ordered
  kEnd,        // always the last token; its column is one past the end
};

struct Token {
  TokenKind kind = TokenKind::kEnd;
  std::string text;  // as typed (for kQuoted, without the quotes)
  int column = 1;
  uint32_t distance = 0;  // kProximity
  bool ordered = false;   // kProximity: pre/N
};

// InvalidArgument "column N: unterminated quote" when a quote is not closed. Standalone runs of
// ASCII punctuation ("-", "&") are dropped: they hold nothing to search for.
Result<std::vector<Token>> Lex(std::string_view query);

}  // namespace bates::search
