// The demand area's contract: status histories, communications and received productions keep
// what they are given, in order, across reopening; bad statuses and dates are refused.
#include "store/demand_store.h"

#include <gtest/gtest.h>

#include "store/case_store.h"
#include "store/store_test_util.h"

namespace bates::store {
namespace {

using testing::TempDir;

class DemandStoreTest : public ::testing::Test {
 protected:
  void SetUp() override { Reopen(); }
  void Reopen() {
    store_.reset();
    auto opened = CaseStore::OpenSqlite(dir_.path() / "bates.db", /*create=*/true);
    ASSERT_TRUE(opened.ok()) << opened.status().ToString();
    store_ = std::move(opened).value();
  }
  DemandStore& demand() { return store_->demand(); }

  TempDir dir_{"demand-store-test"};
  std::unique_ptr<CaseStore> store_;
};

TEST_F(DemandStoreTest, StatusHistoryIsKeptInDateOrderPerRecipient) {
  ASSERT_TRUE(
      demand().AddStatusEvent({0, "chicago", "2018-01-24", "served", "", {}, {}, 1, "a"}).ok());
  DemandStatusEvent ext{
      0, "chicago", "2018-02-20", "extension_granted", "30 more days", "2018-03-26", {}, 2, "a"};
  ASSERT_TRUE(demand().AddStatusEvent(ext).ok());
  // Recorded later but dated earlier: the history is by date.
  ASSERT_TRUE(demand()
                  .AddStatusEvent(
                      {0, "chicago", "2018-02-01", "acknowledged", "", {}, "2018-02-15", 3, "a"})
                  .ok());
  ASSERT_TRUE(
      demand().AddStatusEvent({0, "denver", "2018-01-24", "served", "", {}, {}, 4, "a"}).ok());
  Reopen();
  auto events = demand().StatusEvents("chicago");
  ASSERT_TRUE(events.ok()) << events.status().ToString();
  ASSERT_EQ(events->size(), 3u);
  EXPECT_EQ((*events)[0].status, "served");
  EXPECT_EQ((*events)[1].status, "acknowledged");
  EXPECT_EQ((*events)[1].promised, std::optional<std::string>("2018-02-15"));
  EXPECT_EQ((*events)[2].new_due, std::optional<std::string>("2018-03-26"));
  EXPECT_EQ((*events)[2].note, "30 more days");
  auto all = demand().StatusEvents("");
  ASSERT_TRUE(all.ok());
  EXPECT_EQ(all->size(), 4u);
}

TEST_F(DemandStoreTest, RefusesUnknownStatusesAndMalformedDates) {
  EXPECT_FALSE(
      demand().AddStatusEvent({0, "chicago", "2018-01-24", "lost", "", {}, {}, 1, ""}).ok());
  EXPECT_FALSE(
      demand().AddStatusEvent({0, "chicago", "24/01/2018", "served", "", {}, {}, 1, ""}).ok());
  EXPECT_FALSE(demand().AddStatusEvent({0, "", "2018-01-24", "served", "", {}, {}, 1, ""}).ok());
  EXPECT_FALSE(
      demand().AddStatusEvent({0, "x", "2018-01-24", "served", "", "soon", {}, 1, ""}).ok());
  EXPECT_FALSE(demand().AddCommunication({0, "x", "2018-01-24", "sideways", "hi", 1}).ok());
  auto events = demand().StatusEvents("");
  ASSERT_TRUE(events.ok());
  EXPECT_TRUE(events->empty());
  EXPECT_TRUE(IsDemandStatus("waiting_on_requester"));
  EXPECT_FALSE(IsDemandStatus("Served"));
}

TEST_F(DemandStoreTest, CommunicationsRoundTrip) {
  ASSERT_TRUE(
      demand().AddCommunication({0, "chicago", "2018-01-24", "sent", "demand served", 1}).ok());
  ASSERT_TRUE(demand()
                  .AddCommunication({0, "chicago", "2018-02-02", "received", "asked for time", 2})
                  .ok());
  Reopen();
  auto comms = demand().Communications("chicago");
  ASSERT_TRUE(comms.ok());
  ASSERT_EQ(comms->size(), 2u);
  EXPECT_EQ((*comms)[1].direction, "received");
  EXPECT_EQ((*comms)[1].summary, "asked for time");
}

TEST_F(DemandStoreTest, ProductionsKeepTheirDefectsInOrder) {
  DemandProduction p;
  p.recipient = "chicago";
  p.volume = "VOL001";
  p.folder = "/tmp/VOL001";
  p.received = "2018-02-20";
  p.documents = 12;
  p.verified = false;
  p.late = true;
  p.defects = {{"hash_mismatch", "IMAGES/1.png"}, {"bates_gap", "CHI-0004 to CHI-0006"}};
  auto id = demand().AddProduction(p);
  ASSERT_TRUE(id.ok()) << id.status().ToString();
  p.volume = "VOL002";
  p.verified = true;
  p.late = false;
  p.defects.clear();
  ASSERT_TRUE(demand().AddProduction(p).ok());
  Reopen();
  auto got = demand().Productions("chicago");
  ASSERT_TRUE(got.ok()) << got.status().ToString();
  ASSERT_EQ(got->size(), 2u);
  EXPECT_EQ((*got)[0].id, *id);
  EXPECT_EQ((*got)[0].documents, 12);
  EXPECT_TRUE((*got)[0].late);
  EXPECT_FALSE((*got)[0].verified);
  ASSERT_EQ((*got)[0].defects.size(), 2u);
  EXPECT_EQ((*got)[0].defects[1].kind, "bates_gap");
  EXPECT_TRUE((*got)[1].verified);
  EXPECT_TRUE((*got)[1].defects.empty());
  auto none = demand().Productions("denver");
  ASSERT_TRUE(none.ok());
  EXPECT_TRUE(none->empty());
}

}  // namespace
}  // namespace bates::store
