// What the engine's review actions (coding.cc, screen.cc, redact.cc, privilege_log.cc) share.
// Internal to the engine.
#pragma once

#include <map>
#include <set>
#include <string>
#include <vector>

#include "engine/case_parts.h"
#include "engine/review_reports.h"
#include "review/privilege_log.h"

namespace bates::engine {

// The items a selection names, sorted and without repeats. NotFound for an id not in the case,
// InvalidArgument for an empty selection.
Result<std::vector<model::ItemId>> ResolveSelection(CaseParts& parts, const ItemSelection& sel);

// Runs `fn` in a store transaction, rolled back if it fails.
Status InTransaction(CaseParts& parts, const std::function<Status()>& fn);

// Exact-duplicate groups from the last `bates analyze`: item id -> group id (the master's id).
Result<std::map<model::ItemId, model::ItemId>> DuplicateGroups(CaseParts& parts);

// The privilege log's rows: every item coded withhold=yes or with redactions. `bates` maps an
// item to the Bates number it was produced under (a withheld item's slip sheet, a redacted item's
// BEGBATES-ENDBATES); when given, only those items are logged, under that number. Otherwise every
// such item is logged under its document id. `slip_sheeted` adds items a production withheld
// (slip sheet only) though review did not code them withhold=yes.
Result<std::vector<review::PrivilegeLogRow>> GatherPrivilegeLogRows(
    CaseParts& parts, const std::map<model::ItemId, std::string>* bates,
    const std::set<model::ItemId>& slip_sheeted = {});

}  // namespace bates::engine
