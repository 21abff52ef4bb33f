#include <archive.h>
#include <archive_entry.h>
#include <gtest/gtest.h>
#include <sys/resource.h>
#include <unistd.h>

#include <chrono>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <functional>
#include <random>
#include <string>
#include <vector>

#include "core/file.h"
#include "core/time.h"
#include "ingest/extractor.h"
#include "ingest/reader.h"
#include "ingest/testing/fake_read_context.h"

namespace bates::ingest {
namespace {

namespace fs = std::filesystem;
using testing::FakeReadContext;

const Reader& ArchiveReader() {
  const Reader* reader = ReaderRegistry::Global().ByName("archive");
  EXPECT_NE(reader, nullptr);
  return *reader;
}

// A fresh, empty folder per test, removed afterwards.
class TempDir {
 public:
  TempDir() {
    const char* base = std::getenv("BATES_TEST_TMP");  // NOLINT(concurrency-mt-unsafe)
    fs::path root = base != nullptr ? fs::path(base) : fs::temp_directory_path();
    fs::create_directories(root);
    std::string pattern = (root / "archive-test-XXXXXX").string();
    path_ = ::mkdtemp(pattern.data());
  }
  ~TempDir() {
    std::error_code ignored;
    fs::remove_all(path_, ignored);
  }
  const fs::path& path() const { return path_; }
  std::vector<std::string> Names() const {
    std::vector<std::string> names;
    for (const auto& e : fs::directory_iterator(path_)) names.push_back(e.path().filename());
    return names;
  }

 private:
  fs::path path_;
};

struct TestEntry {
  std::string name{};
  std::string data{};
  mode_t type = AE_IFREG;
  std::string link{};  // symlink target, or hard link target when `hardlink`
  bool hardlink = false;
  int64_t mtime = 1546300800;  // 2019-01-01T00:00:00Z
  uint64_t zeros = 0;          // extra zero bytes after `data` (bombs), written in blocks
};

la_ssize_t AppendToString(archive*, void* out, const void* buffer, size_t length) {
  static_cast<std::string*>(out)->append(static_cast<const char*>(buffer), length);
  return static_cast<la_ssize_t>(length);
}

// An archive written with libarchive: `setup` picks the format, filters and options.
std::string MakeArchive(const std::function<void(archive*)>& setup,
                        const std::vector<TestEntry>& entries) {
  std::string out;
  archive* a = archive_write_new();
  setup(a);
  EXPECT_EQ(archive_write_open2(a, &out, nullptr, AppendToString, nullptr, nullptr), ARCHIVE_OK)
      << archive_error_string(a);
  for (const TestEntry& e : entries) {
    archive_entry* entry = archive_entry_new();
    archive_entry_set_pathname(entry, e.name.c_str());
    archive_entry_set_mtime(entry, e.mtime, 0);
    if (e.hardlink) {
      archive_entry_set_filetype(entry, AE_IFREG);
      archive_entry_set_hardlink(entry, e.link.c_str());
      archive_entry_set_size(entry, 0);
    } else {
      archive_entry_set_filetype(entry, e.type);
      if (e.type == AE_IFLNK) archive_entry_set_symlink(entry, e.link.c_str());
      archive_entry_set_size(
          entry, e.type == AE_IFREG ? static_cast<la_int64_t>(e.data.size() + e.zeros) : 0);
    }
    archive_entry_set_perm(entry, e.type == AE_IFDIR ? 0755 : 0644);
    EXPECT_EQ(archive_write_header(a, entry), ARCHIVE_OK) << archive_error_string(a);
    if (!e.data.empty()) archive_write_data(a, e.data.data(), e.data.size());
    std::string block(size_t{1} << 20, '\0');
    for (uint64_t left = e.zeros; left > 0;) {
      size_t n = static_cast<size_t>(std::min<uint64_t>(left, block.size()));
      archive_write_data(a, block.data(), n);
      left -= n;
    }
    archive_entry_free(entry);
  }
  EXPECT_EQ(archive_write_close(a), ARCHIVE_OK) << archive_error_string(a);
  archive_write_free(a);
  return out;
}

uint32_t Crc32(std::string_view data) {
  uint32_t crc = 0xFFFFFFFFu;
  for (unsigned char c : data) {
    crc ^= c;
    for (int k = 0; k < 8; ++k) crc = (crc >> 1) ^ (0xEDB88320u & (0u - (crc & 1u)));
  }
  return ~crc;
}

void Put(std::string& out, uint64_t v, int bytes) {
  for (int i = 0; i < bytes; ++i) out.push_back(static_cast<char>((v >> (8 * i)) & 0xff));
}

// A ZIP as DOS-era tools write it: stored members, DOS times only (no "UT" field), so the dates
// have no zone. Python's zipfile and Windows' Explorer write the same.
std::string MakeDosZip(const std::vector<std::pair<std::string, std::string>>& members,
                       uint16_t dos_date, uint16_t dos_time, uint16_t flags = 0,
                       uint16_t first_method = 0) {
  std::string out;
  std::string directory;
  for (const auto& [name, data] : members) {
    const uint32_t offset = static_cast<uint32_t>(out.size());
    const uint32_t crc = Crc32(data);
    out += "PK\x03\x04";
    const uint16_t method = offset == 0 ? first_method : 0;  // 0: stored
    Put(out, 20, 2);
    Put(out, flags, 2);
    Put(out, method, 2);
    Put(out, dos_time, 2);
    Put(out, dos_date, 2);
    Put(out, crc, 4);
    Put(out, data.size(), 4);
    Put(out, data.size(), 4);
    Put(out, name.size(), 2);
    Put(out, 0, 2);
    out += name;
    out += data;
    directory += "PK\x01\x02";
    Put(directory, 20, 2);
    Put(directory, 20, 2);
    Put(directory, flags, 2);
    Put(directory, method, 2);
    Put(directory, dos_time, 2);
    Put(directory, dos_date, 2);
    Put(directory, crc, 4);
    Put(directory, data.size(), 4);
    Put(directory, data.size(), 4);
    Put(directory, name.size(), 2);
    Put(directory, 0, 2);
    Put(directory, 0, 2);
    Put(directory, 0, 2);
    Put(directory, 0, 2);
    Put(directory, name.ends_with("/") ? 0x10 : 0, 4);
    Put(directory, offset, 4);
    directory += name;
  }
  const uint32_t directory_offset = static_cast<uint32_t>(out.size());
  out += directory;
  out += "PK\x05\x06";
  Put(out, 0, 4);
  Put(out, members.size(), 2);
  Put(out, members.size(), 2);
  Put(out, directory.size(), 4);
  Put(out, directory_offset, 4);
  Put(out, 0, 2);
  return out;
}

// Bytes that do not compress (a fixed linear congruential sequence).
std::string Noise(size_t n) {
  std::string out(n, '\0');
  uint64_t x = 0x9E3779B97F4A7C15ull;
  for (char& c : out) {
    x = x * 6364136223846793005ull + 1442695040888963407ull;
    c = static_cast<char>(x >> 56);
  }
  return out;
}

Status ReadMemory(std::string_view bytes, FakeReadContext& context, std::string name = "a.zip") {
  return ArchiveReader().Read(Input::FromMemory(bytes, std::move(name)), context);
}

TEST(ArchiveReaderTest, IsAContainerReadByLibarchive) {
  EXPECT_TRUE(ArchiveReader().is_container());
  EXPECT_EQ(ArchiveReader().tool(), "libarchive");
  for (const char* type : {"application/zip", "application/x-tar", "application/gzip",
                           "application/x-7z-compressed", "application/vnd.rar"}) {
    EXPECT_EQ(ReaderRegistry::Global().ForMimeType(type), &ArchiveReader()) << type;
  }
}

TEST(ArchiveReaderTest, ZipMembersKeepNamesBytesAndFloatingDosDates) {
  // 2019-03-04 05:06:08 in DOS encoding.
  const uint16_t date = static_cast<uint16_t>(((2019 - 1980) << 9) | (3 << 5) | 4);
  const uint16_t time = static_cast<uint16_t>((5 << 11) | (6 << 5) | (8 / 2));
  std::string zip = MakeDosZip(
      {{"docs/", ""}, {"docs/memo.txt", "The memo.\n"}, {"budget.csv", "a,b\n1,2\n"}}, date, time);
  FakeReadContext context;
  ASSERT_TRUE(ReadMemory(zip, context).ok());
  ASSERT_EQ(context.children.size(), 2u);  // the directory is not a document
  EXPECT_EQ(context.children[0].name, "docs/memo.txt");
  EXPECT_EQ(context.children[0].bytes, "The memo.\n");
  EXPECT_EQ(context.children[0].meta.file_name, "memo.txt");
  EXPECT_EQ(context.children[1].name, "budget.csv");
  EXPECT_EQ(context.children[1].bytes, "a,b\n1,2\n");
  EXPECT_EQ(context.children[1].compressed_size, 8u);
  ASSERT_TRUE(context.children[0].meta.modified.has_value());
  const Timestamp& modified = *context.children[0].meta.modified;
  EXPECT_TRUE(modified.floating);
  EXPECT_EQ(FormatIso8601(modified), "2019-03-04T05:06:08");
  for (const Child& child : context.children) EXPECT_TRUE(child.failure.ok());
}

TEST(ArchiveReaderTest, ZipNamesInUtf8AndCodePage437) {
  // Flag bit 11 marks UTF-8 names; without it the specification says code page 437 (DOS).
  // Either way the name must come back as UTF-8 whatever the process locale.
  std::string utf8 = MakeDosZip({{"R\xC3\xA9pertoire/na\xC3\xAFve.txt", "x"}}, 0x4E64, 0, 0x800);
  FakeReadContext utf8_context;
  ASSERT_TRUE(ReadMemory(utf8, utf8_context).ok());
  ASSERT_EQ(utf8_context.children.size(), 1u);
  EXPECT_EQ(utf8_context.children[0].name, "R\xC3\xA9pertoire/na\xC3\xAFve.txt");
  ASSERT_TRUE(utf8_context.children[0].meta.modified.has_value());  // found in the directory

  std::string dos = MakeDosZip({{"CAF\x90.TXT", "y"}}, 0x4E64, 0);  // 0x90 is É in CP437
  FakeReadContext dos_context;
  ASSERT_TRUE(ReadMemory(dos, dos_context).ok());
  ASSERT_EQ(dos_context.children.size(), 1u);
  EXPECT_EQ(dos_context.children[0].name, "CAF\xC3\x89.TXT");
}

TEST(ArchiveReaderTest, UnsupportedMethodFailsOnlyThatMember) {
  // Method 9 (Deflate64) is one libarchive cannot decompress; the next member still reads.
  std::string zip = MakeDosZip({{"old.bin", "0123456789"}, {"next.txt", "readable"}}, 0x4E64, 0,
                               /*flags=*/0, /*first_method=*/9);
  FakeReadContext context;
  Status status = ReadMemory(zip, context);
  ASSERT_TRUE(status.ok()) << status.ToString();
  ASSERT_EQ(context.children.size(), 2u);
  EXPECT_EQ(context.children[0].failure.code(), StatusCode::kUnsupportedFormat)
      << context.children[0].failure.ToString();
  EXPECT_TRUE(context.children[0].bytes.empty());
  EXPECT_EQ(context.children[1].bytes, "readable");
}

TEST(ArchiveReaderTest, ZipWithExtendedTimestampIsAnInstant) {
  // libarchive writes the Info-ZIP "UT" field, which holds UTC seconds.
  std::string zip = MakeArchive([](archive* a) { archive_write_set_format_zip(a); },
                                {{.name = "a.txt", .data = "alpha", .mtime = 1546300800}});
  FakeReadContext context;
  ASSERT_TRUE(ReadMemory(zip, context).ok());
  ASSERT_EQ(context.children.size(), 1u);
  ASSERT_TRUE(context.children[0].meta.modified.has_value());
  EXPECT_EQ(*context.children[0].meta.modified, (Timestamp{1546300800, 0, false}));
}

TEST(ArchiveReaderTest, TarGzFromFileWithLinksAndZonedDates) {
  TempDir dir;
  std::string tgz = MakeArchive(
      [](archive* a) {
        archive_write_set_format_pax_restricted(a);
        archive_write_add_filter_gzip(a);
      },
      {{.name = "folder", .type = AE_IFDIR},
       {.name = "folder/one.txt", .data = "first member", .mtime = 1600000000},
       {.name = "folder/link", .type = AE_IFLNK, .link = "/etc/passwd"},
       {.name = "folder/hard", .link = "folder/one.txt", .hardlink = true},
       {.name = "folder/two.txt", .data = std::string(100000, 'x')}});
  fs::path file = dir.path() / "input.tar.gz";
  std::ofstream(file, std::ios::binary) << tgz;
  FakeReadContext context({}, dir.path());
  Status status = ArchiveReader().Read(Input::FromFile(file, tgz.size(), "input.tar.gz"), context);
  ASSERT_TRUE(status.ok()) << status.ToString();
  ASSERT_EQ(context.children.size(), 4u);
  EXPECT_EQ(context.children[0].name, "folder/one.txt");
  EXPECT_EQ(context.children[0].bytes, "first member");
  EXPECT_EQ(*context.children[0].meta.modified, (Timestamp{1600000000, 0, false}));
  EXPECT_EQ(context.children[1].name, "folder/link");
  EXPECT_EQ(context.children[1].failure.code(), StatusCode::kUnsupportedFormat);
  EXPECT_NE(context.children[1].failure.message().find("symbolic link in archive, not followed"),
            std::string::npos);
  EXPECT_TRUE(context.children[1].bytes.empty());
  EXPECT_EQ(context.children[2].failure.code(), StatusCode::kUnsupportedFormat);
  EXPECT_NE(context.children[2].failure.message().find("hard link"), std::string::npos);
  EXPECT_EQ(context.children[3].bytes, std::string(100000, 'x'));
}

TEST(ArchiveReaderTest, SevenZip) {
  std::string seven = MakeArchive([](archive* a) { archive_write_set_format_7zip(a); },
                                  {{.name = "report.txt", .data = "quarterly report"},
                                   {.name = "sub/notes.md", .data = "# notes"}});
  FakeReadContext context;
  ASSERT_TRUE(ReadMemory(seven, context, "a.7z").ok());
  ASSERT_EQ(context.children.size(), 2u);
  EXPECT_EQ(context.children[0].name, "report.txt");
  EXPECT_EQ(context.children[0].bytes, "quarterly report");
  EXPECT_EQ(context.children[1].name, "sub/notes.md");
  EXPECT_EQ(context.children[1].bytes, "# notes");
}

TEST(ArchiveReaderTest, SingleCompressedStreamHoldsOneMember) {
  std::string gz = MakeArchive(
      [](archive* a) {
        archive_write_set_format_raw(a);
        archive_write_add_filter_gzip(a);
      },
      {{.name = "ignored", .data = "plain text inside gzip\n"}});
  FakeReadContext context;
  Status status = ReadMemory(gz, context, "notes.txt.gz");
  ASSERT_TRUE(status.ok()) << status.ToString();
  ASSERT_EQ(context.children.size(), 1u);
  EXPECT_EQ(context.children[0].name, "notes.txt");
  EXPECT_EQ(context.children[0].bytes, "plain text inside gzip\n");
  EXPECT_EQ(context.children[0].compressed_size, gz.size());
}

TEST(ArchiveReaderTest, UncompressedJunkIsCorruptNotARawMember) {
  std::string junk(4096, '\x01');
  FakeReadContext context;
  Status status = ReadMemory(junk, context, "junk.zip");
  EXPECT_EQ(status.code(), StatusCode::kCorrupt) << status.ToString();
  EXPECT_TRUE(context.children.empty());
}

TEST(ArchiveReaderTest, EncryptedZipMembersAreEncryptedChildren) {
  std::string zip = MakeArchive(
      [](archive* a) {
        archive_write_set_format_zip(a);
        ASSERT_EQ(archive_write_set_options(a, "zip:encryption=zipcrypt"), ARCHIVE_OK)
            << archive_error_string(a);
        archive_write_set_passphrase(a, "secret");
      },
      {{.name = "secret.txt", .data = "the secret"}, {.name = "other.txt", .data = "more"}});
  FakeReadContext context;
  Status status = ReadMemory(zip, context);
  ASSERT_TRUE(status.ok()) << status.ToString();
  ASSERT_EQ(context.children.size(), 2u);
  for (const Child& child : context.children) {
    EXPECT_EQ(child.failure.code(), StatusCode::kEncrypted) << child.name;
    EXPECT_TRUE(child.bytes.empty());
  }
}

uint64_t MaxRssBytes() {
  struct rusage usage {};
  ::getrusage(RUSAGE_SELF, &usage);
  return static_cast<uint64_t>(usage.ru_maxrss) * 1024;
}

TEST(ArchiveReaderTest, LargeStoredZipMemberIsNotABomb) {
  // libarchive counts a stored member's bytes as consumed only at its end; 3 MiB stored read
  // from memory once passed for a 200:1 bomb.
  std::string noise = Noise(size_t{3} << 20);
  std::string zip = MakeArchive(
      [](archive* a) {
        archive_write_set_format_zip(a);
        archive_write_set_option(a, "zip", "compression", "store");
      },
      {{.name = "scan.jpg", .data = noise}, {.name = "after.txt", .data = "next member"}});
  TempDir dir;
  FakeReadContext context({}, dir.path());
  Status status = ReadMemory(zip, context);
  ASSERT_TRUE(status.ok()) << status.ToString();
  ASSERT_EQ(context.children.size(), 2u);
  EXPECT_TRUE(context.children[0].failure.ok()) << context.children[0].failure.ToString();
  EXPECT_EQ(context.children[0].bytes, noise);
  EXPECT_EQ(context.children[1].bytes, "next member");
}

TEST(ArchiveReaderTest, BombWithALyingDirectoryIsStillStopped) {
  // The directory claims the deflated zeros are stored and take 1.5 GiB: what it claims is
  // capped at the archive's real size, so the whole-archive ratio still stops it.
  std::string zip = MakeArchive([](archive* a) { archive_write_set_format_zip(a); },
                                {{.name = "zeros.bin", .zeros = uint64_t{256} << 20}});
  auto patch = [&](size_t at) {
    for (int i = 0; i < 4; ++i) zip[at + i] = static_cast<char>((0x60000000u >> (8 * i)) & 0xFF);
  };
  size_t central = zip.find("PK\x01\x02");
  ASSERT_NE(central, std::string::npos);
  patch(central + 20);
  zip[central + 10] = '\0';  // method: stored
  zip[central + 11] = '\0';
  TempDir dir;
  FakeReadContext context({}, dir.path());
  auto start = std::chrono::steady_clock::now();
  Status status = ReadMemory(zip, context);
  EXPECT_LT(std::chrono::steady_clock::now() - start, std::chrono::seconds(5));
  EXPECT_NE(status.code(), StatusCode::kOk);
  ASSERT_FALSE(context.children.empty());
  const Child& member = context.children[0];
  EXPECT_EQ(member.failure.code(), StatusCode::kResourceExhausted) << member.failure.ToString();
  EXPECT_NE(member.failure.message().find("decompression bomb"), std::string::npos);
  EXPECT_TRUE(member.bytes.empty() && member.spill_path.empty());
  EXPECT_TRUE(dir.Names().empty()) << "a spill file was left behind";
}

TEST(ArchiveReaderTest, ZipBombStopsOnTheMemberRatio) {
  // 64 MiB of zeros deflate to about 64 KiB: past 200:1 long before the end.
  std::string zip = MakeArchive([](archive* a) { archive_write_set_format_zip(a); },
                                {{.name = "small.txt", .data = "fine"},
                                 {.name = "zeros.bin", .zeros = uint64_t{64} << 20},
                                 {.name = "after.txt", .data = "never reached"}});
  TempDir dir;
  FakeReadContext context({}, dir.path());
  Status status = ReadMemory(zip, context);
  EXPECT_EQ(status.code(), StatusCode::kResourceExhausted) << status.ToString();
  EXPECT_NE(status.message().find("expands more than 200:1"), std::string::npos)
      << status.message();
  ASSERT_EQ(context.children.size(), 2u);
  EXPECT_EQ(context.children[0].bytes, "fine");
  EXPECT_EQ(context.children[1].name, "zeros.bin");
  EXPECT_EQ(context.children[1].failure.code(), StatusCode::kResourceExhausted);
  EXPECT_NE(context.children[1].failure.message().find("decompression bomb"), std::string::npos);
  EXPECT_TRUE(context.children[1].bytes.empty());
  EXPECT_TRUE(dir.Names().empty()) << "a spill file was left behind";
}

TEST(ArchiveReaderTest, GibibyteBombStopsWithinASecondInBoundedMemory) {
  // gzip allows members one after another; 1024 copies of 1 MiB of one letter make a 1 GiB
  // stream of about 1 MiB, built without compressing a gibibyte in the test. (Zeros would read
  // as an empty tar archive, which libarchive ends at the first block.)
  std::string one = MakeArchive(
      [](archive* a) {
        archive_write_set_format_raw(a);
        archive_write_add_filter_gzip(a);
        archive_write_set_bytes_in_last_block(a, 1);  // no padding between members
      },
      {{.name = "letters", .data = std::string(size_t{1} << 20, 'a')}});
  std::string bomb;
  for (int i = 0; i < 1024; ++i) bomb += one;
  TempDir dir;
  FakeReadContext context({}, dir.path());
  const uint64_t rss_before = MaxRssBytes();
  auto start = std::chrono::steady_clock::now();
  Status status = ReadMemory(bomb, context, "letters.txt.gz");
  auto elapsed = std::chrono::steady_clock::now() - start;
  EXPECT_EQ(status.code(), StatusCode::kResourceExhausted) << status.ToString();
  EXPECT_NE(status.message().find("decompression bomb"), std::string::npos) << status.message();
  EXPECT_LT(elapsed, std::chrono::seconds(1));
  // Members past max_in_memory_bytes (64 MiB) spill to disk, so memory stays near that.
  EXPECT_LT(MaxRssBytes() - rss_before, uint64_t{160} << 20);
  ASSERT_EQ(context.children.size(), 1u);
  EXPECT_EQ(context.children[0].name, "letters.txt");
  EXPECT_EQ(context.children[0].failure.code(), StatusCode::kResourceExhausted);
  EXPECT_TRUE(dir.Names().empty()) << "the partial spill file was left behind";
}

TEST(ArchiveReaderTest, TarGzBombStopsOnTheWholeArchiveRatio) {
  // tar members do not say how large they are compressed; the archive-wide ratio catches them.
  std::string tgz = MakeArchive(
      [](archive* a) {
        archive_write_set_format_pax_restricted(a);
        archive_write_add_filter_gzip(a);
      },
      {{.name = "zeros.bin", .zeros = uint64_t{64} << 20}});
  Limits limits;
  limits.max_compression_ratio = 50;
  FakeReadContext context(limits);
  Status status = ReadMemory(tgz, context, "bomb.tar.gz");
  EXPECT_EQ(status.code(), StatusCode::kResourceExhausted) << status.ToString();
  ASSERT_EQ(context.children.size(), 1u);
  EXPECT_NE(context.children[0].failure.message().find("50:1"), std::string::npos);
}

TEST(ArchiveReaderTest, ItemAndExpansionLimitsAreNamed) {
  std::string zip = MakeArchive([](archive* a) { archive_write_set_format_zip(a); },
                                {{.name = "a.txt", .data = std::string(3000, 'a')},
                                 {.name = "b.txt", .data = std::string(3000, 'b')}});
  {
    Limits limits;
    limits.max_item_bytes = 2000;
    FakeReadContext context(limits);
    Status status = ReadMemory(zip, context);
    EXPECT_EQ(status.code(), StatusCode::kResourceExhausted);
    EXPECT_NE(status.message().find("max_item_bytes"), std::string::npos) << status.message();
    ASSERT_EQ(context.children.size(), 1u);
    EXPECT_EQ(context.children[0].failure.code(), StatusCode::kResourceExhausted);
  }
  {
    Limits limits;
    limits.max_expanded_bytes = 5000;
    FakeReadContext context(limits);
    Status status = ReadMemory(zip, context);
    EXPECT_EQ(status.code(), StatusCode::kResourceExhausted);
    EXPECT_NE(status.message().find("max_expanded_bytes"), std::string::npos) << status.message();
    ASSERT_EQ(context.children.size(), 2u);
    EXPECT_TRUE(context.children[0].failure.ok());
    EXPECT_EQ(context.children[1].failure.code(), StatusCode::kResourceExhausted);
  }
}

TEST(ArchiveReaderTest, CorruptZipKeepsTheMembersBeforeTheDamage) {
  std::string zip =
      MakeArchive([](archive* a) { archive_write_set_format_zip(a); },
                  {{.name = "one.txt", .data = "first"}, {.name = "two.txt", .data = "second"}});
  // Garbage where the central directory and its end record were: the local headers still read.
  size_t directory = zip.find("PK\x01\x02");
  ASSERT_NE(directory, std::string::npos);
  for (size_t i = directory; i < zip.size(); ++i) zip[i] = static_cast<char>(0x5A ^ (i & 0x7F));
  FakeReadContext context;
  Status status = ReadMemory(zip, context);
  EXPECT_EQ(status.code(), StatusCode::kCorrupt) << status.ToString();
  EXPECT_FALSE(status.message().empty());
  ASSERT_EQ(context.children.size(), 2u);
  EXPECT_EQ(context.children[0].bytes, "first");
  EXPECT_EQ(context.children[1].bytes, "second");
}

TEST(ArchiveReaderTest, ZipWithGarbageDirectoryButIntactEndRecordRecoversMembers) {
  std::string zip =
      MakeArchive([](archive* a) { archive_write_set_format_zip(a); },
                  {{.name = "one.txt", .data = "first"}, {.name = "two.txt", .data = "second"}});
  size_t directory = zip.find("PK\x01\x02");
  size_t end = zip.rfind("PK\x05\x06");
  ASSERT_NE(directory, std::string::npos);
  ASSERT_NE(end, std::string::npos);
  for (size_t i = directory; i < end; ++i) zip[i] = 'Z';
  FakeReadContext context;
  Status status = ReadMemory(zip, context);
  EXPECT_EQ(status.code(), StatusCode::kCorrupt) << status.ToString();
  ASSERT_EQ(context.children.size(), 2u);
  EXPECT_EQ(context.children[0].bytes, "first");
  EXPECT_EQ(context.children[1].bytes, "second");
}

TEST(ArchiveReaderTest, TruncatedTarGzKeepsEarlierMembersAndMarksTheCutOne) {
  std::string tgz = MakeArchive(
      [](archive* a) {
        archive_write_set_format_pax_restricted(a);
        archive_write_add_filter_gzip(a);
      },
      {{.name = "one.txt", .data = "first"}, {.name = "noise.bin", .data = Noise(400000)}});
  // The noise does not compress, so two thirds of the stream ends inside the second member.
  std::string cut = tgz.substr(0, tgz.size() * 2 / 3);
  FakeReadContext context;
  Status status = ReadMemory(cut, context, "cut.tar.gz");
  EXPECT_EQ(status.code(), StatusCode::kCorrupt) << status.ToString();
  ASSERT_EQ(context.children.size(), 2u);
  EXPECT_EQ(context.children[0].bytes, "first");
  EXPECT_EQ(context.children[1].name, "noise.bin");
  EXPECT_EQ(context.children[1].failure.code(), StatusCode::kCorrupt);
  EXPECT_TRUE(context.children[1].bytes.empty());
}

TEST(ArchiveReaderTest, TraversalNamesAreLabelsNeverPaths) {
  TempDir dir;
  const fs::path inside = dir.path() / "work";
  fs::create_directories(inside);
  const std::string absolute = fmt::format("/tmp/bates-evil-{}.txt", ::getpid());
  std::string tar = MakeArchive([](archive* a) { archive_write_set_format_pax_restricted(a); },
                                {{.name = "../../evil.txt", .data = "escaped?"},
                                 {.name = absolute, .data = "absolute?"},
                                 {.name = "ok.txt", .data = "fine"}});
  Limits limits;
  limits.max_in_memory_bytes = 2;  // every member spills, to prove spill names are ours
  FakeReadContext context(limits, inside);
  Status status = ReadMemory(tar, context, "evil.tar");
  ASSERT_TRUE(status.ok()) << status.ToString();
  ASSERT_EQ(context.children.size(), 3u);
  EXPECT_EQ(context.children[0].name, "../../evil.txt");
  EXPECT_EQ(context.children[1].name, absolute);
  for (const Child& child : context.children) {
    ASSERT_FALSE(child.spill_path.empty()) << child.name;
    EXPECT_EQ(child.spill_path.parent_path(), inside);
    EXPECT_TRUE(child.spill_path.filename().string().starts_with("archive-member-"));
    Result<std::string> content = ReadFile(child.spill_path);
    ASSERT_TRUE(content.ok());
    EXPECT_FALSE(content->empty());
  }
  EXPECT_FALSE(fs::exists(inside / "../../evil.txt"));
  EXPECT_FALSE(fs::exists(dir.path().parent_path() / "evil.txt"));
  EXPECT_FALSE(fs::exists(absolute));
}

TEST(ArchiveReaderTest, MaxChildrenStopsTheArchive) {
  std::vector<TestEntry> entries;
  entries.reserve(5);
  for (int i = 0; i < 5; ++i) entries.push_back({.name = fmt::format("{}.txt", i), .data = "x"});
  std::string zip = MakeArchive([](archive* a) { archive_write_set_format_zip(a); }, entries);
  Limits limits;
  limits.max_children = 3;
  FakeReadContext context(limits);
  Status status = ReadMemory(zip, context);
  EXPECT_EQ(status.code(), StatusCode::kResourceExhausted);
  EXPECT_NE(status.message().find("max_children"), std::string::npos);
  EXPECT_EQ(context.children.size(), 3u);
}

TEST(ArchiveReaderTest, StopsWhenTheContextSaysStop) {
  std::string zip = MakeArchive([](archive* a) { archive_write_set_format_zip(a); },
                                {{.name = "1.txt", .data = "a"}, {.name = "2.txt", .data = "b"}});
  FakeReadContext context;
  context.stop_after_children = 1;
  EXPECT_EQ(ReadMemory(zip, context).code(), StatusCode::kCancelled);
  EXPECT_EQ(context.children.size(), 1u);
}

TEST(ArchiveReaderTest, RandomDamageEndsInAStatusNeverACrash) {
  // libarchive runs in process, so damaged input must end in a status (fuzz targets go further).
  const std::vector<TestEntry> entries = {{.name = "a.txt", .data = "alpha alpha alpha"},
                                          {.name = "dir/b.bin", .data = Noise(3000)},
                                          {.name = "c.txt", .data = std::string(5000, 'c')}};
  const std::vector<std::pair<std::string, std::string>> archives = {
      {"a.zip", MakeArchive([](archive* a) { archive_write_set_format_zip(a); }, entries)},
      {"a.tar.gz", MakeArchive(
                       [](archive* a) {
                         archive_write_set_format_pax_restricted(a);
                         archive_write_add_filter_gzip(a);
                       },
                       entries)},
      {"a.7z", MakeArchive([](archive* a) { archive_write_set_format_7zip(a); }, entries)}};
  std::mt19937_64 rng(99);
  TempDir dir;
  for (const auto& [name, valid] : archives) {
    for (int i = 0; i < 300; ++i) {
      std::string damaged = valid;
      for (int e = 0; e < 1 + static_cast<int>(rng() % 3); ++e) {
        size_t at = rng() % damaged.size();
        if (rng() % 4 == 0) {
          damaged.resize(std::max<size_t>(at, 1));
        } else {
          damaged[at] = static_cast<char>(rng());
        }
      }
      FakeReadContext context({}, dir.path());
      Status status = ReadMemory(damaged, context, name);
      EXPECT_TRUE(status.ok() || status.code() == StatusCode::kCorrupt ||
                  status.code() == StatusCode::kEncrypted ||
                  status.code() == StatusCode::kUnsupportedFormat ||
                  status.code() == StatusCode::kResourceExhausted)
          << name << ": " << status.ToString();
      for (const Child& child : context.children) {
        if (!child.spill_path.empty()) fs::remove(child.spill_path);
      }
    }
  }
}

// Real archives from the Apache Tika test set, when the corpora are present.
fs::path TikaPackages() {
  const char* corpora = std::getenv("BATES_CORPORA");  // NOLINT(concurrency-mt-unsafe)
  if (corpora == nullptr) return {};
  fs::path dir = fs::path(corpora) / "tika-test-documents/files/pkg";
  return fs::is_directory(dir) ? dir : fs::path();
}

TEST(ArchiveReaderTest, TikaCorpusArchives) {
  fs::path dir = TikaPackages();
  if (dir.empty()) GTEST_SKIP() << "corpus tika-test-documents absent (set BATES_CORPORA)";
  TempDir temp;
  for (const char* name :
       {"test-documents.zip", "test-documents.tgz", "test-documents.tbz2", "test-documents.7z",
        "test-documents.tar", "test-documents.rar", "test-documents.cpio", "test-documents.cab"}) {
    fs::path file = dir / name;
    if (!fs::exists(file)) continue;
    FakeReadContext context({}, temp.path());
    Status status = ArchiveReader().Read(Input::FromFile(file, fs::file_size(file), name), context);
    EXPECT_TRUE(status.ok()) << name << ": " << status.ToString();
    EXPECT_GE(context.children.size(), 5u) << name;
    for (const Child& child : context.children) {
      EXPECT_TRUE(child.failure.ok())
          << name << "/" << child.name << ": " << child.failure.ToString();
      EXPECT_FALSE(child.bytes.empty() && child.spill_path.empty()) << name << "/" << child.name;
    }
  }
  {
    fs::path file = dir / "testZipEncrypted.zip";
    FakeReadContext context({}, temp.path());
    ASSERT_TRUE(
        ArchiveReader()
            .Read(Input::FromFile(file, fs::file_size(file), "testZipEncrypted.zip"), context)
            .ok());
    bool any_encrypted = false;
    for (const Child& child : context.children) {
      any_encrypted |= child.failure.code() == StatusCode::kEncrypted;
    }
    EXPECT_TRUE(any_encrypted);
  }
  {
    fs::path file = dir / "full_encrypted.7z";
    FakeReadContext context({}, temp.path());
    Status status = ArchiveReader().Read(
        Input::FromFile(file, fs::file_size(file), "full_encrypted.7z"), context);
    EXPECT_EQ(status.code(), StatusCode::kEncrypted) << status.ToString();
  }
}

// ---------------------------------------------------------------------------------------------
// Nesting: a ZIP holding a ZIP holding a ZIP, ten thousand deep.

// The CRC of two blocks joined, from theirs (zlib's crc32_combine: appending len2 zero bits is a
// linear map, applied by repeated squaring). Joining lets the nest be built in linear time: each
// level's CRC comes from its headers' and its member's.
uint32_t Gf2Times(const uint32_t* matrix, uint32_t vector) {
  uint32_t sum = 0;
  for (; vector != 0; vector >>= 1, ++matrix) {
    if ((vector & 1u) != 0) sum ^= *matrix;
  }
  return sum;
}

void Gf2Square(uint32_t* square, const uint32_t* matrix) {
  for (int n = 0; n < 32; ++n) square[n] = Gf2Times(matrix, matrix[n]);
}

uint32_t Crc32Combine(uint32_t crc1, uint32_t crc2, uint64_t len2) {
  if (len2 == 0) return crc1;
  uint32_t even[32];
  uint32_t odd[32];
  odd[0] = 0xEDB88320u;
  for (int n = 1; n < 32; ++n) odd[n] = 1u << (n - 1);
  Gf2Square(even, odd);
  Gf2Square(odd, even);
  while (true) {
    Gf2Square(even, odd);
    if ((len2 & 1u) != 0) crc1 = Gf2Times(even, crc1);
    len2 >>= 1;
    if (len2 == 0) break;
    Gf2Square(odd, even);
    if ((len2 & 1u) != 0) crc1 = Gf2Times(odd, crc1);
    len2 >>= 1;
    if (len2 == 0) break;
  }
  return crc1 ^ crc2;
}

// `depth` ZIPs, each storing the next as its only member ("nest-<n>.zip"), the innermost storing
// bottom.txt. Level k is L_k + level k-1 + D_k (local header; central directory and end record),
// so the whole is L_depth ... L_1 text D_1 ... D_depth.
std::string NestedZip(int depth) {
  auto put = [](std::string& out, uint64_t v, int bytes) {
    for (int i = 0; i < bytes; ++i) out.push_back(static_cast<char>((v >> (8 * i)) & 0xFF));
  };
  const std::string text = "The bottom of a fictional nest of archives.\n";
  std::vector<std::string> heads;
  std::vector<std::string> tails;
  uint64_t inner_size = text.size();
  uint32_t inner_crc = Crc32(text);
  for (int level = 1; level <= depth; ++level) {
    std::string name = level == 1 ? "bottom.txt" : fmt::format("nest-{}.zip", level - 1);
    std::string head = "PK\x03\x04";
    put(head, 20, 2);  // version
    put(head, 0, 2);   // flags
    put(head, 0, 2);   // stored
    put(head, 0, 4);   // time, date
    put(head, inner_crc, 4);
    put(head, inner_size, 4);
    put(head, inner_size, 4);
    put(head, name.size(), 2);
    put(head, 0, 2);
    head += name;
    std::string tail = "PK\x01\x02";
    put(tail, 20, 2);
    put(tail, 20, 2);
    put(tail, 0, 2);
    put(tail, 0, 2);
    put(tail, 0, 4);
    put(tail, inner_crc, 4);
    put(tail, inner_size, 4);
    put(tail, inner_size, 4);
    put(tail, name.size(), 2);
    put(tail, 0, 6);  // extra, comment, disk
    put(tail, 0, 6);  // attributes
    put(tail, 0, 4);  // local header at 0
    tail += name;
    const uint64_t directory_size = tail.size();
    tail += "PK\x05\x06";
    put(tail, 0, 4);
    put(tail, 1, 2);
    put(tail, 1, 2);
    put(tail, directory_size, 4);
    put(tail, head.size() + inner_size, 4);
    put(tail, 0, 2);
    inner_crc =
        Crc32Combine(Crc32Combine(Crc32(head), inner_crc, inner_size), Crc32(tail), tail.size());
    inner_size += head.size() + tail.size();
    heads.push_back(std::move(head));
    tails.push_back(std::move(tail));
  }
  std::string out;
  out.reserve(inner_size);
  for (auto it = heads.rbegin(); it != heads.rend(); ++it) out += *it;
  out += text;
  for (const std::string& tail : tails) out += tail;
  return out;
}

TEST(ArchiveReaderTest, NestedZipBuilderMakesValidZips) {
  // Three levels, unwrapped by the reader one at a time: the CRCs are right at every level.
  std::string bytes = NestedZip(3);
  for (const char* expected : {"nest-2.zip", "nest-1.zip", "bottom.txt"}) {
    FakeReadContext context;
    ASSERT_TRUE(ReadMemory(bytes, context).ok()) << expected;
    ASSERT_EQ(context.children.size(), 1u);
    EXPECT_EQ(context.children[0].name, expected);
    ASSERT_TRUE(context.children[0].failure.ok()) << context.children[0].failure.ToString();
    bytes = context.children[0].bytes;
  }
  EXPECT_EQ(bytes, "The bottom of a fictional nest of archives.\n");
}

TEST(ArchiveReaderTest, TenThousandDeepNestStopsAtTheDepthLimit) {
  const std::string nest = NestedZip(10000);
  ASSERT_GT(nest.size(), size_t{1} << 20);
  TempDir temp;
  ExtractorOptions options;
  options.temp_dir = temp.path();
  const int max_depth = options.limits.max_depth;
  ASSERT_EQ(max_depth, 16) << "the default the issue names";
  Extractor extractor(options);
  std::vector<ExtractedItem> items;
  const uint64_t rss_before = MaxRssBytes();
  auto start = std::chrono::steady_clock::now();
  Status status = extractor.ExtractMemory(
      nest, "nest-10000.zip",
      [&](ExtractedItem item) {
        item.native.clear();  // the test keeps what it checks, not 17 copies of the nest
        items.push_back(std::move(item));
        return Status::Ok();
      },
      [](uint32_t, const Status&, const std::string&) { return Status::Ok(); });
  const auto elapsed = std::chrono::steady_clock::now() - start;
  ASSERT_TRUE(status.ok()) << status.ToString();
  EXPECT_LT(elapsed, std::chrono::seconds(5));
  // Each level holds its member (about 1.2 MiB) while the next is read: memory grows with the
  // depth limit, never with the depth of the input.
  EXPECT_LT(MaxRssBytes() - rss_before, uint64_t{256} << 20);

  // The archives down to the limit are read; the one past it is an exception, and nothing below
  // it was opened.
  ASSERT_EQ(items.size(), static_cast<size_t>(max_depth) + 2);
  for (int depth = 0; depth <= max_depth; ++depth) {
    const ExtractedItem& item = items[static_cast<size_t>(depth)];
    EXPECT_EQ(item.depth, depth);
    EXPECT_EQ(item.status, model::ItemStatus::kProcessed) << item.inner_path;
    EXPECT_EQ(item.reader, "archive");
  }
  const ExtractedItem& last = items.back();
  EXPECT_EQ(last.depth, max_depth + 1);
  EXPECT_EQ(last.status, model::ItemStatus::kException);
  EXPECT_EQ(last.exception.code(), StatusCode::kResourceExhausted);
  EXPECT_NE(last.exception.message().find("nested deeper than the limit of 16"), std::string::npos)
      << last.exception.ToString();
  EXPECT_EQ(last.exception_tool, "limits");
  EXPECT_EQ(last.name, fmt::format("nest-{}.zip", 10000 - max_depth - 1));
}

TEST(ArchiveReaderTest, TikaDrosteQuineStopsAtTheDepthLimit) {
  // droste.zip contains itself (a ZIP quine): every level is the same archive.
  fs::path dir = TikaPackages();
  if (dir.empty()) GTEST_SKIP() << "corpus tika-test-documents absent (set BATES_CORPORA)";
  TempDir temp;
  ExtractorOptions options;
  options.temp_dir = temp.path();
  Extractor extractor(options);
  int deepest = 0;
  int too_deep = 0;
  auto start = std::chrono::steady_clock::now();
  Status status = extractor.ExtractFile(
      dir / "droste.zip", "droste.zip",
      [&](ExtractedItem item) {
        deepest = std::max(deepest, item.depth);
        if (item.exception.code() == StatusCode::kResourceExhausted &&
            item.exception_tool == "limits") {
          ++too_deep;
        }
        return Status::Ok();
      },
      [](uint32_t, const Status&, const std::string&) { return Status::Ok(); });
  ASSERT_TRUE(status.ok()) << status.ToString();
  EXPECT_LT(std::chrono::steady_clock::now() - start, std::chrono::seconds(10));
  EXPECT_EQ(deepest, options.limits.max_depth + 1);
  EXPECT_GE(too_deep, 1);
}

TEST(ArchiveReaderTest, TikaCompressionFormatsAndTheirFailures) {
  fs::path dir = TikaPackages();
  if (dir.empty()) GTEST_SKIP() << "corpus tika-test-documents absent (set BATES_CORPORA)";
  TempDir temp;
  auto read = [&](const char* name, FakeReadContext& context) {
    fs::path file = dir / name;
    return ArchiveReader().Read(Input::FromFile(file, fs::file_size(file), name), context);
  };
  // compress(1)-ed tar, ar, and single compressed streams (lz4, zstd, bzip2, gzip).
  for (const char* name : {"test-documents.tar.Z", "testARofText.ar", "testLZ4-framed.lz4",
                           "testZSTD.zst", "test-bz2.txt.bz2", "bob.gz"}) {
    FakeReadContext context({}, temp.path());
    Status status = read(name, context);
    EXPECT_TRUE(status.ok()) << name << ": " << status.ToString();
    ASSERT_FALSE(context.children.empty()) << name;
    for (const Child& child : context.children) {
      EXPECT_TRUE(child.failure.ok())
          << name << "/" << child.name << ": " << child.failure.ToString();
    }
  }
  {
    // A single stream is named after its file, without the compression suffix.
    FakeReadContext context({}, temp.path());
    ASSERT_TRUE(read("test-bz2.txt.bz2", context).ok());
    EXPECT_EQ(context.children[0].name, "test-bz2.txt");
  }
  {
    // RAR 4 with encrypted headers, 7z with an encrypted member.
    FakeReadContext rar({}, temp.path());
    EXPECT_EQ(read("test-documents-enc.rar", rar).code(), StatusCode::kEncrypted);
    FakeReadContext seven({}, temp.path());
    ASSERT_TRUE(read("test7Z_protected_passTika.7z", seven).ok());
    ASSERT_FALSE(seven.children.empty());
    EXPECT_EQ(seven.children[0].failure.code(), StatusCode::kEncrypted);
  }
  {
    // Imploded members (PKZIP 1's method 6): libarchive cannot expand them; each is an
    // unsupported-format child, and the archive itself reads to its end.
    FakeReadContext context({}, temp.path());
    ASSERT_TRUE(read("moby.zip", context).ok());
    ASSERT_GE(context.children.size(), 100u);
    EXPECT_EQ(context.children[0].failure.code(), StatusCode::kUnsupportedFormat);
    EXPECT_NE(context.children[0].failure.message().find("imploded"), std::string::npos);
  }
  {
    // A gzip quine decompresses to itself: libarchive stops stacking filters.
    FakeReadContext context({}, temp.path());
    EXPECT_EQ(read("quine.gz", context).code(), StatusCode::kCorrupt);
  }
}

TEST(ArchiveReaderTest, CompressedStreamMemberNames) {
  const std::string inner = "<svg xmlns=\"http://www.w3.org/2000/svg\"/>";
  std::string gz = MakeArchive(
      [](archive* a) {
        archive_write_set_format_raw(a);
        archive_write_add_filter_gzip(a);
      },
      {{.name = "data", .data = inner}});
  for (const auto& [outer, member] :
       std::vector<std::pair<std::string, std::string>>{{"drawing.svgz", "drawing.svg"},
                                                        {"backup.tbz2", "backup.tar"},
                                                        {"backup.txz", "backup.tar"},
                                                        {"notes.txt.gz", "notes.txt"},
                                                        {"blob", "blob.data"}}) {
    FakeReadContext context;
    ASSERT_TRUE(ReadMemory(gz, context, outer).ok()) << outer;
    ASSERT_EQ(context.children.size(), 1u);
    EXPECT_EQ(context.children[0].name, member) << outer;
    EXPECT_EQ(context.children[0].bytes, inner);
  }
}

// XZ, alone and around a tar: the corpora hold no .xz sample, so the test makes them.
TEST(ArchiveReaderTest, XzStreamAndTarXzAreRead) {
  std::string xz = MakeArchive(
      [](archive* a) {
        archive_write_set_format_raw(a);
        archive_write_add_filter_xz(a);
      },
      {{.name = "data", .data = "Minutes compressed with xz."}});
  FakeReadContext single;
  ASSERT_TRUE(ReadMemory(xz, single, "minutes.txt.xz").ok());
  ASSERT_EQ(single.children.size(), 1u);
  EXPECT_EQ(single.children[0].bytes, "Minutes compressed with xz.");

  std::string txz = MakeArchive(
      [](archive* a) {
        archive_write_set_format_pax_restricted(a);
        archive_write_add_filter_xz(a);
      },
      {{.name = "a.txt", .data = "first"}, {.name = "b/c.txt", .data = "second"}});
  FakeReadContext tar;
  ASSERT_TRUE(ReadMemory(txz, tar, "backup.tar.xz").ok());
  FakeReadContext inner;
  FakeReadContext* members = &tar;
  if (tar.children.size() == 1) {  // read as one xz stream holding a .tar: one level more
    ASSERT_TRUE(ReadMemory(tar.children[0].bytes, inner, "backup.tar").ok());
    members = &inner;
  }
  ASSERT_EQ(members->children.size(), 2u);
  EXPECT_EQ(members->children[0].name, "a.txt");
  EXPECT_EQ(members->children[1].bytes, "second");
}

}  // namespace
}  // namespace bates::ingest
