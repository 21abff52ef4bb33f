// The tar area's contract: one review per case, codings in the order they were made (a recoding
// moves to the end), batches numbered by round.
#include "store/tar_store.h"

#include <gtest/gtest.h>

#include "store/case_store.h"
#include "store/store_test_util.h"

namespace bates::store {
namespace {

using testing::MakeItem;
using testing::TempDir;

class TarStoreTest : public ::testing::Test {
 protected:
  void SetUp() override {
    auto opened = CaseStore::OpenSqlite(dir_.path() / "bates.db", /*create=*/true);
    ASSERT_TRUE(opened.ok()) << opened.status().ToString();
    store_ = std::move(opened).value();
    auto c = store_->EnsureCustodian("Ramos");
    ASSERT_TRUE(c.ok());
    auto s = store_->EnsureSource("/src/Ramos", c->id, true, 1000);
    ASSERT_TRUE(s.ok());
    for (model::ItemId id = 1; id <= 4; ++id) {
      ASSERT_TRUE(store_->InsertItem(MakeItem(id, s->id, id, "f")).ok());
    }
  }

  TempDir dir_{"tar-store-test"};
  std::unique_ptr<CaseStore> store_;
};

TEST_F(TarStoreTest, OneReviewPerCase) {
  TarStore& t = store_->tar();
  auto none = t.GetReview();
  ASSERT_TRUE(none.ok());
  EXPECT_FALSE(none->has_value());
  ASSERT_TRUE(t.StartReview({"request 1", "grain exports", "ramos", 100, 1}).ok());
  EXPECT_EQ(t.StartReview({"again", "", "ramos", 101, 1}).code(), StatusCode::kAlreadyExists);
  ASSERT_TRUE(t.SetNextBatch(13).ok());
  auto r = t.GetReview();
  ASSERT_TRUE(r.ok() && r->has_value());
  EXPECT_EQ((*r)->topic, "request 1");
  EXPECT_EQ((*r)->seed_text, "grain exports");
  EXPECT_EQ((*r)->next_batch, 13);
}

TEST_F(TarStoreTest, CodingsKeepTheirOrderAndARecodingMovesToTheEnd) {
  TarStore& t = store_->tar();
  // All in one second: the order is still the order they were made in.
  ASSERT_TRUE(t.Code({3, true, "reviewer", "ramos", 100}).ok());
  ASSERT_TRUE(t.Code({1, false, "reviewer", "ramos", 100}).ok());
  ASSERT_TRUE(t.Code({2, true, "duplicate", "ramos", 100}).ok());
  ASSERT_TRUE(t.Code({3, false, "reviewer", "okafor", 100}).ok());
  auto c = t.Codings();
  ASSERT_TRUE(c.ok()) << c.status().ToString();
  ASSERT_EQ(c->size(), 3u);
  EXPECT_EQ((*c)[0].item_id, 1);
  EXPECT_EQ((*c)[1].item_id, 2);
  EXPECT_EQ((*c)[1].origin, "duplicate");
  EXPECT_EQ((*c)[2].item_id, 3);
  EXPECT_FALSE((*c)[2].responsive);
  EXPECT_EQ((*c)[2].coded_by, "okafor");
}

TEST_F(TarStoreTest, BatchesAreNumberedByRound) {
  TarStore& t = store_->tar();
  auto empty = t.LastBatch();
  ASSERT_TRUE(empty.ok());
  EXPECT_TRUE(empty->empty());
  auto r1 = t.AddBatch({{0, 1, 4, 0.5, 100}});
  ASSERT_TRUE(r1.ok()) << r1.status().ToString();
  EXPECT_EQ(*r1, 1);
  auto r2 = t.AddBatch({{0, 1, 2, 0.25, 101}, {0, 2, 1, -0.5, 101}});
  ASSERT_TRUE(r2.ok());
  EXPECT_EQ(*r2, 2);
  auto last = t.LastBatch();
  ASSERT_TRUE(last.ok());
  ASSERT_EQ(last->size(), 2u);
  EXPECT_EQ((*last)[0].round, 2);
  EXPECT_EQ((*last)[0].item_id, 2);
  EXPECT_DOUBLE_EQ((*last)[1].score, -0.5);
}

}  // namespace
}  // namespace bates::store
