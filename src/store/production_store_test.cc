// The production area's contract: productions with their items and files, the Bates run per
// prefix, refusal of a second volume of the same name.
#include "store/production_store.h"

#include <gtest/gtest.h>

#include "store/case_store.h"
#include "store/store_test_util.h"

namespace bates::store {
namespace {

using testing::TempDir;

class ProductionStoreTest : public ::testing::Test {
 protected:
  void SetUp() override { Reopen(); }
  void Reopen() {
    store_.reset();
    auto opened = CaseStore::OpenSqlite(dir_.path() / "bates.db", /*create=*/true);
    ASSERT_TRUE(opened.ok()) << opened.status().ToString();
    store_ = std::move(opened).value();
  }
  static ProductionRow Volume(const std::string& name, const std::string& prefix, int64_t first,
                              int64_t last) {
    ProductionRow p;
    p.volume = name;
    p.prefix = prefix;
    p.first_number = first;
    p.last_number = last;
    p.selection = "ICE";
    p.folder = "productions/" + name;
    p.root_hash = std::string(64, 'a');
    p.qc_passed = true;
    p.created_at = 1519344000;
    p.created_by = "records";
    return p;
  }

  TempDir dir_{"production-store-test"};
  std::unique_ptr<CaseStore> store_;
};

TEST_F(ProductionStoreTest, RecordsAProductionWithItsItemsAndSurvivesReopening) {
  std::vector<ProductionItemRow> items = {
      {1, "container", std::nullopt, std::nullopt, std::nullopt, "", "", std::nullopt},
      {2, "produced", 1, 3, 3, "rendered", "", std::nullopt},
      {3, "withheld", 4, 4, 1, "withheld", "attorney-client", std::nullopt},
      {4, "duplicate", std::nullopt, std::nullopt, std::nullopt, "", "", 2}};
  auto id = store_->production().InsertProduction(Volume("VOL001", "CITY", 1, 4), items,
                                                  {{"DATA/VOL001.dat", 120, std::string(64, 'b')}});
  ASSERT_TRUE(id.ok()) << id.status().ToString();
  Reopen();
  auto list = store_->production().ListProductions();
  ASSERT_TRUE(list.ok());
  ASSERT_EQ(list->size(), 1u);
  EXPECT_EQ((*list)[0].volume, "VOL001");
  EXPECT_EQ((*list)[0].last_number, 4);
  auto back = store_->production().ProductionItems(*id);
  ASSERT_TRUE(back.ok()) << back.status().ToString();
  ASSERT_EQ(back->size(), items.size());
  EXPECT_EQ((*back)[1].beg_number, 1);
  EXPECT_EQ((*back)[1].how, "rendered");
  EXPECT_EQ((*back)[2].reason, "attorney-client");
  EXPECT_EQ((*back)[3].duplicate_of, 2);
  EXPECT_FALSE((*back)[0].beg_number.has_value());
}

TEST_F(ProductionStoreTest, BatesRunIsKeptPerPrefix) {
  auto none = store_->production().LastBatesNumber("CITY");
  ASSERT_TRUE(none.ok());
  EXPECT_FALSE(none->has_value());
  ASSERT_TRUE(store_->production().InsertProduction(Volume("VOL001", "CITY", 1, 40), {}, {}).ok());
  ASSERT_TRUE(store_->production().InsertProduction(Volume("VOL002", "CITY", 41, 90), {}, {}).ok());
  ASSERT_TRUE(store_->production().InsertProduction(Volume("T1", "TOWN", 1, 500), {}, {}).ok());
  // A production that numbered nothing does not move the run.
  ASSERT_TRUE(store_->production().InsertProduction(Volume("VOL003", "CITY", 91, 90), {}, {}).ok());
  EXPECT_EQ(store_->production().LastBatesNumber("CITY").value(), 90);
  EXPECT_EQ(store_->production().LastBatesNumber("TOWN").value(), 500);
  EXPECT_TRUE(store_->production().RangeUsed("CITY", 90, 95).value());
  EXPECT_FALSE(store_->production().RangeUsed("CITY", 91, 95).value());
  EXPECT_FALSE(store_->production().RangeUsed("OTHER", 1, 95).value());
}

TEST_F(ProductionStoreTest, VolumeNamesAreUnique) {
  ASSERT_TRUE(store_->production().InsertProduction(Volume("VOL001", "CITY", 1, 2), {}, {}).ok());
  auto again = store_->production().InsertProduction(Volume("VOL001", "CITY", 3, 4), {}, {});
  ASSERT_FALSE(again.ok());
  EXPECT_EQ(again.status().code(), StatusCode::kAlreadyExists);
}

}  // namespace
}  // namespace bates::store
