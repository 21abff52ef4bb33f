#include "demand/track.h"

#include <algorithm>

#include "core/time.h"
#include "demand/calendar.h"
#include "demand/state_holidays.h"

namespace bates::demand {
namespace {

int64_t DayNumber(const CivilDate& d) {
  return bates::DaysFromCivil(bates::CivilDate{d.year, d.month, d.day});
}

// Like any deadline, a date moved by a pause does not end on a weekend or a federal or state
// holiday.
CivilDate NextOpenDay(CivilDate d, std::string_view state) {
  while (IsWeekend(d) || FederalHolidayOn(d) || StateHolidayOn(state, d)) d = AddDays(d, 1);
  return d;
}

}  // namespace

bool IsClosingStatus(const std::string& status) {
  return status == "production_complete" || status == "no_responsive_documents" ||
         status == "closed";
}

int64_t DaysBetween(const CivilDate& from, const CivilDate& to) {
  return DayNumber(to) - DayNumber(from);
}

RecipientState ComputeRecipientState(const DeadlineRule& rule,
                                     const std::vector<TrackEvent>& events, const CivilDate& as_of,
                                     std::string_view state) {
  RecipientState s;
  std::optional<CivilDate> due;
  if (rule.kind == DeadlineRule::Kind::kFixedDate && rule.date) due = *rule.date;
  // A flag and a date rather than an optional: GCC's -Wmaybe-uninitialized misreads the latter.
  bool pausing = false;
  CivilDate pause_start;
  for (const TrackEvent& e : events) {
    if (as_of < e.date) break;
    if (pausing && e.status != "waiting_on_requester") {
      s.paused_days += DaysBetween(pause_start, e.date);
      pausing = false;
    }
    if (e.status == "served") {
      s.served = e.date;
      due = ComputeDeadline(e.date, rule, state).date;
      s.paused_days = 0;
      s.extended = false;
    } else if (e.status == "extension_granted" && e.new_due) {
      due = *e.new_due;
      s.paused_days = 0;
      s.extended = true;
    } else if (e.status == "waiting_on_requester" && !pausing) {
      pausing = true;
      pause_start = e.date;
    }
    if (e.promised) s.promised = *e.promised;
    s.status = e.status;
  }
  if (pausing) {
    s.paused = true;
    s.paused_days += DaysBetween(pause_start, as_of);
  }
  s.open = !IsClosingStatus(s.status);
  if (due) {
    s.due = s.paused_days > 0 ? NextOpenDay(AddDays(*due, static_cast<int>(s.paused_days)), state)
                              : *due;
    s.days_left = DaysBetween(as_of, *s.due);
    // A recipient never served owes nothing yet, whatever the date.
    s.overdue = s.open && !s.paused && s.served && *s.days_left < 0;
  }
  return s;
}

std::optional<CivilDate> NextFollowUp(const RecipientState& state,
                                      const std::optional<CivilDate>& last_communication,
                                      int every_days) {
  if (!state.open || state.paused || !state.served) return std::nullopt;
  CivilDate from =
      last_communication ? std::max(*last_communication, *state.served) : *state.served;
  CivilDate next = AddDays(from, every_days);
  if (state.promised && next <= *state.promised) next = AddDays(*state.promised, 1);
  return next;
}

}  // namespace bates::demand
