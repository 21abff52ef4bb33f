// Checks FederalHolidayOn against a table made by python3-holidays, an independent
// implementation (scripts/gen_federal_holidays.py): on every weekday of 2000-2020, the C++
// calendar and the table agree on whether it is a federal holiday.
#include <gtest/gtest.h>

#include <fstream>
#include <set>
#include <sstream>
#include <string>
#include <utility>
#include <vector>

#include "demand/calendar.h"
#include "demand/state_holidays.h"

namespace bates::demand {
namespace {

TEST(HolidayTableTest, AgreesWithPythonHolidaysOnEveryWeekday) {
  std::ifstream in(BATES_DEMAND_TEST_DATA "/federal_holidays.tsv");
  ASSERT_TRUE(in) << "missing " BATES_DEMAND_TEST_DATA "/federal_holidays.tsv";
  std::set<std::string> table;
  for (std::string line; std::getline(in, line);) {
    if (!line.empty() && line[0] != '#') table.insert(line.substr(0, 10));
  }
  ASSERT_GT(table.size(), 200u);
  int checked = 0;
  for (CivilDate d{2000, 1, 1}; d <= CivilDate{2020, 12, 31}; d = AddDays(d, 1)) {
    if (IsWeekend(d)) continue;
    EXPECT_EQ(FederalHolidayOn(d).has_value(), table.count(d.ToString()) == 1) << d.ToString();
    ++checked;
  }
  EXPECT_GT(checked, 5000);
}

// StateHolidayOn against python3-holidays' state lists (scripts/gen_state_holidays.py): on every
// day of 2000-2030 that is no federal holiday, for each state bates knows, the two agree.
TEST(HolidayTableTest, StateHolidaysAgreeWithPythonHolidays) {
  std::ifstream in(BATES_DEMAND_TEST_DATA "/state_holidays.tsv");
  ASSERT_TRUE(in) << "missing " BATES_DEMAND_TEST_DATA "/state_holidays.tsv";
  std::set<std::pair<std::string, std::string>> table;  // (state, date)
  std::vector<std::string> states;
  for (std::string line; std::getline(in, line);) {
    if (line.rfind("# states:", 0) == 0) {
      std::istringstream words(line.substr(9));
      for (std::string state; words >> state;) states.push_back(state);
    }
    if (line.empty() || line[0] == '#') continue;
    const size_t tab = line.find('\t');
    table.emplace(line.substr(0, tab), line.substr(tab + 1, 10));
  }
  ASSERT_EQ(states.size(), 12u);
  ASSERT_GT(table.size(), 400u);
  int holidays = 0;
  for (const std::string& state : states) {
    EXPECT_TRUE(KnowsStateHolidays(state)) << state;
    for (CivilDate d{2000, 1, 1}; d <= CivilDate{2030, 12, 31}; d = AddDays(d, 1)) {
      if (FederalHolidayOn(d)) continue;
      const bool ours = StateHolidayOn(state, d).has_value();
      EXPECT_EQ(ours, table.count({state, d.ToString()}) == 1) << state << " " << d.ToString();
      holidays += ours;
    }
  }
  EXPECT_GT(holidays, 400);
  EXPECT_FALSE(KnowsStateHolidays("ZZ"));
}

}  // namespace
}  // namespace bates::demand
