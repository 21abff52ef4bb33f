#include "store/blob_store.h"

#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>
#include <zstd.h>

#include <atomic>
#include <cerrno>
#include <new>
#include <system_error>

#include "core/file.h"
#include "core/hash.h"

namespace bates::store {
namespace {

constexpr int kZstdLevel = 3;
// A frame claiming more than this is treated as corrupt rather than allocated: no extracted text
// comes near it (core/limits.h caps text at 256 MiB by default).
constexpr uint64_t kMaxTextBytes = uint64_t{16} << 30;

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

// A name beside `path` that no live thread or process is writing: pid plus a process-wide count.
// An orphan of a killed run may carry the same name (pids are reused); it is overwritten.
std::filesystem::path TempPathFor(const std::filesystem::path& path) {
  static std::atomic<uint64_t> counter{0};
  std::filesystem::path tmp = path;
  tmp += fmt::format(".tmp.{}.{}", ::getpid(), counter.fetch_add(1, std::memory_order_relaxed));
  return tmp;
}

Status CreateParent(const std::filesystem::path& path) {
  std::error_code ec;
  // create_directories treats a directory made meanwhile by another thread as success.
  std::filesystem::create_directories(path.parent_path(), ec);
  if (ec) return IoError("creating {}: {}", path.parent_path().string(), ec.message());
  return Status::Ok();
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

// Writes a blob through `write(fd, tmp_path)` to a temporary name, then renames it into place.
// Two writers of the same blob both rename; as the content is the same, the last one wins
// harmlessly.
template <typename WriteFn>
Status WriteBlob(const std::filesystem::path& path, WriteFn write) {
  if (Exists(path)) return Status::Ok();
  BATES_RETURN_IF_ERROR(CreateParent(path));
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

}  // namespace

std::filesystem::path BlobStore::PathFor(std::string_view key, std::string_view suffix) const {
  std::string name(key);
  name += suffix;
  return root_ / std::string(key.substr(0, 2)) / std::string(key.substr(2, 2)) / name;
}

std::filesystem::path BlobStore::NativePath(std::string_view sha256) const {
  return PathFor(sha256, "");
}

Status BlobStore::WriteIfAbsent(const std::filesystem::path& path, std::string_view bytes) const {
  return WriteBlob(
      path, [&](int fd, const std::filesystem::path& tmp) { return WriteAll(fd, bytes, tmp); });
}

Status BlobStore::PutNative(std::string_view sha256, std::string_view bytes) const {
  BATES_RETURN_IF_ERROR(CheckKey(sha256));
  return WriteIfAbsent(NativePath(sha256), bytes);
}

Status BlobStore::PutNativeFile(std::string_view sha256, const std::filesystem::path& file) const {
  BATES_RETURN_IF_ERROR(CheckKey(sha256));
  std::filesystem::path path = NativePath(sha256);
  if (Exists(path)) return Status::Ok();
  Fd in(::open(file.c_str(), O_RDONLY | O_CLOEXEC));
  if (in.get() < 0) {
    int err = errno;
    if (err == ENOENT) return NotFoundError("{}: no such file", file.string());
    return IoError("opening {}: {}", file.string(), ErrnoMessage(err));
  }
  return WriteBlob(path, [&](int fd, const std::filesystem::path& tmp) {
    return CopyFd(in.get(), fd, file, tmp);
  });
}

Result<std::string> BlobStore::GetNative(std::string_view sha256) const {
  BATES_RETURN_IF_ERROR(CheckKey(sha256));
  Result<std::string> bytes = ReadFile(NativePath(sha256));
  if (!bytes.ok() && bytes.status().code() == StatusCode::kNotFound) {
    return NotFoundError("no native blob {}", sha256);
  }
  return bytes;
}

bool BlobStore::Has(std::string_view sha256) const {
  return IsHexKey(sha256) && Exists(NativePath(sha256));
}

std::string BlobStore::CompressText(std::string_view text) {
  std::string out(ZSTD_compressBound(text.size()), '\0');
  size_t n = ZSTD_compress(out.data(), out.size(), text.data(), text.size(), kZstdLevel);
  // With a destination of compressBound bytes, ZSTD_compress fails only when it cannot allocate
  // its context: the same condition as std::string's own allocation failing.
  if (ZSTD_isError(n)) throw std::bad_alloc();
  out.resize(n);
  return out;
}

Result<std::string> BlobStore::PutText(std::string_view text) const {
  if (text.empty()) return std::string();
  std::string key = Sha256Hex(text);
  if (Exists(PathFor(key, ".zst"))) return key;
  BATES_RETURN_IF_ERROR(PutCompressedText(key, CompressText(text)));
  return key;
}

Status BlobStore::PutCompressedText(std::string_view key, std::string_view compressed) const {
  BATES_RETURN_IF_ERROR(CheckKey(key));
  return WriteIfAbsent(PathFor(key, ".zst"), compressed);
}

Result<std::string> BlobStore::GetText(std::string_view key) const {
  if (key.empty()) return std::string();
  BATES_RETURN_IF_ERROR(CheckKey(key));
  std::filesystem::path path = PathFor(key, ".zst");
  Result<std::string> compressed = ReadFile(path);
  if (!compressed.ok()) {
    if (compressed.status().code() == StatusCode::kNotFound) {
      return NotFoundError("no text blob {}", key);
    }
    return compressed.status();
  }
  unsigned long long size = ZSTD_getFrameContentSize(compressed->data(), compressed->size());
  // CompressText always records the size; a frame without one was not written by bates.
  if (size == ZSTD_CONTENTSIZE_ERROR || size == ZSTD_CONTENTSIZE_UNKNOWN || size > kMaxTextBytes) {
    return CorruptError("{}: not a zstd frame written by bates", path.string());
  }
  std::string text(static_cast<size_t>(size), '\0');
  size_t n = ZSTD_decompress(text.data(), text.size(), compressed->data(), compressed->size());
  if (ZSTD_isError(n)) {
    return CorruptError("{}: {}", path.string(), ZSTD_getErrorName(n));
  }
  if (n != text.size()) {
    return CorruptError("{}: {} bytes decompressed, {} expected", path.string(), n, text.size());
  }
  // The key is the text's hash, so damage that still decompresses is caught here.
  if (Sha256Hex(text) != key) {
    return CorruptError("{}: content does not match its SHA-256", path.string());
  }
  return text;
}

}  // namespace bates::store
