// The AnalyticsStore contract: a run's results round-trip, and a new run replaces the old one.
#include "store/analytics_store.h"

#include <gtest/gtest.h>

#include "store/case_store.h"
#include "store/store_test_util.h"

namespace bates::store {
namespace {

using testing::MakeItem;
using testing::TempDir;

class AnalyticsStoreTest : public ::testing::Test {
 protected:
  void SetUp() override {
    auto opened = CaseStore::OpenSqlite(dir_.path() / "bates.db", /*create=*/true);
    ASSERT_TRUE(opened.ok()) << opened.status().ToString();
    store_ = std::move(opened).value();
    for (const char* name : {"Ramos", "Achterberg"}) {
      auto c = store_->EnsureCustodian(name);
      ASSERT_TRUE(c.ok());
      auto s = store_->EnsureSource(std::string("/src/") + name, c->id, true, 1000);
      ASSERT_TRUE(s.ok());
      custodians_.push_back(c->id);
      sources_.push_back(s->id);
    }
    for (model::ItemId id = 1; id <= 4; ++id) {
      ASSERT_TRUE(store_->InsertItem(MakeItem(id, sources_[id <= 2 ? 0 : 1], id, "f")).ok());
    }
  }

  TempDir dir_{"analytics-store-test"};
  std::unique_ptr<CaseStore> store_;
  std::vector<int64_t> custodians_, sources_;
};

TEST_F(AnalyticsStoreTest, ReplaceRoundTripsAndReplacesTheLastRun) {
  AnalyticsStore& a = store_->analytics();
  auto none = a.Get(1);
  ASSERT_TRUE(none.ok());
  EXPECT_FALSE(none->has_value());

  ItemAnalytics master;
  master.item_id = 1;
  master.dedup_key = "md5:abc";
  master.dup_group = 1;
  master.near_group = 1;
  master.near_similarity = 1.0;
  ItemAnalytics copy = master;
  copy.item_id = 3;
  copy.duplicate_of = 1;
  ItemAnalytics email;
  email.item_id = 2;
  email.thread_id = 2;
  email.thread_depth = 0;
  email.thread_position = 1;
  email.thread_size = 3;
  email.inclusive = false;
  AnalyticsRun run{1700000000, "global", 0.9, 3};
  ASSERT_TRUE(
      a.Replace({master, copy, email}, {{1, custodians_[0]}, {1, custodians_[1]}}, run).ok());

  auto got = a.Get(3);
  ASSERT_TRUE(got.ok() && got->has_value());
  EXPECT_EQ((*got)->duplicate_of, 1);
  EXPECT_EQ((*got)->dup_group, 1);
  EXPECT_EQ((*got)->near_similarity, 1.0);
  EXPECT_EQ((*got)->thread_id, std::nullopt);
  got = a.Get(2);
  ASSERT_TRUE(got.ok() && got->has_value());
  EXPECT_EQ((*got)->inclusive, false);
  EXPECT_EQ((*got)->thread_size, 3);
  EXPECT_EQ((*got)->near_group, std::nullopt);
  auto names = a.GroupCustodians(1);
  ASSERT_TRUE(names.ok());
  EXPECT_EQ(*names, (std::vector<std::string>{"Achterberg", "Ramos"}));
  auto last = a.LastRun();
  ASSERT_TRUE(last.ok() && last->has_value());
  EXPECT_EQ((*last)->dedup_scope, "global");
  EXPECT_EQ((*last)->near_threshold, 0.9);

  // A second run leaves nothing of the first.
  ASSERT_TRUE(a.Replace({email}, {}, {1700000100, "custodian", 0.8, 1}).ok());
  got = a.Get(3);
  ASSERT_TRUE(got.ok());
  EXPECT_FALSE(got->has_value());
  names = a.GroupCustodians(1);
  ASSERT_TRUE(names.ok());
  EXPECT_TRUE(names->empty());
  int rows = 0;
  ASSERT_TRUE(a.ForEach([&rows](const ItemAnalytics&) {
                 ++rows;
                 return Status::Ok();
               }).ok());
  EXPECT_EQ(rows, 1);
}

}  // namespace
}  // namespace bates::store
