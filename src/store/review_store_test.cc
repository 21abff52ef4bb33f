// The ReviewStore contract: coding upserts and clears, the privilege list, a screen run replaces
// the last, redactions of both areas round-trip and the schema refuses malformed ones. Also that
// migration numbers rise and a new case has the review area.
#include "store/review_store.h"

#include <gtest/gtest.h>

#include "store/case_store.h"
#include "store/schema.h"
#include "store/store_test_util.h"

namespace bates::store {
namespace {

using testing::MakeItem;
using testing::TempDir;

class ReviewStoreTest : public ::testing::Test {
 protected:
  void SetUp() override {
    auto opened = CaseStore::OpenSqlite(dir_.path() / "bates.db", /*create=*/true);
    ASSERT_TRUE(opened.ok()) << opened.status().ToString();
    store_ = std::move(opened).value();
    auto c = store_->EnsureCustodian("Achterberg");
    ASSERT_TRUE(c.ok());
    auto s = store_->EnsureSource("/src/a", c->id, true, 1000);
    ASSERT_TRUE(s.ok());
    for (model::ItemId id = 1; id <= 3; ++id) {
      ASSERT_TRUE(store_->InsertItem(MakeItem(id, s->id, id, "f")).ok());
    }
  }

  TempDir dir_{"review-store-test"};
  std::unique_ptr<CaseStore> store_;
};

TEST_F(ReviewStoreTest, CodingIsUpsertedAndCleared) {
  ReviewStore& r = store_->review();
  ASSERT_TRUE(r.SetCoding({2, "responsive", "yes", "ramos", 100, "GO 17-03"}).ok());
  ASSERT_TRUE(r.SetCoding({2, "responsive", "no", "lee", 200, "second look"}).ok());
  ASSERT_TRUE(r.SetCoding({1, "privileged", "attorney-client", "lee", 300, ""}).ok());
  auto coding = r.ItemCoding(2);
  ASSERT_TRUE(coding.ok());
  ASSERT_EQ(coding->size(), 1u);
  EXPECT_EQ((*coding)[0].value, "no");
  EXPECT_EQ((*coding)[0].reviewer, "lee");
  EXPECT_EQ((*coding)[0].reason, "second look");
  std::vector<model::ItemId> order;
  ASSERT_TRUE(r.ForEachCoding([&](const Coding& c) {
                 order.push_back(c.item_id);
                 return Status::Ok();
               }).ok());
  EXPECT_EQ(order, (std::vector<model::ItemId>{1, 2}));
  ASSERT_TRUE(r.ClearCoding(2, "responsive").ok());
  EXPECT_TRUE(r.ItemCoding(2)->empty());
}

TEST_F(ReviewStoreTest, PrivilegeListAddsUpdatesAndRemoves) {
  ReviewStore& r = store_->review();
  ASSERT_TRUE(r.AddPrivilegeParty({0, "domain", "law.example", "outside counsel"}).ok());
  ASSERT_TRUE(r.AddPrivilegeParty({0, "domain", "law.example", "Outside Counsel LLP"}).ok());
  ASSERT_TRUE(r.AddPrivilegeParty({0, "term", "legal advice", ""}).ok());
  auto list = r.ListPrivilegeParties();
  ASSERT_TRUE(list.ok());
  ASSERT_EQ(list->size(), 2u);
  EXPECT_EQ((*list)[0].label, "Outside Counsel LLP");
  EXPECT_EQ(r.RemovePrivilegeParty("term", "no such").code(), StatusCode::kNotFound);
  ASSERT_TRUE(r.RemovePrivilegeParty("term", "legal advice").ok());
  EXPECT_EQ(r.ListPrivilegeParties()->size(), 1u);
}

TEST_F(ReviewStoreTest, AScreenReplacesTheLast) {
  ReviewStore& r = store_->review();
  EXPECT_FALSE(r.LastScreen()->has_value());
  ASSERT_TRUE(r.ReplaceScreen({{1, "cc a@law.example"}}, {{1, "ssn", 4, 15}, {2, "dob", 0, 10}},
                              {10, 3, 999})
                  .ok());
  ASSERT_TRUE(
      r.ReplaceScreen({{3, "text says \"legal advice\""}}, {{2, "phone", 5, 17}}, {20, 3, 1000})
          .ok());
  auto flags = r.ListPrivilegeHits();
  ASSERT_TRUE(flags.ok());
  ASSERT_EQ(flags->size(), 1u);
  EXPECT_EQ((*flags)[0].item_id, 3);
  auto pii = r.ListPiiHits(std::nullopt);
  ASSERT_EQ(pii->size(), 1u);
  EXPECT_EQ((*pii)[0].kind, "phone");
  EXPECT_TRUE(r.ListPiiHits(1)->empty());
  EXPECT_EQ(r.LastScreen()->value().text_bytes, 1000);
  // A kind outside the fixed list is refused by the schema.
  EXPECT_FALSE(r.ReplaceScreen({}, {{1, "salary", 0, 3}}, {30, 3, 1}).ok());
}

TEST_F(ReviewStoreTest, RedactionsOfBothAreasRoundTrip) {
  ReviewStore& r = store_->review();
  RedactionRow text;
  text.item_id = 2;
  text.start = 4;
  text.end = 15;
  text.reason = "Personal data (ssn)";
  text.origin = "pii";
  text.reviewer = "ramos";
  text.created_at = 50;
  RedactionRow page = text;
  page.area = "page";
  page.page = 2;
  page.x = 72;
  page.y = 100.5;
  page.width = 200;
  page.height = 14;
  page.origin = "reviewer";
  auto a = r.AddRedaction(text);
  auto b = r.AddRedaction(page);
  ASSERT_TRUE(a.ok() && b.ok()) << a.status().ToString() << b.status().ToString();
  auto list = r.ListRedactions(2);
  ASSERT_TRUE(list.ok());
  ASSERT_EQ(list->size(), 2u);
  EXPECT_EQ((*list)[0].area, "text");
  EXPECT_EQ((*list)[0].end, 15);
  EXPECT_EQ((*list)[1].area, "page");
  EXPECT_EQ((*list)[1].page, 2);
  EXPECT_DOUBLE_EQ((*list)[1].y, 100.5);
  // Malformed: an empty span, a page 0, no reason.
  RedactionRow bad = text;
  bad.end = bad.start;
  EXPECT_FALSE(r.AddRedaction(bad).ok());
  bad = page;
  bad.page = 0;
  EXPECT_FALSE(r.AddRedaction(bad).ok());
  bad = text;
  bad.reason = "";
  EXPECT_FALSE(r.AddRedaction(bad).ok());
  ASSERT_TRUE(r.RemoveRedaction(*a).ok());
  EXPECT_EQ(r.RemoveRedaction(*a).code(), StatusCode::kNotFound);
  EXPECT_EQ(r.ListRedactions(std::nullopt)->size(), 1u);
}

TEST(ReviewSchema, MigrationNumbersRiseAndANewCaseHasTheReviewArea) {
  int last = 0;
  bool has_review = false;
  for (const Migration& m : Migrations()) {
    EXPECT_GT(m.version, last) << m.name;
    last = m.version;
    has_review = has_review || m.name == "0006_review";
  }
  EXPECT_TRUE(has_review);
  // Opening a new case applied every migration, the review area's included.
  TempDir dir("review-schema-test");
  auto opened = CaseStore::OpenSqlite(dir.path() / "bates.db", true);
  ASSERT_TRUE(opened.ok()) << opened.status().ToString();
  EXPECT_TRUE((*opened)->review().ListRedactions(std::nullopt).ok());
  auto reopened = CaseStore::OpenSqlite(dir.path() / "bates.db", false);
  ASSERT_TRUE(reopened.ok()) << reopened.status().ToString();
}

}  // namespace
}  // namespace bates::store
