#include "demand/spec.h"

#include <gmock/gmock.h>
#include <gtest/gtest.h>

namespace bates::demand {
namespace {

using ::testing::HasSubstr;

constexpr const char* kValid = R"(schema_version: 1
title: Fictional test demand
issuer: Example Requester (fictional)
legal_basis: Grant condition (fictional)
requests:
  - number: 1
    text: All communications about the policy.
    suggested_terms: [policy, detainer]
  - number: 2
    text: All directives about the policy.
definitions:
  communication: any transmission of information
instructions:
  - Produce documents as kept in the usual course.
timeframe: {start: 2017-01-01, end: 2018-01-24}
deadline: {days: 14, counting: business}
recipients:
  - id: alpha
    name: Pat Example
    agency: City of Alpha (fictional)
    state: IL
    time_zone: America/Chicago
    grant_number: 2016-XX-0001
    contacts: [{name: Pat Example, email: pat@example.invalid}]
    history: [{date: 2017-11-15, summary: Earlier letter}]
  - id: beta
    name: Lee Example
    agency: Beta County (fictional)
    state: CA
    time_zone: America/Los_Angeles
recipient_lists:
  west: [beta]
)";

TEST(DemandSpecTest, LoadsEveryPart) {
  Result<DemandSpec> spec = ParseDemandSpec(kValid, "t.yaml");
  ASSERT_TRUE(spec.ok()) << spec.status().ToString();
  EXPECT_EQ(spec->requests.size(), 2u);
  EXPECT_EQ(spec->requests[0].suggested_terms.size(), 2u);
  EXPECT_EQ(spec->timeframe.start.ToString(), "2017-01-01");
  EXPECT_EQ(spec->deadline.kind, DeadlineRule::Kind::kBusinessDays);
  EXPECT_EQ(spec->deadline.days, 14);
  ASSERT_NE(spec->FindRecipient("alpha"), nullptr);
  EXPECT_EQ(spec->FindRecipient("alpha")->history.size(), 1u);
  EXPECT_EQ(spec->recipient_lists.size(), 1u);
  EXPECT_NE(spec->FindRequest(2), nullptr);
}

TEST(DemandSpecTest, ErrorNamesLineAndField) {
  std::string bad = kValid;
  bad.replace(bad.find("state: CA"), 9, "state: California");
  Result<DemandSpec> spec = ParseDemandSpec(bad, "t.yaml");
  ASSERT_FALSE(spec.ok());
  EXPECT_THAT(spec.status().message(), HasSubstr("t.yaml:"));
  EXPECT_THAT(spec.status().message(), HasSubstr("recipients[1].state"));
}

TEST(DemandSpecTest, RefusesOtherSchemaVersion) {
  std::string bad = kValid;
  bad.replace(0, 17, "schema_version: 9");
  Result<DemandSpec> spec = ParseDemandSpec(bad, "t.yaml");
  ASSERT_FALSE(spec.ok());
  EXPECT_THAT(spec.status().message(), HasSubstr("t.yaml:1: schema_version"));
}

TEST(DemandSpecTest, RefusesDuplicateRequestAndBadDate) {
  std::string dup = kValid;
  dup.replace(dup.find("number: 2"), 9, "number: 1");
  EXPECT_THAT(ParseDemandSpec(dup, "t.yaml").status().message(), HasSubstr("numbered twice"));
  std::string date = kValid;
  date.replace(date.find("2018-01-24"), 10, "2018-02-30");
  EXPECT_THAT(ParseDemandSpec(date, "t.yaml").status().message(), HasSubstr("timeframe.end"));
}

TEST(DemandSpecTest, MalformedYamlIsAnErrorNotACrash) {
  Result<DemandSpec> spec = ParseDemandSpec("a: [unclosed", "t.yaml");
  ASSERT_FALSE(spec.ok());
  EXPECT_THAT(spec.status().message(), HasSubstr("t.yaml:"));
  EXPECT_FALSE(ParseDemandSpec("", "t.yaml").ok());
  EXPECT_FALSE(LoadDemandSpec("/nonexistent/spec.yaml").ok());
}

}  // namespace
}  // namespace bates::demand

namespace bates::demand {
namespace {

TEST(DemandSpecTest, ModelCaseExampleLoads) {
  Result<DemandSpec> spec = LoadDemandSpec(BATES_DEMAND_EXAMPLES "/doj-2018/demand.yaml");
  ASSERT_TRUE(spec.ok()) << spec.status().ToString();
  EXPECT_EQ(spec->recipients.size(), 23u);
  EXPECT_EQ(spec->deadline.days, 30);
}

}  // namespace
}  // namespace bates::demand
