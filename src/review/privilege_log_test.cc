#include "review/privilege_log.h"

#include <gtest/gtest.h>

namespace bates::review {
namespace {

TEST(PrivilegeLog, CsvQuotesWhatNeedsIt) {
  PrivilegeLogRow row;
  row.document = "DOC-000012";
  row.date = "2017-03-06";
  row.author = "Miriam Achterberg <machterberg@cityattorney.example>";
  row.to = "Dana Whitcombe <dw@pd.example>";
  row.description = "Memorandum giving legal advice on \"GO 17-03\", draft 2";
  row.basis = "attorney-client";
  row.treatment = "withheld";
  std::string csv = PrivilegeLogCsv({row});
  EXPECT_EQ(csv.substr(0, csv.find("\r\n")),
            "Bates,Date,Author,To,CC,BCC,Description,Privilege basis,Treatment,Family relation");
  EXPECT_NE(csv.find("\"Memorandum giving legal advice on \"\"GO 17-03\"\", draft 2\""),
            std::string::npos);
  EXPECT_EQ(csv.substr(csv.size() - 2), "\r\n");
}

// The workbook is a ZIP package (its cells are checked through openpyxl in the integration test).
TEST(PrivilegeLog, XlsxIsAZipPackage) {
  PrivilegeLogRow row;
  row.document = "DOC-000001";
  row.description = "A <b> & c";
  Result<std::string> xlsx = PrivilegeLogXlsx({row});
  ASSERT_TRUE(xlsx.ok()) << xlsx.status().ToString();
  ASSERT_GE(xlsx->size(), 22u);
  EXPECT_EQ(xlsx->substr(0, 4), std::string("PK\x03\x04", 4));
  EXPECT_NE(xlsx->find("xl/worksheets/sheet1.xml"), std::string::npos);
}

TEST(PrivilegeLog, XlsxRefusesACellLongerThanExcelAllows) {
  PrivilegeLogRow row;
  row.description = std::string(40000, 'x');
  Result<std::string> xlsx = PrivilegeLogXlsx({row});
  ASSERT_FALSE(xlsx.ok());
  EXPECT_EQ(xlsx.status().code(), StatusCode::kInvalidArgument);
}

}  // namespace
}  // namespace bates::review
