// Issue 5: the same email read from a PST, from an MSG and from an EML file (and from an mbox) is
// one message for de-duplication. The PST is a real one (Apache Tika's test PST, in
// ../shared/corpora); the MSG and the EML are written here from what the PST reader extracted of
// one of its messages — its addresses, subject, sent time, body and attachments — and all are
// read back through the real readers.
#include <gtest/gtest.h>

#include <filesystem>
#include <string>
#include <vector>

#include "analytics/dedup.h"
#include "core/file.h"
#include "core/time.h"
#include "ingest/extractor.h"
#include "ingest/readers/office_test_util.h"

namespace bates::engine {
namespace {

namespace fs = std::filesystem;
using ingest::ExtractedItem;

std::vector<ExtractedItem> ExtractAll(std::string_view bytes, const std::string& name) {
  ingest::ExtractorOptions options;
  options.temp_dir = fs::temp_directory_path();
  ingest::Extractor extractor(options);
  std::vector<ExtractedItem> items;
  Status status = extractor.ExtractMemory(
      bytes, name,
      [&](ExtractedItem item) {
        items.push_back(std::move(item));
        return Status::Ok();
      },
      [](uint32_t, const Status&, const std::string&) { return Status::Ok(); });
  EXPECT_TRUE(status.ok()) << status.ToString();
  return items;
}

std::vector<const ExtractedItem*> Children(const std::vector<ExtractedItem>& items,
                                           const ExtractedItem& parent) {
  std::vector<const ExtractedItem*> out;
  for (const ExtractedItem& item : items) {
    if (item.parent_local_id == parent.local_id) out.push_back(&item);
  }
  return out;
}

std::string KeyOf(const std::vector<ExtractedItem>& items, const ExtractedItem& email) {
  std::vector<std::string> attachments;
  for (const ExtractedItem* child : Children(items, email)) {
    attachments.push_back(child->hashes.sha256);
  }
  return analytics::EmailDedupKey(
      analytics::EmailIdentityFrom(email.meta, email.text, std::move(attachments)));
}

const ExtractedItem* FirstEmail(const std::vector<ExtractedItem>& items) {
  for (const ExtractedItem& item : items) {
    if (item.kind == model::ItemKind::kEmail || item.meta.message_id.size() > 0) return &item;
  }
  return nullptr;
}

std::string Base64(std::string_view bytes) {
  static constexpr char kAlphabet[] =
      "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";
  std::string out;
  for (size_t i = 0; i < bytes.size(); i += 3) {
    uint32_t v = static_cast<uint32_t>(static_cast<unsigned char>(bytes[i])) << 16;
    if (i + 1 < bytes.size())
      v |= static_cast<uint32_t>(static_cast<unsigned char>(bytes[i + 1])) << 8;
    if (i + 2 < bytes.size()) v |= static_cast<unsigned char>(bytes[i + 2]);
    out += kAlphabet[(v >> 18) & 63];
    out += kAlphabet[(v >> 12) & 63];
    out += i + 1 < bytes.size() ? kAlphabet[(v >> 6) & 63] : '=';
    out += i + 2 < bytes.size() ? kAlphabet[v & 63] : '=';
    if ((i / 3) % 19 == 18) out += "\r\n";
  }
  return out;
}

std::string AddressList(const std::vector<model::Address>& list) {
  std::string out;
  for (const model::Address& a : list) out += (out.empty() ? "" : ", ") + a.address;
  return out;
}

std::string Rfc2822(int64_t utc) {
  static constexpr const char* kDays[] = {"Sun", "Mon", "Tue", "Wed", "Thu", "Fri", "Sat"};
  static constexpr const char* kMonths[] = {"Jan", "Feb", "Mar", "Apr", "May", "Jun",
                                            "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"};
  CivilDateTime t = CivilFromUnixSeconds(utc);
  return fmt::format("{}, {:02d} {} {} {:02d}:{:02d}:{:02d} +0000", kDays[DayOfWeek(t.date)],
                     t.date.day, kMonths[t.date.month - 1], t.date.year, t.hour, t.minute,
                     t.second);
}

std::string AttachmentBytes(const ExtractedItem& child) {
  if (!child.native_path.empty()) {
    Result<std::string> bytes = ReadFile(child.native_path);
    EXPECT_TRUE(bytes.ok()) << bytes.status().ToString();
    return bytes.ok() ? *bytes : std::string();
  }
  return child.native;
}

// The message as an RFC 822 file with the same fields, body and attachments.
std::string WriteEml(const std::vector<ExtractedItem>& items, const ExtractedItem& email) {
  const model::Metadata& m = email.meta;
  std::string eml = fmt::format(
      "From: {}\r\nTo: {}\r\n{}Subject: {}\r\nDate: {}\r\nMessage-ID: <{}>\r\nMIME-Version: "
      "1.0\r\nContent-Type: multipart/mixed; boundary=\"b-1\"\r\n\r\n--b-1\r\nContent-Type: "
      "text/plain; charset=utf-8\r\nContent-Transfer-Encoding: base64\r\n\r\n{}\r\n",
      m.from->address, AddressList(m.to), m.cc.empty() ? "" : "Cc: " + AddressList(m.cc) + "\r\n",
      m.subject, Rfc2822(m.sent->utc_seconds), m.message_id, Base64(email.text));
  for (const ExtractedItem* child : Children(items, email)) {
    eml += fmt::format(
        "--b-1\r\nContent-Type: application/octet-stream\r\nContent-Disposition: attachment; "
        "filename=\"{}\"\r\nContent-Transfer-Encoding: base64\r\n\r\n{}\r\n",
        child->name, Base64(AttachmentBytes(*child)));
  }
  return eml + "--b-1--\r\n";
}

// The message as an Outlook .msg with the same fields, body and attachments.
std::string WriteMsg(const std::vector<ExtractedItem>& items, const ExtractedItem& email) {
  using namespace ingest::testing;
  const model::Metadata& m = email.meta;
  std::vector<MsgProperty> props = {
      Unicode(0x001A, "IPM.Note"),       Unicode(0x0037, m.subject),
      Unicode(0x0042, m.from->name),     Unicode(0x5D02, m.from->address),
      Time(0x0039, m.sent->utc_seconds), Unicode(0x1035, "<" + m.message_id + ">"),
      Unicode(0x1000, email.text)};
  std::vector<std::vector<MsgProperty>> recipients;
  auto add = [&](const std::vector<model::Address>& list, int32_t type) {
    for (const model::Address& a : list) {
      recipients.push_back({Int32(0x0C15, type),
                            Unicode(0x3001, a.name.empty() ? a.address : a.name),
                            Unicode(0x39FE, a.address)});
    }
  };
  add(m.to, 1);
  add(m.cc, 2);
  add(m.bcc, 3);
  std::vector<MsgAttachment> attachments;
  for (const ExtractedItem* child : Children(items, email)) {
    MsgAttachment a;
    a.props = {Int32(0x3705, 1), Unicode(0x3707, child->name)};
    a.data = AttachmentBytes(*child);
    attachments.push_back(std::move(a));
  }
  return MakeMsg(props, recipients, attachments);
}

TEST(AnalyzeFormsTest, SameEmailFromPstMsgEmlAndMboxIsOneMessage) {
  fs::path tika = ingest::testing::TikaFiles();
  if (tika.empty()) GTEST_SKIP() << "corpus tika-test-documents absent (set BATES_CORPORA)";
  Result<std::string> pst = ReadFile(tika / "microsoft" / "testPST.pst");
  if (!pst.ok()) GTEST_SKIP() << "testPST.pst absent";
  std::vector<ExtractedItem> from_pst = ExtractAll(*pst, "testPST.pst");

  // A message of the PST with what an EML can carry: SMTP addresses, a sent time, a body.
  const ExtractedItem* chosen = nullptr;
  for (const ExtractedItem& item : from_pst) {
    const model::Metadata& m = item.meta;
    if (item.kind != model::ItemKind::kEmail || !m.from || !m.sent || item.text.empty() ||
        m.message_id.empty() || m.from->address.find('@') == std::string::npos || m.to.empty()) {
      continue;
    }
    bool smtp = true;
    for (const auto* list : {&m.to, &m.cc, &m.bcc}) {
      for (const model::Address& a : *list) smtp = smtp && a.address.find('@') != std::string::npos;
    }
    if (smtp && (chosen == nullptr ||
                 (Children(from_pst, *chosen).empty() && !Children(from_pst, item).empty()))) {
      chosen = &item;
    }
  }
  ASSERT_NE(chosen, nullptr) << "no message with SMTP addresses in testPST.pst";
  // Bcc is known only to the sender's copy; an EML without it is another copy's view.
  ASSERT_TRUE(chosen->meta.bcc.empty()) << "the test writes no Bcc header";
  const std::string pst_key = KeyOf(from_pst, *chosen);

  const std::string eml = WriteEml(from_pst, *chosen);
  std::vector<ExtractedItem> from_eml = ExtractAll(eml, "message.eml");
  ASSERT_NE(FirstEmail(from_eml), nullptr);
  EXPECT_EQ(KeyOf(from_eml, *FirstEmail(from_eml)), pst_key);

  std::vector<ExtractedItem> from_msg = ExtractAll(WriteMsg(from_pst, *chosen), "message.msg");
  ASSERT_NE(FirstEmail(from_msg), nullptr);
  EXPECT_EQ(KeyOf(from_msg, *FirstEmail(from_msg)), pst_key);

  std::string mbox = "From sender@example.com Mon Jan  1 00:00:00 2001\r\n" + eml + "\r\n";
  std::vector<ExtractedItem> from_mbox = ExtractAll(mbox, "mail.mbox");
  ASSERT_NE(FirstEmail(from_mbox), nullptr);
  EXPECT_EQ(KeyOf(from_mbox, *FirstEmail(from_mbox)), pst_key);

  // A copy with one word of the body changed is another message.
  ExtractedItem edited = std::move(from_eml.front());
  edited.text += " (edited)";
  from_eml.front() = std::move(edited);
  EXPECT_NE(KeyOf(from_eml, from_eml.front()), pst_key);
}

}  // namespace
}  // namespace bates::engine
