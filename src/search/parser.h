// Parser: what a user types → a query tree (query_tree.h). The language is dtSearch's, in the
// subset below; the rest of dtSearch's syntax is recognised and rejected with a clear message
// until it is implemented, so no query silently means something else later.
//
//   query    := or EOF
//   or       := and ( OR and )*
//   and      := unary ( [AND] unary )*          adjacent parts are ANDed ("a b" = "a AND b")
//   unary    := NOT unary | primary             "a AND NOT b", "a NOT b"; a leading NOT is all-but
//   primary  := word | "quoted phrase" | ( or ) | field
//   field    := text-field: (word | "phrase" | ( or ))      from: to: cc: bcc: participants:
//                                                           subject: custodian: filename: type:
//                                                           body:
//             | date-field: range     date: sent: created: modified:  YYYY[-MM[-DD]], A..B, A..,
//             ..B | size: range           bytes, with k / m / g suffixes (1024-based): 10k..2m
//
// Precedence: NOT > AND > OR. Operators are case-insensitive words. Field names are
// case-insensitive; a field applies to the word, phrase or group right after it, and a group
// passes its field to the words inside. A date is a local calendar day, a range is inclusive of
// both days, and a month or a year stands for all of its days; compile.h turns them into instants
// in the matter's time zone. A word with '*' or '?' is a wildcard node.
//
// With ParseOptions::spaces_mean_phrase, a run of plain words is a phrase, as in dtSearch
// ("use of force" without quotes; AND, OR and NOT still separate runs, as in dtSearch);
// otherwise adjacent words are ANDed, as most search boxes do.
//
// Recognised but not supported yet (InvalidArgument saying so): w/N and pre/N, 'word~' stemming,
// '%word' fuzzy search.
//
// Errors are InvalidArgument with a message for the user that names the 1-based column:
// "column 14: ')' without a matching '('".
//
// Thread safety: a pure function.
#pragma once

#include <string_view>

#include "core/result.h"
#include "search/query_tree.h"

namespace bates::search {

struct ParseOptions {
  // dtSearch's reading: "ice raid" is the phrase, not the two words.
  bool spaces_mean_phrase = false;
};

Result<Node> Parse(std::string_view query, const ParseOptions& options = {});

}  // namespace bates::search
