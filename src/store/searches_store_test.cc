// The searches area's contract (saved searches, item keys), on every backend.
#include "store/searches_store.h"

#include <gtest/gtest.h>

#include "store/case_store.h"
#include "store/store_test_util.h"

namespace bates::store {
namespace {

using testing::MakeItem;
using testing::TempDir;

class SearchStoreTest : public ::testing::TestWithParam<std::string> {
 protected:
  void SetUp() override { Reopen(); }
  void Reopen() {
    store_.reset();
    auto opened = CaseStore::OpenSqlite(dir_.path() / "bates.db", /*create=*/true);
    ASSERT_TRUE(opened.ok()) << opened.status().ToString();
    store_ = std::move(opened).value();
  }

  TempDir dir_{"search-store-test"};
  std::unique_ptr<CaseStore> store_;
};

TEST_P(SearchStoreTest, SavedSearchesRoundTripInOrderAndSurviveReopening) {
  SavedSearch first{0, "ICE w/5 directive*", false, "search", "ramos", 1516800000, 42};
  SavedSearch second{0, "immigration and customs", true, "terms", "okafor", 1516800060, 0};
  auto id1 = store_->searches().SaveSearch(first);
  ASSERT_TRUE(id1.ok()) << id1.status().ToString();
  auto id2 = store_->searches().SaveSearch(second);
  ASSERT_TRUE(id2.ok()) << id2.status().ToString();
  EXPECT_LT(*id1, *id2);
  Reopen();
  auto list = store_->searches().ListSearches();
  ASSERT_TRUE(list.ok()) << list.status().ToString();
  ASSERT_EQ(list->size(), 2u);
  const SavedSearch& a = (*list)[0];
  EXPECT_EQ(a.id, *id1);
  EXPECT_EQ(a.query, first.query);
  EXPECT_FALSE(a.spaces_mean_phrase);
  EXPECT_EQ(a.origin, "search");
  EXPECT_EQ(a.ran_by, "ramos");
  EXPECT_EQ(a.ran_at, 1516800000);
  EXPECT_EQ(a.hits, 42);
  EXPECT_TRUE((*list)[1].spaces_mean_phrase);
  EXPECT_EQ((*list)[1].origin, "terms");
}

TEST_P(SearchStoreTest, RefusesAnUnknownOrigin) {
  SavedSearch bad{0, "x", false, "guess", "ramos", 1, 0};
  EXPECT_EQ(store_->searches().SaveSearch(bad).status().code(), StatusCode::kInvalidArgument);
}

TEST_P(SearchStoreTest, ItemKeysGiveFamilyAndHashInIdOrder) {
  auto c = store_->EnsureCustodian("Ramos");
  ASSERT_TRUE(c.ok());
  auto s = store_->EnsureSource("/export", c->id, true, 1000);
  ASSERT_TRUE(s.ok());
  Item head = MakeItem(1, s->id, 1, "a.eml");
  head.sha256 = std::string(64, 'a');
  Item attachment = MakeItem(2, s->id, 1, "a.eml");
  attachment.parent_id = 1;
  attachment.family_id = 1;
  attachment.sha256 = std::string(64, 'b');
  ASSERT_TRUE(store_->InsertItem(head).ok());
  ASSERT_TRUE(store_->InsertItem(attachment).ok());
  auto keys = store_->searches().ItemKeys();
  ASSERT_TRUE(keys.ok()) << keys.status().ToString();
  ASSERT_EQ(keys->size(), 2u);
  EXPECT_EQ((*keys)[1].id, 2);
  EXPECT_EQ((*keys)[1].family_id, 1);
  EXPECT_EQ((*keys)[1].sha256, std::string(64, 'b'));
}

INSTANTIATE_TEST_SUITE_P(Backends, SearchStoreTest, ::testing::Values("sqlite"));

}  // namespace
}  // namespace bates::store
