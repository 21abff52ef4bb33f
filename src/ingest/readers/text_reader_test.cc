#include <gtest/gtest.h>

#include <filesystem>
#include <string>

#include "core/file.h"
#include "core/text.h"
#include "ingest/reader.h"
#include "ingest/testing/fake_read_context.h"

namespace bates::ingest {
namespace {

std::string TestData(const std::string& relative) {
  Result<std::string> bytes = ReadFile(std::filesystem::path(BATES_TESTDATA_DIR) / relative);
  EXPECT_TRUE(bytes.ok()) << relative << ": " << bytes.status().ToString();
  return bytes.ok() ? *bytes : std::string();
}

const Reader& TextReader() {
  const Reader* reader = ReaderRegistry::Global().ByName("text");
  EXPECT_NE(reader, nullptr);
  return *reader;
}

std::string ReadText(const std::string& relative, uint32_t* flags = nullptr) {
  std::string bytes = TestData(relative);
  testing::FakeReadContext context;
  Status status = TextReader().Read(Input::FromMemory(bytes, relative), context);
  EXPECT_TRUE(status.ok()) << status.ToString();
  EXPECT_TRUE(context.has_document());
  if (!context.has_document()) return {};
  EXPECT_TRUE(IsValidUtf8(context.document().text));
  if (flags) *flags = context.document().flags;
  return context.document().text;
}

TEST(TextReaderTest, RegisteredForPlainTextAndFriends) {
  const ReaderRegistry& registry = ReaderRegistry::Global();
  EXPECT_EQ(registry.ForMimeType("text/plain"), &TextReader());
  EXPECT_EQ(registry.ForMimeType("text/csv"), &TextReader());
  EXPECT_EQ(registry.ForMimeType("text/x-python"), &TextReader());
  EXPECT_NE(registry.ForMimeType("text/html"), &TextReader());
  EXPECT_NE(registry.ForMimeType("message/rfc822"), &TextReader());
}

TEST(TextReaderTest, Windows1252) {
  EXPECT_EQ(ReadText("text/windows-1252.txt"),
            "Fictional memo \u2014 not a real document.\n"
            "The caf\u00e9 on Main Street charged \u20ac12 for \u201cspecial\u201d coffee.\n"
            "Na\u00efve r\u00e9sum\u00e9 fa\u00e7ade \u00fcber stra\u00dfe \u00bd.\n");
}

TEST(TextReaderTest, Utf16WithAndWithoutBom) {
  EXPECT_EQ(ReadText("text/utf-16le-bom.txt"),
            "Fictional note: Gr\u00fc\u00dfe aus K\u00f6ln, \u65e5\u672c\u8a9e.\nSecond line.\n");
  EXPECT_EQ(ReadText("text/utf-16be-bom.txt"), "Fictional note: \u00e7a va tr\u00e8s bien.\n");
  EXPECT_EQ(ReadText("text/utf-16le-nobom.txt"),
            "Fictional log line one.\nFictional log line two, with more words in it.\n");
}

TEST(TextReaderTest, Utf8AndDetectedCyrillic) {
  EXPECT_EQ(ReadText("text/utf-8.txt"),
            "Fictional plain text: na\u00efve caf\u00e9, \u0416\u0443\u0440\u043d\u0430\u043b, "
            "\u6771\u4eac.\n");
  std::string koi8 = ReadText("text/koi8-r.txt");
  EXPECT_TRUE(koi8.starts_with("\u042d\u0442\u043e \u0432\u044b\u043c\u044b\u0448\u043b\u0435"))
      << koi8;
}

TEST(TextReaderTest, InvalidBytesAndNulsAreRepaired) {
  std::string bytes("ok\0then \xC3(broken\n", 17);
  testing::FakeReadContext context;
  ASSERT_TRUE(TextReader().Read(Input::FromMemory(bytes, "x.txt"), context).ok());
  EXPECT_TRUE(IsValidUtf8(context.document().text));
  EXPECT_EQ(context.document().text.find('\0'), std::string::npos);
  EXPECT_TRUE(context.document().text.starts_with("okthen "));
}

TEST(TextReaderTest, CutAtTheTextLimitAndFlagged) {
  std::string bytes;
  for (int i = 0; i < 200; ++i) bytes += "caf\xE9 line " + std::to_string(i) + "\n";
  Limits limits;
  limits.max_text_bytes = 1000;
  testing::FakeReadContext context(limits);
  ASSERT_TRUE(TextReader().Read(Input::FromMemory(bytes, "big.txt"), context).ok());
  const Extracted& doc = context.document();
  EXPECT_TRUE(doc.flags & model::kFlagTruncated);
  EXPECT_LE(doc.text.size(), 1000u);
  EXPECT_GT(doc.text.size(), 900u);
  EXPECT_TRUE(IsValidUtf8(doc.text));
  EXPECT_TRUE(doc.text.starts_with("caf\u00e9 line 0\n"));

  uint32_t flags = 0;
  ReadText("text/utf-8.txt", &flags);
  EXPECT_FALSE(flags & model::kFlagTruncated);
}

TEST(TextReaderTest, ReadsFromAFile) {
  std::filesystem::path path = std::filesystem::path(BATES_TESTDATA_DIR) / "text/windows-1252.txt";
  testing::FakeReadContext context;
  Input input = Input::FromFile(path, std::filesystem::file_size(path), "windows-1252.txt");
  ASSERT_TRUE(TextReader().Read(input, context).ok());
  EXPECT_TRUE(context.document().text.starts_with("Fictional memo \u2014"));
}

}  // namespace
}  // namespace bates::ingest
