#include <gtest/gtest.h>

#include <string>

#include "core/text.h"
#include "ingest/detect.h"
#include "ingest/reader.h"
#include "ingest/testing/fake_read_context.h"
#include "model/item.h"

namespace bates::ingest {
namespace {

using testing::FakeReadContext;

const Reader& Vcf() {
  const Reader* reader = ReaderRegistry::Global().ByName("vcf");
  EXPECT_NE(reader, nullptr);
  return *reader;
}

std::string ExtraValue(const model::Metadata& meta, std::string_view key) {
  for (const auto& [k, v] : meta.extra) {
    if (k == key) return v;
  }
  return {};
}

Extracted ReadCards(std::string_view vcf, Status* status_out = nullptr) {
  FakeReadContext context;
  Status status = Vcf().Read(Input::FromMemory(vcf, "contacts.vcf"), context);
  if (status_out != nullptr) *status_out = status;
  EXPECT_TRUE(status.ok() || status_out != nullptr) << status.ToString();
  if (!context.has_document()) return {};
  EXPECT_TRUE(IsValidUtf8(context.document().text));
  EXPECT_TRUE(context.children.empty());
  return context.document();
}

constexpr std::string_view kCard30 =
    "BEGIN:VCARD\r\n"
    "VERSION:3.0\r\n"
    "N:Ramos;Rita;M.;Chief;\r\n"
    "FN:Chief Rita Ramos\r\n"
    "ORG:Springfield Police (fictional);Records Division\r\n"
    "TITLE:Chief of Police\r\n"
    "EMAIL;TYPE=INTERNET,WORK,PREF:chief@city.example\r\n"
    "EMAIL;TYPE=INTERNET,HOME:rita@home.example\r\n"
    "TEL;TYPE=WORK,VOICE:+1-555-0100\r\n"
    "TEL;TYPE=CELL:+1-555-0101\r\n"
    "ADR;TYPE=WORK:;;100 Main St;Springfield;IL;62701;USA\r\n"
    "URL:https://city.example/police\r\n"
    "BDAY:1970-01-02\r\n"
    "NOTE:Prefers email\\, not calls.\\nAvailable weekdays.\r\n"
    "PHOTO;ENCODING=b;TYPE=JPEG:/9j/4AAQSkZJRgABAQEASABIAAD/2wBDAP//////////////////////\r\n"
    " ////////////////////////////////////////////////////////////////////wAALCAAB\r\n"
    "END:VCARD\r\n";

TEST(VcfReaderTest, CardTextAndMetadata) {
  Extracted doc = ReadCards(kCard30);
  for (const char* expected :
       {"Name: Chief Rita Ramos", "Organization: Springfield Police (fictional), Records Division",
        "Title: Chief of Police", "Email (work): chief@city.example",
        "Email (home): rita@home.example", "Phone (work): +1-555-0100", "Phone (cell): +1-555-0101",
        "Address (work): 100 Main St, Springfield, IL, 62701, USA",
        "Web: https://city.example/police", "Birthday: 1970-01-02",
        "Note: Prefers email, not calls.\nAvailable weekdays."}) {
    EXPECT_NE(doc.text.find(expected), std::string::npos) << expected << " in:\n" << doc.text;
  }
  // The photo is data, not text.
  EXPECT_EQ(doc.text.find("/9j/"), std::string::npos);
  EXPECT_EQ(doc.meta.title, "Chief Rita Ramos");
  EXPECT_EQ(ExtraValue(doc.meta, "contact_name"), "Chief Rita Ramos");
  EXPECT_EQ(ExtraValue(doc.meta, "organization"),
            "Springfield Police (fictional), Records Division");
  EXPECT_EQ(ExtraValue(doc.meta, "emails"), "chief@city.example, rita@home.example");
  EXPECT_EQ(ExtraValue(doc.meta, "phones"), "+1-555-0100, +1-555-0101");
}

TEST(VcfReaderTest, RegisteredForVcards) {
  EXPECT_FALSE(Vcf().isolated());
  const std::vector<std::string> types = Vcf().mime_types();
  EXPECT_NE(std::find(types.begin(), types.end(), "text/vcard"), types.end());
  const Reader* chosen = ReaderRegistry::Global().ForMimeType("text/vcard");
  ASSERT_NE(chosen, nullptr);
  EXPECT_EQ(chosen, &Vcf());
}

TEST(VcfReaderTest, Version21QuotedPrintableAndBareTypes) {
  std::string vcf =
      "BEGIN:VCARD\nVERSION:2.1\n"
      "N;CHARSET=UTF-8;ENCODING=QUOTED-PRINTABLE:M=C3=BCller;J=C3=BCrgen\n"
      "FN;CHARSET=ISO-8859-1;ENCODING=QUOTED-PRINTABLE:J=FCrgen M=FCller =\n(fictional)\n"
      "TEL;HOME;VOICE:555-0199\nEMAIL;PREF;INTERNET:jm@city.example\nEND:VCARD\n";
  Extracted doc = ReadCards(vcf);
  EXPECT_EQ(doc.meta.title, "J\u00fcrgen M\u00fcller (fictional)");
  EXPECT_NE(doc.text.find("Phone (home): 555-0199"), std::string::npos) << doc.text;
  EXPECT_NE(doc.text.find("Email: jm@city.example"), std::string::npos) << doc.text;
}

TEST(VcfReaderTest, NameFromNWhenNoFn) {
  Extracted doc = ReadCards("BEGIN:VCARD\nVERSION:3.0\nN:Doe;Jane;Q;Dr.;Esq.\nEND:VCARD\n");
  EXPECT_EQ(doc.meta.title, "Dr. Jane Q Doe Esq.");
}

TEST(VcfReaderTest, SeveralCardsAreListedInOrder) {
  std::string vcf =
      "BEGIN:VCARD\nVERSION:4.0\nFN:Alpha Person\nEMAIL:alpha@a.example\nEND:VCARD\n"
      "BEGIN:VCARD\nVERSION:4.0\nFN:Bravo Person\nTEL;VALUE=uri;TYPE=cell:tel:+1-555-0102\n"
      "item1.EMAIL:bravo@b.example\nitem1.X-ABLabel:Other\nEND:VCARD\n"
      "BEGIN:VCARD\nVERSION:4.0\nFN:Charlie Person\nEND:VCARD\n";
  Extracted doc = ReadCards(vcf);
  size_t a = doc.text.find("Name: Alpha Person");
  size_t b = doc.text.find("Name: Bravo Person");
  size_t c = doc.text.find("Name: Charlie Person");
  ASSERT_NE(a, std::string::npos);
  ASSERT_NE(b, std::string::npos);
  ASSERT_NE(c, std::string::npos);
  EXPECT_LT(a, b);
  EXPECT_LT(b, c);
  EXPECT_NE(doc.text.find("Phone (cell): +1-555-0102"), std::string::npos) << doc.text;
  EXPECT_NE(doc.text.find("Email: bravo@b.example"), std::string::npos) << doc.text;
  EXPECT_EQ(ExtraValue(doc.meta, "card_count"), "3");
  EXPECT_TRUE(doc.meta.title.empty());
}

TEST(VcfReaderTest, Windows1252FileIsDecoded) {
  std::string vcf = "BEGIN:VCARD\r\nVERSION:3.0\r\nFN:Fran\xE7ois Ch\xE2telet\r\nEND:VCARD\r\n";
  Extracted doc = ReadCards(vcf);
  EXPECT_EQ(doc.meta.title, "Fran\u00e7ois Ch\u00e2telet");
}

TEST(VcfReaderTest, Utf16ExportIsDetectedAndRead) {
  // Windows writes exports in UTF-16 with a byte-order mark.
  const std::string ascii = "BEGIN:VCARD\r\nVERSION:3.0\r\nFN:Wide Export\r\nEND:VCARD\r\n";
  std::string utf16le = "\xFF\xFE";
  for (char c : ascii) {
    utf16le.push_back(c);
    utf16le.push_back('\0');
  }
  EXPECT_EQ(Detect(utf16le, utf16le.size(), "contacts.vcf").mime_type, "text/vcard");
  EXPECT_EQ(ReadCards(utf16le).meta.title, "Wide Export");
}

TEST(VcfReaderTest, NotAVcardIsCorrupt) {
  Status status;
  ReadCards("Name: someone\nPhone: 555\n", &status);
  EXPECT_EQ(status.code(), StatusCode::kCorrupt) << status.ToString();
}

TEST(VcfReaderTest, DetectedByContent) {
  std::string card(kCard30);
  EXPECT_EQ(Detect(card, card.size(), "contact").mime_type, "text/vcard");
  // X- fields would pass for mail headers.
  std::string apple =
      "BEGIN:VCARD\nVERSION:3.0\nX-ABUID:1234\nX-ABShowAs:COMPANY\nFN:x\nEND:VCARD\n";
  EXPECT_EQ(Detect(apple, apple.size(), "apple.vcf").mime_type, "text/vcard");
  std::string bom = "\xEF\xBB\xBF\n\nBEGIN:VCARD\nFN:x\nEND:VCARD\n";
  EXPECT_EQ(Detect(bom, bom.size(), "x").mime_type, "text/vcard");
}

}  // namespace
}  // namespace bates::ingest
