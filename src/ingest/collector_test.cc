#include "ingest/collector.h"

#include <gtest/gtest.h>
#include <sys/stat.h>
#include <unistd.h>

#include <algorithm>
#include <atomic>
#include <chrono>
#include <filesystem>
#include <thread>

#include "core/file.h"

namespace bates::ingest {
namespace {

namespace fs = std::filesystem;

// Records what reaches the sink, in order, as text lines.
class RecordingSink final : public ItemSink {
 public:
  Status BeginFile(const std::string& path) override {
    log.push_back("begin " + path);
    return Status::Ok();
  }
  Status Add(ExtractedItem item) override {
    log.push_back(fmt::format("item {} {} {}", item.local_id, item.inner_path,
                              model::ItemStatusName(item.status)));
    if (++adds == fail_at) return IoError("disk full");
    return Status::Ok();
  }
  Status MarkException(uint32_t id, const Status&, const std::string&) override {
    log.push_back(fmt::format("fail {}", id));
    return Status::Ok();
  }
  Status EndFile(const std::string& path) override {
    log.push_back("end " + path);
    return Status::Ok();
  }
  std::vector<std::string> log;
  size_t adds = 0;
  size_t fail_at = 0;  // the Add call that fails (1-based); 0: none
};

class CollectorTest : public ::testing::Test {
 protected:
  void SetUp() override {
    root_ = fs::temp_directory_path() / fmt::format("bates-collector-{}", ::getpid());
    fs::remove_all(root_);
    fs::create_directories(root_ / "b" / "c");
    // Names chosen so that file-system order and sorted order differ.
    for (int i = 0; i < 40; ++i) {
      ASSERT_TRUE(WriteFileAtomic(root_ / fmt::format("f{:02}.txt", 39 - i),
                                  fmt::format("file number {}\n", 39 - i))
                      .ok());
    }
    ASSERT_TRUE(WriteFileAtomic(root_ / "b" / "c" / "deep.txt", "deep\n").ok());
    ASSERT_TRUE(WriteFileAtomic(root_ / "a.txt", "first\n").ok());
    fs::create_symlink("/etc/passwd", root_ / "link");
  }
  void TearDown() override { fs::remove_all(root_); }

  std::vector<std::string> CollectWithJobs(int jobs) {
    auto entries = Walk(root_);
    EXPECT_TRUE(entries.ok());
    ExtractorOptions eo;
    eo.temp_dir = fs::temp_directory_path();
    Extractor extractor(eo);
    CollectOptions co;
    co.jobs = jobs;
    RecordingSink sink;
    NullProgress progress;
    auto stats = Collect(*entries, extractor, co, sink, progress);
    EXPECT_TRUE(stats.ok());
    return sink.log;
  }

  fs::path root_;
};

TEST_F(CollectorTest, WalkIsSortedAndKeepsWhatItCannotRead) {
  auto entries = Walk(root_);
  ASSERT_TRUE(entries.ok());
  ASSERT_EQ(entries->size(), 43u);
  EXPECT_EQ((*entries)[0].relative_path, "a.txt");
  EXPECT_EQ((*entries)[1].relative_path, "b/c/deep.txt");
  EXPECT_EQ((*entries)[2].relative_path, "f00.txt");
  const WalkEntry& link = entries->back();
  EXPECT_EQ(link.relative_path, "link");
  EXPECT_EQ(link.error.code(), StatusCode::kUnsupportedFormat);
  EXPECT_NE(link.error.message().find("symbolic link"), std::string::npos);
  EXPECT_EQ(Walk(root_ / "missing").status().code(), StatusCode::kNotFound);
  auto single = Walk(root_ / "a.txt");
  ASSERT_TRUE(single.ok());
  ASSERT_EQ(single->size(), 1u);
  EXPECT_EQ((*single)[0].relative_path, "a.txt");
}

TEST_F(CollectorTest, OrderDoesNotDependOnJobs) {
  std::vector<std::string> one = CollectWithJobs(1);
  std::vector<std::string> four = CollectWithJobs(4);
  EXPECT_EQ(one, four);
  ASSERT_FALSE(one.empty());
  EXPECT_EQ(one.front(), "begin a.txt");
  // The symbolic link is an exception item, not a silent skip.
  EXPECT_EQ(one[one.size() - 2], "item 0  exception");
}

TEST_F(CollectorTest, AlreadyDoneFilesAreLeftOut) {
  auto entries = Walk(root_);
  ASSERT_TRUE(entries.ok());
  ExtractorOptions eo;
  Extractor extractor(eo);
  CollectOptions co;
  co.already_done = [](const std::string& p) { return p != "a.txt"; };
  RecordingSink sink;
  NullProgress progress;
  auto stats = Collect(*entries, extractor, co, sink, progress);
  ASSERT_TRUE(stats.ok());
  EXPECT_EQ(stats->files, 1u);
  EXPECT_EQ(stats->files_skipped, 42u);
  EXPECT_EQ(sink.log, (std::vector<std::string>{"begin a.txt", "item 0  processed", "end a.txt"}));
}

TEST_F(CollectorTest, SinkErrorStopsTheRun) {
  auto entries = Walk(root_);
  ASSERT_TRUE(entries.ok());
  ExtractorOptions eo;
  Extractor extractor(eo);
  CollectOptions co;
  co.jobs = 2;
  RecordingSink sink;
  sink.fail_at = 4;
  NullProgress progress;
  auto stats = Collect(*entries, extractor, co, sink, progress);
  EXPECT_EQ(stats.status().code(), StatusCode::kIoError);
  // Nothing reaches the sink after the failed call: begin/item/end for three files, then the
  // fourth file's begin and its failed item.
  EXPECT_EQ(sink.adds, 4u);
  EXPECT_EQ(sink.log.size(), 11u);
  EXPECT_EQ(sink.log.back(), "item 0  processed");
}

// Like an index document: Prepare moves the text into what it attaches, which holds a lot.
struct HeavyPrepared final : PreparedData {
  std::string text;
  uint64_t bytes() const override { return uint64_t{1} << 20; }
};

// Prepares items quickly and adds them slowly, counting how many wait prepared in between.
class SlowHeavySink final : public ItemSink {
 public:
  void Prepare(ExtractedItem& item) override {
    auto prepared = std::make_unique<HeavyPrepared>();
    prepared->text = std::move(item.text);
    item.text = std::string();
    item.prepared = std::move(prepared);
    int now = ++waiting_;
    int seen = most_waiting.load();
    while (now > seen && !most_waiting.compare_exchange_weak(seen, now)) {
    }
  }
  Status BeginFile(const std::string&) override { return Status::Ok(); }
  Status Add(ExtractedItem) override {
    std::this_thread::sleep_for(std::chrono::milliseconds(5));
    --waiting_;
    return Status::Ok();
  }
  Status MarkException(uint32_t, const Status&, const std::string&) override {
    return Status::Ok();
  }
  Status EndFile(const std::string&) override { return Status::Ok(); }
  std::atomic<int> most_waiting{0};

 private:
  std::atomic<int> waiting_{0};
};

// A million-file collection once grew by tens of kilobytes per item: the buffer counted only
// what Prepare left in the item, so workers ran far ahead of a slow committer.
TEST_F(CollectorTest, WhatPrepareAttachesCountsAgainstTheBuffer) {
  auto entries = Walk(root_);
  ASSERT_TRUE(entries.ok());
  ExtractorOptions eo;
  eo.temp_dir = fs::temp_directory_path();
  Extractor extractor(eo);
  CollectOptions co;
  co.jobs = 4;
  co.max_buffered_bytes_per_file = uint64_t{2} << 20;  // 8 MiB in all: about 8 prepared items
  SlowHeavySink sink;
  NullProgress progress;
  auto stats = Collect(*entries, extractor, co, sink, progress);
  ASSERT_TRUE(stats.ok());
  EXPECT_EQ(stats->files, 43u);
  // Buffered ones, plus at most one per worker prepared and waiting for room.
  EXPECT_LE(sink.most_waiting.load(), 8 + co.jobs + 1);
}

}  // namespace
}  // namespace bates::ingest
