#include "store/blob_store.h"

#include <gtest/gtest.h>
#include <signal.h>
#include <sqlite3.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <unistd.h>

#include <algorithm>
#include <fstream>
#include <map>
#include <random>
#include <set>
#include <thread>
#include <vector>

#include "core/file.h"
#include "core/hash.h"
#include "store/store_test_util.h"

namespace bates::store {
namespace {

using namespace std::string_literals;
using testing::TempDir;

constexpr uint64_t kHeaderBytes = 48;  // of a pack record (blob_store.cc)

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

std::unique_ptr<BlobStore> OpenStore(const std::filesystem::path& root,
                                     const BlobStoreOptions& options = {}) {
  auto store = BlobStore::Open(root, options);
  EXPECT_TRUE(store.ok()) << store.status().ToString();
  return store.ok() ? std::move(store).value() : nullptr;
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

// Pack files by name, with their sizes.
std::map<std::string, uint64_t> Packs(const std::filesystem::path& root) {
  std::map<std::string, uint64_t> out;
  for (const auto& entry : std::filesystem::directory_iterator(root / "packs")) {
    out[entry.path().filename().string()] = entry.file_size();
  }
  return out;
}

uint64_t PackBytes(const std::filesystem::path& root) {
  uint64_t total = 0;
  for (const auto& [name, size] : Packs(root)) total += size;
  return total;
}

struct Row {
  std::string key;  // hex
  int kind;
  int64_t pack;
  int64_t offset;
  int64_t length;
};

// The committed rows of blobs.db, read directly (as another process would).
std::vector<Row> Rows(const std::filesystem::path& root) {
  std::vector<Row> out;
  sqlite3* db = nullptr;
  std::string path = (root / "blobs.db").string();
  EXPECT_EQ(sqlite3_open_v2(path.c_str(), &db, SQLITE_OPEN_READONLY, nullptr), SQLITE_OK);
  sqlite3_stmt* stmt = nullptr;
  EXPECT_EQ(sqlite3_prepare_v2(db, "SELECT key, kind, pack, \"offset\", length FROM blob", -1,
                               &stmt, nullptr),
            SQLITE_OK)
      << sqlite3_errmsg(db);
  while (stmt != nullptr && sqlite3_step(stmt) == SQLITE_ROW) {
    std::string raw(static_cast<const char*>(sqlite3_column_blob(stmt, 0)),
                    static_cast<size_t>(sqlite3_column_bytes(stmt, 0)));
    out.push_back({HexEncode(raw), sqlite3_column_int(stmt, 1), sqlite3_column_int64(stmt, 2),
                   sqlite3_column_int64(stmt, 3), sqlite3_column_int64(stmt, 4)});
  }
  sqlite3_finalize(stmt);
  sqlite3_close(db);
  return out;
}

std::filesystem::path PackPath(const std::filesystem::path& root, int64_t pack) {
  return root / "packs" / fmt::format("pack-{:06}.pack", pack);
}

// Every committed row points at a whole record inside its pack, and the blob reads back.
void ExpectNoDanglingRows(const std::filesystem::path& root, const BlobStore& blobs) {
  for (const Row& row : Rows(root)) {
    auto path = PackPath(root, row.pack);
    ASSERT_TRUE(std::filesystem::exists(path)) << path;
    EXPECT_LE(static_cast<uint64_t>(row.offset) + kHeaderBytes + static_cast<uint64_t>(row.length),
              std::filesystem::file_size(path))
        << row.key;
    if (row.kind == 0) {
      auto got = blobs.GetNative(row.key);
      ASSERT_TRUE(got.ok()) << got.status().ToString();
      EXPECT_EQ(Sha256Hex(*got), row.key);
    } else {
      auto got = blobs.GetText(row.key);
      EXPECT_TRUE(got.ok()) << got.status().ToString();
    }
  }
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

// Bytes that do not compress.
std::string Noise(size_t bytes, uint64_t seed) {
  std::mt19937_64 rng(seed);
  std::string out(bytes, '\0');
  for (char& c : out) c = static_cast<char>(rng());
  return out;
}

// The 32 bytes of a hex key, as a pack record's header holds them.
std::string RawKeyForTest(std::string_view hex) {
  std::string raw;
  for (size_t i = 0; i + 1 < hex.size(); i += 2) {
    raw += static_cast<char>(std::stoi(std::string(hex.substr(i, 2)), nullptr, 16));
  }
  return raw;
}

// Text whose compressed form is over the packing limit, so it is stored as a loose file.
std::string LargeText(uint64_t seed) { return HexEncode(Noise(3 << 20, seed)); }

TEST(BlobStoreTest, SmallNativesArePackedOnce) {
  TempDir dir("blob-store-test");
  auto root = dir.path() / "blobs";
  auto blobs = OpenStore(root);
  ASSERT_NE(blobs, nullptr);
  const std::string bytes = "%PDF-1.4 fictional\0binary\xff"s;
  const std::string key = Sha256Hex(bytes);
  EXPECT_FALSE(blobs->Has(key));
  ASSERT_TRUE(blobs->PutNative(key, bytes).ok());
  EXPECT_TRUE(blobs->Has(key));
  EXPECT_EQ(PackBytes(root), kHeaderBytes + bytes.size());
  ASSERT_TRUE(blobs->PutNative(key, bytes).ok());
  ASSERT_TRUE(blobs->Flush().ok());
  ASSERT_TRUE(blobs->PutNative(key, bytes).ok());  // found in blobs.db now, not the queue
  EXPECT_EQ(PackBytes(root), kHeaderBytes + bytes.size()) << "the same blob was appended again";
  EXPECT_EQ(Rows(root).size(), 1u);
  EXPECT_TRUE(blobs->NativePath(key).empty()) << "a packed native has no file of its own";
  EXPECT_FALSE(std::filesystem::exists(root / key.substr(0, 2)));
  auto got = blobs->GetNative(key);
  ASSERT_TRUE(got.ok()) << got.status().ToString();
  EXPECT_EQ(*got, bytes);
  EXPECT_TRUE(Leftovers(dir.path()).empty());
}

TEST(BlobStoreTest, LargeNativesAreLooseFiles) {
  TempDir dir("blob-store-test");
  auto root = dir.path() / "blobs";
  auto blobs = OpenStore(root);
  ASSERT_NE(blobs, nullptr);
  const std::string bytes = Noise(BlobStore::kMaxPackedBytes, 11);  // the limit itself is loose
  const std::string key = Sha256Hex(bytes);
  ASSERT_TRUE(blobs->PutNative(key, bytes).ok());
  auto path = blobs->NativePath(key);
  EXPECT_EQ(path, root / key.substr(0, 2) / key);
  EXPECT_EQ(FileBytes(path), bytes);
  EXPECT_EQ(PackBytes(root), 0u);
  ino_t inode = Inode(path);
  ASSERT_TRUE(blobs->PutNative(key, bytes).ok());
  EXPECT_EQ(Inode(path), inode);  // the second put wrote nothing
  EXPECT_TRUE(blobs->Has(key));
  EXPECT_EQ(*blobs->GetNative(key), bytes);
  ASSERT_TRUE(blobs->Flush().ok());
  EXPECT_TRUE(Rows(root).empty());
  EXPECT_TRUE(Leftovers(dir.path()).empty());
}

TEST(BlobStoreTest, PutNativeFileCopiesWithoutTouchingTheSource) {
  TempDir dir("blob-store-test");
  auto root = dir.path() / "blobs";
  auto blobs = OpenStore(root);
  ASSERT_NE(blobs, nullptr);
  for (size_t size : {size_t{3} << 20, size_t{5000}, size_t{0}}) {
    SCOPED_TRACE(size);
    const std::string bytes = Prose(size, 7);
    auto source = dir.path() / fmt::format("evidence-{}.bin", size);
    std::ofstream(source, std::ios::binary) << bytes;
    const std::string key = Sha256Hex(bytes);
    ASSERT_TRUE(blobs->PutNativeFile(key, source).ok());
    EXPECT_EQ(*blobs->GetNative(key), bytes);
    EXPECT_EQ(FileBytes(source), bytes);
    EXPECT_EQ(blobs->NativePath(key).empty(), size < BlobStore::kMaxPackedBytes);
    if (size >= BlobStore::kMaxPackedBytes) {
      EXPECT_NE(Inode(source), Inode(blobs->NativePath(key)));
    }
    uint64_t packed = PackBytes(root);
    ASSERT_TRUE(blobs->PutNativeFile(key, source).ok());
    EXPECT_EQ(PackBytes(root), packed);
  }
  EXPECT_EQ(blobs->PutNativeFile(Sha256Hex("other"), dir.path() / "missing").code(),
            StatusCode::kNotFound);
  EXPECT_TRUE(Leftovers(dir.path()).empty());
}

TEST(BlobStoreTest, TextRoundTripsCompressed) {
  TempDir dir("blob-store-test");
  auto root = dir.path() / "blobs";
  auto blobs = OpenStore(root);
  ASSERT_NE(blobs, nullptr);
  const std::string text = Prose(100'000, 1) + " — naïve café, 日本語";
  auto key = blobs->PutText(text);
  ASSERT_TRUE(key.ok()) << key.status().ToString();
  EXPECT_EQ(*key, Sha256Hex(text));
  EXPECT_GT(PackBytes(root), kHeaderBytes);
  EXPECT_LT(PackBytes(root), text.size() / 3);
  EXPECT_FALSE(blobs->Has(*key));  // text is not a native
  auto got = blobs->GetText(*key);
  ASSERT_TRUE(got.ok()) << got.status().ToString();
  EXPECT_EQ(*got, text);

  // Compressing on a worker and storing later gives the same blob.
  const std::string other = Prose(5000, 2);
  ASSERT_TRUE(blobs->PutCompressedText(Sha256Hex(other), BlobStore::CompressText(other)).ok());
  EXPECT_EQ(*blobs->GetText(Sha256Hex(other)), other);
  uint64_t packed = PackBytes(root);
  EXPECT_EQ(*blobs->PutText(other), Sha256Hex(other));
  EXPECT_EQ(PackBytes(root), packed);
}

TEST(BlobStoreTest, LargeTextIsALooseFile) {
  TempDir dir("blob-store-test");
  auto root = dir.path() / "blobs";
  auto blobs = OpenStore(root);
  ASSERT_NE(blobs, nullptr);
  const std::string text = LargeText(3);
  auto key = blobs->PutText(text);
  ASSERT_TRUE(key.ok()) << key.status().ToString();
  EXPECT_TRUE(std::filesystem::exists(root / key->substr(0, 2) / (*key + ".zst")));
  EXPECT_EQ(PackBytes(root), 0u);
  auto got = blobs->GetText(*key);
  ASSERT_TRUE(got.ok()) << got.status().ToString();
  EXPECT_TRUE(*got == text);
}

TEST(BlobStoreTest, NativeAndTextMayShareAKey) {
  // A plain-text file whose extracted text is the file itself.
  TempDir dir("blob-store-test");
  auto root = dir.path() / "blobs";
  auto blobs = OpenStore(root);
  ASSERT_NE(blobs, nullptr);
  const std::string content = Prose(2000, 12);
  const std::string key = Sha256Hex(content);
  ASSERT_TRUE(blobs->PutNative(key, content).ok());
  EXPECT_EQ(*blobs->PutText(content), key);
  ASSERT_TRUE(blobs->Flush().ok());
  EXPECT_EQ(Rows(root).size(), 2u);
  EXPECT_EQ(*blobs->GetNative(key), content);
  EXPECT_EQ(*blobs->GetText(key), content);
}

TEST(BlobStoreTest, EmptyTextHasTheEmptyKey) {
  TempDir dir("blob-store-test");
  auto root = dir.path() / "blobs";
  auto blobs = OpenStore(root);
  ASSERT_NE(blobs, nullptr);
  EXPECT_EQ(*blobs->PutText(""), "");
  EXPECT_EQ(*blobs->GetText(""), "");
  EXPECT_EQ(PackBytes(root), 0u);
}

TEST(BlobStoreTest, MissingBlobsAreNotFound) {
  TempDir dir("blob-store-test");
  auto blobs = OpenStore(dir.path() / "blobs");
  ASSERT_NE(blobs, nullptr);
  const std::string key = Sha256Hex("absent");
  EXPECT_EQ(blobs->GetNative(key).status().code(), StatusCode::kNotFound);
  EXPECT_EQ(blobs->GetText(key).status().code(), StatusCode::kNotFound);
  EXPECT_EQ(blobs->CopyNativeTo(key, dir.path() / "out").code(), StatusCode::kNotFound);
  EXPECT_FALSE(std::filesystem::exists(dir.path() / "out"));
  EXPECT_TRUE(blobs->NativePath(key).empty());
  EXPECT_FALSE(blobs->Has(key));
}

TEST(BlobStoreTest, BadKeysAreRefused) {
  TempDir dir("blob-store-test");
  auto blobs = OpenStore(dir.path() / "blobs");
  ASSERT_NE(blobs, nullptr);
  for (std::string key : {std::string("abc"), std::string(64, 'G'), std::string(64, 'A'),
                          "../" + std::string(61, 'a')}) {
    EXPECT_EQ(blobs->PutNative(key, "x").code(), StatusCode::kInvalidArgument) << key;
    EXPECT_EQ(blobs->PutCompressedText(key, "x").code(), StatusCode::kInvalidArgument) << key;
    EXPECT_EQ(blobs->GetText(key).status().code(), StatusCode::kInvalidArgument) << key;
    EXPECT_EQ(blobs->GetNative(key).status().code(), StatusCode::kInvalidArgument) << key;
    EXPECT_FALSE(blobs->Has(key));
  }
}

TEST(BlobStoreTest, DamagedLooseTextIsCorrupt) {
  TempDir dir("blob-store-test");
  auto root = dir.path() / "blobs";
  auto blobs = OpenStore(root);
  ASSERT_NE(blobs, nullptr);
  const std::string text = LargeText(4);
  const std::string key = *blobs->PutText(text);
  auto path = root / key.substr(0, 2) / (key + ".zst");
  const std::string good = FileBytes(path);
  ASSERT_FALSE(good.empty());

  auto expect_corrupt = [&](const std::string& bytes, const char* what) {
    std::ofstream(path, std::ios::binary | std::ios::trunc) << bytes;
    EXPECT_EQ(blobs->GetText(key).status().code(), StatusCode::kCorrupt) << what;
  };
  expect_corrupt("not zstd at all", "garbage");
  expect_corrupt(good.substr(0, good.size() / 2), "truncated");
  std::string flipped = good;
  flipped[flipped.size() / 2] = static_cast<char>(flipped[flipped.size() / 2] ^ 0x5a);
  expect_corrupt(flipped, "a flipped byte");
  expect_corrupt(BlobStore::CompressText(text + "!"), "valid zstd of other text");
  expect_corrupt("", "empty");
}

TEST(BlobStoreTest, DamagedPackedBlobsAreCorrupt) {
  TempDir dir("blob-store-test");
  auto root = dir.path() / "blobs";
  const std::string text = Prose(50'000, 4);
  const std::string native = Noise(4000, 4);
  std::string key;
  {
    auto blobs = OpenStore(root);
    ASSERT_NE(blobs, nullptr);
    key = *blobs->PutText(text);
    ASSERT_TRUE(blobs->PutNative(Sha256Hex(native), native).ok());
    ASSERT_TRUE(blobs->Flush().ok());
  }
  auto rows = Rows(root);
  ASSERT_EQ(rows.size(), 2u);
  const Row& row = rows[0].kind == 1 ? rows[0] : rows[1];
  const Row& native_row = rows[0].kind == 1 ? rows[1] : rows[0];
  auto pack = PackPath(root, row.pack);
  const std::string good = FileBytes(pack);

  auto expect_corrupt = [&](uint64_t at, const char* what) {
    std::string bad = good;
    bad[at] = static_cast<char>(bad[at] ^ 0x5a);
    std::ofstream(pack, std::ios::binary | std::ios::trunc) << bad;
    auto blobs = OpenStore(root);
    ASSERT_NE(blobs, nullptr);
    EXPECT_EQ(blobs->GetText(key).status().code(), StatusCode::kCorrupt) << what;
  };
  const uint64_t payload = static_cast<uint64_t>(row.offset) + kHeaderBytes;
  expect_corrupt(payload + static_cast<uint64_t>(row.length) / 2, "a flipped byte in the text");
  expect_corrupt(payload - 1, "a flipped byte in the header's key");
  expect_corrupt(static_cast<uint64_t>(row.offset), "a flipped byte in the magic");
  // The native's record is intact whatever happened to the text's.
  {
    auto blobs = OpenStore(root);
    ASSERT_NE(blobs, nullptr);
    EXPECT_EQ(*blobs->GetNative(native_row.key), native);
  }
  // A pack cut short of records the index names.
  ASSERT_LT(row.offset, native_row.offset);
  std::ofstream(pack, std::ios::binary | std::ios::trunc) << good.substr(0, payload + 10);
  auto blobs = OpenStore(root);
  ASSERT_NE(blobs, nullptr);
  EXPECT_EQ(blobs->GetText(key).status().code(), StatusCode::kCorrupt);
  EXPECT_EQ(blobs->GetNative(native_row.key).status().code(), StatusCode::kCorrupt);
}

TEST(BlobStoreTest, PacksRotate) {
  TempDir dir("blob-store-test");
  auto root = dir.path() / "blobs";
  BlobStoreOptions options;
  options.pack_bytes = 64 << 10;
  std::vector<std::string> natives;
  for (int i = 0; i < 100; ++i) natives.push_back(Noise(3000, 100 + i));
  {
    auto blobs = OpenStore(root, options);
    ASSERT_NE(blobs, nullptr);
    for (const std::string& n : natives) ASSERT_TRUE(blobs->PutNative(Sha256Hex(n), n).ok());
    for (const std::string& n : natives) EXPECT_EQ(*blobs->GetNative(Sha256Hex(n)), n);
    ASSERT_TRUE(blobs->Flush().ok());
  }
  auto packs = Packs(root);
  // 100 records of 3,048 bytes, 21 to a 64 KiB pack.
  EXPECT_EQ(packs.size(), 5u);
  EXPECT_EQ(packs.begin()->first, "pack-000001.pack");
  for (const auto& [name, size] : packs) EXPECT_LE(size, options.pack_bytes) << name;
  auto blobs = OpenStore(root, options);
  ASSERT_NE(blobs, nullptr);
  for (const std::string& n : natives) EXPECT_EQ(*blobs->GetNative(Sha256Hex(n)), n);
  // Appends resume in the last pack, which has room.
  const std::string more = Noise(3000, 99);
  ASSERT_TRUE(blobs->PutNative(Sha256Hex(more), more).ok());
  EXPECT_EQ(Packs(root).size(), 5u);
  EXPECT_EQ(*blobs->GetNative(Sha256Hex(more)), more);
}

TEST(BlobStoreTest, ConcurrentPutsOfOverlappingBlobs) {
  TempDir dir("blob-store-test");
  auto root = dir.path() / "blobs";
  auto blobs = OpenStore(root);
  ASSERT_NE(blobs, nullptr);
  // Shared small natives and texts that every thread stores, in its own order; a large native
  // and a large text (loose files); and blobs of each thread's own.
  std::vector<std::string> shared;
  for (int i = 0; i < 300; ++i) shared.push_back(Prose(500 + 37 * i, 1000 + i));
  const std::string big = Prose(1 << 20, 8);
  const std::string big_key = Sha256Hex(big);
  const std::string big_text = LargeText(9);
  auto source = dir.path() / "source.bin";
  std::ofstream(source, std::ios::binary) << big;

  constexpr int kThreads = 8;
  std::vector<std::thread> threads;
  std::vector<int> failures(kThreads, 0);
  for (int t = 0; t < kThreads; ++t) {
    threads.emplace_back([&, t] {
      std::vector<size_t> order(shared.size());
      for (size_t i = 0; i < order.size(); ++i) order[i] = i;
      std::shuffle(order.begin(), order.end(), std::mt19937(t));
      for (size_t i : order) {
        bool ok = blobs->PutNative(Sha256Hex(shared[i]), shared[i]).ok();
        ok = blobs->PutText(shared[i]).ok() && ok;
        ok = blobs->PutText(fmt::format("thread {} blob {}", t, i)).ok() && ok;
        if (i % 100 == 0) {
          ok = (t % 2 == 0 ? blobs->PutNative(big_key, big) : blobs->PutNativeFile(big_key, source))
                   .ok() &&
               ok;
          ok = blobs->PutText(big_text).ok() && ok;
          if (t == 0) ok = blobs->Flush().ok() && ok;
        }
        if (!ok) ++failures[t];
      }
    });
  }
  for (auto& thread : threads) thread.join();
  for (int t = 0; t < kThreads; ++t) EXPECT_EQ(failures[t], 0) << "thread " << t;
  ASSERT_TRUE(blobs->Flush().ok());

  // One record per distinct packed blob: the packs hold exactly those bytes.
  auto rows = Rows(root);
  EXPECT_EQ(rows.size(), shared.size() * 2 + kThreads * shared.size());
  std::set<std::pair<std::string, int>> distinct;
  uint64_t bytes = 0;
  for (const Row& row : rows) {
    distinct.insert({row.key, row.kind});
    bytes += kHeaderBytes + static_cast<uint64_t>(row.length);
  }
  EXPECT_EQ(distinct.size(), rows.size());
  EXPECT_EQ(PackBytes(root), bytes);
  for (const std::string& s : shared) {
    EXPECT_EQ(*blobs->GetNative(Sha256Hex(s)), s);
    EXPECT_EQ(*blobs->GetText(Sha256Hex(s)), s);
  }
  EXPECT_EQ(*blobs->GetNative(big_key), big);
  EXPECT_TRUE(*blobs->GetText(Sha256Hex(big_text)) == big_text);
  EXPECT_EQ(*blobs->GetText(Sha256Hex("thread 5 blob 299")), "thread 5 blob 299");
  EXPECT_TRUE(Leftovers(dir.path()).empty());
}

TEST(BlobStoreTest, FlushedBlobsAreSeenByAnotherOpening) {
  TempDir dir("blob-store-test");
  auto root = dir.path() / "blobs";
  auto writer = OpenStore(root);
  ASSERT_NE(writer, nullptr);
  const std::string first = Prose(3000, 20), second = Prose(3000, 21);
  ASSERT_TRUE(writer->PutNative(Sha256Hex(first), first).ok());
  ASSERT_TRUE(writer->Flush().ok());
  ASSERT_TRUE(writer->PutNative(Sha256Hex(second), second).ok());

  // Another opening stands for `bates show` in another process while a collection runs.
  auto reader = OpenStore(root);
  ASSERT_NE(reader, nullptr);
  EXPECT_EQ(*reader->GetNative(Sha256Hex(first)), first);
  EXPECT_FALSE(reader->Has(Sha256Hex(second))) << "seen before it was flushed";
  ASSERT_TRUE(writer->Flush().ok());
  EXPECT_EQ(*reader->GetNative(Sha256Hex(second)), second);

  // A second writer does not share the first one's pack.
  const std::string third = Prose(3000, 22);
  ASSERT_TRUE(reader->PutNative(Sha256Hex(third), third).ok());
  EXPECT_EQ(Packs(root).size(), 2u);
  writer.reset();
  reader.reset();  // flushes on destruction

  auto again = OpenStore(root);
  ASSERT_NE(again, nullptr);
  for (const std::string* s : {&first, &second, &third}) {
    EXPECT_EQ(*again->GetNative(Sha256Hex(*s)), *s);
  }
  ExpectNoDanglingRows(root, *again);
}

TEST(BlobStoreTest, AKilledWriterLeavesAUsableStore) {
  TempDir dir("blob-store-test");
  auto root = dir.path() / "blobs";
  constexpr int kFlushed = 50, kUnflushed = 50;
  auto blob = [](int i) { return Prose(2000 + i, 300 + i); };
  int pipe_fds[2];
  ASSERT_EQ(::pipe(pipe_fds), 0);
  pid_t child = ::fork();
  ASSERT_GE(child, 0);
  if (child == 0) {
    ::close(pipe_fds[0]);
    char result = 'x';
    {
      auto store = BlobStore::Open(root);
      bool ok = store.ok();
      for (int i = 0; ok && i < kFlushed + kUnflushed; ++i) {
        std::string b = blob(i);
        ok = (*store)->PutNative(Sha256Hex(b), b).ok() && (*store)->PutText(b + "!").ok();
        if (ok && i + 1 == kFlushed) ok = (*store)->Flush().ok();
      }
      if (ok) result = 'k';
      if (::write(pipe_fds[1], &result, 1) != 1) ::_exit(2);
      // Killed here, before the second half is flushed.
      while (true) ::pause();
    }
  }
  ::close(pipe_fds[1]);
  char result = 0;
  ASSERT_EQ(::read(pipe_fds[0], &result, 1), 1);
  ::close(pipe_fds[0]);
  ::kill(child, SIGKILL);
  int wstatus = 0;
  ASSERT_EQ(::waitpid(child, &wstatus, 0), child);
  ASSERT_TRUE(WIFSIGNALED(wstatus));
  ASSERT_EQ(result, 'k') << "the child failed to put its blobs";

  auto blobs = OpenStore(root);
  ASSERT_NE(blobs, nullptr);
  EXPECT_EQ(Rows(root).size(), 2u * kFlushed);
  ExpectNoDanglingRows(root, *blobs);
  for (int i = 0; i < kFlushed + kUnflushed; ++i) {
    std::string b = blob(i);
    if (i < kFlushed) {
      EXPECT_EQ(*blobs->GetNative(Sha256Hex(b)), b) << i;
      EXPECT_EQ(*blobs->GetText(Sha256Hex(b + "!")), b + "!") << i;
    } else {
      EXPECT_FALSE(blobs->Has(Sha256Hex(b))) << i;
    }
  }
  // The unflushed records are orphans at the pack's tail; new appends go after them.
  uint64_t before = PackBytes(root);
  std::string b = blob(kFlushed);
  ASSERT_TRUE(blobs->PutNative(Sha256Hex(b), b).ok());
  EXPECT_EQ(PackBytes(root), before + kHeaderBytes + b.size());
  ASSERT_TRUE(blobs->Flush().ok());
  EXPECT_EQ(*blobs->GetNative(Sha256Hex(b)), b);
  ExpectNoDanglingRows(root, *blobs);
}

TEST(BlobStoreTest, PartialRecordAtAPackTail) {
  TempDir dir("blob-store-test");
  auto root = dir.path() / "blobs";
  const std::string first = Noise(5000, 30), second = Noise(6000, 31);
  {
    auto blobs = OpenStore(root);
    ASSERT_NE(blobs, nullptr);
    ASSERT_TRUE(blobs->PutNative(Sha256Hex(first), first).ok());
  }
  // What a writer killed half-way through a record leaves: a whole header, part of the payload.
  auto pack = PackPath(root, 1);
  const uint64_t end = std::filesystem::file_size(pack);
  std::string partial = "BLB1"s + std::string(4, '\0') + "\x10\x27"s + std::string(6, '\0') +
                        RawKeyForTest(Sha256Hex(second)) + second.substr(0, 100);
  {
    std::ofstream out(pack, std::ios::binary | std::ios::app);
    out << partial;
  }
  auto blobs = OpenStore(root);
  ASSERT_NE(blobs, nullptr);
  EXPECT_EQ(*blobs->GetNative(Sha256Hex(first)), first);
  EXPECT_FALSE(blobs->Has(Sha256Hex(second)));
  ASSERT_TRUE(blobs->PutNative(Sha256Hex(second), second).ok());
  ASSERT_TRUE(blobs->Flush().ok());
  EXPECT_EQ(*blobs->GetNative(Sha256Hex(second)), second);
  for (const Row& row : Rows(root)) {
    if (row.key == Sha256Hex(second)) {
      EXPECT_EQ(static_cast<uint64_t>(row.offset), end + partial.size());
    }
  }
  blobs.reset();
  blobs = OpenStore(root);
  ASSERT_NE(blobs, nullptr);
  EXPECT_EQ(*blobs->GetNative(Sha256Hex(first)), first);
  EXPECT_EQ(*blobs->GetNative(Sha256Hex(second)), second);
  ExpectNoDanglingRows(root, *blobs);
}

TEST(BlobStoreTest, DestructionFlushes) {
  TempDir dir("blob-store-test");
  auto root = dir.path() / "blobs";
  const std::string text = Prose(4000, 40);
  {
    auto blobs = OpenStore(root);
    ASSERT_NE(blobs, nullptr);
    ASSERT_TRUE(blobs->PutText(text).ok());
  }
  auto blobs = OpenStore(root);
  ASSERT_NE(blobs, nullptr);
  EXPECT_EQ(*blobs->GetText(Sha256Hex(text)), text);
}

TEST(BlobStoreTest, CopyNativeTo) {
  TempDir dir("blob-store-test");
  auto root = dir.path() / "blobs";
  auto blobs = OpenStore(root);
  ASSERT_NE(blobs, nullptr);
  auto out = dir.path() / "production";
  std::filesystem::create_directories(out);
  for (size_t size : {size_t{7000}, size_t{2} << 20}) {
    SCOPED_TRACE(size);
    const std::string bytes = Noise(size, size);
    const std::string key = Sha256Hex(bytes);
    ASSERT_TRUE(blobs->PutNative(key, bytes).ok());
    auto dest = out / "DOC-000001.bin";
    std::ofstream(dest, std::ios::binary) << "an older file in the way";
    ASSERT_TRUE(blobs->CopyNativeTo(key, dest).ok());
    EXPECT_EQ(FileBytes(dest), bytes);
    EXPECT_EQ(blobs->NativePath(key).empty(), size < BlobStore::kMaxPackedBytes);
  }
  EXPECT_EQ(blobs->CopyNativeTo(Sha256Hex("x"), out / "missing-dir" / "f").code(),
            StatusCode::kNotFound);
  EXPECT_TRUE(Leftovers(dir.path()).empty());
}

}  // namespace
}  // namespace bates::store
