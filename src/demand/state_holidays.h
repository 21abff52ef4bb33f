// State legal holidays that close a recipient's offices on top of the federal ones, for the
// states bates has rules for. FRCP 6(a)(6) counts as a legal holiday any day a state declares
// one, so a deadline counted for a recipient skips its state's holidays too.
//
// The rules follow the state holidays Debian's python3-holidays (0.10) lists for each state, and
// are checked against it (holiday_table_test, tests/data/demand/state_holidays.tsv), except for
// days it lists that are commemorations on which offices stay open (Susan B. Anthony Day in
// California, Florida and New York). docs/DEMAND.md lists the states and their holidays.
//
// Thread safety: pure functions.
#pragma once

#include <optional>
#include <string>
#include <string_view>

#include "demand/spec.h"

namespace bates::demand {

// Whether bates has the holiday rules of `state` (a two-letter postal code). For other states a
// deadline counts federal holidays only, and its working says so.
bool KnowsStateHolidays(std::string_view state);

// The name of the state legal holiday of `state` observed on `date` ("Casimir Pulaski Day",
// "Evacuation Day (observed)"), if any. Federal holidays are not repeated here.
std::optional<std::string> StateHolidayOn(std::string_view state, const CivilDate& date);

}  // namespace bates::demand
