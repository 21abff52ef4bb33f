#include "ingest/extractor.h"

#include <gtest/gtest.h>

#include <filesystem>
#include <sstream>

#include "core/file.h"
#include "core/text.h"

namespace bates::ingest {
namespace {

// A reader for plain text where lines "CHILD <name> <content>" are children (content may itself
// hold children, with "\\n" for a line break), "FAIL" makes the read fail after what came
// before, and any other line is text.
class NestingReader final : public Reader {
 public:
  std::string_view name() const override { return "nesting"; }
  std::vector<std::string> mime_types() const override { return {"text/plain"}; }
  std::string_view tool() const override { return "nest-lib"; }
  Status Read(const Input& input, ReadContext& context) const override {
    BATES_ASSIGN_OR_RETURN(std::string_view bytes, input.bytes());
    std::istringstream lines{std::string(bytes)};
    std::string line, text;
    std::vector<Child> children;
    bool fail = false;
    while (std::getline(lines, line)) {
      if (line.rfind("CHILD ", 0) == 0) {
        size_t space = line.find(' ', 6);
        Child c;
        c.name = line.substr(6, space - 6);
        std::string content = line.substr(space + 1);
        for (size_t p; (p = content.find("\\n")) != std::string::npos;) content.replace(p, 2, "\n");
        c.bytes = content;
        if (c.name == "locked") c.failure = EncryptedError("member is encrypted");
        children.push_back(std::move(c));
      } else if (line == "FAIL") {
        fail = true;
      } else {
        text += line + "\n";
      }
    }
    Extracted doc;
    doc.text = text;
    doc.meta.title = "t:" + input.name();
    BATES_RETURN_IF_ERROR(context.SetDocument(std::move(doc)));
    for (Child& c : children) BATES_RETURN_IF_ERROR(context.AddChild(std::move(c)));
    if (fail) return CorruptError("damaged after {} children", children.size());
    return Status::Ok();
  }
};

class ExtractorTest : public ::testing::Test {
 protected:
  ExtractorTest() {
    registry_.Register(std::make_unique<NestingReader>());
    options_.registry = &registry_;
    options_.temp_dir = std::filesystem::temp_directory_path();
  }

  struct Outcome {
    std::vector<ExtractedItem> items;
    std::vector<std::pair<uint32_t, Status>> failures;
    Status status;
  };

  Outcome Run(const std::string& bytes, const std::string& name = "top.txt") {
    Outcome out;
    Extractor extractor(options_);
    out.status = extractor.ExtractMemory(
        bytes, name,
        [&](ExtractedItem item) {
          out.items.push_back(std::move(item));
          return Status::Ok();
        },
        [&](uint32_t id, const Status& s, const std::string&) {
          out.failures.emplace_back(id, s);
          return Status::Ok();
        });
    return out;
  }

  ReaderRegistry registry_;
  ExtractorOptions options_;
};

TEST_F(ExtractorTest, ItemsComeOutInPreOrderWithParentsAndPaths) {
  Outcome out = Run("top text\nCHILD a.txt alpha\\nCHILD inner.txt deep\nCHILD b.txt beta\n");
  ASSERT_TRUE(out.status.ok());
  ASSERT_EQ(out.items.size(), 4u);
  const char* paths[] = {"", "a.txt", "a.txt/inner.txt", "b.txt"};
  std::optional<uint32_t> parents[] = {std::nullopt, 0u, 1u, 0u};
  for (uint32_t i = 0; i < 4; ++i) {
    EXPECT_EQ(out.items[i].local_id, i);
    EXPECT_EQ(out.items[i].inner_path, paths[i]);
    EXPECT_EQ(out.items[i].parent_local_id, parents[i]);
    EXPECT_EQ(out.items[i].status, model::ItemStatus::kProcessed);
  }
  EXPECT_EQ(out.items[0].kind, model::ItemKind::kFile);
  EXPECT_EQ(out.items[1].kind, model::ItemKind::kEmbedded);
  EXPECT_EQ(out.items[0].text, "top text\n");
  EXPECT_EQ(out.items[2].text, "deep\n");
  EXPECT_EQ(out.items[3].hashes.sha256, HashContent("beta").sha256);
  EXPECT_EQ(out.items[3].native, "beta");
  // The parent knew the child's name; the child's own metadata wins where it has some.
  EXPECT_EQ(out.items[3].meta.file_name, "b.txt");
  EXPECT_EQ(out.items[3].meta.title, "t:b.txt");
}

TEST_F(ExtractorTest, FailureAfterChildrenMarksTheParentLate) {
  Outcome out = Run("CHILD a.txt alpha\nFAIL\n");
  ASSERT_EQ(out.items.size(), 2u);
  EXPECT_EQ(out.items[0].status, model::ItemStatus::kProcessed);
  ASSERT_EQ(out.failures.size(), 1u);
  EXPECT_EQ(out.failures[0].first, 0u);
  EXPECT_EQ(out.failures[0].second.code(), StatusCode::kCorrupt);
}

TEST_F(ExtractorTest, FailureWithoutChildrenIsAnExceptionItemKeepingItsText) {
  Outcome out = Run("some text\nFAIL\n");
  ASSERT_EQ(out.items.size(), 1u);
  EXPECT_EQ(out.items[0].status, model::ItemStatus::kException);
  EXPECT_EQ(out.items[0].exception.code(), StatusCode::kCorrupt);
  EXPECT_EQ(out.items[0].exception_tool, "nest-lib");
  EXPECT_EQ(out.items[0].text, "some text\n");
}

TEST_F(ExtractorTest, ChildTheParentCouldNotExtractIsAnException) {
  Outcome out = Run("CHILD locked secret\n");
  ASSERT_EQ(out.items.size(), 2u);
  EXPECT_EQ(out.items[1].status, model::ItemStatus::kException);
  EXPECT_EQ(out.items[1].exception.code(), StatusCode::kEncrypted);
  EXPECT_TRUE(out.items[1].flags & model::kFlagEncrypted);
  EXPECT_EQ(out.items[1].exception_tool, "nest-lib");
}

TEST_F(ExtractorTest, DepthLimitStopsNesting) {
  // top (depth 0) holds a (1), which holds b (2).
  Outcome out = Run("L0\nCHILD a L1\\nCHILD b L2\n");
  ASSERT_EQ(out.items.size(), 3u);
  EXPECT_EQ(out.items[2].status, model::ItemStatus::kProcessed);
  options_.limits.max_depth = 1;
  out = Run("L0\nCHILD a L1\\nCHILD b L2\n");
  ASSERT_EQ(out.items.size(), 3u);
  EXPECT_EQ(out.items[2].status, model::ItemStatus::kException);
  EXPECT_EQ(out.items[2].exception.code(), StatusCode::kResourceExhausted);
  EXPECT_EQ(out.items[2].exception_tool, "limits");
  EXPECT_NE(out.items[2].exception.message().find("nested deeper"), std::string::npos);
}

TEST_F(ExtractorTest, UnsupportedContentIsAnExceptionAndEmptyIsNot) {
  std::string junk(512, '\0');
  for (size_t i = 0; i < junk.size(); ++i) junk[i] = static_cast<char>((i * 131 + 7) % 256);
  Outcome out = Run(junk, "junk.eml");
  ASSERT_EQ(out.items.size(), 1u);
  EXPECT_EQ(out.items[0].status, model::ItemStatus::kException);
  EXPECT_EQ(out.items[0].exception.code(), StatusCode::kUnsupportedFormat);
  EXPECT_EQ(out.items[0].exception_tool, "detect");

  out = Run("", "empty.txt");
  ASSERT_EQ(out.items.size(), 1u);
  EXPECT_EQ(out.items[0].status, model::ItemStatus::kProcessed);
  EXPECT_TRUE(out.items[0].flags & model::kFlagNoText);
}

TEST_F(ExtractorTest, ItemSizeLimit) {
  options_.limits.max_item_bytes = 10;
  Outcome out = Run("CHILD big 0123456789abcdef\nCHILD small 01234\n");
  // The top itself is over the limit too.
  ASSERT_EQ(out.items.size(), 1u);
  EXPECT_EQ(out.items[0].exception.code(), StatusCode::kResourceExhausted);
}

TEST_F(ExtractorTest, InvalidUtf8IsRepaired) {
  Outcome out = Run("caf\xe9 au lait\n");
  ASSERT_EQ(out.items.size(), 1u);
  EXPECT_TRUE(IsValidUtf8(out.items[0].text));
}

TEST_F(ExtractorTest, ConsumerStopEndsExtraction) {
  Extractor extractor(options_);
  int seen = 0;
  Status s = extractor.ExtractMemory(
      "CHILD a 1\nCHILD b 2\nCHILD c 3\n", "top",
      [&](ExtractedItem) { return ++seen == 2 ? CancelledError("enough") : Status::Ok(); },
      [](uint32_t, const Status&, const std::string&) { return Status::Ok(); });
  EXPECT_EQ(s.code(), StatusCode::kCancelled);
  EXPECT_EQ(seen, 2);
}

TEST_F(ExtractorTest, ExtractFileHashesTheFileOnDisk) {
  auto path = std::filesystem::temp_directory_path() / "bates-extractor-test.txt";
  ASSERT_TRUE(WriteFileAtomic(path, "hello\nCHILD c.txt world\n").ok());
  Extractor extractor(options_);
  std::vector<ExtractedItem> items;
  Status s = extractor.ExtractFile(
      path, "dir/bates-extractor-test.txt",
      [&](ExtractedItem item) {
        items.push_back(std::move(item));
        return Status::Ok();
      },
      [](uint32_t, const Status&, const std::string&) { return Status::Ok(); });
  ASSERT_TRUE(s.ok());
  ASSERT_EQ(items.size(), 2u);
  EXPECT_EQ(items[0].hashes.md5, HashContent("hello\nCHILD c.txt world\n").md5);
  EXPECT_EQ(items[0].native_path, path);
  EXPECT_EQ(items[0].meta.file_name, "bates-extractor-test.txt");
  std::filesystem::remove(path);
}

}  // namespace
}  // namespace bates::ingest
