#include "core/file.h"

#include <gtest/gtest.h>

#include <cstdlib>

namespace bates {
namespace {

std::filesystem::path TempDir() {
  std::filesystem::path dir =
      std::filesystem::temp_directory_path() / ("bates-file-test-" + std::to_string(::getpid()));
  std::filesystem::create_directories(dir);
  return dir;
}

TEST(FileTest, AtomicWriteThenReadAndMap) {
  auto path = TempDir() / "a.txt";
  ASSERT_TRUE(WriteFileAtomic(path, "hello").ok());
  ASSERT_TRUE(WriteFileAtomic(path, "hello again").ok());
  auto read = ReadFile(path);
  ASSERT_TRUE(read.ok());
  EXPECT_EQ(*read, "hello again");
  auto mapped = MappedFile::Open(path);
  ASSERT_TRUE(mapped.ok());
  EXPECT_EQ(mapped->bytes(), "hello again");
  EXPECT_EQ(ReadFile(path, 3).status().code(), StatusCode::kResourceExhausted);
  EXPECT_EQ(ReadFile(TempDir() / "missing").status().code(), StatusCode::kNotFound);
  std::filesystem::remove_all(TempDir());
}

}  // namespace
}  // namespace bates
