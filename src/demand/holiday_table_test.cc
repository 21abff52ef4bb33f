// Checks FederalHolidayOn against a table made by python3-holidays, an independent
// implementation (scripts/gen_federal_holidays.py): on every weekday of 2000-2020, the C++
// calendar and the table agree on whether it is a federal holiday.
#include <gtest/gtest.h>

#include <fstream>
#include <set>
#include <string>

#include "demand/calendar.h"

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

}  // namespace
}  // namespace bates::demand
