// What the engine's search actions (search.cc, terms.cc, highlight.cc) share. Internal to the
// engine.
#pragma once

#include <string>
#include <vector>

#include "engine/case_parts.h"
#include "index/query.h"
#include "store/searches_store.h"

namespace bates::engine {

// The matter's setting: spaces between words read as a phrase (dtSearch) rather than AND.
Result<bool> ReadSpacesMeanPhrase(CaseParts& parts);
// A query as this matter reads it (its time zone, its reading of spaces).
Result<index::Query> CompileForCase(CaseParts& parts, const std::string& query,
                                    bool spaces_mean_phrase);
// Appends saved searches in one transaction.
Status SaveSearches(CaseParts& parts, const std::vector<store::SavedSearch>& searches);

}  // namespace bates::engine
