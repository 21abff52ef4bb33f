#include <gtest/gtest.h>

#include <chrono>
#include <cstdlib>
#include <filesystem>
#include <string>
#include <vector>

#include "core/file.h"
#include "core/time.h"
#include "ingest/extractor.h"
#include "ingest/reader.h"
#include "ingest/readers/mapi.h"
#include "ingest/readers/office_test_util.h"
#include "ingest/readers/ole.h"
#include "ingest/testing/fake_read_context.h"

namespace bates::ingest {
namespace {

namespace fs = std::filesystem;
using testing::Binary;
using testing::FakeReadContext;
using testing::Int32;
using testing::MakeMsg;
using testing::MsgAttachment;
using testing::MsgProperty;
using testing::Time;
using testing::Unicode;

const Reader& Msg() {
  const Reader* reader = ReaderRegistry::Global().ByName("msg");
  EXPECT_NE(reader, nullptr);
  return *reader;
}

std::string Extra(const model::Metadata& meta, std::string_view key) {
  for (const auto& [k, v] : meta.extra) {
    if (k == key) return v;
  }
  return {};
}

Status ReadMsg(const std::string& bytes, FakeReadContext& context) {
  return Msg().Read(Input::FromMemory(bytes, "message.msg"), context);
}

// 2019-03-04T15:15:00Z and a day later.
constexpr int64_t kSent = 1551712500;
constexpr int64_t kDelivered = kSent + 86400;

std::vector<MsgProperty> NoticeProps() {
  return {Unicode(0x001A, "IPM.Note"),
          Unicode(0x0037, "Budget hearing moved"),
          Unicode(0x0042, "Finance Office"),
          Unicode(0x0065, "/o=City/ou=Exchange/cn=Recipients/cn=finance"),
          Unicode(0x0064, "EX"),
          Unicode(0x5D02, "finance@city.example"),
          Time(0x0039, kSent),
          Time(0x0E06, kDelivered),
          Unicode(0x1035, "<notice-7@city.example>"),
          Unicode(0x1042, "<agenda-3@city.example>"),
          Unicode(0x1039, "<agenda-1@city.example> <agenda-3@city.example>"),
          Unicode(0x1000, "The budget hearing moved to Room 4.\r\nBring the fictional ledger."),
          Binary(0x0071, std::string("\x01\x02\x03", 3)),
          Int32(0x0017, 2)};
}

std::vector<std::vector<MsgProperty>> NoticeRecipients() {
  return {
      {Int32(0x0C15, 1), Unicode(0x3001, "Chief Ramos"), Unicode(0x3002, "SMTP"),
       Unicode(0x3003, "Chief@City.example"), Unicode(0x39FE, "chief@city.example")},
      {Int32(0x0C15, 2), Unicode(0x3001, "Clerk Office"), Unicode(0x39FE, "clerk@city.example")},
      {Int32(0x0C15, 3), Unicode(0x3001, "Auditor"), Unicode(0x39FE, "audit@city.example")}};
}

TEST(MsgReaderTest, IsIsolatedEmailReader) {
  EXPECT_TRUE(Msg().isolated());
  EXPECT_TRUE(Msg().is_email());
  EXPECT_EQ(ReaderRegistry::Global().ForMimeType("application/vnd.ms-outlook"), &Msg());
}

TEST(MsgReaderTest, MessageFieldsRecipientsAndAttachments) {
  MsgAttachment file;
  file.props = {Int32(0x3705, 1), Unicode(0x3707, "ledger notes.txt"),
                Unicode(0x370E, "text/plain")};
  file.data = "Ledger line one.\n";
  MsgAttachment forwarded;
  forwarded.props = {Int32(0x3705, 5), Unicode(0x3001, "Original notice")};
  forwarded.embedded = true;
  forwarded.embedded_props = {Unicode(0x001A, "IPM.Note"), Unicode(0x0037, "Original notice"),
                              Unicode(0x1000, "The first notice, fictional."),
                              Unicode(0x0042, "Clerk Office"),
                              Unicode(0x5D02, "clerk@city.example")};
  std::string msg = MakeMsg(NoticeProps(), NoticeRecipients(), {file, forwarded});

  FakeReadContext context;
  Status status = ReadMsg(msg, context);
  ASSERT_TRUE(status.ok()) << status.ToString();
  const Extracted& doc = context.document();
  EXPECT_EQ(doc.text, "The budget hearing moved to Room 4.\nBring the fictional ledger.");
  const model::Metadata& m = doc.meta;
  EXPECT_EQ(m.subject, "Budget hearing moved");
  ASSERT_TRUE(m.from.has_value());
  EXPECT_EQ(m.from->name, "Finance Office");
  EXPECT_EQ(m.from->address, "finance@city.example");  // the SMTP address, not the X.500 path
  ASSERT_EQ(m.to.size(), 1u);
  EXPECT_EQ(m.to[0].name, "Chief Ramos");
  EXPECT_EQ(m.to[0].address, "chief@city.example");
  ASSERT_EQ(m.cc.size(), 1u);
  EXPECT_EQ(m.cc[0].address, "clerk@city.example");
  ASSERT_EQ(m.bcc.size(), 1u);
  EXPECT_EQ(m.bcc[0].name, "Auditor");
  ASSERT_TRUE(m.sent.has_value());
  EXPECT_EQ(FormatIso8601(*m.sent), "2019-03-04T15:15:00+00:00");
  ASSERT_TRUE(m.received.has_value());
  EXPECT_EQ(m.received->utc_seconds, kDelivered);
  EXPECT_EQ(m.message_id, "notice-7@city.example");
  EXPECT_EQ(m.in_reply_to, "agenda-3@city.example");
  EXPECT_EQ(m.references,
            (std::vector<std::string>{"agenda-1@city.example", "agenda-3@city.example"}));
  EXPECT_EQ(m.conversation_index, "AQID");
  EXPECT_EQ(Extra(m, "importance"), "high");
  EXPECT_EQ(Extra(m, "message_class"), "IPM.Note");

  ASSERT_EQ(context.children.size(), 2u);
  const Child& txt = context.children[0];
  EXPECT_EQ(txt.name, "ledger notes.txt");
  EXPECT_EQ(txt.meta.file_name, "ledger notes.txt");
  EXPECT_EQ(txt.declared_type, "text/plain");
  EXPECT_EQ(txt.bytes, "Ledger line one.\n");
  const Child& inner = context.children[1];
  EXPECT_EQ(inner.name, "Original notice");
  EXPECT_EQ(inner.declared_type, mapi::kSerialMimeType);

  // The attached message travels in the serialised form, which the mapi reader reads back.
  const Reader* mapi_reader = ReaderRegistry::Global().ByName("mapi");
  ASSERT_NE(mapi_reader, nullptr);
  EXPECT_FALSE(mapi_reader->isolated());
  FakeReadContext inner_context;
  status = mapi_reader->Read(Input::FromMemory(inner.bytes, inner.name), inner_context);
  ASSERT_TRUE(status.ok()) << status.ToString();
  EXPECT_EQ(inner_context.document().meta.subject, "Original notice");
  EXPECT_EQ(inner_context.document().text, "The first notice, fictional.");
  EXPECT_EQ(inner_context.document().meta.from->address, "clerk@city.example");
}

TEST(MsgReaderTest, TransportHeadersWinForTheFieldsTheyCarry) {
  std::vector<MsgProperty> props = NoticeProps();
  props.push_back(Unicode(0x007D,
                          "Received: from mx.city.example by mail.city.example; "
                          "Tue, 5 Mar 2019 10:00:00 +0000\r\n"
                          "From: \"Finance Desk\" <desk@city.example>\r\n"
                          "To: council@city.example\r\n"
                          "Date: Mon, 4 Mar 2019 10:15:00 -0500\r\n"
                          "Message-ID: <hdr-1@city.example>\r\n"
                          "In-Reply-To: <hdr-0@city.example>\r\n"
                          "MIME-Version: 1.0\r\n\r\n"));
  FakeReadContext context;
  ASSERT_TRUE(ReadMsg(MakeMsg(props, NoticeRecipients(), {}), context).ok());
  const model::Metadata& m = context.document().meta;
  EXPECT_EQ(m.from->address, "desk@city.example");
  ASSERT_EQ(m.to.size(), 1u);
  EXPECT_EQ(m.to[0].address, "council@city.example");
  EXPECT_EQ(FormatIso8601(*m.sent), "2019-03-04T10:15:00-05:00");
  EXPECT_EQ(m.message_id, "hdr-1@city.example");
  EXPECT_EQ(m.in_reply_to, "hdr-0@city.example");
  // Headers carry no Bcc: the recipient table's blind copy stays.
  ASSERT_EQ(m.bcc.size(), 1u);
  EXPECT_EQ(m.bcc[0].address, "audit@city.example");
  // The delivery time is the message's own.
  EXPECT_EQ(m.received->utc_seconds, kDelivered);
}

TEST(MsgReaderTest, HtmlAndCompressedRtfBodies) {
  std::vector<MsgProperty> html = {
      Unicode(0x0037, "HTML only"),
      Binary(0x1013,
             "<html><head><title>x</title></head><body><p>Council <b>agenda</b></p>"
             "<p>Item&nbsp;two</p></body></html>")};
  FakeReadContext html_context;
  ASSERT_TRUE(ReadMsg(MakeMsg(html, {}, {}), html_context).ok());
  EXPECT_NE(html_context.document().text.find("Council agenda"), std::string::npos)
      << html_context.document().text;
  EXPECT_EQ(Extra(html_context.document().meta, "body_format"), "html");

  std::string rtf = "{\\rtf1\\ansi\\ansicpg1252 Compressed caf\\'e9 body\\par second line}";
  std::vector<MsgProperty> compressed = {Unicode(0x0037, "RTF only"),
                                         Binary(0x1009, testing::CompressRtfLiterals(rtf))};
  FakeReadContext rtf_context;
  ASSERT_TRUE(ReadMsg(MakeMsg(compressed, {}, {}), rtf_context).ok());
  EXPECT_EQ(rtf_context.document().text, "Compressed caf\u00e9 body\nsecond line");
  EXPECT_EQ(Extra(rtf_context.document().meta, "body_format"), "rtf");

  // Outlook's HTML wrapped in RTF: the HTML's text, not its tags.
  std::string wrapped =
      "{\\rtf1\\ansi\\fromhtml1 {\\*\\htmltag64 <p>}Wrapped \\htmlrtf{\\b\\htmlrtf0 "
      "{\\*\\htmltag84 <b>}bold{\\*\\htmltag92 </b>}\\htmlrtf}\\htmlrtf0  text"
      "{\\*\\htmltag72 </p>}}";
  std::vector<MsgProperty> from_html = {Unicode(0x0037, "HTML in RTF"),
                                        Binary(0x1009, testing::CompressRtfLiterals(wrapped))};
  FakeReadContext wrapped_context;
  ASSERT_TRUE(ReadMsg(MakeMsg(from_html, {}, {}), wrapped_context).ok());
  EXPECT_EQ(wrapped_context.document().text, "Wrapped bold text");
}

TEST(MsgReaderTest, AppointmentAndContact) {
  const auto& appointment_set = mapi::kPsetidAppointment;
  std::vector<MsgProperty> meeting = {Unicode(0x001A, "IPM.Appointment"),
                                      Unicode(0x0037, "Budget review"),
                                      Unicode(0x0042, "Finance Office"),
                                      Unicode(0x5D02, "finance@city.example"),
                                      Time(0x8001, kSent),
                                      Time(0x8002, kSent + 3600),
                                      Unicode(0x8003, "Room 4, City Hall"),
                                      Unicode(0x1000, "Bring the ledger.")};
  std::vector<std::vector<MsgProperty>> attendees = {
      {Int32(0x0C15, 1), Unicode(0x3001, "Chief Ramos"), Unicode(0x39FE, "chief@city.example")},
      {Int32(0x0C15, 2), Unicode(0x3001, "Clerk"), Unicode(0x39FE, "clerk@city.example")}};
  std::string msg = MakeMsg(meeting, attendees, {},
                            {{0x8001, appointment_set, 0x820D},
                             {0x8002, appointment_set, 0x820E},
                             {0x8003, appointment_set, 0x8208}});
  FakeReadContext context;
  ASSERT_TRUE(ReadMsg(msg, context).ok());
  const Extracted& doc = context.document();
  EXPECT_EQ(Extra(doc.meta, "outlook_item"), "appointment");
  EXPECT_EQ(Extra(doc.meta, "location"), "Room 4, City Hall");
  EXPECT_EQ(Extra(doc.meta, "start"), "2019-03-04T15:15:00+00:00");
  EXPECT_EQ(Extra(doc.meta, "end"), "2019-03-04T16:15:00+00:00");
  EXPECT_EQ(Extra(doc.meta, "organizer"), "Finance Office <finance@city.example>");
  EXPECT_NE(Extra(doc.meta, "attendees").find("chief@city.example"), std::string::npos);
  EXPECT_NE(doc.text.find("Location: Room 4, City Hall"), std::string::npos) << doc.text;
  EXPECT_NE(doc.text.find("Bring the ledger."), std::string::npos);

  const auto& address_set = mapi::kPsetidAddress;
  std::vector<MsgProperty> card = {
      Unicode(0x001A, "IPM.Contact"),      Unicode(0x3001, "Dana Whitfield"),
      Unicode(0x3A16, "City of Example"),  Unicode(0x3A17, "Records Officer"),
      Unicode(0x3A08, "555-0100"),         Unicode(0x3A1C, "555-0199"),
      Unicode(0x8001, "dana@city.example")};
  FakeReadContext contact;
  ASSERT_TRUE(ReadMsg(MakeMsg(card, {}, {}, {{0x8001, address_set, 0x8083}}), contact).ok());
  const Extracted& c = contact.document();
  EXPECT_EQ(Extra(c.meta, "outlook_item"), "contact");
  EXPECT_EQ(Extra(c.meta, "emails"), "dana@city.example");
  EXPECT_EQ(Extra(c.meta, "company"), "City of Example");
  EXPECT_EQ(Extra(c.meta, "phones"), "555-0100 (business), 555-0199 (mobile)");
  EXPECT_EQ(c.meta.title, "Dana Whitfield");
  EXPECT_NE(c.text.find("Name: Dana Whitfield"), std::string::npos) << c.text;
}

TEST(MsgReaderTest, NotAMessage) {
  CfbWriter cfb;
  cfb.AddStream("WordDocument", std::string(600, 'x'));
  FakeReadContext context;
  EXPECT_EQ(ReadMsg(cfb.Finish(), context).code(), StatusCode::kCorrupt);
  FakeReadContext junk;
  EXPECT_EQ(ReadMsg("not a compound file at all", junk).code(), StatusCode::kCorrupt);
}

// A compound file header libolecf would trust to its cost (found by fuzzing: an 8 GB allocation
// for a sector size of 2^53257 bytes, minutes of looping for a mini FAT of 2^32 sectors) is
// Corrupt before libolecf sees it; real files pass (TikaSamples, LegacyOfficeReaderTest).
TEST(MsgReaderTest, ImpossibleCompoundFileHeaderIsCorruptAtOnce) {
  std::string msg = MakeMsg(NoticeProps(), NoticeRecipients(), {});
  EXPECT_TRUE(ole::CheckHeader(msg, msg.size()).ok());
  auto read = [](const std::string& bytes) {
    FakeReadContext context;
    auto start = std::chrono::steady_clock::now();
    Status status = ReadMsg(bytes, context);
    EXPECT_LT(std::chrono::steady_clock::now() - start, std::chrono::seconds(2));
    return status;
  };
  std::string sector = msg;
  sector[0x1E] = '\x09';
  sector[0x1F] = '\xD0';
  Status status = read(sector);
  EXPECT_EQ(status.code(), StatusCode::kCorrupt);
  EXPECT_NE(status.message().find("sector size of 2^53257"), std::string::npos)
      << status.ToString();
  std::string mini = msg;
  for (size_t i = 0x40; i < 0x44; ++i) mini[i] = '\xFF';
  status = read(mini);
  EXPECT_EQ(status.code(), StatusCode::kCorrupt);
  EXPECT_NE(status.message().find("mini FAT"), std::string::npos) << status.ToString();
  std::string difat = msg;
  difat[0x4B] = '\x01';
  EXPECT_EQ(read(difat).code(), StatusCode::kCorrupt);
  EXPECT_EQ(read(msg.substr(0, 300)).code(), StatusCode::kCorrupt);
}

// Family integrity: a message with a DOCX attachment that embeds an XLSX gives three items, in
// order, each linked to its parent: email -> attachment -> embedded.
TEST(MsgReaderTest, MessageDocxXlsxFamily) {
  std::string xlsx = testing::MakeXlsx({{"Budget", {{"Line", "Amount"}, {"Paper", "42"}}}});
  std::string docx = testing::MakeDocx(testing::Paragraph("Memo embedding the budget sheet."),
                                       {{"Budget.xlsx", xlsx}});
  MsgAttachment attachment;
  attachment.props = {Int32(0x3705, 1), Unicode(0x3707, "memo.docx")};
  attachment.data = docx;
  std::string msg = MakeMsg(NoticeProps(), NoticeRecipients(), {attachment});
  // For the real pipeline (tests/integration/test_formats_families.py): BATES_TEST_OUTPUT_DIR
  // keeps the message.
  if (const char* out = std::getenv("BATES_TEST_OUTPUT_DIR")) {
    ASSERT_TRUE(WriteFileAtomic(fs::path(out) / "family.msg", msg).ok());
  }

  ExtractorOptions options;
  options.temp_dir = fs::temp_directory_path();
  Extractor extractor(options);
  std::vector<ExtractedItem> items;
  Status status = extractor.ExtractMemory(
      msg, "notice.msg",
      [&](ExtractedItem item) {
        items.push_back(std::move(item));
        return Status::Ok();
      },
      [](uint32_t, const Status&, const std::string&) { return Status::Ok(); });
  ASSERT_TRUE(status.ok()) << status.ToString();
  ASSERT_EQ(items.size(), 3u);
  EXPECT_EQ(items[0].kind, model::ItemKind::kEmail);
  EXPECT_EQ(items[0].reader, "msg");
  EXPECT_EQ(items[1].kind, model::ItemKind::kAttachment);
  EXPECT_EQ(items[1].reader, "ooxml");
  EXPECT_EQ(items[1].name, "memo.docx");
  EXPECT_EQ(items[1].parent_local_id, items[0].local_id);
  EXPECT_EQ(items[2].kind, model::ItemKind::kEmbedded);
  EXPECT_EQ(items[2].reader, "ooxml");
  EXPECT_EQ(items[2].parent_local_id, items[1].local_id);
  EXPECT_EQ(items[2].inner_path, "memo.docx/word/embeddings/Budget.xlsx");
  EXPECT_NE(items[1].text.find("Memo embedding the budget sheet."), std::string::npos);
  EXPECT_NE(items[2].text.find("Paper\t42"), std::string::npos) << items[2].text;
  for (const ExtractedItem& item : items) {
    EXPECT_EQ(item.status, model::ItemStatus::kProcessed)
        << item.name << ": " << item.exception.ToString();
  }
}

TEST(MsgReaderTest, TikaSamples) {
  fs::path dir = testing::TikaFiles();
  if (dir.empty()) GTEST_SKIP() << "corpus tika-test-documents absent (set BATES_CORPORA)";
  auto read = [&](const char* file, FakeReadContext& context) {
    Result<std::string> bytes = ReadFile(dir / "microsoft" / file);
    EXPECT_TRUE(bytes.ok()) << file;
    Status status = Msg().Read(Input::FromMemory(*bytes, file), context);
    EXPECT_TRUE(status.ok()) << file << ": " << status.ToString();
    return status.ok();
  };
  {
    FakeReadContext c;
    ASSERT_TRUE(read("testMSG.msg", c));
    const model::Metadata& m = c.document().meta;
    EXPECT_EQ(m.subject, "MIME registry use cases");
    EXPECT_EQ(m.from->name, "Jukka Zitting");
    EXPECT_EQ(m.from->address, "jukka.zitting@gmail.com");
    ASSERT_EQ(m.to.size(), 1u);
    EXPECT_EQ(m.to[0].address, "tika-dev@lucene.apache.org");
    EXPECT_EQ(FormatIso8601Utc(m.sent->utc_seconds), "2009-01-29T19:16:40Z");
    EXPECT_NE(c.document().text.find("As discussed, I've been working on making the type"),
              std::string::npos);
  }
  {
    FakeReadContext c;
    ASSERT_TRUE(read("testMSG_att_msg.msg", c));
    ASSERT_EQ(c.children.size(), 2u);
    EXPECT_EQ(c.children[0].name, "Test Attachment");
    EXPECT_EQ(c.children[0].declared_type, mapi::kSerialMimeType);
    EXPECT_EQ(c.children[1].name, "smbprn.00009008.KdcPjl.pdf");
    EXPECT_TRUE(c.children[1].bytes.starts_with("%PDF"));
  }
  {
    FakeReadContext c;
    ASSERT_TRUE(read("testMSG_att_doc.msg", c));
    ASSERT_GE(c.children.size(), 1u);
    EXPECT_EQ(c.children[0].name, "test-unicode.doc");
  }
  {
    FakeReadContext c;
    ASSERT_TRUE(read("testMSG_Appointment.msg", c));
    EXPECT_EQ(Extra(c.document().meta, "location"), "under lazy dog");
    EXPECT_EQ(Extra(c.document().meta, "start"), "2017-02-28T18:30:00+00:00");
    // The organizer's Exchange path resolved to the SMTP address the invitation lists.
    EXPECT_EQ(c.document().meta.from->address, "tallison@mitre.org");
  }
  {
    FakeReadContext c;
    ASSERT_TRUE(read("testMSG_Contact.msg", c));
    EXPECT_EQ(Extra(c.document().meta, "emails"), "quickbrown@gmail.com");
    EXPECT_EQ(Extra(c.document().meta, "company"), "Fence Co");
    EXPECT_NE(Extra(c.document().meta, "phones").find("(123) 456-7890"), std::string::npos);
  }
  {
    FakeReadContext c;
    ASSERT_TRUE(read("testMSG_chinese.msg", c));
    EXPECT_NE(c.document().text.find("\u4e2d\u6587\u6e2c\u8a66"), std::string::npos);
    EXPECT_NE(c.document().meta.subject.find("MSG \u683c\u5f0f\u6e2c\u8a66"), std::string::npos);
  }
  // Every .msg sample reads, with text or a subject.
  int files = 0;
  for (const auto& entry : fs::directory_iterator(dir / "microsoft")) {
    if (entry.path().extension() != ".msg") continue;
    ++files;
    FakeReadContext c;
    if (!read(entry.path().filename().c_str(), c)) continue;
    EXPECT_FALSE(c.document().text.empty() && c.document().meta.subject.empty()) << entry.path();
  }
  EXPECT_GE(files, 12);
}

}  // namespace
}  // namespace bates::ingest
