#include "produce/spec.h"

#include <gtest/gtest.h>

namespace bates::produce {
namespace {

TEST(ParseSpec, ReadsEveryKey) {
  auto spec = ParseSpec(
      "# ESI protocol, appendix A\n"
      "image_format = tiff\n"
      "bates_digits = 8\n"
      "date_format = %Y-%m-%d\n"
      "time_format = %H%M\n"
      "files_per_folder = 500\n"
      "fields = BEGBATES:BegDoc, endbates:EndDoc, CUSTODIAN\n"
      "endorsement_left = CONFIDENTIAL\n"
      "native_types = image/, presentation\n");
  ASSERT_TRUE(spec.ok()) << spec.status().ToString();
  EXPECT_EQ(spec->image_format, ImageFormat::kTiff);
  EXPECT_EQ(spec->bates_digits, 8);
  EXPECT_EQ(spec->files_per_folder, 500);
  EXPECT_EQ(spec->endorsement_left, "CONFIDENTIAL");
  using P = std::pair<std::string, std::string>;
  EXPECT_EQ(
      spec->fields,
      (std::vector<P>{{"BEGBATES", "BegDoc"}, {"ENDBATES", "EndDoc"}, {"CUSTODIAN", "CUSTODIAN"}}));
  EXPECT_EQ(spec->native_types, (std::vector<std::string>{"image/", "presentation"}));
  EXPECT_EQ(FormatDateTime(spec->date_format, 2018, 1, 24, 9, 5, 0), "2018-01-24");
  EXPECT_EQ(FormatDateTime(spec->time_format, 2018, 1, 24, 9, 5, 0), "0905");
}

TEST(ParseSpec, DefaultsAreTheStandardFieldsAndPdf) {
  auto spec = ParseSpec("");
  ASSERT_TRUE(spec.ok());
  EXPECT_EQ(spec->image_format, ImageFormat::kPdf);
  ASSERT_EQ(spec->fields.size(), StandardFields().size());
  EXPECT_EQ(spec->fields.front().first, "BEGBATES");
}

TEST(ParseSpec, RejectsUnknownKeysFieldsAndValuesNamingTheLine) {
  auto bad_key = ParseSpec("\nimage_dpi = 300\n");
  ASSERT_FALSE(bad_key.ok());
  EXPECT_NE(bad_key.status().message().find("line 2"), std::string::npos);
  EXPECT_FALSE(ParseSpec("fields = BEGBATES, NOSUCHFIELD").ok());
  EXPECT_FALSE(ParseSpec("image_format = jpeg").ok());
  EXPECT_FALSE(ParseSpec("bates_digits = 0").ok());
}

}  // namespace
}  // namespace bates::produce
