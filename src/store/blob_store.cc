#include "store/blob_store.h"

#include <dirent.h>
#include <fcntl.h>
#include <sys/file.h>
#include <sys/stat.h>
#include <sys/uio.h>
#include <unistd.h>
#include <zstd.h>

#include <array>
#include <atomic>
#include <cerrno>
#include <cstring>
#include <memory>
#include <mutex>
#include <new>
#include <optional>
#include <unordered_map>
#include <vector>

#include "core/file.h"
#include "core/hash.h"
#include "store/sqlite/blob_index.h"

namespace bates::store {
namespace {

using sqlite::BlobRow;

constexpr int kZstdLevel = 3;
// A frame claiming more than this is treated as corrupt rather than allocated: no extracted text
// comes near it (core/limits.h caps text at 256 MiB by default).
constexpr uint64_t kMaxTextBytes = uint64_t{16} << 30;

// A pack record: this header, then `length` bytes. The header carries the key and kind so that a
// tool can rebuild blobs.db by scanning the packs (checking each payload against its key, which
// also finds the next record after a partial one left by a killed writer).
//   0  magic "BLB1"   4  kind (0 native, 1 text zstd)   5  three zero bytes
//   8  payload length, u64 little-endian                16  SHA-256, 32 raw bytes
constexpr size_t kHeaderBytes = 48;
constexpr char kMagic[4] = {'B', 'L', 'B', '1'};
enum Kind : int { kNative = 0, kText = 1 };

// Queued rows past this many are inserted at once, without waiting for Flush, to bound memory
// when a caller seldom flushes. Committing rows early is always safe: their records are complete.
constexpr size_t kAutoFlushRows = 8192;
constexpr uint32_t kMaxPackNumber = 999'999;
// A row claiming a longer record is damaged; it is refused rather than allocated.
constexpr uint64_t kMaxRecordBytes = uint64_t{1} << 32;

class Fd {
 public:
  explicit Fd(int fd) : fd_(fd) {}
  ~Fd() {
    if (fd_ >= 0) ::close(fd_);
  }
  Fd(const Fd&) = delete;
  Fd& operator=(const Fd&) = delete;
  int get() const { return fd_; }
  // Closes now, reporting the error (a write can first fail at close on some file systems).
  int Close() {
    int rc = ::close(fd_);
    fd_ = -1;
    return rc;
  }

 private:
  int fd_;
};

int HexDigit(char c) { return c <= '9' ? c - '0' : c - 'a' + 10; }

bool IsHexKey(std::string_view key) {
  if (key.size() != 64) return false;
  for (char c : key) {
    if (!((c >= '0' && c <= '9') || (c >= 'a' && c <= 'f'))) return false;
  }
  return true;
}

Status CheckKey(std::string_view key) {
  if (!IsHexKey(key)) {
    return InvalidArgumentError("'{}' is not a blob key (64 lower-case hex digits)", key);
  }
  return Status::Ok();
}

// A checked hex key as the 32 bytes the index and the pack headers hold.
std::string RawKey(std::string_view hex) {
  std::string raw(32, '\0');
  for (size_t i = 0; i < 32; ++i) {
    raw[i] = static_cast<char>(HexDigit(hex[2 * i]) << 4 | HexDigit(hex[2 * i + 1]));
  }
  return raw;
}

std::string PendingKey(int kind, std::string_view raw) {
  std::string out(1, static_cast<char>(kind));
  out += raw;
  return out;
}

std::string PackName(uint32_t pack) { return fmt::format("pack-{:06}.pack", pack); }

std::optional<uint32_t> PackNumber(std::string_view name) {
  constexpr std::string_view kPrefix = "pack-", kSuffix = ".pack";
  if (name.size() != kPrefix.size() + 6 + kSuffix.size() || name.substr(0, 5) != kPrefix ||
      name.substr(11) != kSuffix) {
    return std::nullopt;
  }
  uint32_t n = 0;
  for (char c : name.substr(5, 6)) {
    if (c < '0' || c > '9') return std::nullopt;
    n = n * 10 + static_cast<uint32_t>(c - '0');
  }
  return n;
}

std::array<char, kHeaderBytes> EncodeHeader(int kind, std::string_view raw_key, uint64_t length) {
  std::array<char, kHeaderBytes> h{};
  std::memcpy(h.data(), kMagic, 4);
  h[4] = static_cast<char>(kind);
  for (int i = 0; i < 8; ++i) h[8 + i] = static_cast<char>((length >> (8 * i)) & 0xff);
  std::memcpy(h.data() + 16, raw_key.data(), 32);
  return h;
}

uint64_t DecodeLength(const char* h) {
  uint64_t length = 0;
  for (int i = 7; i >= 0; --i) length = length << 8 | static_cast<unsigned char>(h[8 + i]);
  return length;
}

// A name beside `path` that no live thread or process is writing: pid plus a process-wide count.
// An orphan of a killed run may carry the same name (pids are reused); it is overwritten.
std::filesystem::path TempPathFor(const std::filesystem::path& path) {
  static std::atomic<uint64_t> counter{0};
  std::filesystem::path tmp = path;
  tmp += fmt::format(".tmp.{}.{}", ::getpid(), counter.fetch_add(1, std::memory_order_relaxed));
  return tmp;
}

bool Exists(const std::filesystem::path& path) {
  struct stat st {};
  return ::stat(path.c_str(), &st) == 0;
}

Status WriteAll(int fd, std::string_view bytes, const std::filesystem::path& path) {
  while (!bytes.empty()) {
    ssize_t n = ::write(fd, bytes.data(), bytes.size());
    if (n < 0) {
      if (errno == EINTR) continue;
      return IoError("writing {}: {}", path.string(), ErrnoMessage(errno));
    }
    bytes.remove_prefix(static_cast<size_t>(n));
  }
  return Status::Ok();
}

// Writes `a` then `b` at `offset` with one pwritev (more only if the kernel writes short).
Status PwriteAll(int fd, uint64_t offset, std::string_view a, std::string_view b,
                 const std::filesystem::path& path) {
  while (!a.empty() || !b.empty()) {
    iovec iov[2];
    int count = 0;
    for (std::string_view part : {a, b}) {
      if (!part.empty()) iov[count++] = {const_cast<char*>(part.data()), part.size()};
    }
    ssize_t n = ::pwritev(fd, iov, count, static_cast<off_t>(offset));
    if (n < 0) {
      if (errno == EINTR) continue;
      return IoError("writing {}: {}", path.string(), ErrnoMessage(errno));
    }
    if (n == 0) return IoError("writing {}: no progress", path.string());
    offset += static_cast<uint64_t>(n);
    size_t done = static_cast<size_t>(n);
    size_t from_a = std::min(done, a.size());
    a.remove_prefix(from_a);
    b.remove_prefix(done - from_a);
  }
  return Status::Ok();
}

// Reads up to `limit` bytes of `fd` from its current offset; stops at end of file.
Result<std::string> ReadUpTo(int fd, size_t limit, const std::filesystem::path& path) {
  std::string out;
  char buf[1 << 16];
  while (out.size() < limit) {
    ssize_t n = ::read(fd, buf, std::min(sizeof buf, limit - out.size()));
    if (n < 0) {
      if (errno == EINTR) continue;
      return IoError("reading {}: {}", path.string(), ErrnoMessage(errno));
    }
    if (n == 0) break;
    out.append(buf, static_cast<size_t>(n));
  }
  return out;
}

// Copies all of `in` to `out`: copy_file_range where the kernel can (no trip through user space,
// reflinks on file systems that have them), a buffered loop where it cannot.
Status CopyFd(int in, int out, const std::filesystem::path& from, const std::filesystem::path& to) {
  bool use_range = true;
  while (use_range) {
    ssize_t n = ::copy_file_range(in, nullptr, out, nullptr, size_t{1} << 30, 0);
    if (n == 0) return Status::Ok();
    if (n > 0) continue;
    if (errno == EINTR) continue;
    if (errno == EXDEV || errno == ENOSYS || errno == EINVAL || errno == EOPNOTSUPP ||
        errno == EBADF) {
      // Nothing was copied by a call that failed, so the buffered loop carries on from the
      // current offsets.
      use_range = false;
    } else {
      return IoError("copying {} to {}: {}", from.string(), to.string(), ErrnoMessage(errno));
    }
  }
  std::string buffer(size_t{1} << 20, '\0');
  while (true) {
    ssize_t n = ::read(in, buffer.data(), buffer.size());
    if (n < 0) {
      if (errno == EINTR) continue;
      return IoError("reading {}: {}", from.string(), ErrnoMessage(errno));
    }
    if (n == 0) return Status::Ok();
    BATES_RETURN_IF_ERROR(
        WriteAll(out, std::string_view(buffer.data(), static_cast<size_t>(n)), to));
  }
}

// Writes a file through `write(fd, tmp_path)` to a temporary name, then renames it over `path`.
template <typename WriteFn>
Status WriteThroughTemp(const std::filesystem::path& path, WriteFn write) {
  std::filesystem::path tmp = TempPathFor(path);
  Fd fd(::open(tmp.c_str(), O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0644));
  if (fd.get() < 0) return IoError("creating {}: {}", tmp.string(), ErrnoMessage(errno));
  Status status = write(fd.get(), tmp);
  if (status.ok() && fd.Close() != 0) {
    status = IoError("closing {}: {}", tmp.string(), ErrnoMessage(errno));
  }
  if (status.ok() && ::rename(tmp.c_str(), path.c_str()) != 0) {
    status = IoError("renaming {} to {}: {}", tmp.string(), path.string(), ErrnoMessage(errno));
  }
  if (!status.ok()) ::unlink(tmp.c_str());
  return status;
}

// One zstd context per thread, kept: ZSTD_decompress and ZSTD_compress make and free a context on
// every call, which was most of reading a short text (the web search reads twenty per page).
struct ZstdContexts {
  std::unique_ptr<ZSTD_DCtx, size_t (*)(ZSTD_DCtx*)> decompress{ZSTD_createDCtx(), ZSTD_freeDCtx};
  std::unique_ptr<ZSTD_CCtx, size_t (*)(ZSTD_CCtx*)> compress{ZSTD_createCCtx(), ZSTD_freeCCtx};
};
ZstdContexts& ThreadZstd() {
  thread_local ZstdContexts contexts;
  if (contexts.decompress == nullptr || contexts.compress == nullptr) throw std::bad_alloc();
  return contexts;
}

Result<std::string> Decompress(std::string_view compressed, std::string_view key,
                               std::string_view where) {
  unsigned long long size = ZSTD_getFrameContentSize(compressed.data(), compressed.size());
  // CompressText always records the size; a frame without one was not written by bates.
  if (size == ZSTD_CONTENTSIZE_ERROR || size == ZSTD_CONTENTSIZE_UNKNOWN || size > kMaxTextBytes) {
    return CorruptError("{}: not a zstd frame written by bates", where);
  }
  std::string text(static_cast<size_t>(size), '\0');
  size_t n = ZSTD_decompressDCtx(ThreadZstd().decompress.get(), text.data(), text.size(),
                                 compressed.data(), compressed.size());
  if (ZSTD_isError(n)) return CorruptError("{}: {}", where, ZSTD_getErrorName(n));
  if (n != text.size()) {
    return CorruptError("{}: {} bytes decompressed, {} expected", where, n, text.size());
  }
  // The key is the text's hash, so damage that still decompresses is caught here.
  if (Sha256Hex(text) != key) return CorruptError("{}: content does not match its SHA-256", where);
  return text;
}

}  // namespace

struct BlobStore::State {
  std::filesystem::path root;
  std::filesystem::path packs_dir;
  BlobStoreOptions options;
  // Fan-out folders (blobs/ab/) known to exist, by their first key byte: each is made once.
  std::array<std::atomic<bool>, 256> fanout_made{};

  // `mu` guards the index, the queued rows and the pack being appended to. Appends happen under
  // it, so a dedup check and the append it allows are one step.
  std::mutex mu;
  std::unique_ptr<sqlite::BlobIndex> index;
  std::unordered_map<std::string, BlobRow> pending;  // by PendingKey; records written, rows not
  int write_fd = -1;  // the pack this process appends to, flocked; -1 until the first append
  uint32_t write_pack = 0;
  uint64_t write_offset = 0;
  uint32_t next_pack_floor = 1;  // a new writer pack is numbered at least this

  std::mutex read_mu;  // guards read_fds
  std::unordered_map<uint32_t, int> read_fds;

  ~State() {
    if (write_fd >= 0) ::close(write_fd);
    for (const auto& [pack, fd] : read_fds) ::close(fd);
  }

  std::filesystem::path LoosePath(std::string_view key, int kind) const {
    std::string name(key);
    if (kind == kText) name += ".zst";
    return root / std::string(key.substr(0, 2)) / name;
  }

  Status EnsureFanout(std::string_view key) {
    size_t slot = static_cast<size_t>(HexDigit(key[0]) << 4 | HexDigit(key[1]));
    if (fanout_made[slot].load(std::memory_order_acquire)) return Status::Ok();
    std::filesystem::path dir = root / std::string(key.substr(0, 2));
    if (::mkdir(dir.c_str(), 0755) != 0 && errno != EEXIST) {
      return IoError("creating {}: {}", dir.string(), ErrnoMessage(errno));
    }
    fanout_made[slot].store(true, std::memory_order_release);
    return Status::Ok();
  }

  // A loose blob, written unless it exists already. Two writers of the same blob both rename; as
  // the content is the same, the last one wins harmlessly.
  template <typename WriteFn>
  Status WriteLoose(std::string_view key, int kind, WriteFn write) {
    std::filesystem::path path = LoosePath(key, kind);
    if (Exists(path)) return Status::Ok();
    BATES_RETURN_IF_ERROR(EnsureFanout(key));
    return WriteThroughTemp(path, write);
  }

  // Where a packed blob lies; nullopt when it is not packed. Call with `mu` held.
  Result<std::optional<BlobRow>> LocateLocked(int kind, std::string_view raw) {
    auto it = pending.find(PendingKey(kind, raw));
    if (it != pending.end()) return std::optional<BlobRow>(it->second);
    return index->Find(raw, kind);
  }

  Result<std::optional<BlobRow>> Locate(int kind, std::string_view raw) {
    std::lock_guard<std::mutex> lock(mu);
    return LocateLocked(kind, raw);
  }

  // Whether the store holds (key, kind), packed or loose.
  Result<bool> Contains(int kind, std::string_view key) {
    BATES_ASSIGN_OR_RETURN(std::optional<BlobRow> row, Locate(kind, RawKey(key)));
    return row.has_value() || Exists(LoosePath(key, kind));
  }

  void CloseWriterLocked() {
    if (write_fd >= 0) ::close(write_fd);  // also releases the flock
    write_fd = -1;
    next_pack_floor = std::max(next_pack_floor, write_pack + 1);
  }

  Result<uint32_t> HighestPack() {
    DIR* dir = ::opendir(packs_dir.c_str());
    if (dir == nullptr) return IoError("listing {}: {}", packs_dir.string(), ErrnoMessage(errno));
    uint32_t highest = 0;
    while (dirent* entry = ::readdir(dir)) {
      if (std::optional<uint32_t> n = PackNumber(entry->d_name)) highest = std::max(highest, *n);
    }
    ::closedir(dir);
    return highest;
  }

  // Opens the pack to append to: the highest-numbered one, unless it is full or another process
  // holds it, then the next. Appends start at the file's end, after any partial record a killed
  // writer left there (no row points into it).
  Status OpenWriterLocked() {
    BATES_ASSIGN_OR_RETURN(uint32_t highest, HighestPack());
    for (uint32_t n = std::max(highest, next_pack_floor); n <= kMaxPackNumber; ++n) {
      std::filesystem::path path = packs_dir / PackName(n);
      int fd = ::open(path.c_str(), O_RDWR | O_CREAT | O_CLOEXEC, 0644);
      if (fd < 0) return IoError("opening {}: {}", path.string(), ErrnoMessage(errno));
      if (::flock(fd, LOCK_EX | LOCK_NB) != 0) {
        int err = errno;
        ::close(fd);
        if (err == EWOULDBLOCK) continue;
        return IoError("locking {}: {}", path.string(), ErrnoMessage(err));
      }
      struct stat st {};
      if (::fstat(fd, &st) != 0) {
        int err = errno;
        ::close(fd);
        return IoError("{}: {}", path.string(), ErrnoMessage(err));
      }
      if (static_cast<uint64_t>(st.st_size) >= options.pack_bytes) {
        ::close(fd);
        continue;
      }
      write_fd = fd;
      write_pack = n;
      write_offset = static_cast<uint64_t>(st.st_size);
      return Status::Ok();
    }
    return ResourceExhaustedError("{}: every pack number is taken", packs_dir.string());
  }

  Status FlushLocked() {
    if (pending.empty()) return Status::Ok();
    std::vector<BlobRow> rows;
    rows.reserve(pending.size());
    for (const auto& [pending_key, row] : pending) rows.push_back(row);
    BATES_RETURN_IF_ERROR(index->Insert(rows));
    pending.clear();
    return Status::Ok();
  }

  // Appends a record unless (kind, key) is stored already.
  Status Append(int kind, std::string_view key, std::string_view payload) {
    std::string raw = RawKey(key);
    std::lock_guard<std::mutex> lock(mu);
    BATES_ASSIGN_OR_RETURN(std::optional<BlobRow> existing, LocateLocked(kind, raw));
    if (existing) return Status::Ok();
    uint64_t record = kHeaderBytes + payload.size();
    if (write_fd >= 0 && write_offset > 0 && write_offset + record > options.pack_bytes) {
      CloseWriterLocked();
    }
    if (write_fd < 0) BATES_RETURN_IF_ERROR(OpenWriterLocked());
    std::array<char, kHeaderBytes> header = EncodeHeader(kind, raw, payload.size());
    Status status = PwriteAll(write_fd, write_offset, std::string_view(header.data(), kHeaderBytes),
                              payload, packs_dir / PackName(write_pack));
    if (!status.ok()) {
      // Part of the record may be on disk, unindexed; the next append goes to a new pack.
      CloseWriterLocked();
      return status;
    }
    BlobRow row;
    row.key = std::move(raw);
    row.kind = kind;
    row.pack = write_pack;
    row.offset = write_offset;
    row.length = payload.size();
    pending.emplace(PendingKey(kind, row.key), std::move(row));
    write_offset += record;
    // A failure here leaves the rows queued; the caller's Flush retries and reports it.
    if (pending.size() >= kAutoFlushRows) FlushLocked().IgnoreError();
    return Status::Ok();
  }

  Result<int> ReadFd(uint32_t pack) {
    std::lock_guard<std::mutex> lock(read_mu);
    auto it = read_fds.find(pack);
    if (it != read_fds.end()) return it->second;
    std::filesystem::path path = packs_dir / PackName(pack);
    int fd = ::open(path.c_str(), O_RDONLY | O_CLOEXEC);
    if (fd < 0) {
      int err = errno;
      if (err == ENOENT)
        return CorruptError("{}: missing, but blobs.db points into it", path.string());
      return IoError("opening {}: {}", path.string(), ErrnoMessage(err));
    }
    read_fds.emplace(pack, fd);
    return fd;
  }

  // A packed record's payload, after checking that its header is the one the row describes.
  Result<std::string> ReadPacked(const BlobRow& row) {
    std::string where = fmt::format("{} at {}", PackName(row.pack), row.offset);
    if (row.length > kMaxRecordBytes) {
      return CorruptError("{}: implausible length {}", where, row.length);
    }
    BATES_ASSIGN_OR_RETURN(int fd, ReadFd(row.pack));
    std::string buf(kHeaderBytes + row.length, '\0');
    size_t done = 0;
    while (done < buf.size()) {
      ssize_t n =
          ::pread(fd, buf.data() + done, buf.size() - done, static_cast<off_t>(row.offset + done));
      if (n < 0) {
        if (errno == EINTR) continue;
        return IoError("reading {}: {}", where, ErrnoMessage(errno));
      }
      if (n == 0) return CorruptError("{}: the record is cut short", where);
      done += static_cast<size_t>(n);
    }
    if (std::memcmp(buf.data(), kMagic, 4) != 0 || buf[4] != static_cast<char>(row.kind) ||
        DecodeLength(buf.data()) != row.length ||
        std::memcmp(buf.data() + 16, row.key.data(), 32) != 0) {
      return CorruptError("{}: the record header does not match blobs.db", where);
    }
    buf.erase(0, kHeaderBytes);
    return buf;
  }
};

BlobStore::BlobStore(std::unique_ptr<State> state) : state_(std::move(state)) {}

BlobStore::~BlobStore() { Flush().IgnoreError(); }

Result<std::unique_ptr<BlobStore>> BlobStore::Open(const std::filesystem::path& root,
                                                   const BlobStoreOptions& options) {
  auto state = std::make_unique<State>();
  state->root = root;
  state->packs_dir = root / "packs";
  state->options = options;
  std::error_code ec;
  std::filesystem::create_directories(state->packs_dir, ec);
  if (ec) return IoError("creating {}: {}", state->packs_dir.string(), ec.message());
  BATES_ASSIGN_OR_RETURN(state->index, sqlite::BlobIndex::Open(root / "blobs.db"));
  return std::unique_ptr<BlobStore>(new BlobStore(std::move(state)));
}

Status BlobStore::Flush() {
  std::lock_guard<std::mutex> lock(state_->mu);
  return state_->FlushLocked();
}

std::filesystem::path BlobStore::NativePath(std::string_view sha256) const {
  if (!IsHexKey(sha256)) return {};
  std::filesystem::path path = state_->LoosePath(sha256, kNative);
  return Exists(path) ? path : std::filesystem::path();
}

Status BlobStore::PutNative(std::string_view sha256, std::string_view bytes) {
  BATES_RETURN_IF_ERROR(CheckKey(sha256));
  if (bytes.size() < kMaxPackedBytes) return state_->Append(kNative, sha256, bytes);
  return state_->WriteLoose(sha256, kNative, [&](int fd, const std::filesystem::path& tmp) {
    return WriteAll(fd, bytes, tmp);
  });
}

Status BlobStore::PutNativeFile(std::string_view sha256, const std::filesystem::path& file) {
  BATES_RETURN_IF_ERROR(CheckKey(sha256));
  BATES_ASSIGN_OR_RETURN(bool stored, state_->Contains(kNative, sha256));
  if (stored) return Status::Ok();
  Fd in(::open(file.c_str(), O_RDONLY | O_CLOEXEC));
  if (in.get() < 0) {
    int err = errno;
    if (err == ENOENT) return NotFoundError("{}: no such file", file.string());
    return IoError("opening {}: {}", file.string(), ErrnoMessage(err));
  }
  struct stat st {};
  if (::fstat(in.get(), &st) != 0) return IoError("{}: {}", file.string(), ErrnoMessage(errno));
  if (static_cast<uint64_t>(st.st_size) < kMaxPackedBytes) {
    // The file may have grown since fstat: a read that reaches the limit goes loose instead.
    BATES_ASSIGN_OR_RETURN(std::string bytes, ReadUpTo(in.get(), kMaxPackedBytes, file));
    if (bytes.size() < kMaxPackedBytes) return state_->Append(kNative, sha256, bytes);
    if (::lseek(in.get(), 0, SEEK_SET) != 0) {
      return IoError("rewinding {}: {}", file.string(), ErrnoMessage(errno));
    }
  }
  return state_->WriteLoose(sha256, kNative, [&](int fd, const std::filesystem::path& tmp) {
    return CopyFd(in.get(), fd, file, tmp);
  });
}

Result<std::string> BlobStore::GetNative(std::string_view sha256) const {
  BATES_RETURN_IF_ERROR(CheckKey(sha256));
  BATES_ASSIGN_OR_RETURN(std::optional<BlobRow> row, state_->Locate(kNative, RawKey(sha256)));
  if (row) return state_->ReadPacked(*row);
  Result<std::string> bytes = ReadFile(state_->LoosePath(sha256, kNative));
  if (!bytes.ok() && bytes.status().code() == StatusCode::kNotFound) {
    return NotFoundError("no native blob {}", sha256);
  }
  return bytes;
}

Status BlobStore::CopyNativeTo(std::string_view sha256, const std::filesystem::path& dest) const {
  BATES_RETURN_IF_ERROR(CheckKey(sha256));
  BATES_ASSIGN_OR_RETURN(std::optional<BlobRow> row, state_->Locate(kNative, RawKey(sha256)));
  if (row) {
    BATES_ASSIGN_OR_RETURN(std::string bytes, state_->ReadPacked(*row));
    return WriteThroughTemp(
        dest, [&](int fd, const std::filesystem::path& tmp) { return WriteAll(fd, bytes, tmp); });
  }
  std::filesystem::path path = state_->LoosePath(sha256, kNative);
  Fd in(::open(path.c_str(), O_RDONLY | O_CLOEXEC));
  if (in.get() < 0) {
    int err = errno;
    if (err == ENOENT) return NotFoundError("no native blob {}", sha256);
    return IoError("opening {}: {}", path.string(), ErrnoMessage(err));
  }
  return WriteThroughTemp(dest, [&](int fd, const std::filesystem::path& tmp) {
    return CopyFd(in.get(), fd, path, tmp);
  });
}

bool BlobStore::Has(std::string_view sha256) const {
  if (!IsHexKey(sha256)) return false;
  Result<bool> stored = state_->Contains(kNative, sha256);
  return stored.ok() && *stored;
}

std::string BlobStore::CompressText(std::string_view text) {
  std::string out(ZSTD_compressBound(text.size()), '\0');
  size_t n = ZSTD_compressCCtx(ThreadZstd().compress.get(), out.data(), out.size(), text.data(),
                               text.size(), kZstdLevel);
  // With a destination of compressBound bytes, compression fails only when it cannot allocate
  // its workspace: the same condition as std::string's own allocation failing.
  if (ZSTD_isError(n)) throw std::bad_alloc();
  out.resize(n);
  return out;
}

Result<std::string> BlobStore::PutText(std::string_view text) {
  if (text.empty()) return std::string();
  std::string key = Sha256Hex(text);
  BATES_ASSIGN_OR_RETURN(bool stored, state_->Contains(kText, key));
  if (stored) return key;
  BATES_RETURN_IF_ERROR(PutCompressedText(key, CompressText(text)));
  return key;
}

Status BlobStore::PutCompressedText(std::string_view key, std::string_view compressed) {
  BATES_RETURN_IF_ERROR(CheckKey(key));
  if (compressed.size() < kMaxPackedBytes) return state_->Append(kText, key, compressed);
  return state_->WriteLoose(key, kText, [&](int fd, const std::filesystem::path& tmp) {
    return WriteAll(fd, compressed, tmp);
  });
}

Result<std::string> BlobStore::GetText(std::string_view key) const {
  if (key.empty()) return std::string();
  BATES_RETURN_IF_ERROR(CheckKey(key));
  BATES_ASSIGN_OR_RETURN(std::optional<BlobRow> row, state_->Locate(kText, RawKey(key)));
  if (row) {
    BATES_ASSIGN_OR_RETURN(std::string compressed, state_->ReadPacked(*row));
    return Decompress(
        compressed, key,
        fmt::format("text blob {} ({} at {})", key, PackName(row->pack), row->offset));
  }
  std::filesystem::path path = state_->LoosePath(key, kText);
  Result<std::string> compressed = ReadFile(path);
  if (!compressed.ok()) {
    if (compressed.status().code() == StatusCode::kNotFound) {
      return NotFoundError("no text blob {}", key);
    }
    return compressed.status();
  }
  return Decompress(*compressed, key, path.string());
}

}  // namespace bates::store
