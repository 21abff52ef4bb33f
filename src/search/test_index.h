// A throw-away index for the search tests: a fresh folder under BATES_TEST_TMP, the documents
// added and committed, and a reader on it.
#pragma once

#include <gtest/gtest.h>

#include <cstdlib>
#include <filesystem>
#include <memory>
#include <random>
#include <string>
#include <vector>

#include "index/index_reader.h"
#include "index/index_writer.h"

namespace bates::search::testing {

inline std::filesystem::path FreshDir(const std::string& name) {
  // Read before any test thread starts.
  const char* root = std::getenv("BATES_TEST_TMP");  // NOLINT(concurrency-mt-unsafe)
  std::filesystem::path base =
      root ? std::filesystem::path(root) : std::filesystem::temp_directory_path() / "bates-test";
  std::random_device random;
  std::filesystem::path dir = base / (name + "-" + std::to_string(random()));
  std::filesystem::remove_all(dir);
  std::filesystem::create_directories(dir);
  return dir;
}

class TestIndex {
 public:
  TestIndex(const std::string& name, const std::vector<index::IndexDocument>& docs,
            uint32_t shards = 2)
      : dir_(FreshDir(name)) {
    index::IndexWriterOptions options;
    options.shards = shards;
    auto writer = index::IndexWriter::Open(dir_, options);
    EXPECT_TRUE(writer.ok()) << writer.status().ToString();
    if (!writer.ok()) return;
    for (const auto& doc : docs) EXPECT_TRUE((*writer)->Add(index::Prepare(doc)).ok());
    EXPECT_TRUE((*writer)->Commit().ok());
    writer->reset();
    auto reader = index::IndexReader::Open(dir_);
    EXPECT_TRUE(reader.ok()) << reader.status().ToString();
    if (reader.ok()) reader_ = std::move(reader).value();
  }
  ~TestIndex() {
    reader_.reset();
    std::filesystem::remove_all(dir_);
  }
  TestIndex(const TestIndex&) = delete;
  TestIndex& operator=(const TestIndex&) = delete;

  index::IndexReader& reader() { return *reader_; }

 private:
  std::filesystem::path dir_;
  std::unique_ptr<index::IndexReader> reader_;
};

}  // namespace bates::search::testing
