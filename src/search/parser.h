// Parser: what a user types → a query tree (query_tree.h). The language is dtSearch's, as
// Relativity and most review platforms take it (docs/QUERY-LANGUAGE.md has every construct).
//
//   query    := or EOF
//   or       := and ( OR and )*
//   and      := unary ( [AND] unary )*          adjacent parts are ANDed ("a b" = "a AND b")
//   unary    := NOT unary | near                "a AND NOT b", "a NOT b"; a leading NOT is all-but
//   near     := primary ( [NOT] (w/N | pre/N) primary )*      left to right
//   primary  := word | "quoted phrase" | ( or ) | field
//   word     := plain | wild*card? | %fuzzy | %%fuzzy | ap%ple | stem~
//   field    := text-field: (word | "phrase" | ( or ))      from: to: cc: bcc: participants:
//                                                           subject: custodian: filename: type:
//                                                           body:
//             | date-field: range     date: sent: created: modified:  YYYY[-MM[-DD]], A..B, A..,
//             ..B | size: range           bytes, with k / m / g suffixes (1024-based): 10k..2m
//
// Precedence: proximity > NOT > AND > OR. Operators are case-insensitive words. Field names are
// case-insensitive; a field applies to the word, phrase or group right after it, and a group
// passes its field to the words inside. A date is a local calendar day, a range is inclusive of
// both days, and a month or a year stands for all of its days; compile.h turns them into instants
// in the matter's time zone.
//
// Proximity (w/N either order, pre/N in order, "not w/N") takes words, phrases, wildcards, fuzzy
// words, stems, OR groups of them and other proximities, all in one field with words (not type:):
// "(order* OR directive*) w/10 (ICE OR "immigration and customs")".
//
// With ParseOptions::spaces_mean_phrase, a run of plain words is a phrase, as in dtSearch
// ("use of force" without quotes; AND, OR and NOT still separate runs, as in dtSearch);
// otherwise adjacent words are ANDed, as most search boxes do.
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
