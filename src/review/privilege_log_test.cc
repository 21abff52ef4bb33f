#include "review/privilege_log.h"

#include <gtest/gtest.h>

#include "review/xlsx.h"

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

// Reads the stored ZIP back: each member's local header names it and holds its bytes.
TEST(PrivilegeLog, XlsxIsAZipOfTheParts) {
  PrivilegeLogRow row;
  row.document = "DOC-000001";
  row.description = "A <b> & c";
  std::string xlsx = PrivilegeLogXlsx({row});
  ASSERT_GE(xlsx.size(), 22u);
  EXPECT_EQ(xlsx.substr(0, 4), std::string("PK\x03\x04", 4));
  EXPECT_EQ(xlsx.substr(xlsx.size() - 22, 4), std::string("PK\x05\x06", 4));
  for (const char* part : {"[Content_Types].xml", "_rels/.rels", "xl/workbook.xml",
                           "xl/_rels/workbook.xml.rels", "xl/worksheets/sheet1.xml"}) {
    EXPECT_NE(xlsx.find(part), std::string::npos) << part;
  }
  EXPECT_NE(xlsx.find("A &lt;b&gt; &amp; c"), std::string::npos);
  EXPECT_NE(xlsx.find("<c r=\"J1\" t=\"inlineStr\">"), std::string::npos);
}

TEST(PrivilegeLog, ZipCrcIsTheStandardOne) {
  // CRC-32 of "123456789" is 0xCBF43926 (the check value of the standard).
  std::string zip = StoredZip({{"a", "123456789"}});
  EXPECT_EQ(zip.substr(14, 4), std::string("\x26\x39\xF4\xCB", 4));
}

}  // namespace
}  // namespace bates::review
