// Federal holidays per 5 U.S.C. 6103, observed per Executive Order 11582 (a Saturday holiday is
// observed the Friday before, a Sunday one the Monday after).
#include "demand/calendar.h"

#include <fmt/format.h>

#include <chrono>

#include "demand/state_holidays.h"

namespace bates::demand {
namespace {

namespace chr = std::chrono;

chr::sys_days ToDays(const CivilDate& d) {
  return chr::sys_days(chr::year(d.year) / chr::month(static_cast<unsigned>(d.month)) /
                       chr::day(static_cast<unsigned>(d.day)));
}

CivilDate FromDays(chr::sys_days days) {
  chr::year_month_day ymd(days);
  return {static_cast<int>(ymd.year()), static_cast<int>(static_cast<unsigned>(ymd.month())),
          static_cast<int>(static_cast<unsigned>(ymd.day()))};
}

struct Holiday {
  CivilDate actual;
  std::string name;
};

std::vector<Holiday> HolidaysOf(int year) {
  std::vector<Holiday> h = {
      {{year, 1, 1}, "New Year's Day"},
      {NthWeekday(year, 1, chr::Monday, 3), "Birthday of Martin Luther King, Jr."},
      {NthWeekday(year, 2, chr::Monday, 3), "Washington's Birthday"},
      {NthWeekday(year, 5, chr::Monday, -1), "Memorial Day"},
      {{year, 7, 4}, "Independence Day"},
      {NthWeekday(year, 9, chr::Monday, 1), "Labor Day"},
      {NthWeekday(year, 10, chr::Monday, 2), "Columbus Day"},
      {{year, 11, 11}, "Veterans Day"},
      {NthWeekday(year, 11, chr::Thursday, 4), "Thanksgiving Day"},
      {{year, 12, 25}, "Christmas Day"},
  };
  // Juneteenth became a federal holiday on 17 June 2021.
  if (year >= 2021) h.push_back({{year, 6, 19}, "Juneteenth National Independence Day"});
  return h;
}

}  // namespace

chr::weekday WeekdayOf(const CivilDate& d) { return chr::weekday(ToDays(d)); }

CivilDate NthWeekday(int year, int month, chr::weekday weekday, int n) {
  chr::year_month ym = chr::year(year) / chr::month(static_cast<unsigned>(month));
  if (n < 0) return FromDays(chr::sys_days(ym / weekday[chr::last]));
  return FromDays(chr::sys_days(ym / weekday[static_cast<unsigned>(n)]));
}

CivilDate AddDays(const CivilDate& date, int days) {
  return FromDays(ToDays(date) + chr::days(days));
}

bool IsWeekend(const CivilDate& date) {
  chr::weekday w = WeekdayOf(date);
  return w == chr::Saturday || w == chr::Sunday;
}

std::optional<std::string> FederalHolidayOn(const CivilDate& date) {
  // A New Year's Day on Saturday is observed on 31 December of the year before.
  for (int year : {date.year, date.year + 1}) {
    for (const Holiday& h : HolidaysOf(year)) {
      if (h.actual == date) return h.name;
      chr::weekday w = WeekdayOf(h.actual);
      CivilDate observed = h.actual;
      if (w == chr::Saturday) observed = AddDays(h.actual, -1);
      if (w == chr::Sunday) observed = AddDays(h.actual, 1);
      if (observed == date && observed != h.actual) return h.name + " (observed)";
    }
  }
  return std::nullopt;
}

namespace {

// Why `date` is not a day a period can end on, or nullopt if it can.
std::optional<std::string> WhyClosed(const CivilDate& date, std::string_view state) {
  chr::weekday w = WeekdayOf(date);
  if (w == chr::Saturday) return "Saturday";
  if (w == chr::Sunday) return "Sunday";
  if (auto holiday = FederalHolidayOn(date)) return "federal holiday: " + *holiday;
  if (auto holiday = StateHolidayOn(state, date)) {
    return fmt::format("{} state holiday: {}", state, *holiday);
  }
  return std::nullopt;
}

}  // namespace

ComputedDeadline ComputeDeadline(const CivilDate& served, const DeadlineRule& rule,
                                 std::string_view state) {
  ComputedDeadline out;
  if (rule.kind == DeadlineRule::Kind::kFixedDate && rule.date) {
    out.date = *rule.date;
    out.working.push_back(fmt::format("{}: fixed date set in the demand", out.date.ToString()));
    return out;
  }
  if (!state.empty() && !KnowsStateHolidays(state)) {
    out.working.push_back(fmt::format(
        "no holiday rules for the state {}: federal holidays only (docs/DEMAND.md)", state));
  }
  out.working.push_back(
      fmt::format("{}: day of service, excluded (FRCP 6(a)(1)(A))", served.ToString()));
  CivilDate day = served;
  if (rule.kind == DeadlineRule::Kind::kBusinessDays) {
    int counted = 0;
    while (counted < rule.days) {
      day = AddDays(day, 1);
      if (auto why = WhyClosed(day, state)) {
        out.working.push_back(fmt::format("{} not counted: {}", day.ToString(), *why));
      } else {
        ++counted;
      }
    }
    out.working.push_back(fmt::format("{}: business day {}", day.ToString(), rule.days));
  } else {
    day = AddDays(served, rule.days);
    out.working.push_back(fmt::format("{}: calendar day {}", day.ToString(), rule.days));
    while (auto why = WhyClosed(day, state)) {
      out.working.push_back(fmt::format("{} skipped: {} (FRCP 6(a)(1)(C))", day.ToString(), *why));
      day = AddDays(day, 1);
    }
  }
  out.date = day;
  out.working.push_back(fmt::format("due {} 23:59 recipient's local time", day.ToString()));
  return out;
}

}  // namespace bates::demand
