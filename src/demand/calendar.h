// Court-day arithmetic for demand deadlines: US federal holidays computed by rule, weekend
// observance, and the FRCP 6(a)(1) way of counting a period (the day of service is excluded; a
// last day on a weekend or legal holiday rolls forward to the next day that is neither).
// Each result carries its working — the days skipped and why — so a person can check it.
//
// Given the recipient's state, its legal holidays are skipped too (demand/state_holidays.h).
//
// Thread safety: pure functions.
#pragma once

#include <chrono>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "demand/spec.h"

namespace bates::demand {

// The name of the federal legal holiday observed on `date` ("Christmas Day (observed)"), if any.
std::optional<std::string> FederalHolidayOn(const CivilDate& date);
bool IsWeekend(const CivilDate& date);
CivilDate AddDays(const CivilDate& date, int days);
std::chrono::weekday WeekdayOf(const CivilDate& date);
// The n-th (1-based) `weekday` of a month; n = -1 for the last.
CivilDate NthWeekday(int year, int month, std::chrono::weekday weekday, int n);

struct ComputedDeadline {
  CivilDate date;  // responses due by 23:59 on this day, in the recipient's time zone
  std::vector<std::string> working;  // "2018-02-17 skipped: Saturday", ...
};

// The due date for a response to a demand served on `served` under `rule`, skipping federal
// holidays and, when `state` is given (a two-letter postal code), that state's legal holidays.
ComputedDeadline ComputeDeadline(const CivilDate& served, const DeadlineRule& rule,
                                 std::string_view state = {});

}  // namespace bates::demand
