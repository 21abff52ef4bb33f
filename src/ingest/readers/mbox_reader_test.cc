#include <gtest/gtest.h>
#include <unistd.h>

#include <chrono>
#include <filesystem>
#include <string>
#include <vector>

#include "core/file.h"
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

const Reader& Mbox() {
  const Reader* reader = ReaderRegistry::Global().ByName("mbox");
  EXPECT_NE(reader, nullptr);
  return *reader;
}

const Reader& Eml() {
  const Reader* reader = ReaderRegistry::Global().ByName("eml");
  EXPECT_NE(reader, nullptr);
  return *reader;
}

Status ReadMbox(const std::string& bytes, testing::FakeReadContext& context) {
  return Mbox().Read(Input::FromMemory(bytes, "box.mbox"), context);
}

fs::path TempDir() {
  fs::path dir = fs::temp_directory_path() / ("bates-mbox-test-" + std::to_string(::getpid()));
  fs::create_directories(dir);
  return dir;
}

const char* const kM1 = "From: a@city.example\nSubject: one\n\nBody one.\n";
const char* const kM3 = "From: c@city.example\nSubject: three\n\nBody three.\n";

TEST(MboxReaderTest, Registered) {
  EXPECT_EQ(ReaderRegistry::Global().ForMimeType("application/mbox"), &Mbox());
  EXPECT_TRUE(Mbox().is_container());
  EXPECT_FALSE(Mbox().is_email());
}

TEST(MboxReaderTest, EachMessageIsAChildWithItsOriginalBytes) {
  testing::FakeReadContext context;
  ASSERT_TRUE(ReadMbox(TestData("mail/three.mbox"), context).ok());
  ASSERT_TRUE(context.has_document());
  EXPECT_EQ(context.document().text, "");
  ASSERT_EQ(context.children.size(), 3u);
  for (int i = 0; i < 3; ++i) {
    const Child& child = context.children[i];
    EXPECT_EQ(child.name, "message " + std::to_string(i + 1));
    EXPECT_EQ(child.declared_type, "message/rfc822");
    EXPECT_TRUE(child.failure.ok());
    // Byte for byte the same as the message saved alone, so the hashes match.
    EXPECT_EQ(child.bytes, TestData("mail/mbox-message-" + std::to_string(i + 1) + ".eml"));
  }
  // A ">From " body line stays as stored (mboxo and mboxrd cannot be told apart).
  EXPECT_NE(context.children[1].bytes.find("\n>From the start"), std::string::npos);
}

TEST(MboxReaderTest, ReadsFromAFileAsFromMemory) {
  fs::path path = fs::path(BATES_TESTDATA_DIR) / "mail/three.mbox";
  testing::FakeReadContext context;
  ASSERT_TRUE(Mbox().Read(Input::FromFile(path, fs::file_size(path), "three.mbox"), context).ok());
  ASSERT_EQ(context.children.size(), 3u);
  EXPECT_EQ(context.children[2].bytes, TestData("mail/mbox-message-3.eml"));
}

TEST(MboxReaderTest, TruncatedTailIsTheLastChildAndReadsAsTruncated) {
  testing::FakeReadContext context;
  std::string mbox = TestData("mail/truncated.mbox");
  ASSERT_TRUE(ReadMbox(mbox, context).ok());
  ASSERT_EQ(context.children.size(), 3u);
  EXPECT_EQ(context.children[0].bytes, TestData("mail/mbox-message-1.eml"));
  EXPECT_EQ(context.children[1].bytes, TestData("mail/mbox-message-2.eml"));
  const Child& tail = context.children[2];
  EXPECT_TRUE(tail.failure.ok());
  EXPECT_TRUE(tail.bytes.starts_with("From: d@city.example\n"));
  EXPECT_TRUE(tail.bytes.ends_with("cut off in the mid"));
  // The framework reads it with the EML reader, which keeps the text and reports the cut.
  testing::FakeReadContext message;
  Status status = Eml().Read(Input::FromMemory(tail.bytes, tail.name), message);
  EXPECT_EQ(status.code(), StatusCode::kCorrupt) << status.ToString();
  EXPECT_TRUE(message.document().flags & model::kFlagTruncated);
  EXPECT_EQ(message.document().text, "This message is cut off in the mid");
}

TEST(MboxReaderTest, TailCutInItsHeadersIsAFailedChild) {
  testing::FakeReadContext context;
  ASSERT_TRUE(ReadMbox(TestData("mail/cut-in-headers.mbox"), context).ok());
  ASSERT_EQ(context.children.size(), 2u);
  EXPECT_EQ(context.children[0].bytes, TestData("mail/mbox-message-1.eml"));
  EXPECT_TRUE(context.children[0].failure.ok());
  EXPECT_EQ(context.children[1].name, "message 2");
  EXPECT_EQ(context.children[1].bytes, "From: e@city.example\nSubj");
  EXPECT_EQ(context.children[1].failure.code(), StatusCode::kCorrupt);
}

TEST(MboxReaderTest, UnreadableMessageInTheMiddleDoesNotStopTheRest) {
  std::string mbox = std::string("From a@city.example Mon Jan  1 15:00:00 2018\n") + kM1 +
                     "\nFrom x@city.example Tue Jan  2 15:00:00 2018\nHello, not a header\n\n"
                     "From c@city.example Wed Jan  3 15:00:00 2018\n" +
                     kM3 + "\n";
  testing::FakeReadContext context;
  ASSERT_TRUE(ReadMbox(mbox, context).ok());
  ASSERT_EQ(context.children.size(), 3u);
  EXPECT_EQ(context.children[0].bytes, kM1);
  EXPECT_EQ(context.children[1].failure.code(), StatusCode::kCorrupt);
  EXPECT_EQ(context.children[1].bytes, "Hello, not a header\n");
  EXPECT_EQ(context.children[2].name, "message 3");
  EXPECT_EQ(context.children[2].bytes, kM3);
  EXPECT_TRUE(context.children[2].failure.ok());
}

TEST(MboxReaderTest, CrlfMailboxAndNoTrailingBlankLine) {
  std::string m1 = "From: a@city.example\r\nSubject: one\r\n\r\nBody one.\r\n";
  std::string m2 = "From: b@city.example\r\nSubject: two\r\n\r\nBody two.\r\n";
  std::string mbox = "From a Mon Jan  1 15:00:00 2018\r\n" + m1 + "\r\n" +
                     "From b Mon Jan  1 16:00:00 2018\r\n" + m2;
  testing::FakeReadContext context;
  ASSERT_TRUE(ReadMbox(mbox, context).ok());
  ASSERT_EQ(context.children.size(), 2u);
  EXPECT_EQ(context.children[0].bytes, m1);
  EXPECT_EQ(context.children[1].bytes, m2);
}

TEST(MboxReaderTest, MessageWithoutHeadersAndPreamble) {
  // Tika's simple.mbox shape: separator lines straight followed by a blank line and text.
  std::string mbox =
      "junk before\nFrom sender Mon Jun 01 10:00:00 2009\n\nTest content 1\n\n"
      "From sender Mon Jun 01 11:00:00 2010\n\nTest content 2";
  testing::FakeReadContext context;
  ASSERT_TRUE(ReadMbox(mbox, context).ok());
  ASSERT_EQ(context.children.size(), 3u);
  EXPECT_EQ(context.children[0].name, "preamble");
  EXPECT_EQ(context.children[0].failure.code(), StatusCode::kCorrupt);
  EXPECT_EQ(context.children[1].name, "message 1");
  EXPECT_EQ(context.children[1].bytes, "\nTest content 1\n");
  EXPECT_EQ(context.children[2].bytes, "\nTest content 2");
}

TEST(MboxReaderTest, NotAnMbox) {
  testing::FakeReadContext context;
  Status status = ReadMbox("Just some prose.\nNo separators here.\n", context);
  EXPECT_EQ(status.code(), StatusCode::kCorrupt);
  EXPECT_TRUE(context.children.empty());
}

TEST(MboxReaderTest, StopsWhenTheContextSaysSo) {
  testing::FakeReadContext context;
  context.stop_after_children = 2;
  Status status = ReadMbox(TestData("mail/three.mbox"), context);
  EXPECT_EQ(status.code(), StatusCode::kCancelled);
  EXPECT_EQ(context.children.size(), 2u);
}

TEST(MboxReaderTest, LargeMessagesSpill) {
  std::string body(200 * 1024, 'y');
  for (size_t i = 0; i < body.size(); i += 70) body[i] = '\n';
  std::string big = "From: big@city.example\nSubject: big\n\n" + body + "\n";
  std::string mbox = std::string("From a Mon Jan  1 15:00:00 2018\n") + kM1 + "\n" +
                     "From b Mon Jan  1 16:00:00 2018\n" + big + "\n";
  Limits limits;
  limits.max_in_memory_bytes = 64 * 1024;
  fs::path dir = TempDir();
  testing::FakeReadContext context(limits, dir);
  ASSERT_TRUE(ReadMbox(mbox, context).ok());
  ASSERT_EQ(context.children.size(), 2u);
  EXPECT_EQ(context.children[0].bytes, kM1);
  ASSERT_FALSE(context.children[1].spill_path.empty());
  Result<std::string> spilled = ReadFile(context.children[1].spill_path);
  ASSERT_TRUE(spilled.ok());
  EXPECT_EQ(*spilled, big);
  fs::remove_all(dir);
}

TEST(MboxReaderTest, ManyMessagesFromAFile) {
  constexpr int kMessages = 20000;
  std::string mbox;
  for (int i = 0; i < kMessages; ++i) {
    mbox += "From sender" + std::to_string(i) + "@city.example Mon Jan  1 15:00:00 2018\n";
    mbox += "From: sender" + std::to_string(i) +
            "@city.example\nTo: r@county.example\n"
            "Subject: message " +
            std::to_string(i) + "\nMessage-ID: <" + std::to_string(i) +
            "@city.example>\nMIME-Version: 1.0\nContent-Type: multipart/mixed; boundary=b\n\n"
            "--b\nContent-Type: text/plain\n\nBody " +
            std::to_string(i) + "\n--b--\n\n";
  }
  fs::path dir = TempDir();
  fs::path path = dir / "many.mbox";
  ASSERT_TRUE(WriteFileAtomic(path, mbox).ok());
  testing::FakeReadContext context;
  auto start = std::chrono::steady_clock::now();
  ASSERT_TRUE(Mbox().Read(Input::FromFile(path, fs::file_size(path), "many.mbox"), context).ok());
  double seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
  RecordProperty("messages_per_second", static_cast<int>(kMessages / seconds));
  ASSERT_EQ(context.children.size(), static_cast<size_t>(kMessages));
  const Child& last = context.children.back();
  EXPECT_EQ(last.name, "message " + std::to_string(kMessages));
  std::string expected_last = mbox.substr(mbox.rfind("\nFrom sender") + 1);
  expected_last = expected_last.substr(expected_last.find('\n') + 1);
  expected_last.pop_back();  // the blank separator line
  EXPECT_EQ(last.bytes, expected_last);
  fs::remove_all(dir);
}

}  // namespace
}  // namespace bates::ingest
