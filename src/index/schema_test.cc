#include "index/schema.h"

#include <gtest/gtest.h>

namespace bates::index::schema {
namespace {

using Strings = std::vector<std::string>;

TEST(SchemaTest, AddressTermsHaveEveryParentDomain) {
  EXPECT_EQ(AddressTerms("Chief@PD.larkspur.example"),
            Strings({"chief@pd.larkspur.example", "chief", "pd.larkspur.example",
                     "larkspur.example", "example"}));
  EXPECT_EQ(
      AddressTerms("<dana.lee@city.example>"),
      Strings({"dana.lee@city.example", "dana.lee", "dana", "lee", "city.example", "example"}));
  // No '@' (an Exchange path, a bare name): kept whole only.
  EXPECT_EQ(AddressTerms("/O=LARKSPUR/OU=PD"), Strings({"/o=larkspur/ou=pd"}));
}

TEST(SchemaTest, FindAddressesInText) {
  EXPECT_EQ(FindAddresses("Write to <Chief@PD.larkspur.example>, or press@city.example."),
            Strings({"chief@pd.larkspur.example", "press@city.example"}));
  EXPECT_EQ(FindAddresses("version 1@2.3 and @ alone and a@b"), Strings({}));
}

TEST(SchemaTest, LooksLikeAddress) {
  EXPECT_TRUE(LooksLikeAddress("chief@pd.larkspur.example"));
  EXPECT_FALSE(LooksLikeAddress("larkspur.example"));
  EXPECT_FALSE(LooksLikeAddress("a@b@c.example"));
  EXPECT_FALSE(LooksLikeAddress("chief@"));
}

TEST(SchemaTest, TypeFamilies) {
  EXPECT_EQ(TypeFamily("message/rfc822"), "email");
  EXPECT_EQ(TypeFamily("application/PDF"), "pdf");
  EXPECT_EQ(TypeFamily("text/html"), "html");
  EXPECT_EQ(TypeFamily("text/plain"), "text");
  EXPECT_EQ(TypeFamily("application/zip"), "zip");
  EXPECT_EQ(TypeFamily("application/vnd.openxmlformats-officedocument.wordprocessingml.document"),
            "word");
  EXPECT_EQ(TypeFamily("application/vnd.ms-excel"), "excel");
  EXPECT_EQ(TypeFamily("application/octet-stream"), "");
}

TEST(SchemaTest, WordsSplitAsTheIndexerDoes) {
  EXPECT_EQ(Words("Use-of-FORCE, e.g. 3.14"), Strings({"use", "of", "force", "e", "g", "3.14"}));
  EXPECT_EQ(Words("report_final"), Strings({"report_final"}));
  EXPECT_EQ(Words(FileNameText("report_final.pdf")), Strings({"report", "final", "pdf"}));
  EXPECT_EQ(Words("-- !!"), Strings({}));
}

}  // namespace
}  // namespace bates::index::schema
