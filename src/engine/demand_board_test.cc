// The requester's status board (engine/demand_board.cc): the table as `demand status` gives it,
// and a history whose every point counts each recipient once, in the status it stood in that day.
#include "engine/demand_board.h"

#include <gtest/gtest.h>

#include <chrono>
#include <filesystem>
#include <nlohmann/json.hpp>

namespace bates::engine {
namespace {

namespace fs = std::filesystem;
using demand::CivilDate;

CivilDate Day(int month, int day) { return CivilDate{2018, month, day}; }

// Three fictional recipients; responses due 10 calendar days after service.
demand::DemandSpec Spec() {
  demand::DemandSpec spec;
  spec.source_path = "board-test.yaml";
  spec.title = "Fictional demand";
  spec.deadline.kind = demand::DeadlineRule::Kind::kCalendarDays;
  spec.deadline.days = 10;
  for (const char* id : {"alpha", "beta", "gamma"}) {
    demand::Recipient r;
    r.id = id;
    r.name = std::string("Fictional ") + id;
    r.agency = std::string("Agency ") + id;
    r.time_zone = "America/Chicago";
    spec.recipients.push_back(r);
  }
  return spec;
}

class DemandBoardTest : public ::testing::Test {
 protected:
  void SetUp() override {
    const char* base = std::getenv("BATES_TEST_TMP");
    dir_ = fs::path(base != nullptr ? base : fs::temp_directory_path().string()) /
           ("demand-board-" +
            std::to_string(std::chrono::steady_clock::now().time_since_epoch().count()));
    options_.env = &env_;
    auto created = Case::Create(dir_, InitRequest{}, options_);
    ASSERT_TRUE(created.ok()) << created.status().ToString();
    matter_ = std::move(*created);
  }
  void TearDown() override {
    matter_.reset();
    std::error_code ec;
    fs::remove_all(dir_, ec);
  }

  // alpha and beta served on 1 March (due 11 March, a Sunday: the 12th); alpha produces a
  // deficient volume on the 5th; gamma is never served.
  void Track() {
    ASSERT_TRUE(DemandServe(*matter_, spec_, "alpha", Day(3, 1)).ok());
    ASSERT_TRUE(DemandServe(*matter_, spec_, "beta", Day(3, 1)).ok());
    store::DemandProduction p;
    p.recipient = "alpha";
    p.volume = "VOL001";
    p.folder = "/nowhere/VOL001";
    p.received = "2018-03-05";
    p.documents = 12;
    p.defects = {{"bates_gap", "a gap"}};
    ASSERT_TRUE(matter_->demand_store().AddProduction(p).ok());
    DemandLogRequest log;
    log.recipient = "alpha";
    log.status = "deficient";
    log.date = Day(3, 5);
    ASSERT_TRUE(DemandLog(*matter_, spec_, log).ok());
  }

  FakeEnv env_{1'800'000'000};
  CaseOptions options_;
  fs::path dir_;
  std::unique_ptr<Case> matter_;
  demand::DemandSpec spec_ = Spec();
};

TEST_F(DemandBoardTest, HistoryCountsEveryRecipientEveryDay) {
  Track();
  auto board = DemandBoardFor(*matter_, spec_, Day(3, 20), 14);
  ASSERT_TRUE(board.ok()) << board.status().ToString();
  ASSERT_EQ(board->status.rows.size(), 3u);
  EXPECT_EQ(board->status.rows[1].state.status, "served");
  EXPECT_TRUE(board->status.rows[1].state.overdue);
  // From the first service to the day asked about, one point a day.
  ASSERT_EQ(board->history.size(), 20u);
  EXPECT_EQ(board->step_days, 1);
  EXPECT_EQ(board->history.front().date, Day(3, 1));
  EXPECT_EQ(board->history.back().date, Day(3, 20));
  for (const DemandBoardDay& d : board->history) {
    int64_t total = 0;
    for (const auto& [status, n] : d.statuses) total += n;
    EXPECT_EQ(total, 3) << d.date.ToString();
  }
  const DemandBoardDay& first = board->history[0];
  EXPECT_EQ(first.statuses.at("served"), 2);
  EXPECT_EQ(first.statuses.at("not_served"), 1);
  const DemandBoardDay& fifth = board->history[4];  // 5 March: alpha's volume arrives
  EXPECT_EQ(fifth.statuses.at("deficient"), 1);
  EXPECT_EQ(fifth.productions, 1);
  EXPECT_EQ(fifth.documents, 12);
  EXPECT_EQ(fifth.recipients_produced, 1);
  EXPECT_EQ(board->history[3].productions_to_date, 0);
  EXPECT_EQ(board->history.back().productions_to_date, 1);
  EXPECT_EQ(board->history.back().productions, 0);
  // beta is past due (12 March) and still open: charted as overdue from the 13th, and both
  // unresolved recipients (alpha deficient, past due too) count.
  EXPECT_EQ(board->history[11].statuses.count("overdue"), 0u);  // 12 March
  EXPECT_EQ(board->history[12].statuses.at("overdue"), 2);      // 13 March
}

TEST_F(DemandBoardTest, NothingRecordedIsOneDayOfNotServed) {
  auto board = DemandBoardFor(*matter_, spec_, Day(3, 20), 14);
  ASSERT_TRUE(board.ok()) << board.status().ToString();
  ASSERT_EQ(board->history.size(), 1u);
  EXPECT_EQ(board->history[0].statuses.at("not_served"), 3);
}

TEST_F(DemandBoardTest, ALongHistoryIsSampledAndEndsOnTheDayAsked) {
  Track();
  CivilDate later{2021, 3, 1};
  auto board = DemandBoardFor(*matter_, spec_, later, 14);
  ASSERT_TRUE(board.ok()) << board.status().ToString();
  EXPECT_LE(board->history.size(), static_cast<size_t>(kMaxBoardPoints));
  EXPECT_GT(board->step_days, 1);
  EXPECT_EQ(board->history.back().date, later);
  int64_t productions = 0;
  for (const DemandBoardDay& d : board->history) productions += d.productions;
  EXPECT_EQ(productions, 1);  // counted once, whatever the sampling
}

TEST_F(DemandBoardTest, JsonHasTheRowsTheStatusesAndTheHistory) {
  Track();
  auto board = DemandBoardFor(*matter_, spec_, Day(3, 20), 14);
  ASSERT_TRUE(board.ok());
  auto j = nlohmann::json::parse(ToJson(*board));
  ASSERT_EQ(j["recipients"].size(), 3u);
  EXPECT_EQ(j["recipients"][0]["recipient"], "alpha");
  EXPECT_EQ(j["recipients"][0]["open_deficiencies"]["bates_gap"], 1);
  EXPECT_EQ(j["statuses"][0], "not_served");
  EXPECT_EQ(j["history"]["step_days"], 1);
  EXPECT_EQ(j["history"]["days"].size(), 20u);
  EXPECT_EQ(j["history"]["days"][4]["date"], "2018-03-05");
  EXPECT_EQ(j["history"]["days"][4]["statuses"]["deficient"], 1);
}

}  // namespace
}  // namespace bates::engine
