// What the engine's review actions (coding.cc, screen.cc, redact.cc, privilege_log.cc) share.
// Internal to the engine.
#pragma once

#include <map>
#include <string>
#include <vector>

#include "engine/case_parts.h"
#include "engine/review_reports.h"

namespace bates::engine {

// The items a selection names, sorted and without repeats. NotFound for an id not in the case,
// InvalidArgument for an empty selection.
Result<std::vector<model::ItemId>> ResolveSelection(CaseParts& parts, const ItemSelection& sel);

// Runs `fn` in a store transaction, rolled back if it fails.
Status InTransaction(CaseParts& parts, const std::function<Status()>& fn);

// Exact-duplicate groups from the last `bates analyze`: item id -> group id (the master's id).
Result<std::map<model::ItemId, model::ItemId>> DuplicateGroups(CaseParts& parts);

}  // namespace bates::engine
