#include "ingest/helper.h"

#include <gtest/gtest.h>
#include <unistd.h>

#include <chrono>
#include <cstdlib>
#include <filesystem>

#include "core/file.h"
#include "ingest/testing/fake_read_context.h"
#include "model/item.h"

namespace bates::ingest {
namespace {

namespace fs = std::filesystem;
using testing::FakeReadContext;

const fs::path kHelper = BATES_EXTRACT_PATH;
const fs::path kTestData = BATES_TESTDATA_DIR;

#if defined(__SANITIZE_ADDRESS__)
constexpr bool kSanitized = true;
#elif defined(__has_feature)
#if __has_feature(address_sanitizer)
constexpr bool kSanitized = true;
#else
constexpr bool kSanitized = false;
#endif
#else
constexpr bool kSanitized = false;
#endif

// Stands for a reader whose name selects one of bates-extract's test modes; it is never run in
// this process.
class MisbehavingReader final : public Reader {
 public:
  explicit MisbehavingReader(std::string mode) : mode_(std::move(mode)) {}
  std::string_view name() const override { return mode_; }
  std::vector<std::string> mime_types() const override { return {}; }
  bool isolated() const override { return true; }
  std::string_view tool() const override { return "testtool"; }
  Status Read(const Input&, ReadContext&) const override {
    return InternalError("runs only in the helper");
  }

 private:
  std::string mode_;
};

class HelperTest : public ::testing::Test {
 protected:
  void SetUp() override {
    const char* base = std::getenv("BATES_TEST_TMP");  // NOLINT(concurrency-mt-unsafe)
    fs::path root = base != nullptr ? fs::path(base) : fs::temp_directory_path();
    fs::create_directories(root);
    std::string pattern = (root / "helper-test-XXXXXX").string();
    temp_ = ::mkdtemp(pattern.data());
  }
  void TearDown() override {
    std::error_code ignored;
    fs::remove_all(temp_, ignored);
  }

  static const Reader& Pdf() { return *ReaderRegistry::Global().ByName("pdf"); }
  static Input SamplePdf() {
    fs::path file = kTestData / "pdf/sample.pdf";
    return Input::FromFile(file, fs::file_size(file), "sample.pdf");
  }

  fs::path temp_;
};

void ExpectSameResult(const FakeReadContext& in_process, const FakeReadContext& isolated) {
  ASSERT_TRUE(in_process.has_document());
  ASSERT_TRUE(isolated.has_document());
  const Extracted& a = in_process.document();
  const Extracted& b = isolated.document();
  EXPECT_EQ(a.text, b.text);
  EXPECT_EQ(a.flags | model::kFlagIsolated, b.flags);
  EXPECT_EQ(a.mime_type, b.mime_type);
  EXPECT_EQ(a.meta.title, b.meta.title);
  EXPECT_EQ(a.meta.author, b.meta.author);
  EXPECT_EQ(a.meta.created, b.meta.created);
  EXPECT_EQ(a.meta.modified, b.meta.modified);
  EXPECT_EQ(a.meta.extra, b.meta.extra);
  ASSERT_EQ(in_process.children.size(), isolated.children.size());
  for (size_t i = 0; i < in_process.children.size(); ++i) {
    const Child& x = in_process.children[i];
    const Child& y = isolated.children[i];
    EXPECT_EQ(x.name, y.name);
    EXPECT_EQ(x.bytes, y.bytes);
    EXPECT_EQ(x.declared_type, y.declared_type);
    EXPECT_EQ(x.meta.modified, y.meta.modified);
    EXPECT_EQ(x.meta.extra, y.meta.extra);
    EXPECT_EQ(x.failure.code(), y.failure.code());
  }
}

TEST_F(HelperTest, PdfInHelperMatchesInProcess) {
  Input input = SamplePdf();
  FakeReadContext in_process({}, temp_);
  ASSERT_TRUE(Pdf().Read(input, in_process).ok());
  FakeReadContext isolated({}, temp_);
  Status status = RunIsolated(Pdf(), input, isolated, kHelper);
  ASSERT_TRUE(status.ok()) << status.ToString();
  ExpectSameResult(in_process, isolated);
  EXPECT_NE(isolated.document().text.find("Evidence must be logged"), std::string::npos);
  EXPECT_EQ(isolated.children.size(), 1u);
}

TEST_F(HelperTest, InputInMemoryGoesThroughAMemoryFile) {
  Result<std::string> bytes = ReadFile(kTestData / "pdf/sample.pdf");
  ASSERT_TRUE(bytes.ok());
  Input input = Input::FromMemory(*bytes, "sample.pdf");
  FakeReadContext in_process({}, temp_);
  ASSERT_TRUE(Pdf().Read(input, in_process).ok());
  FakeReadContext isolated({}, temp_);
  Status status = RunIsolated(Pdf(), input, isolated, kHelper);
  ASSERT_TRUE(status.ok()) << status.ToString();
  ExpectSameResult(in_process, isolated);
  EXPECT_TRUE(fs::is_empty(temp_)) << "the input must not be written to disk";
}

TEST_F(HelperTest, ReaderFailuresComeBackAsTheirStatus) {
  fs::path file = kTestData / "pdf/encrypted.pdf";
  FakeReadContext context({}, temp_);
  Status status = RunIsolated(Pdf(), Input::FromFile(file, fs::file_size(file), "encrypted.pdf"),
                              context, kHelper);
  EXPECT_EQ(status.code(), StatusCode::kEncrypted);
  EXPECT_EQ(status.message(), "PDF is password-protected");
  EXPECT_FALSE(context.has_document());

  std::string garbage = "%PDF-1.4\n" + std::string(5000, '\x07');
  FakeReadContext garbage_context({}, temp_);
  EXPECT_EQ(
      RunIsolated(Pdf(), Input::FromMemory(garbage, "bad.pdf"), garbage_context, kHelper).code(),
      StatusCode::kCorrupt);
}

TEST_F(HelperTest, LargeChildrenArriveAsSpillFiles) {
  Limits limits;
  limits.max_in_memory_bytes = 8;
  FakeReadContext context(limits, temp_);
  ASSERT_TRUE(RunIsolated(Pdf(), SamplePdf(), context, kHelper).ok());
  ASSERT_EQ(context.children.size(), 1u);
  const Child& child = context.children[0];
  EXPECT_TRUE(child.bytes.empty());
  ASSERT_FALSE(child.spill_path.empty());
  EXPECT_EQ(child.spill_path.parent_path(), temp_);
  Result<std::string> content = ReadFile(child.spill_path);
  ASSERT_TRUE(content.ok());
  EXPECT_EQ(*content, "Fictional meeting notes, Springfield PD (example).\n");
}

TEST_F(HelperTest, StopFromTheContextIsReturnedAndLeavesNoFiles) {
  Limits limits;
  limits.max_in_memory_bytes = 0;
  FakeReadContext context(limits, temp_);
  context.stop_after_children = 1;
  Status status = RunIsolated(Pdf(), SamplePdf(), context, kHelper);
  EXPECT_EQ(status.code(), StatusCode::kCancelled);
  ASSERT_EQ(context.children.size(), 1u);
  fs::remove(context.children[0].spill_path);  // the context's to delete
  EXPECT_TRUE(fs::is_empty(temp_));
}

TEST_F(HelperTest, CrashIsContained) {
  FakeReadContext context({}, temp_);
  auto start = std::chrono::steady_clock::now();
  Status status = RunIsolated(MisbehavingReader("--test-crash"), SamplePdf(), context, kHelper);
  EXPECT_LT(std::chrono::steady_clock::now() - start, std::chrono::seconds(5));
  EXPECT_EQ(status.code(), StatusCode::kCorrupt) << status.ToString();
  EXPECT_EQ(status.message(),
            "testtool crashed in helper: killed by signal 11 (Segmentation fault)");
  // What the helper reported before it died is kept.
  ASSERT_TRUE(context.has_document());
  EXPECT_EQ(context.document().text, "written before the crash");
}

TEST_F(HelperTest, HangEndsAtTheTimeLimit) {
  Limits limits;
  limits.helper_time_limit = std::chrono::seconds(1);
  FakeReadContext context(limits, temp_);
  auto start = std::chrono::steady_clock::now();
  Status status = RunIsolated(MisbehavingReader("--test-hang"), SamplePdf(), context, kHelper);
  auto elapsed = std::chrono::steady_clock::now() - start;
  EXPECT_EQ(status.code(), StatusCode::kTimeout) << status.ToString();
  EXPECT_EQ(status.message(), "testtool timed out in helper after 1 s");
  EXPECT_GE(elapsed, std::chrono::milliseconds(900));
  EXPECT_LT(elapsed, std::chrono::seconds(4));
}

TEST_F(HelperTest, RunawayAllocationEndsAtTheMemoryLimit) {
  if (kSanitized) GTEST_SKIP() << "no address-space limit under AddressSanitizer";
  Limits limits;
  limits.helper_memory_bytes = uint64_t{512} << 20;
  FakeReadContext context(limits, temp_);
  auto start = std::chrono::steady_clock::now();
  Status status = RunIsolated(MisbehavingReader("--test-alloc"), SamplePdf(), context, kHelper);
  EXPECT_LT(std::chrono::steady_clock::now() - start, std::chrono::seconds(5));
  EXPECT_EQ(status.code(), StatusCode::kResourceExhausted) << status.ToString();
  EXPECT_EQ(status.message(), "testtool exceeded memory limit of 512 MiB in helper");
}

TEST_F(HelperTest, MalformedStreamEndsAtOnce) {
  Limits limits;
  limits.helper_time_limit = std::chrono::seconds(30);
  FakeReadContext context(limits, temp_);
  auto start = std::chrono::steady_clock::now();
  Status status = RunIsolated(MisbehavingReader("--test-garbage"), SamplePdf(), context, kHelper);
  EXPECT_LT(std::chrono::steady_clock::now() - start, std::chrono::seconds(5));
  EXPECT_EQ(status.code(), StatusCode::kCorrupt) << status.ToString();
  EXPECT_NE(status.message().find("testtool helper sent a malformed stream"), std::string::npos)
      << status.message();
}

TEST_F(HelperTest, OneHelperServesManyDocuments) {
  uint64_t before = HelpersStarted();
  for (int i = 0; i < 5; ++i) {
    FakeReadContext context({}, temp_);
    ASSERT_TRUE(RunIsolated(Pdf(), SamplePdf(), context, kHelper).ok());
    EXPECT_TRUE(context.has_document());
  }
  // At most one start: a helper left by an earlier test on this thread may serve them all.
  EXPECT_LE(HelpersStarted() - before, 1u);
}

TEST_F(HelperTest, AfterACrashTheNextDocumentGetsAFreshHelper) {
  FakeReadContext warm({}, temp_);
  ASSERT_TRUE(RunIsolated(Pdf(), SamplePdf(), warm, kHelper).ok());
  uint64_t before = HelpersStarted();
  FakeReadContext crashing({}, temp_);
  Status crashed = RunIsolated(MisbehavingReader("--test-crash"), SamplePdf(), crashing, kHelper);
  EXPECT_EQ(crashed.code(), StatusCode::kCorrupt) << crashed.ToString();
  // The helper that had served a document is not blamed alone: the crash is retried once in a
  // fresh helper, where it happens again.
  EXPECT_EQ(HelpersStarted() - before, 1u);

  FakeReadContext after({}, temp_);
  EXPECT_TRUE(RunIsolated(Pdf(), SamplePdf(), after, kHelper).ok());
  EXPECT_TRUE(after.has_document());
  EXPECT_EQ(HelpersStarted() - before, 2u);
}

TEST_F(HelperTest, UnknownReaderAndMissingHelperAreErrors) {
  FakeReadContext context({}, temp_);
  Status unknown = RunIsolated(MisbehavingReader("no-such-reader"), SamplePdf(), context, kHelper);
  EXPECT_EQ(unknown.code(), StatusCode::kInternal) << unknown.ToString();
  EXPECT_NE(unknown.message().find("exit status 2"), std::string::npos) << unknown.message();

  Status missing = RunIsolated(Pdf(), SamplePdf(), context, temp_ / "no-such-helper");
  EXPECT_FALSE(missing.ok());
  EXPECT_FALSE(context.has_document());
}

}  // namespace
}  // namespace bates::ingest
