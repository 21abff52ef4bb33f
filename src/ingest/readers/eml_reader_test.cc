#include <gtest/gtest.h>

#include <algorithm>
#include <atomic>
#include <cstdlib>
#include <filesystem>
#include <optional>
#include <string>
#include <thread>
#include <vector>

#include "core/file.h"
#include "core/text.h"
#include "ingest/detect.h"
#include "ingest/reader.h"
#include "ingest/testing/fake_read_context.h"

namespace bates::ingest {
namespace {

namespace fs = std::filesystem;

std::string TestData(const std::string& relative) {
  Result<std::string> bytes = ReadFile(fs::path(BATES_TESTDATA_DIR) / relative);
  EXPECT_TRUE(bytes.ok()) << relative << ": " << bytes.status().ToString();
  return bytes.ok() ? *bytes : std::string();
}

const Reader& Eml() {
  const Reader* reader = ReaderRegistry::Global().ByName("eml");
  EXPECT_NE(reader, nullptr);
  return *reader;
}

struct EmlRun {
  Status status;
  testing::FakeReadContext context;
  const Extracted& doc() const { return context.document(); }
};

void ReadBytes(const std::string& bytes, EmlRun& run, const std::string& name = "m.eml") {
  run.status = Eml().Read(Input::FromMemory(bytes, name), run.context);
}

model::Address Addr(std::string name, std::string address) {
  return model::Address{std::move(name), std::move(address)};
}

// 2018-01-24T10:15:00+05:30 is 04:45 UTC.
constexpr int64_t kJan24At0445Utc = 1516769100;

TEST(EmlReaderTest, Registered) {
  EXPECT_EQ(ReaderRegistry::Global().ForMimeType("message/rfc822"), &Eml());
  EXPECT_TRUE(Eml().is_email());
  EXPECT_FALSE(Eml().is_container());
  EXPECT_EQ(Eml().tool(), "gmime");
}

TEST(EmlReaderTest, AlternativeMetadataAndPlainBody) {
  EmlRun run;
  ReadBytes(TestData("mail/alternative.eml"), run);
  ASSERT_TRUE(run.status.ok()) << run.status.ToString();
  const model::Metadata& meta = run.doc().meta;
  ASSERT_TRUE(meta.from.has_value());
  EXPECT_EQ(*meta.from, Addr("Dana Ort\u00edz", "dana.ortiz@police.city.example"));
  // The group "Audit Team: ...;" is flattened into its members.
  EXPECT_EQ(meta.to, (std::vector<model::Address>{Addr("Records Desk", "records@county.example"),
                                                  Addr("", "a.lee@county.example"),
                                                  Addr("Bo Chen", "b.chen@county.example")}));
  EXPECT_EQ(meta.cc,
            (std::vector<model::Address>{Addr("Ren\u00e9e M\u00fcller", "renee@city.example")}));
  EXPECT_EQ(meta.bcc, (std::vector<model::Address>{Addr("", "hidden@city.example")}));
  EXPECT_EQ(meta.subject, "Re: Budget r\u00e9view \u2013 f\u00fcr 2018");
  ASSERT_TRUE(meta.sent.has_value());
  EXPECT_EQ(meta.sent->utc_seconds, kJan24At0445Utc);
  EXPECT_EQ(meta.sent->offset_minutes, 330);
  EXPECT_FALSE(meta.sent->floating);
  ASSERT_TRUE(meta.received.has_value());
  EXPECT_EQ(meta.received->offset_minutes, -360);
  EXPECT_EQ(meta.message_id, "alt-1@city.example");
  EXPECT_EQ(meta.in_reply_to, "orig-0@county.example");
  EXPECT_EQ(meta.references,
            (std::vector<std::string>{"root-a@county.example", "mid-b@city.example",
                                      "orig-0@county.example"}));
  EXPECT_EQ(meta.conversation_index, "AdOVmW5lZ2F0aXZlIHRlc3Q=");
  EXPECT_NE(std::find_if(meta.extra.begin(), meta.extra.end(),
                         [](const auto& kv) { return kv.first == "x-bates-fictional"; }),
            meta.extra.end());

  // text/plain is preferred; the HTML rendition and the header block are not in the text.
  EXPECT_EQ(run.doc().text, "Plain body: the caf\u00e9 budget is approved.\nSecond plain line.");
  EXPECT_TRUE(run.context.children.empty());
  EXPECT_EQ(run.doc().flags, 0u);
}

TEST(EmlReaderTest, AttachmentsNamesAndNestedMessage) {
  EmlRun run;
  ReadBytes(TestData("mail/attachments.eml"), run);
  ASSERT_TRUE(run.status.ok()) << run.status.ToString();
  EXPECT_EQ(*run.doc().meta.from, Addr("Ortiz, Dana", "dana@city.example"));
  // Inline text parts of a mixed body are concatenated; attached text files are not.
  EXPECT_EQ(run.doc().text, "First body part, caf\u00e9.\n\nInline footer part.");
  ASSERT_TRUE(run.doc().meta.sent.has_value());
  EXPECT_EQ(run.doc().meta.sent->offset_minutes, -480);

  const std::vector<Child>& children = run.context.children;
  ASSERT_EQ(children.size(), 4u);
  // RFC 2231 filename*.
  EXPECT_EQ(children[0].name, "r\u00e9sum\u00e9 final.pdf");
  EXPECT_EQ(children[0].meta.file_name, "r\u00e9sum\u00e9 final.pdf");
  EXPECT_EQ(children[0].declared_type, "application/pdf");
  EXPECT_TRUE(children[0].bytes.starts_with("%PDF-1.4\n"));
  EXPECT_TRUE(children[0].bytes.ends_with("%%EOF\n"));
  // RFC 2047 encoded-word in a quoted filename.
  EXPECT_EQ(children[1].name, "notes \u00fcber.txt");
  EXPECT_EQ(children[1].declared_type, "text/plain");
  EXPECT_EQ(children[1].bytes, "Attached notes file.");
  // No name at all: a label.
  EXPECT_EQ(children[2].name, "attachment 3");
  EXPECT_EQ(children[2].declared_type, "application/octet-stream");
  ASSERT_EQ(children[2].bytes.size(), 256u);
  for (int i = 0; i < 256; ++i) EXPECT_EQ(static_cast<unsigned char>(children[2].bytes[i]), i);
  // The attached message: its exact bytes (the line break before the closing delimiter belongs
  // to the delimiter).
  std::string inner = TestData("mail/nested-inner.eml");
  EXPECT_EQ(children[3].name, "forwarded.eml");
  EXPECT_EQ(children[3].declared_type, "message/rfc822");
  EXPECT_EQ(children[3].bytes, inner.substr(0, inner.size() - 1));
  for (const Child& child : children) EXPECT_TRUE(child.failure.ok()) << child.name;

  // Read recursively, the attached message yields its own metadata and attachment.
  EmlRun nested;
  ReadBytes(children[3].bytes, nested, children[3].name);
  ASSERT_TRUE(nested.status.ok()) << nested.status.ToString();
  EXPECT_EQ(nested.doc().meta.subject, "Inner message");
  EXPECT_EQ(nested.doc().text, "Inner body text.");
  ASSERT_EQ(nested.context.children.size(), 1u);
  EXPECT_EQ(nested.context.children[0].name, "inner.csv");
  EXPECT_EQ(nested.context.children[0].bytes, "a,b\n1,2");
}

TEST(EmlReaderTest, HtmlOnlyBody) {
  EmlRun run;
  ReadBytes(TestData("mail/html-only.eml"), run);
  ASSERT_TRUE(run.status.ok()) << run.status.ToString();
  // windows-1252 quoted-printable; no <title>, <style> or <script> in the text.
  EXPECT_EQ(run.doc().text,
            "Caf\u00e9 \u201cnews\u201d for residents.\n\nSecond paragraph & more.");
  EXPECT_EQ(run.doc().meta.sent->offset_minutes, 0);
  EXPECT_TRUE(run.context.children.empty());
}

TEST(EmlReaderTest, TruncatedBodyKeepsTextFlagsAndFails) {
  EmlRun run;
  ReadBytes(TestData("mail/truncated-body.eml"), run);
  EXPECT_EQ(run.status.code(), StatusCode::kCorrupt) << run.status.ToString();
  EXPECT_NE(run.status.message().find("truncated"), std::string::npos);
  ASSERT_TRUE(run.context.has_document());
  EXPECT_TRUE(run.doc().flags & model::kFlagTruncated);
  EXPECT_EQ(run.doc().text, "The body begins here and then the file stops in the mid");
  EXPECT_EQ(run.doc().meta.subject, "Cut off");
}

TEST(EmlReaderTest, TruncatedAttachmentIsTheChildsFailure) {
  EmlRun run;
  ReadBytes(TestData("mail/truncated-attachment.eml"), run);
  EXPECT_TRUE(run.status.ok()) << run.status.ToString();
  EXPECT_TRUE(run.doc().flags & model::kFlagTruncated);
  EXPECT_EQ(run.doc().text, "Complete body text.");
  ASSERT_EQ(run.context.children.size(), 1u);
  EXPECT_EQ(run.context.children[0].name, "report.pdf");
  EXPECT_EQ(run.context.children[0].failure.code(), StatusCode::kCorrupt);
}

TEST(EmlReaderTest, EnvelopeLineAndCrlf) {
  EmlRun with_from;
  ReadBytes(TestData("mail/from-line.eml"), with_from);
  ASSERT_TRUE(with_from.status.ok()) << with_from.status.ToString();
  EXPECT_EQ(with_from.doc().meta.from->address, "dana@city.example");
  EXPECT_EQ(with_from.doc().meta.sent->offset_minutes, -360);
  EXPECT_EQ(with_from.doc().text, "Body of a message saved with its From_ line.\n");

  EmlRun crlf;
  ReadBytes(TestData("mail/crlf.eml"), crlf);
  ASSERT_TRUE(crlf.status.ok()) << crlf.status.ToString();
  EXPECT_EQ(crlf.doc().meta.subject, "CRLF line ends");
  EXPECT_EQ(crlf.doc().meta.sent->offset_minutes, 60);
  EXPECT_EQ(crlf.doc().text, "Line one.\nLine two.\n");
}

TEST(EmlReaderTest, NotAMessage) {
  EmlRun junk;
  ReadBytes(TestData("mail/junk.eml"), junk);
  EXPECT_EQ(junk.status.code(), StatusCode::kCorrupt);
  EXPECT_FALSE(junk.context.has_document());

  EmlRun prose;
  ReadBytes("Hello world, this is prose\nand more prose.\n", prose);
  EXPECT_EQ(prose.status.code(), StatusCode::kCorrupt);
  EXPECT_NE(prose.status.message().find("not an RFC 822 message"), std::string::npos);

  EmlRun empty;
  ReadBytes("", empty);
  EXPECT_EQ(empty.status.code(), StatusCode::kCorrupt);
}

TEST(EmlReaderTest, HeaderOnlyMessageIsWhole) {
  EmlRun run;
  ReadBytes("From: a@city.example\nSubject: no body\nDate: Mon, 1 Jan 2018 00:00:00 -0000\n", run);
  ASSERT_TRUE(run.status.ok()) << run.status.ToString();
  EXPECT_EQ(run.doc().meta.subject, "no body");
  EXPECT_FALSE(run.doc().flags & model::kFlagTruncated);
  EXPECT_EQ(run.doc().text, "");
}

TEST(EmlReaderTest, DateOffsetsAndFloatingDates) {
  auto sent = [](const std::string& date) {
    EmlRun run;
    ReadBytes("From: a@city.example\nDate: " + date + "\nSubject: d\n\nx\n", run);
    EXPECT_TRUE(run.status.ok());
    return run.doc().meta.sent;
  };
  // 2018-01-01T10:00:00 as written, in several zones.
  constexpr int64_t kWall = 1514800800;
  std::optional<Timestamp> east = sent("Mon, 1 Jan 2018 10:00:00 +0930");
  ASSERT_TRUE(east.has_value());
  EXPECT_EQ(east->utc_seconds, kWall - 570 * 60);
  EXPECT_EQ(east->offset_minutes, 570);
  std::optional<Timestamp> west = sent("Mon, 1 Jan 2018 10:00:00 -0800 (PST)");
  ASSERT_TRUE(west.has_value());
  EXPECT_EQ(west->utc_seconds, kWall + 480 * 60);
  EXPECT_EQ(west->offset_minutes, -480);
  EXPECT_FALSE(west->floating);
  std::optional<Timestamp> named = sent("1 Jan 2018 10:00:00 EST");
  ASSERT_TRUE(named.has_value());
  EXPECT_EQ(named->offset_minutes, -300);
  // No zone at all: a wall time, floating.
  std::optional<Timestamp> floating = sent("Mon, 1 Jan 2018 10:00:00");
  ASSERT_TRUE(floating.has_value());
  EXPECT_TRUE(floating->floating);
  EXPECT_EQ(floating->utc_seconds, kWall);
  EXPECT_FALSE(sent("not a date at all").has_value());
}

TEST(EmlReaderTest, UnparseableFromKeepsItsWords) {
  EmlRun run;
  ReadBytes(
      "From: Records Office\nTo: r..pena@county.example, <Saved by a browser>\n"
      "Subject: s\n\nbody\n",
      run);
  ASSERT_TRUE(run.status.ok());
  ASSERT_TRUE(run.doc().meta.from.has_value());
  EXPECT_NE(run.doc().meta.from->name.find("Records Office"), std::string::npos);
  // An address GMime rejects (two dots) is still the recipient; words in angle brackets are a
  // name, not an address.
  ASSERT_EQ(run.doc().meta.to.size(), 2u);
  EXPECT_EQ(run.doc().meta.to[0].address, "r..pena@county.example");
  EXPECT_EQ(run.doc().meta.to[1].address, "");
}

TEST(EmlReaderTest, EightBitHeadersAndMislabelledBody) {
  // Raw Latin-1 in a header; a body labelled us-ascii that is really windows-1252.
  EmlRun run;
  ReadBytes(
      "From: =?bogus?Q?x?= <a@city.example>\nSubject: caf\xE9 \x93menu\x94\n"
      "Content-Type: text/plain; charset=us-ascii\n\nna\xEFve \x93quote\x94\n",
      run);
  ASSERT_TRUE(run.status.ok());
  EXPECT_EQ(run.doc().meta.subject, "caf\u00e9 \u201cmenu\u201d");
  EXPECT_EQ(run.doc().text, "na\u00efve \u201cquote\u201d\n");
  EXPECT_TRUE(IsValidUtf8(run.doc().meta.from->name));
}

TEST(EmlReaderTest, EncryptedMessageIsFlagged) {
  EmlRun run;
  ReadBytes(
      "From: a@city.example\nSubject: secret\nMIME-Version: 1.0\n"
      "Content-Type: multipart/encrypted; protocol=\"application/pgp-encrypted\"; "
      "boundary=\"enc\"\n\n--enc\nContent-Type: application/pgp-encrypted\n\nVersion: 1\n"
      "--enc\nContent-Type: application/octet-stream; name=\"encrypted.asc\"\n\n"
      "-----BEGIN PGP MESSAGE-----\nhQEMA...\n-----END PGP MESSAGE-----\n--enc--\n",
      run);
  ASSERT_TRUE(run.status.ok());
  EXPECT_TRUE(run.doc().flags & model::kFlagEncrypted);
  EXPECT_EQ(run.context.children.size(), 2u);
}

TEST(EmlReaderTest, LargeAttachmentSpillsToAFile) {
  std::string payload(300 * 1024, 'x');
  for (size_t i = 0; i < payload.size(); i += 77) payload[i] = '\n';
  std::string message =
      "From: a@city.example\nSubject: big\nMIME-Version: 1.0\n"
      "Content-Type: multipart/mixed; boundary=\"b\"\n\n--b\n"
      "Content-Type: text/plain\n\nsee attached\n--b\n"
      "Content-Type: application/octet-stream; name=big.bin\n\n" +
      payload + "\n--b--\n";
  Limits limits;
  limits.max_in_memory_bytes = 64 * 1024;
  EmlRun run{Status::Ok(), testing::FakeReadContext(limits)};
  ReadBytes(message, run);
  ASSERT_TRUE(run.status.ok()) << run.status.ToString();
  ASSERT_EQ(run.context.children.size(), 1u);
  const Child& child = run.context.children[0];
  EXPECT_TRUE(child.bytes.empty());
  ASSERT_FALSE(child.spill_path.empty());
  Result<std::string> spilled = ReadFile(child.spill_path);
  ASSERT_TRUE(spilled.ok());
  EXPECT_EQ(*spilled, payload);
  fs::remove(child.spill_path);
}

TEST(EmlReaderTest, ParallelReadsAgree) {
  // GMime is initialised once and each Read has its own parser: threads must not interfere.
  std::string bytes = TestData("mail/attachments.eml");
  EmlRun reference;
  ReadBytes(bytes, reference);
  ASSERT_TRUE(reference.status.ok());
  std::vector<std::thread> threads;
  std::atomic<int> mismatches{0};
  for (int t = 0; t < 4; ++t) {
    threads.emplace_back([&] {
      for (int i = 0; i < 100; ++i) {
        EmlRun run;
        ReadBytes(bytes, run);
        if (!run.status.ok() || run.doc().text != reference.doc().text ||
            run.context.children.size() != reference.context.children.size() ||
            Detect(bytes, bytes.size(), "a.eml").mime_type != "message/rfc822") {
          ++mismatches;
        }
      }
    });
  }
  for (std::thread& thread : threads) thread.join();
  EXPECT_EQ(mismatches.load(), 0);
}

// Real mail: the Enron inboxes. Every message must give a sender, a date and some text.
TEST(EmlReaderTest, EnronInboxCorpus) {
  const char* corpora = std::getenv("BATES_CORPORA");
  fs::path root = corpora ? fs::path(corpora) / "enron-maildir-inbox" / "maildir" : fs::path();
  if (corpora == nullptr || !fs::is_directory(root)) {
    GTEST_SKIP() << "corpus enron-maildir-inbox absent (set BATES_CORPORA)";
  }
  std::vector<fs::path> files;
  for (const auto& custodian : fs::directory_iterator(root)) {
    fs::path inbox = custodian.path() / "inbox";
    if (!fs::is_directory(inbox)) continue;
    for (const auto& entry : fs::directory_iterator(inbox)) {
      if (entry.is_regular_file()) files.push_back(entry.path());
    }
  }
  std::sort(files.begin(), files.end());
  ASSERT_GE(files.size(), 200u);
  // Spread the sample over all custodians.
  size_t step = files.size() / 200;
  for (size_t i = 0; i < 200; ++i) {
    const fs::path& path = files[i * step];
    Result<std::string> bytes = ReadFile(path);
    ASSERT_TRUE(bytes.ok());
    EXPECT_EQ(Detect(std::string_view(*bytes).substr(0, kDetectHeadBytes), bytes->size(),
                     path.filename().string())
                  .mime_type,
              "message/rfc822")
        << path;
    EmlRun run;
    ReadBytes(*bytes, run, path.filename().string());
    ASSERT_TRUE(run.status.ok()) << path << ": " << run.status.ToString();
    const model::Metadata& meta = run.doc().meta;
    EXPECT_TRUE(meta.from && !meta.from->address.empty()) << path;
    EXPECT_TRUE(meta.sent.has_value()) << path;
    EXPECT_FALSE(TrimAscii(run.doc().text).empty()) << path;
    EXPECT_EQ(run.doc().text.find("X-FileName:"), std::string::npos) << path;
    EXPECT_TRUE(IsValidUtf8(run.doc().text)) << path;
  }
}

// Awkward real-world mail from Apache Tika's test files: nothing may crash, and what reads
// must give valid UTF-8.
TEST(EmlReaderTest, TikaMailFilesDoNotCrash) {
  const char* corpora = std::getenv("BATES_CORPORA");
  fs::path root =
      corpora ? fs::path(corpora) / "tika-test-documents" / "files" / "mail" : fs::path();
  if (corpora == nullptr || !fs::is_directory(root)) {
    GTEST_SKIP() << "corpus tika-test-documents absent (set BATES_CORPORA)";
  }
  const Reader* mbox = ReaderRegistry::Global().ByName("mbox");
  ASSERT_NE(mbox, nullptr);
  int read = 0;
  for (const auto& entry : fs::directory_iterator(root)) {
    std::string name = entry.path().filename().string();
    if (!name.starts_with("testRFC822") && !name.ends_with(".mbox") && !name.ends_with(".eml")) {
      continue;
    }
    Result<std::string> bytes = ReadFile(entry.path());
    ASSERT_TRUE(bytes.ok());
    Detection detection =
        Detect(std::string_view(*bytes).substr(0, kDetectHeadBytes), bytes->size(), name);
    std::vector<std::string> messages;
    if (detection.mime_type == "application/mbox") {
      testing::FakeReadContext context;
      Status status = mbox->Read(Input::FromMemory(*bytes, name), context);
      EXPECT_TRUE(status.ok()) << name << ": " << status.ToString();
      EXPECT_FALSE(context.children.empty()) << name;
      for (Child& child : context.children) messages.push_back(std::move(child.bytes));
    } else {
      EXPECT_EQ(detection.mime_type, "message/rfc822") << name;
      messages.push_back(*bytes);
    }
    for (const std::string& message : messages) {
      EmlRun run;
      ReadBytes(message, run, name);
      if (run.context.has_document()) {
        EXPECT_TRUE(IsValidUtf8(run.doc().text)) << name;
        EXPECT_TRUE(IsValidUtf8(run.doc().meta.subject)) << name;
        ++read;
      }
    }
  }
  EXPECT_GT(read, 20);
}

}  // namespace
}  // namespace bates::ingest
