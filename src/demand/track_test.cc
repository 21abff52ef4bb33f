// Demand tracking's arithmetic: status transitions, days left with pauses and extensions, and
// follow-up scheduling, on the model case's dates (served Wednesday 24 January 2018, 30 calendar
// days: due Friday 23 February 2018).
#include "demand/track.h"

#include <gtest/gtest.h>

namespace bates::demand {
namespace {

CivilDate D(const char* text) { return ParseCivilDate(text).value(); }

DeadlineRule ThirtyCalendarDays() {
  DeadlineRule rule;
  rule.kind = DeadlineRule::Kind::kCalendarDays;
  rule.days = 30;
  return rule;
}

TrackEvent E(const char* date, const char* status) { return {D(date), status, {}, {}}; }

TEST(TrackTest, NotServedOwesNothing) {
  RecipientState s = ComputeRecipientState(ThirtyCalendarDays(), {}, D("2018-06-01"));
  EXPECT_EQ(s.status, "not_served");
  EXPECT_FALSE(s.due.has_value());
  EXPECT_FALSE(s.overdue);
}

TEST(TrackTest, ServedCountsDownToTheDueDateThenIsOverdue) {
  std::vector<TrackEvent> events = {E("2018-01-24", "served")};
  RecipientState s = ComputeRecipientState(ThirtyCalendarDays(), events, D("2018-02-13"));
  EXPECT_EQ(s.status, "served");
  ASSERT_TRUE(s.due.has_value());
  EXPECT_EQ(s.due->ToString(), "2018-02-23");
  EXPECT_EQ(*s.days_left, 10);
  EXPECT_FALSE(s.overdue);
  s = ComputeRecipientState(ThirtyCalendarDays(), events, D("2018-02-23"));
  EXPECT_EQ(*s.days_left, 0);
  EXPECT_FALSE(s.overdue);  // due by 23:59 that day
  s = ComputeRecipientState(ThirtyCalendarDays(), events, D("2018-03-01"));
  EXPECT_EQ(*s.days_left, -6);
  EXPECT_TRUE(s.overdue);
}

TEST(TrackTest, EventsAfterTheDayAskedAboutDoNotCount) {
  std::vector<TrackEvent> events = {E("2018-01-24", "served"), E("2018-02-10", "acknowledged")};
  EXPECT_EQ(ComputeRecipientState(ThirtyCalendarDays(), events, D("2018-02-01")).status, "served");
  EXPECT_EQ(ComputeRecipientState(ThirtyCalendarDays(), events, D("2018-02-10")).status,
            "acknowledged");
  EXPECT_EQ(ComputeRecipientState(ThirtyCalendarDays(), events, D("2018-01-01")).status,
            "not_served");
}

TEST(TrackTest, ClosingStatusesAreNeverOverdue) {
  for (const char* closing : {"production_complete", "no_responsive_documents", "closed"}) {
    std::vector<TrackEvent> events = {E("2018-01-24", "served"), E("2018-03-10", closing)};
    RecipientState s = ComputeRecipientState(ThirtyCalendarDays(), events, D("2018-04-01"));
    EXPECT_FALSE(s.open) << closing;
    EXPECT_FALSE(s.overdue) << closing;
  }
  // A partial production or a deficiency leaves it open, and late.
  std::vector<TrackEvent> events = {E("2018-01-24", "served"),
                                    E("2018-02-20", "partial_production"),
                                    E("2018-03-05", "deficient")};
  RecipientState s = ComputeRecipientState(ThirtyCalendarDays(), events, D("2018-03-06"));
  EXPECT_TRUE(s.open);
  EXPECT_TRUE(s.overdue);
}

TEST(TrackTest, WaitingOnRequesterPausesTheClock) {
  // Paused from 1 February to 11 February (10 days): due 23 February + 10 = 5 March (a Monday).
  std::vector<TrackEvent> events = {E("2018-01-24", "served"),
                                    E("2018-02-01", "waiting_on_requester"),
                                    E("2018-02-11", "acknowledged")};
  RecipientState s = ComputeRecipientState(ThirtyCalendarDays(), events, D("2018-02-26"));
  EXPECT_EQ(s.paused_days, 10);
  EXPECT_FALSE(s.paused);
  EXPECT_EQ(s.due->ToString(), "2018-03-05");
  EXPECT_EQ(*s.days_left, 7);
  EXPECT_FALSE(s.overdue);
}

TEST(TrackTest, AStillPausedClockIsNotOverdueAndKeepsCounting) {
  std::vector<TrackEvent> events = {E("2018-01-24", "served"),
                                    E("2018-02-20", "waiting_on_requester")};
  RecipientState s = ComputeRecipientState(ThirtyCalendarDays(), events, D("2018-03-02"));
  EXPECT_TRUE(s.paused);
  EXPECT_EQ(s.paused_days, 10);
  EXPECT_FALSE(s.overdue);
  // 23 February + 10 = Monday 5 March.
  EXPECT_EQ(s.due->ToString(), "2018-03-05");
}

TEST(TrackTest, APausedDueDateRollsOffAWeekend) {
  // 1 day paused: 23 February + 1 = Saturday 24 February -> Monday 26 February.
  std::vector<TrackEvent> events = {E("2018-01-24", "served"),
                                    E("2018-02-01", "waiting_on_requester"),
                                    E("2018-02-02", "acknowledged")};
  RecipientState s = ComputeRecipientState(ThirtyCalendarDays(), events, D("2018-02-05"));
  EXPECT_EQ(s.due->ToString(), "2018-02-26");
}

TEST(TrackTest, AnExtensionReplacesTheDueDateAndLaterPausesAddToIt) {
  TrackEvent ext = E("2018-02-20", "extension_granted");
  ext.new_due = D("2018-03-26");
  std::vector<TrackEvent> events = {E("2018-01-24", "served"),
                                    E("2018-02-01", "waiting_on_requester"),
                                    E("2018-02-05", "acknowledged"), ext};
  RecipientState s = ComputeRecipientState(ThirtyCalendarDays(), events, D("2018-03-01"));
  EXPECT_TRUE(s.extended);
  EXPECT_EQ(s.paused_days, 0);  // the earlier pause is in the agreed date
  EXPECT_EQ(s.due->ToString(), "2018-03-26");
  EXPECT_EQ(*s.days_left, 25);
  events.push_back(E("2018-03-05", "waiting_on_requester"));
  events.push_back(E("2018-03-07", "acknowledged"));
  s = ComputeRecipientState(ThirtyCalendarDays(), events, D("2018-03-10"));
  EXPECT_EQ(s.paused_days, 2);
  EXPECT_EQ(s.due->ToString(), "2018-03-28");
}

TEST(TrackTest, ServingAgainStartsTheClockAgain) {
  std::vector<TrackEvent> events = {E("2018-01-24", "served"), E("2018-03-01", "served")};
  RecipientState s = ComputeRecipientState(ThirtyCalendarDays(), events, D("2018-03-02"));
  EXPECT_EQ(s.served->ToString(), "2018-03-01");
  EXPECT_EQ(s.due->ToString(), "2018-04-02");  // 31 March is a Saturday
  EXPECT_FALSE(s.overdue);
}

TEST(TrackTest, FollowUpsAreScheduledFromTheLastCommunication) {
  std::vector<TrackEvent> events = {E("2018-01-24", "served")};
  RecipientState s = ComputeRecipientState(ThirtyCalendarDays(), events, D("2018-02-01"));
  EXPECT_EQ(NextFollowUp(s, std::nullopt, 14)->ToString(), "2018-02-07");
  EXPECT_EQ(NextFollowUp(s, D("2018-02-05"), 14)->ToString(), "2018-02-19");
}

TEST(TrackTest, FollowUpsNeverComeBeforeAPromisedDate) {
  TrackEvent ack = E("2018-02-01", "acknowledged");
  ack.promised = D("2018-03-01");
  std::vector<TrackEvent> events = {E("2018-01-24", "served"), ack};
  RecipientState s = ComputeRecipientState(ThirtyCalendarDays(), events, D("2018-02-02"));
  EXPECT_EQ(NextFollowUp(s, D("2018-02-01"), 7)->ToString(), "2018-03-02");
  // A promise already passed does not hold a follow-up back.
  EXPECT_EQ(NextFollowUp(s, D("2018-03-10"), 7)->ToString(), "2018-03-17");
}

TEST(TrackTest, NoFollowUpWhenClosedPausedOrNotServed) {
  RecipientState closed = ComputeRecipientState(
      ThirtyCalendarDays(), {E("2018-01-24", "served"), E("2018-02-01", "closed")},
      D("2018-02-02"));
  EXPECT_FALSE(NextFollowUp(closed, std::nullopt, 7).has_value());
  RecipientState paused = ComputeRecipientState(
      ThirtyCalendarDays(), {E("2018-01-24", "served"), E("2018-02-01", "waiting_on_requester")},
      D("2018-02-02"));
  EXPECT_FALSE(NextFollowUp(paused, std::nullopt, 7).has_value());
  RecipientState none = ComputeRecipientState(ThirtyCalendarDays(), {}, D("2018-02-02"));
  EXPECT_FALSE(NextFollowUp(none, std::nullopt, 7).has_value());
}

}  // namespace
}  // namespace bates::demand
