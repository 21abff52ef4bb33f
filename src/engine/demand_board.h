// The requester's status board (issue 10): a demand's status table as of a day, and how it got
// there — for each day from the first thing recorded to that day, how many recipients stood in
// each status and what productions arrived — for the board's chart. The web server only calls
// this and renders its JSON; the arithmetic is demand/track.h's, as for `bates demand status`.
//
// Thread safety: as DemandStatus (reads the case; one call per case handle at a time).
#pragma once

#include <cstdint>
#include <map>
#include <string>
#include <vector>

#include "core/result.h"
#include "demand/spec.h"
#include "demand/track.h"
#include "engine/case.h"
#include "engine/demand_track.h"

namespace bates::engine {

// One point of the chart: where every recipient stood on `date`.
struct DemandBoardDay {
  demand::CivilDate date;
  // BoardStatus -> recipients; every recipient of the spec is counted once.
  std::map<std::string, int64_t> statuses;
  // Volumes (and their documents) received after the previous point, up to and including `date`.
  int64_t productions = 0;
  int64_t documents = 0;
  int64_t productions_to_date = 0;
  // Recipients with at least one volume received by `date`.
  int64_t recipients_produced = 0;
};

struct DemandBoard {
  DemandStatusReport status;  // the table, as `bates demand status` gives it
  // Days between points: 1 unless the history is longer than kMaxBoardPoints days.
  int step_days = 1;
  std::vector<DemandBoardDay> history;  // oldest first; the last point is `status.as_of`
};

// The chart never has more points than this, so a demand tracked for years stays one small reply.
inline constexpr int kMaxBoardPoints = 400;

// The status a recipient is charted under: "overdue" when it is open and past due (the stored
// status then still says what was last recorded, e.g. "served"), else the last recorded status
// ("not_served" before any).
std::string BoardStatus(const demand::RecipientState& state);

// The board as of `as_of`. The history starts at the first status event or production recorded
// (at `as_of` when there is none, or when all of them are later).
Result<DemandBoard> DemandBoardFor(Case& matter, const demand::DemandSpec& spec,
                                   const demand::CivilDate& as_of, int follow_up_days);

// JSON, compact (docs/API.md, GET /api/demand/status): the object of `bates demand status --json`
// with "statuses" (the board statuses in a demand's life order) and "history" added.
std::string ToJson(const DemandBoard& board);

}  // namespace bates::engine
