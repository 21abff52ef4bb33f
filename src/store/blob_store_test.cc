#include "store/blob_store.h"

#include <gtest/gtest.h>
#include <sys/stat.h>

#include <fstream>
#include <random>
#include <thread>
#include <vector>

#include "core/file.h"
#include "core/hash.h"
#include "store/store_test_util.h"

namespace bates::store {
namespace {

using namespace std::string_literals;
using testing::TempDir;

std::string FileBytes(const std::filesystem::path& path) {
  auto bytes = ReadFile(path);
  EXPECT_TRUE(bytes.ok()) << bytes.status().ToString();
  return bytes.ok() ? *bytes : std::string();
}

ino_t Inode(const std::filesystem::path& path) {
  struct stat st {};
  EXPECT_EQ(::stat(path.c_str(), &st), 0) << path;
  return st.st_ino;
}

// Names of every file under `root` that is not a finished blob (a leftover temporary).
std::vector<std::string> Leftovers(const std::filesystem::path& root) {
  std::vector<std::string> out;
  for (const auto& entry : std::filesystem::recursive_directory_iterator(root)) {
    if (entry.is_regular_file() &&
        entry.path().filename().string().find(".tmp") != std::string::npos) {
      out.push_back(entry.path().string());
    }
  }
  return out;
}

// Text that compresses like prose: words drawn from a small vocabulary.
std::string Prose(size_t bytes, uint64_t seed) {
  static const char* kWords[] = {"the",  "council", "budget",  "records", "request", "police",
                                 "memo", "draft",   "meeting", "agenda",  "of",      "and",
                                 "for",  "review",  "page",    "exhibit", "2018",    "approved"};
  std::mt19937_64 rng(seed);
  std::string out;
  out.reserve(bytes + 16);
  while (out.size() < bytes) {
    out += kWords[rng() % std::size(kWords)];
    out += rng() % 12 == 0 ? '\n' : ' ';
  }
  out.resize(bytes);
  return out;
}

TEST(BlobStoreTest, NativesAreStoredOnceUnderTheirHash) {
  TempDir dir("blob-store-test");
  BlobStore blobs(dir.path() / "blobs");
  const std::string bytes = "%PDF-1.4 fictional\0binary\xff"s;
  const std::string key = Sha256Hex(bytes);
  EXPECT_FALSE(blobs.Has(key));
  ASSERT_TRUE(blobs.PutNative(key, bytes).ok());
  EXPECT_TRUE(blobs.Has(key));
  auto path = blobs.NativePath(key);
  EXPECT_EQ(path, dir.path() / "blobs" / key.substr(0, 2) / key.substr(2, 2) / key);
  EXPECT_EQ(FileBytes(path), bytes);
  ino_t inode = Inode(path);
  ASSERT_TRUE(blobs.PutNative(key, bytes).ok());
  EXPECT_EQ(Inode(path), inode);  // the second put wrote nothing
  auto got = blobs.GetNative(key);
  ASSERT_TRUE(got.ok());
  EXPECT_EQ(*got, bytes);
  EXPECT_TRUE(Leftovers(dir.path()).empty());
}

TEST(BlobStoreTest, PutNativeFileCopiesWithoutTouchingTheSource) {
  TempDir dir("blob-store-test");
  BlobStore blobs(dir.path() / "blobs");
  const std::string bytes = Prose(3 << 20, 7) + std::string("\0tail", 5);
  auto source = dir.path() / "evidence.bin";
  std::ofstream(source, std::ios::binary) << bytes;
  const std::string key = Sha256Hex(bytes);
  ASSERT_TRUE(blobs.PutNativeFile(key, source).ok());
  EXPECT_EQ(FileBytes(blobs.NativePath(key)), bytes);
  EXPECT_EQ(FileBytes(source), bytes);
  EXPECT_NE(Inode(source), Inode(blobs.NativePath(key)));
  ASSERT_TRUE(blobs.PutNativeFile(key, source).ok());
  EXPECT_EQ(blobs.PutNativeFile(Sha256Hex("other"), dir.path() / "missing").code(),
            StatusCode::kNotFound);
  EXPECT_TRUE(Leftovers(dir.path()).empty());
}

TEST(BlobStoreTest, TextRoundTripsCompressed) {
  TempDir dir("blob-store-test");
  BlobStore blobs(dir.path() / "blobs");
  const std::string text = Prose(100'000, 1) + " — naïve café, 日本語";
  auto key = blobs.PutText(text);
  ASSERT_TRUE(key.ok()) << key.status().ToString();
  EXPECT_EQ(*key, Sha256Hex(text));
  auto path = dir.path() / "blobs" / key->substr(0, 2) / key->substr(2, 2) / (*key + ".zst");
  ASSERT_TRUE(std::filesystem::exists(path));
  EXPECT_LT(std::filesystem::file_size(path), text.size() / 3);
  EXPECT_FALSE(blobs.Has(*key));  // text is not a native
  auto got = blobs.GetText(*key);
  ASSERT_TRUE(got.ok()) << got.status().ToString();
  EXPECT_EQ(*got, text);

  // Compressing on a worker and storing later gives the same blob.
  const std::string other = Prose(5000, 2);
  ASSERT_TRUE(blobs.PutCompressedText(Sha256Hex(other), BlobStore::CompressText(other)).ok());
  EXPECT_EQ(*blobs.GetText(Sha256Hex(other)), other);
  EXPECT_EQ(*blobs.PutText(other), Sha256Hex(other));
}

TEST(BlobStoreTest, MultiMegabyteText) {
  TempDir dir("blob-store-test");
  BlobStore blobs(dir.path() / "blobs");
  std::string text = Prose(24 << 20, 3);
  std::mt19937 rng(5);
  for (size_t i = 0; i < text.size(); i += 4096) text[i] = static_cast<char>('a' + rng() % 26);
  auto key = blobs.PutText(text);
  ASSERT_TRUE(key.ok());
  auto got = blobs.GetText(*key);
  ASSERT_TRUE(got.ok()) << got.status().ToString();
  EXPECT_TRUE(*got == text);
}

TEST(BlobStoreTest, EmptyTextHasTheEmptyKey) {
  TempDir dir("blob-store-test");
  BlobStore blobs(dir.path() / "blobs");
  EXPECT_EQ(*blobs.PutText(""), "");
  EXPECT_EQ(*blobs.GetText(""), "");
  EXPECT_FALSE(std::filesystem::exists(dir.path() / "blobs"));
}

TEST(BlobStoreTest, MissingBlobsAreNotFound) {
  TempDir dir("blob-store-test");
  BlobStore blobs(dir.path() / "blobs");
  const std::string key = Sha256Hex("absent");
  EXPECT_EQ(blobs.GetNative(key).status().code(), StatusCode::kNotFound);
  EXPECT_EQ(blobs.GetText(key).status().code(), StatusCode::kNotFound);
}

TEST(BlobStoreTest, BadKeysAreRefused) {
  TempDir dir("blob-store-test");
  BlobStore blobs(dir.path() / "blobs");
  for (std::string key : {std::string("abc"), std::string(64, 'G'), std::string(64, 'A'),
                          "../" + std::string(61, 'a')}) {
    EXPECT_EQ(blobs.PutNative(key, "x").code(), StatusCode::kInvalidArgument) << key;
    EXPECT_EQ(blobs.GetText(key).status().code(), StatusCode::kInvalidArgument) << key;
    EXPECT_FALSE(blobs.Has(key));
  }
}

TEST(BlobStoreTest, DamagedTextIsCorrupt) {
  TempDir dir("blob-store-test");
  BlobStore blobs(dir.path() / "blobs");
  const std::string text = Prose(50'000, 4);
  const std::string key = *blobs.PutText(text);
  auto path = dir.path() / "blobs" / key.substr(0, 2) / key.substr(2, 2) / (key + ".zst");
  const std::string good = FileBytes(path);

  auto expect_corrupt = [&](const std::string& bytes, const char* what) {
    std::ofstream(path, std::ios::binary | std::ios::trunc) << bytes;
    EXPECT_EQ(blobs.GetText(key).status().code(), StatusCode::kCorrupt) << what;
  };
  expect_corrupt("not zstd at all", "garbage");
  expect_corrupt(good.substr(0, good.size() / 2), "truncated");
  std::string flipped = good;
  flipped[flipped.size() / 2] = static_cast<char>(flipped[flipped.size() / 2] ^ 0x5a);
  expect_corrupt(flipped, "a flipped byte");
  expect_corrupt(BlobStore::CompressText(text + "!"), "valid zstd of other text");
  expect_corrupt("", "empty");
}

TEST(BlobStoreTest, ConcurrentPutsOfTheSameBlob) {
  TempDir dir("blob-store-test");
  BlobStore blobs(dir.path() / "blobs");
  const std::string native = Prose(1 << 20, 8);
  const std::string native_key = Sha256Hex(native);
  const std::string text = Prose(1 << 20, 9);
  auto source = dir.path() / "source.bin";
  std::ofstream(source, std::ios::binary) << native;

  std::vector<std::thread> threads;
  std::vector<int> failures(8, 0);
  for (size_t t = 0; t < failures.size(); ++t) {
    threads.emplace_back([&, t] {
      for (int round = 0; round < 20; ++round) {
        bool ok = (t % 2 == 0 ? blobs.PutNative(native_key, native)
                              : blobs.PutNativeFile(native_key, source))
                      .ok();
        ok = blobs.PutText(text).ok() && ok;
        // Each round also stores a blob of its own, in the same fan-out folders as the others
        // now and then.
        ok = blobs.PutText(fmt::format("thread {} round {}", t, round)).ok() && ok;
        if (!ok) ++failures[t];
      }
    });
  }
  for (auto& thread : threads) thread.join();
  for (size_t t = 0; t < failures.size(); ++t) EXPECT_EQ(failures[t], 0) << "thread " << t;
  EXPECT_EQ(*blobs.GetNative(native_key), native);
  EXPECT_EQ(*blobs.GetText(Sha256Hex(text)), text);
  EXPECT_EQ(*blobs.GetText(Sha256Hex("thread 5 round 19")), "thread 5 round 19");
  EXPECT_TRUE(Leftovers(dir.path()).empty());
}

}  // namespace
}  // namespace bates::store
