#include "demand/calendar.h"

#include <gtest/gtest.h>

namespace bates::demand {
namespace {

CivilDate D(int y, int m, int d) { return {y, m, d}; }

// Known federal holidays across rules and observance (the full 2000-2020 range is checked
// against python3-holidays in holiday_table_test.cc).
TEST(CalendarTest, FederalHolidaysByRuleAndObservance) {
  EXPECT_TRUE(FederalHolidayOn(D(2018, 1, 15)));   // MLK day, third Monday
  EXPECT_TRUE(FederalHolidayOn(D(2018, 2, 19)));   // Washington's Birthday
  EXPECT_TRUE(FederalHolidayOn(D(2018, 5, 28)));   // Memorial Day, last Monday
  EXPECT_TRUE(FederalHolidayOn(D(2018, 11, 22)));  // Thanksgiving
  EXPECT_TRUE(FederalHolidayOn(D(2017, 1, 2)));    // New Year's Day 2017 (Sunday) observed
  EXPECT_TRUE(FederalHolidayOn(D(2021, 12, 31)));  // New Year's Day 2022 (Saturday) observed
  EXPECT_TRUE(FederalHolidayOn(D(2021, 6, 18)));   // Juneteenth (Saturday) observed Friday
  EXPECT_FALSE(FederalHolidayOn(D(2020, 6, 19)));  // before Juneteenth was a holiday
  EXPECT_FALSE(FederalHolidayOn(D(2018, 3, 1)));
}

TEST(CalendarTest, CalendarDaysRollPastWeekendAndHoliday) {
  DeadlineRule rule{DeadlineRule::Kind::kCalendarDays, std::nullopt, 14};
  // Served Thursday 2018-02-01: day 14 is Thursday 2018-02-15, an open day.
  EXPECT_EQ(ComputeDeadline(D(2018, 2, 1), rule).date, D(2018, 2, 15));
  // Served 2018-02-03: day 14 is Saturday 02-17; Sunday; Monday 02-19 is a holiday -> 02-20.
  ComputedDeadline d = ComputeDeadline(D(2018, 2, 3), rule);
  EXPECT_EQ(d.date, D(2018, 2, 20));
  EXPECT_GE(d.working.size(), 5u);
  // Across the year end: served 2017-12-18 + 14 = 2018-01-01, New Year's Day -> 01-02.
  EXPECT_EQ(ComputeDeadline(D(2017, 12, 18), rule).date, D(2018, 1, 2));
}

TEST(CalendarTest, BusinessDaysSkipWeekendsAndHolidays) {
  DeadlineRule rule{DeadlineRule::Kind::kBusinessDays, std::nullopt, 5};
  // Served Friday 2018-11-16: Mon 19, Tue 20, Wed 21, (Thu 22 Thanksgiving), Fri 23, Mon 26.
  EXPECT_EQ(ComputeDeadline(D(2018, 11, 16), rule).date, D(2018, 11, 26));
}

TEST(CalendarTest, TheRecipientsStateHolidaysAreSkippedToo) {
  DeadlineRule calendar{DeadlineRule::Kind::kCalendarDays, std::nullopt, 30};
  // Served Friday 2018-02-02: day 30 is Sunday 03-04; Monday 03-05 is Casimir Pulaski Day in
  // Illinois only.
  EXPECT_EQ(ComputeDeadline(D(2018, 2, 2), calendar).date, D(2018, 3, 5));
  ComputedDeadline illinois = ComputeDeadline(D(2018, 2, 2), calendar, "IL");
  EXPECT_EQ(illinois.date, D(2018, 3, 6));
  bool explained = false;
  for (const std::string& line : illinois.working) {
    explained = explained || line ==
                                 "2018-03-05 skipped: IL state holiday: Casimir Pulaski Day "
                                 "(FRCP 6(a)(1)(C))";
  }
  EXPECT_TRUE(explained);
  // Business days from Friday 2018-02-09: Lincoln's Birthday (Monday 02-12) is not counted in
  // New York.
  DeadlineRule business{DeadlineRule::Kind::kBusinessDays, std::nullopt, 2};
  EXPECT_EQ(ComputeDeadline(D(2018, 2, 9), business).date, D(2018, 2, 13));
  EXPECT_EQ(ComputeDeadline(D(2018, 2, 9), business, "NY").date, D(2018, 2, 14));
  // A state bates has no rules for: federal holidays only, and the working says so.
  ComputedDeadline unknown = ComputeDeadline(D(2018, 2, 2), calendar, "ZZ");
  EXPECT_EQ(unknown.date, D(2018, 3, 5));
  EXPECT_NE(unknown.working.front().find("no holiday rules for the state ZZ"), std::string::npos);
}

TEST(CalendarTest, FixedDateIsKept) {
  DeadlineRule rule{DeadlineRule::Kind::kFixedDate, D(2018, 2, 23), 0};
  EXPECT_EQ(ComputeDeadline(D(2018, 1, 24), rule).date, D(2018, 2, 23));
}

}  // namespace
}  // namespace bates::demand

namespace bates::demand {
namespace {

// The model case (docs/MISSION): letters of Wednesday 24 January 2018 were due Friday
// 23 February 2018 — 30 calendar days, or 21 federal business days with Presidents' Day inside.
TEST(CalendarTest, ModelCaseBothWaysGiveTwentyThirdFebruary) {
  CivilDate served{2018, 1, 24};
  EXPECT_EQ(ComputeDeadline(served, {DeadlineRule::Kind::kCalendarDays, std::nullopt, 30}).date,
            (CivilDate{2018, 2, 23}));
  EXPECT_EQ(ComputeDeadline(served, {DeadlineRule::Kind::kBusinessDays, std::nullopt, 21}).date,
            (CivilDate{2018, 2, 23}));
}

}  // namespace
}  // namespace bates::demand
