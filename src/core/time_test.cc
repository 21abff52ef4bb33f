#include "core/time.h"

#include <gtest/gtest.h>

namespace bates {
namespace {

TEST(CivilTest, DaysRoundTripAcrossCenturies) {
  for (int64_t days = -800000; days <= 800000; days += 997) {
    EXPECT_EQ(DaysFromCivil(CivilFromDays(days)), days);
  }
  EXPECT_EQ(DaysFromCivil({1970, 1, 1}), 0);
  EXPECT_EQ(DaysFromCivil({2000, 3, 1}), 11017);
}

TEST(CivilTest, DayOfWeek) {
  EXPECT_EQ(DayOfWeek({2018, 1, 24}), 3);  // the demand letters went out on a Wednesday
  EXPECT_EQ(DayOfWeek({2018, 2, 23}), 5);  // and were due on a Friday
  EXPECT_EQ(DayOfWeek({1969, 12, 28}), 0);
  EXPECT_EQ(DayOfWeek({1900, 1, 1}), 1);
}

TEST(CivilTest, ParseDateRejectsImpossibleDays) {
  EXPECT_TRUE(ParseCivilDate("2016-02-29").ok());
  EXPECT_FALSE(ParseCivilDate("2017-02-29").ok());
  EXPECT_FALSE(ParseCivilDate("2017-13-01").ok());
  EXPECT_FALSE(ParseCivilDate("17-01-01").ok());
}

TEST(Iso8601Test, KeepsTheOriginalOffset) {
  auto t = ParseIso8601("2018-01-24T10:15:00-05:00");
  ASSERT_TRUE(t.ok());
  EXPECT_EQ(t->utc_seconds, UnixSecondsFromCivil({{2018, 1, 24}, 15, 15, 0}));
  EXPECT_EQ(t->offset_minutes, -300);
  EXPECT_FALSE(t->floating);
  EXPECT_EQ(FormatIso8601(*t), "2018-01-24T10:15:00-05:00");
  EXPECT_EQ(FormatIso8601Utc(t->utc_seconds), "2018-01-24T15:15:00Z");
}

TEST(Iso8601Test, NoZoneIsFloating) {
  auto t = ParseIso8601("2018-01-24T10:15");
  ASSERT_TRUE(t.ok());
  EXPECT_TRUE(t->floating);
  EXPECT_EQ(FormatIso8601(*t), "2018-01-24T10:15:00");
  EXPECT_FALSE(ParseIso8601("2018-01-24T25:00").ok());
  EXPECT_FALSE(ParseIso8601("2018-01-24 junk").ok());
}

TEST(TimeZoneTest, UnknownNameIsAnError) {
  EXPECT_FALSE(TimeZone::Load("Mars/Olympus_Mons").ok());
  EXPECT_TRUE(TimeZone::Load("America/Chicago").ok());
}

TEST(TimeZoneTest, DaylightSavingAndPinning) {
  auto chicago = TimeZone::Load("America/Chicago");
  ASSERT_TRUE(chicago.ok());
  int64_t winter = UnixSecondsFromCivil({{2018, 1, 24}, 18, 0, 0});
  int64_t summer = UnixSecondsFromCivil({{2017, 7, 4}, 18, 0, 0});
  EXPECT_EQ(chicago->OffsetMinutesAt(winter), -360);
  EXPECT_EQ(chicago->OffsetMinutesAt(summer), -300);
  // Midnight local on 24 January 2018 is 06:00 UTC.
  EXPECT_EQ(chicago->UtcFromLocal({{2018, 1, 24}, 0, 0, 0}),
            UnixSecondsFromCivil({{2018, 1, 24}, 6, 0, 0}));
  Timestamp floating{UnixSecondsFromCivil({{2017, 7, 4}, 9, 30, 0}), 0, true};
  Timestamp pinned = chicago->Pin(floating);
  EXPECT_FALSE(pinned.floating);
  EXPECT_EQ(pinned.offset_minutes, -300);
  EXPECT_EQ(FormatIso8601(pinned), "2017-07-04T09:30:00-05:00");
}

}  // namespace
}  // namespace bates
