// What the engine's search and web workspace actions share about privileged items. Internal to
// the engine.
#pragma once

#include <vector>

#include "engine/case_parts.h"
#include "index/query.h"

namespace bates::engine {

// Items coded privileged (any basis but "no") or withhold=yes, in id order.
Result<std::vector<model::ItemId>> PrivilegedItemIds(CaseParts& parts);

// `query` without the privileged items, for a role that may not see them.
Result<index::Query> WithoutPrivileged(CaseParts& parts, const index::Query& query);

}  // namespace bates::engine
