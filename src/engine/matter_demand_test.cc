#include "engine/matter_demand.h"

#include <gmock/gmock.h>
#include <gtest/gtest.h>

namespace bates::engine {
namespace {

using ::testing::HasSubstr;

MatterDemandView Sample() {
  MatterDemandView v;
  v.title = "Fictional demand \"A\" & <B>";
  v.issuer = "Example Requester (fictional)";
  v.timeframe_start = "2017-01-01";
  v.timeframe_end = "2017-12-31";
  v.deadline = "10 business days from service";
  v.requests = {{1, "Memos", {"memo", "detainer"}}, {3, "Bulletins", {}}};
  return v;
}

TEST(MatterDemandTest, StoredFormRoundTrips) {
  auto back = MatterDemandFromJson(MatterDemandToJson(Sample()));
  ASSERT_TRUE(back.ok()) << back.status().ToString();
  EXPECT_EQ(back->title, Sample().title);
  EXPECT_EQ(back->timeframe_end, "2017-12-31");
  ASSERT_EQ(back->requests.size(), 2u);
  EXPECT_EQ(back->requests[0].suggested_terms, (std::vector<std::string>{"memo", "detainer"}));
  EXPECT_EQ(back->requests[1].number, 3);
}

TEST(MatterDemandTest, DamagedStoredFormIsCorruptNotACrash) {
  EXPECT_EQ(MatterDemandFromJson("{not json").status().code(), StatusCode::kCorrupt);
  EXPECT_EQ(MatterDemandFromJson(R"({"requests": [{"text": "no number"}]})").status().code(),
            StatusCode::kCorrupt);
}

TEST(MatterDemandTest, RequestNumbersAreCheckedAgainstTheDemand) {
  EXPECT_TRUE(CheckRequestNumbers(Sample(), "1,3").ok());
  Status bad = CheckRequestNumbers(Sample(), "1,2");
  EXPECT_EQ(bad.code(), StatusCode::kInvalidArgument);
  EXPECT_THAT(bad.message(),
              HasSubstr("request 2 is not in the matter's demand (its requests: 1, 3)"));
}

}  // namespace
}  // namespace bates::engine
