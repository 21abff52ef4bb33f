// Demand tracking's arithmetic: from a recipient's dated status history, where the demand stands
// on a given day — served when, due when (extensions and the paused clock counted), how many days
// are left or how late it is — and when the requester should follow up.
//
// The rules, so a person can check them (docs/DEMAND.md, "Tracking"):
//  - Only events dated on or before the day asked about count.
//  - Due date: from the last 'served' event under the spec's deadline rule (a fixed date needs no
//    service); an 'extension_granted' event's new date replaces it.
//  - Paused clock: from a 'waiting_on_requester' event until the next event with another status,
//    the recipient's clock stops; each paused day moves the due date a day later (then, like any
//    deadline, off a weekend or federal holiday). An extension granted afterwards replaces the
//    date outright: pauses before it are taken to be in the new date.
//  - Overdue: still open (not production_complete, no_responsive_documents or closed), not
//    paused, and the day is after the due date.
//  - Follow-up: every `every_days` after the last communication (or service), never on or before
//    a date the recipient promised; none while closed or while the clock waits on the requester.
//
// Thread safety: pure functions.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "demand/spec.h"

namespace bates::demand {

struct TrackEvent {
  CivilDate date;
  std::string status;  // store/demand_store.h's kDemandStatuses
  std::optional<CivilDate> new_due;
  std::optional<CivilDate> promised;
};

struct RecipientState {
  std::string status = "not_served";  // the last event's status as of the day
  std::optional<CivilDate> served;
  std::optional<CivilDate> due;  // extensions and paused days counted
  bool extended = false;
  bool paused = false;  // waiting on the requester on the day
  int64_t paused_days = 0;
  std::optional<int64_t> days_left;  // due - day; negative when late
  bool overdue = false;
  bool open = true;
  std::optional<CivilDate> promised;  // the latest promised date recorded
};

// True for the statuses that end the recipient's obligation to respond.
bool IsClosingStatus(const std::string& status);

// Calendar days from `from` to `to` (negative when `to` is earlier).
int64_t DaysBetween(const CivilDate& from, const CivilDate& to);

// `events` in date order (ties in the order recorded). `state`, the recipient's two-letter postal
// code, adds its state holidays to the federal ones (demand/state_holidays.h).
RecipientState ComputeRecipientState(const DeadlineRule& rule,
                                     const std::vector<TrackEvent>& events, const CivilDate& as_of,
                                     std::string_view state = {});

// When to follow up next, or nullopt when no follow-up is wanted (closed, paused, not served).
std::optional<CivilDate> NextFollowUp(const RecipientState& state,
                                      const std::optional<CivilDate>& last_communication,
                                      int every_days);

}  // namespace bates::demand
