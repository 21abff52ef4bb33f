// Compile: a query tree (query_tree.h) → an index::Query the index can run. Here the language's
// meaning meets the index's fields: `date:` becomes a range of UTC instants on the sort date,
// read in the matter's time zone as whole local days; a leading NOT becomes "all documents but";
// "a AND NOT b" becomes an AND NOT.
//
// A trailing '*' is Xapian's own wildcard; other wildcards, fuzzy words and stems are expanded by
// the index against its words when the query runs; w/N and pre/N become index proximity queries
// (src/index/proximity.h says which run natively in Xapian and which by checking positions).
//
// Thread safety: pure functions.
#pragma once

#include <string_view>

#include "core/result.h"
#include "core/time.h"
#include "index/query.h"
#include "search/parser.h"
#include "search/query_tree.h"

namespace bates::search {

struct CompileOptions {
  // The matter's time zone: `date:2018-01-24` is that day from 00:00:00 to 23:59:59 there.
  TimeZone time_zone = TimeZone::Utc();
};

Result<index::Query> Compile(const Node& tree, const CompileOptions& options);

// Parse then Compile: what a search box needs.
Result<index::Query> CompileQuery(std::string_view query, const ParseOptions& parse_options,
                                  const CompileOptions& compile_options);

}  // namespace bates::search
