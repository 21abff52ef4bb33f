// Archives and compressed files, read with libarchive: ZIP, tar, 7z, RAR, cpio, ISO 9660, CAB,
// LHA, ar, xar, each possibly inside gzip, bzip2, xz, lzma, lzip, zstd, lz4 or compress; and a
// single compressed stream (report.txt.gz), which holds one member.
//
// Members are read into memory, or into a spill file with a generated name once they pass
// limits().max_in_memory_bytes; nothing is ever written under a member's own name, so names such
// as "../../evil.txt" stay labels. Links and device entries are reported, not followed.
// Decompression bombs are stopped while a member is being read, on size, total expansion or
// ratio, and the archive is then abandoned (ResourceExhausted): skipping the rest of an oversized
// member in a compressed stream would decompress it anyway.

#include <archive.h>
#include <archive_entry.h>
#include <fcntl.h>
#include <locale.h>
#include <unistd.h>

#include <algorithm>
#include <cctype>
#include <cerrno>
#include <cstring>
#include <ctime>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

#include "core/file.h"
#include "core/text.h"
#include "core/time.h"
#include "ingest/reader.h"

namespace bates::ingest {
namespace {

constexpr size_t kBlockSize = size_t{64} << 10;

struct ArchiveFree {
  void operator()(archive* a) const { archive_read_free(a); }
};
using ArchivePtr = std::unique_ptr<archive, ArchiveFree>;

// libarchive's reason, or `fallback` where it gives none (its ZIP reader, meeting garbage
// where a header should be, fails without one).
std::string ArchiveMessage(archive* a, std::string_view fallback = "libarchive gave no reason") {
  const char* message = archive_error_string(a);
  return message != nullptr && *message != '\0' ? std::string(message) : std::string(fallback);
}

// libarchive converts entry names to the thread's locale. Under the "C" locale a UTF-8 name cannot
// be converted and comes back empty, so we read under C.UTF-8 — on this thread only, and stepping
// out of it while the context works on a child, so other libraries see the caller's locale.
class ScopedUtf8Locale {
 public:
  ScopedUtf8Locale() { Enter(); }
  ~ScopedUtf8Locale() { Leave(); }
  ScopedUtf8Locale(const ScopedUtf8Locale&) = delete;
  ScopedUtf8Locale& operator=(const ScopedUtf8Locale&) = delete;

  void Enter() {
    static const locale_t utf8 = ::newlocale(LC_CTYPE_MASK, "C.UTF-8", nullptr);
    if (utf8 != nullptr && previous_ == nullptr) previous_ = ::uselocale(utf8);
  }
  void Leave() {
    if (previous_ != nullptr) ::uselocale(previous_);
    previous_ = nullptr;
  }

 private:
  locale_t previous_ = nullptr;
};

// ---------------------------------------------------------------------------------------------
// ZIP central directory: libarchive turns an entry's DOS time (a wall time with no zone) into an
// instant by reading it in the process's time zone, and prefers the Info-ZIP "UT" field (a real
// UTC instant) when there is one, without saying which it used. Reading the central directory
// ourselves gives the wall time as written, whether UT was present, and each member's compressed
// size for the ratio limit.

struct ZipEntryInfo {
  uint16_t dos_time = 0;
  uint16_t dos_date = 0;
  std::optional<int64_t> ut_mtime;  // Info-ZIP extended timestamp, UTC
  uint64_t compressed_size = 0;
  bool stored = false;  // method 0: the member's bytes are in the archive as they are
};

uint64_t LittleEndian(std::string_view data, size_t offset, size_t bytes) {
  uint64_t v = 0;
  for (size_t i = 0; i < bytes; ++i) {
    v |= uint64_t{static_cast<unsigned char>(data[offset + i])} << (8 * i);
  }
  return v;
}

// Best effort: a missing or damaged directory yields an empty map (dates then fall back to
// libarchive's value, ratios to the whole archive's).
std::unordered_map<std::string, ZipEntryInfo> ScanZipCentralDirectory(std::string_view data,
                                                                      uint64_t max_entries) {
  std::unordered_map<std::string, ZipEntryInfo> entries;
  if (data.size() < 22) return entries;
  size_t eocd = std::string_view::npos;
  size_t lowest = data.size() > 22 + 65535 ? data.size() - 22 - 65535 : 0;
  for (size_t pos = data.size() - 22 + 1; pos-- > lowest;) {
    if (data.compare(pos, 4, "PK\x05\x06") == 0) {
      eocd = pos;
      break;
    }
  }
  if (eocd == std::string_view::npos) return entries;
  uint64_t count = LittleEndian(data, eocd + 10, 2);
  uint64_t cd_size = LittleEndian(data, eocd + 12, 4);
  uint64_t cd_offset = LittleEndian(data, eocd + 16, 4);
  size_t directory_end = eocd;
  if ((count == 0xFFFF || cd_size == 0xFFFFFFFF || cd_offset == 0xFFFFFFFF) && eocd >= 20 &&
      data.compare(eocd - 20, 4, "PK\x06\x07") == 0) {
    uint64_t z64 = LittleEndian(data, eocd - 20 + 8, 8);
    if (z64 + 56 <= data.size() && data.compare(z64, 4, "PK\x06\x06") == 0) {
      count = LittleEndian(data, z64 + 32, 8);
      cd_size = LittleEndian(data, z64 + 40, 8);
      cd_offset = LittleEndian(data, z64 + 48, 8);
      directory_end = z64;
    }
  }
  // The directory ends where the end record begins; counting back from there copes with data
  // prepended to the archive (self-extractors), as libarchive does.
  uint64_t pos = cd_size <= directory_end ? directory_end - cd_size : cd_offset;
  for (uint64_t i = 0; i < count && i < max_entries; ++i) {
    if (pos + 46 > data.size() || data.compare(pos, 4, "PK\x01\x02") != 0) break;
    ZipEntryInfo info;
    info.dos_time = static_cast<uint16_t>(LittleEndian(data, pos + 12, 2));
    info.dos_date = static_cast<uint16_t>(LittleEndian(data, pos + 14, 2));
    info.compressed_size = LittleEndian(data, pos + 20, 4);
    info.stored = LittleEndian(data, pos + 10, 2) == 0;
    uint64_t uncompressed = LittleEndian(data, pos + 24, 4);
    uint64_t name_len = LittleEndian(data, pos + 28, 2);
    uint64_t extra_len = LittleEndian(data, pos + 30, 2);
    uint64_t comment_len = LittleEndian(data, pos + 32, 2);
    if (pos + 46 + name_len + extra_len > data.size()) break;
    std::string name(data.substr(pos + 46, name_len));
    std::string_view extra = data.substr(pos + 46 + name_len, extra_len);
    for (size_t e = 0; e + 4 <= extra.size();) {
      uint64_t id = LittleEndian(extra, e, 2);
      uint64_t len = LittleEndian(extra, e + 2, 2);
      if (e + 4 + len > extra.size()) break;
      std::string_view field = extra.substr(e + 4, len);
      if (id == 0x0001) {  // ZIP64: 8-byte sizes for the fields that overflowed, in this order
        size_t at = 0;
        if (uncompressed == 0xFFFFFFFF) at += 8;
        if (info.compressed_size == 0xFFFFFFFF && at + 8 <= field.size()) {
          info.compressed_size = LittleEndian(field, at, 8);
        }
      } else if (id == 0x5455 && len >= 5 && (field[0] & 1) != 0) {
        info.ut_mtime = static_cast<int32_t>(LittleEndian(field, 1, 4));
      }
      e += 4 + len;
    }
    entries.emplace(std::move(name), info);
    pos += 46 + name_len + extra_len + comment_len;
  }
  return entries;
}

std::optional<Timestamp> FloatingFromDos(uint16_t date, uint16_t time) {
  CivilDateTime t;
  t.date.year = 1980 + (date >> 9);
  t.date.month = (date >> 5) & 0x0F;
  t.date.day = date & 0x1F;
  t.hour = time >> 11;
  t.minute = (time >> 5) & 0x3F;
  t.second = (time & 0x1F) * 2;
  if (t.date.month < 1 || t.date.month > 12 || t.date.day < 1 || t.hour > 23 || t.minute > 59 ||
      t.second > 59) {
    return std::nullopt;
  }
  return Timestamp{UnixSecondsFromCivil(t), 0, true};
}

// The wall time libarchive read in the process's zone, recovered (formats that store local time
// without a zone, when we have nothing better).
Timestamp FloatingFromLocal(time_t t) {
  struct tm local {};
  if (::localtime_r(&t, &local) == nullptr) return Timestamp{static_cast<int64_t>(t), 0, true};
  CivilDateTime c{{local.tm_year + 1900, local.tm_mon + 1, local.tm_mday},
                  local.tm_hour,
                  local.tm_min,
                  local.tm_sec};
  return Timestamp{UnixSecondsFromCivil(c), 0, true};
}

// ---------------------------------------------------------------------------------------------

std::string RawMemberName(const std::string& archive_name) {
  static constexpr std::string_view kSuffixes[] = {".gz", ".bz2", ".xz", ".lzma", ".zst",
                                                   ".lz", ".lz4", ".z",  ".gzip", ".bzip2"};
  std::string lower = archive_name;
  for (char& c : lower) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  // Compressed forms with suffixes of their own: the member is what the suffix stands for.
  static constexpr std::pair<std::string_view, std::string_view> kShorthands[] = {
      {".tgz", ".tar"}, {".taz", ".tar"},  {".tbz", ".tar"},  {".tbz2", ".tar"}, {".txz", ".tar"},
      {".tlz", ".tar"}, {".tzst", ".tar"}, {".svgz", ".svg"}, {".emz", ".emf"},  {".wmz", ".wmf"}};
  for (const auto& [suffix, replacement] : kShorthands) {
    if (lower.size() > suffix.size() && lower.ends_with(suffix)) {
      return archive_name.substr(0, archive_name.size() - suffix.size()) + std::string(replacement);
    }
  }
  for (std::string_view suffix : kSuffixes) {
    if (lower.size() > suffix.size() && lower.ends_with(suffix)) {
      return archive_name.substr(0, archive_name.size() - suffix.size());
    }
  }
  return archive_name.empty() || archive_name == "-" ? "data" : archive_name + ".data";
}

// How an archive is opened: every format we read; as one compressed stream; or as a ZIP read
// front to back by its local headers (when its central directory is damaged).
enum class Mode { kFormats, kRaw, kZipStreaming };

// Opens `input` into `a`. libarchive picks the format while opening; when it finds none, `a` is
// still set so the caller can ask which compression it found.
Status OpenArchive(const Input& input, Mode mode, ArchivePtr& a) {
  a.reset(archive_read_new());
  if (!a) return ResourceExhaustedError("libarchive could not allocate a reader");
  archive* ar = a.get();
  // Only decompressors built into libarchive: filter_all would also run external programs
  // (lrzip, lzop, grzip) on hostile input.
  archive_read_support_filter_gzip(ar);
  archive_read_support_filter_bzip2(ar);
  archive_read_support_filter_xz(ar);
  archive_read_support_filter_lzma(ar);
  archive_read_support_filter_lzip(ar);
  archive_read_support_filter_zstd(ar);
  archive_read_support_filter_lz4(ar);
  archive_read_support_filter_compress(ar);
  if (mode == Mode::kRaw) {
    archive_read_support_format_raw(ar);
  } else if (mode == Mode::kZipStreaming) {
    archive_read_support_format_zip_streamable(ar);
  } else {
    // Not format_all: its mtree reader opens the files an mtree spec names on *our* disk.
    archive_read_support_format_7zip(ar);
    archive_read_support_format_ar(ar);
    archive_read_support_format_cab(ar);
    archive_read_support_format_cpio(ar);
    archive_read_support_format_empty(ar);
    archive_read_support_format_iso9660(ar);
    archive_read_support_format_lha(ar);
    archive_read_support_format_rar(ar);
    archive_read_support_format_rar5(ar);
    archive_read_support_format_tar(ar);
    archive_read_support_format_xar(ar);
    archive_read_support_format_zip(ar);
  }
  int r;
  if (input.path() != nullptr) {
    r = archive_read_open_filename(ar, input.path()->c_str(), kBlockSize);
  } else {
    BATES_ASSIGN_OR_RETURN(std::string_view bytes, input.bytes());
    r = archive_read_open_memory(ar, bytes.data(), bytes.size());
  }
  if (r == ARCHIVE_OK) return Status::Ok();
  switch (archive_errno(ar)) {
    case ENOENT:
    case EACCES:
    case EPERM:
    case EIO:
    case EISDIR:
      return IoError("{}", ArchiveMessage(ar));
    case ENOMEM:
      return ResourceExhaustedError("{}", ArchiveMessage(ar));
    default:
      return CorruptError("{}", ArchiveMessage(ar));
  }
}

// One pass over an archive.
class ArchiveWalk {
 public:
  ArchiveWalk(const Input& input, ReadContext& context, ScopedUtf8Locale& locale, archive* a,
              bool raw)
      : input_(input),
        context_(context),
        locale_(locale),
        limits_(context.limits()),
        a_(a),
        raw_(raw) {}

  // Reads every entry. `*unrecognised` is set when not even a first header could be read.
  Status Run(bool* unrecognised);
  uint64_t children() const { return children_; }
  uint64_t entries() const { return entries_; }

 private:
  struct Member {
    std::string bytes;
    std::filesystem::path spill_path;
    int spill_fd = -1;
    uint64_t size = 0;
  };

  Status Entry(archive_entry* entry);
  // Reads the current entry's data into `child`; a limit or a read error ends as child.failure,
  // and the return says whether the walk may go on.
  // `zip`: what the ZIP directory says of the member, when it does.
  Status ReadData(archive_entry* entry, uint64_t compressed, const ZipEntryInfo* zip, Child& child);
  Status Store(Member& member, const char* data, size_t n);
  Status Emit(Child child);
  void LoadZipDirectory();
  std::optional<Timestamp> Modified(archive_entry* entry, const ZipEntryInfo* zip) const;

  const Input& input_;
  ReadContext& context_;
  ScopedUtf8Locale& locale_;
  const Limits& limits_;
  archive* a_;
  bool raw_;
  uint64_t children_ = 0;
  uint64_t entries_ = 0;
  uint64_t expanded_ = 0;
  // The compressed bytes of the members read so far, as the ZIP directory declares them.
  uint64_t compressed_done_ = 0;
  bool zip_loaded_ = false;
  std::unordered_map<std::string, ZipEntryInfo> zip_;
};

Status ArchiveWalk::Run(bool* unrecognised) {
  *unrecognised = false;
  int retries = 0;
  while (true) {
    archive_entry* entry = nullptr;
    int r = archive_read_next_header(a_, &entry);
    if (r == ARCHIVE_EOF) return Status::Ok();
    if (r == ARCHIVE_RETRY && ++retries < 16) continue;
    if (r < ARCHIVE_WARN) {
      if (archive_read_has_encrypted_entries(a_) > 0 && entries_ == 0) {
        return EncryptedError("archive is encrypted: {}", ArchiveMessage(a_));
      }
      if (entries_ == 0) *unrecognised = true;
      return CorruptError(
          "{}", ArchiveMessage(a_, fmt::format("damaged archive: no valid entry header after {} "
                                               "entries",
                                               entries_)));
    }
    retries = 0;
    ++entries_;
    BATES_RETURN_IF_ERROR(Entry(entry));
  }
}

void ArchiveWalk::LoadZipDirectory() {
  zip_loaded_ = true;
  Result<std::string_view> bytes = input_.bytes();
  if (!bytes.ok()) return;
  zip_ = ScanZipCentralDirectory(*bytes, limits_.max_children + 1);
}

std::optional<Timestamp> ArchiveWalk::Modified(archive_entry* entry,
                                               const ZipEntryInfo* zip) const {
  if (zip != nullptr) {
    if (zip->ut_mtime) return Timestamp{*zip->ut_mtime, 0, false};
    if (auto floating = FloatingFromDos(zip->dos_date, zip->dos_time)) return floating;
  }
  if (!archive_entry_mtime_is_set(entry)) return std::nullopt;
  time_t mtime = archive_entry_mtime(entry);
  switch (archive_format(a_) & ARCHIVE_FORMAT_BASE_MASK) {
    case ARCHIVE_FORMAT_ZIP:
    case ARCHIVE_FORMAT_CAB:
      return FloatingFromLocal(mtime);
    case ARCHIVE_FORMAT_RAR:  // RAR 4 keeps DOS time; RAR 5 keeps UTC
      if (archive_format(a_) != ARCHIVE_FORMAT_RAR_V5) return FloatingFromLocal(mtime);
      break;
    default:
      break;
  }
  return Timestamp{static_cast<int64_t>(mtime), 0, false};
}

Status ArchiveWalk::Entry(archive_entry* entry) {
  const char* utf8 = archive_entry_pathname_utf8(entry);
  const char* native = archive_entry_pathname(entry);
  Child child;
  child.name = utf8 != nullptr ? utf8 : native != nullptr ? native : "";
  const bool is_zip = (archive_format(a_) & ARCHIVE_FORMAT_BASE_MASK) == ARCHIVE_FORMAT_ZIP;
  if (is_zip && !IsValidUtf8(child.name)) {
    // A ZIP name without the UTF-8 flag is, by the specification, in code page 437 (DOS).
    if (Result<std::string> converted = ConvertToUtf8(child.name, "IBM437"); converted.ok()) {
      child.name = std::move(*converted);
    }
  }
  if (raw_) child.name = RawMemberName(input_.name());
  if (child.name.empty()) child.name = fmt::format("entry {}", entries_);

  const ZipEntryInfo* zip = nullptr;
  if (is_zip) {
    if (!zip_loaded_) LoadZipDirectory();
    for (const char* key : {native, utf8}) {
      if (key == nullptr) continue;
      auto it = zip_.find(key);
      if (it != zip_.end()) {
        zip = &it->second;
        break;
      }
    }
  }
  child.meta.modified = Modified(entry, zip);
  std::string_view base = child.name;
  if (size_t slash = base.find_last_of('/'); slash != std::string_view::npos) {
    base.remove_prefix(slash + 1);
  }
  child.meta.file_name = std::string(base);
  uint64_t compressed = 0;
  if (zip != nullptr) {
    compressed = zip->compressed_size;
  } else if (raw_) {
    compressed = input_.size();
  }
  child.compressed_size = compressed;

  const mode_t type = archive_entry_filetype(entry);
  if (type == AE_IFDIR) return Status::Ok();
  if (const char* target = archive_entry_hardlink(entry); target != nullptr) {
    child.failure = UnsupportedFormatError("hard link in archive, not followed (to {})", target);
    return Emit(std::move(child));
  }
  if (type == AE_IFLNK) {
    const char* target = archive_entry_symlink(entry);
    child.failure = UnsupportedFormatError("symbolic link in archive, not followed (to {})",
                                           target != nullptr ? target : "?");
    return Emit(std::move(child));
  }
  if (type != AE_IFREG && type != 0) {
    child.failure = UnsupportedFormatError("special file in archive (device, FIFO or socket)");
    return Emit(std::move(child));
  }
  if (archive_entry_is_encrypted(entry)) {
    child.failure = EncryptedError("archive member is encrypted");
    return Emit(std::move(child));
  }
  Status go_on = ReadData(entry, compressed, zip, child);
  Status emitted = Emit(std::move(child));
  if (!go_on.ok()) return go_on;
  return emitted;
}

Status ArchiveWalk::Store(Member& member, const char* data, size_t n) {
  if (member.spill_fd < 0 && member.bytes.size() + n <= limits_.max_in_memory_bytes) {
    member.bytes.append(data, n);
    return Status::Ok();
  }
  if (member.spill_fd < 0) {
    // A generated name in our temporary folder: the member's own name is never a path.
    std::string pattern = (context_.temp_dir() / "archive-member-XXXXXX").string();
    member.spill_fd = ::mkostemp(pattern.data(), O_CLOEXEC);
    if (member.spill_fd < 0) {
      return IoError("creating a spill file in {}: {}", context_.temp_dir().string(),
                     ErrnoMessage(errno));
    }
    member.spill_path = pattern;
    std::string held = std::move(member.bytes);
    member.bytes.clear();
    BATES_RETURN_IF_ERROR(Store(member, held.data(), held.size()));
  }
  while (n > 0) {
    ssize_t w = ::write(member.spill_fd, data, n);
    if (w < 0 && errno == EINTR) continue;
    if (w < 0) return IoError("writing {}: {}", member.spill_path.string(), ErrnoMessage(errno));
    data += w;
    n -= static_cast<size_t>(w);
  }
  return Status::Ok();
}

Status ArchiveWalk::ReadData(archive_entry* entry, uint64_t compressed, const ZipEntryInfo* zip,
                             Child& child) {
  Member member;
  auto discard = [&member] {
    if (member.spill_fd >= 0) ::close(member.spill_fd);
    member.spill_fd = -1;
    if (!member.spill_path.empty()) {
      std::error_code ignored;
      std::filesystem::remove(member.spill_path, ignored);
    }
  };
  std::unique_ptr<char[]> block(new char[kBlockSize]);
  const uint64_t ratio = limits_.max_compression_ratio;
  while (true) {
    la_ssize_t n = archive_read_data(a_, block.get(), kBlockSize);
    if (n == 0) break;
    if (n < 0) {
      discard();
      std::string message = ArchiveMessage(a_);
      if (archive_entry_is_encrypted(entry) || archive_read_has_encrypted_entries(a_) > 0) {
        child.failure = EncryptedError("archive member is encrypted: {}", message);
        return Status::Ok();
      }
      const bool unsupported = message.find("nsupported") != std::string::npos;
      child.failure =
          unsupported ? UnsupportedFormatError("{}", message) : CorruptError("{}", message);
      // ARCHIVE_FAILED concerns this member alone (an unsupported method, a bad checksum); the
      // next header can still be read. Anything worse ends the archive.
      if (n == ARCHIVE_FAILED || n == ARCHIVE_WARN) return Status::Ok();
      return CorruptError("{}: {}", child.name, message);
    }
    member.size += static_cast<uint64_t>(n);
    expanded_ += static_cast<uint64_t>(n);

    std::string exhausted;
    // The whole archive's expansion, measured against the bytes libarchive has consumed so far;
    // it catches bombs whose members do not say how large they are compressed (tar.gz, 7z).
    // libarchive counts a stored ZIP member as consumed only once it is read to its end, so the
    // bytes of a stored member read so far count as consumed, and so do the sizes the directory
    // gives for the members already read — capped at the archive's size, so a directory that
    // lies cannot hide a bomb. A deflated member's progress is libarchive's count alone.
    const int64_t consumed = archive_filter_bytes(a_, -1);
    uint64_t consumed_bytes = consumed > 0 ? static_cast<uint64_t>(consumed) : 1;
    if (zip != nullptr) {
      const uint64_t current = zip->stored ? member.size : 0;
      consumed_bytes =
          std::max(consumed_bytes, std::min(compressed_done_ + current, input_.size()));
    }
    if (member.size > limits_.max_item_bytes) {
      exhausted =
          fmt::format("member is larger than {} bytes (max_item_bytes)", limits_.max_item_bytes);
    } else if (expanded_ > limits_.max_expanded_bytes) {
      exhausted = fmt::format(
          "archive expands to more than {} bytes (max_expanded_bytes) — decompression bomb",
          limits_.max_expanded_bytes);
    } else if (member.size > limits_.ratio_floor_bytes && compressed > 0 &&
               member.size / compressed >= ratio) {
      exhausted = fmt::format("member expands more than {}:1 — decompression bomb", ratio);
    } else if (expanded_ > limits_.ratio_floor_bytes && expanded_ / consumed_bytes >= ratio) {
      exhausted = fmt::format("archive expands more than {}:1 — decompression bomb", ratio);
    }
    if (!exhausted.empty()) {
      discard();
      child.failure = ResourceExhaustedError("{}", exhausted);
      return ResourceExhaustedError("{}: {}", child.name, exhausted);
    }
    Status stored = Store(member, block.get(), static_cast<size_t>(n));
    if (!stored.ok()) {
      discard();
      child.failure = stored;
      return stored;
    }
  }
  if (zip != nullptr) compressed_done_ += zip->compressed_size;
  if (member.spill_fd >= 0) {
    ::close(member.spill_fd);
    child.spill_path = std::move(member.spill_path);
  } else {
    child.bytes = std::move(member.bytes);
  }
  return Status::Ok();
}

Status ArchiveWalk::Emit(Child child) {
  if (children_ >= limits_.max_children) {
    if (!child.spill_path.empty()) {
      std::error_code ignored;
      std::filesystem::remove(child.spill_path, ignored);
    }
    return ResourceExhaustedError("archive has more than {} members (max_children)",
                                  limits_.max_children);
  }
  ++children_;
  locale_.Leave();
  Status added = context_.AddChild(std::move(child));
  locale_.Enter();
  return added;
}

class ArchiveReader final : public Reader {
 public:
  std::string_view name() const override { return "archive"; }
  std::vector<std::string> mime_types() const override {
    return {"application/zip",
            "application/x-zip-compressed",
            "application/x-tar",
            "application/gzip",
            "application/x-gzip",
            "application/x-bzip2",
            "application/x-xz",
            "application/x-lzma",
            "application/x-lzip",
            "application/zstd",
            "application/x-lz4",
            "application/x-compress",
            "application/x-7z-compressed",
            "application/x-rar",
            "application/vnd.rar",
            "application/x-rar-compressed",
            "application/x-cpio",
            "application/x-iso9660-image",
            "application/vnd.ms-cab-compressed",
            "application/x-lha",
            "application/x-lzh-compressed",
            "application/x-archive",
            "application/x-xar"};
  }
  bool is_container() const override { return true; }
  std::string_view tool() const override { return "libarchive"; }

  Status Read(const Input& input, ReadContext& context) const override {
    ScopedUtf8Locale locale;
    ArchivePtr a;
    Status status = OpenArchive(input, Mode::kFormats, a);
    if (!a || status.code() == StatusCode::kIoError) return status;
    bool unrecognised = true;
    uint64_t entries = 0;
    if (status.ok()) {
      ArchiveWalk walk(input, context, locale, a.get(), /*raw=*/false);
      status = walk.Run(&unrecognised);
      entries = walk.entries();
    }
    const bool compressed = archive_filter_count(a.get()) > 1;
    const int format = archive_format(a.get());
    a.reset();

    // A compressed stream that holds no archive (notes.txt.gz) is one member. Only then: raw
    // reading accepts anything, and a damaged archive read raw would contain itself.
    const bool no_format = unrecognised && format == 0 && status.code() == StatusCode::kCorrupt;
    const bool empty = status.ok() && format == ARCHIVE_FORMAT_EMPTY;
    if (compressed && (no_format || empty)) {
      ArchivePtr raw;
      BATES_RETURN_IF_ERROR(OpenArchive(input, Mode::kRaw, raw));
      ArchiveWalk raw_walk(input, context, locale, raw.get(), /*raw=*/true);
      return raw_walk.Run(&unrecognised);
    }

    // A ZIP whose central directory is damaged yields an error, or (when the end record is
    // intact) nothing at all; its members can still be found front to back by their local
    // headers. The archive is corrupt either way.
    const bool zip = (format & ARCHIVE_FORMAT_BASE_MASK) == ARCHIVE_FORMAT_ZIP;
    Result<std::string> head = input.Head(4);
    const bool local_header_first = head.ok() && *head == std::string_view("PK\x03\x04", 4);
    if (zip && local_header_first && entries == 0 &&
        (status.code() == StatusCode::kCorrupt || status.ok())) {
      ArchivePtr streaming;
      BATES_RETURN_IF_ERROR(OpenArchive(input, Mode::kZipStreaming, streaming));
      ArchiveWalk streaming_walk(input, context, locale, streaming.get(), /*raw=*/false);
      Status recovered = streaming_walk.Run(&unrecognised);
      if (!recovered.ok() && recovered.code() != StatusCode::kCorrupt) return recovered;
      if (streaming_walk.entries() > 0) {
        return CorruptError(
            "ZIP central directory is damaged{}{}; members were read from their "
            "local headers",
            status.ok() ? "" : ": ", status.ok() ? "" : status.message());
      }
    }
    return status;
  }
};

}  // namespace

BATES_REGISTER_READER(ArchiveReader)

}  // namespace bates::ingest
