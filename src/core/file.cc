#include "core/file.h"

#include <fcntl.h>
#include <sys/mman.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cerrno>
#include <cstring>

namespace bates {
namespace {

class Fd {
 public:
  explicit Fd(int fd) : fd_(fd) {}
  ~Fd() {
    if (fd_ >= 0) ::close(fd_);
  }
  Fd(const Fd&) = delete;
  Fd& operator=(const Fd&) = delete;
  int get() const { return fd_; }

 private:
  int fd_;
};

}  // namespace

std::string ErrnoMessage(int error) {
  char buf[256];
  // GNU strerror_r returns the message, which may not be buf.
  return strerror_r(error, buf, sizeof buf);
}

Result<std::string> ReadFile(const std::filesystem::path& path, uint64_t max_bytes) {
  Fd fd(::open(path.c_str(), O_RDONLY | O_CLOEXEC));
  if (fd.get() < 0) {
    int err = errno;
    if (err == ENOENT) return NotFoundError("{}: no such file", path.string());
    return IoError("{}: {}", path.string(), ErrnoMessage(err));
  }
  struct stat st {};
  if (::fstat(fd.get(), &st) != 0) return IoError("{}: {}", path.string(), ErrnoMessage(errno));
  if (static_cast<uint64_t>(st.st_size) > max_bytes) {
    return ResourceExhaustedError("{}: {} bytes is over the limit of {}", path.string(), st.st_size,
                                  max_bytes);
  }
  std::string out;
  out.reserve(static_cast<size_t>(st.st_size));
  char buf[1 << 16];
  while (true) {
    ssize_t n = ::read(fd.get(), buf, sizeof buf);
    if (n < 0) {
      if (errno == EINTR) continue;
      return IoError("{}: {}", path.string(), ErrnoMessage(errno));
    }
    if (n == 0) break;
    out.append(buf, static_cast<size_t>(n));
    if (out.size() > max_bytes) {
      return ResourceExhaustedError("{}: over the limit of {} bytes", path.string(), max_bytes);
    }
  }
  return out;
}

Status WriteFileAtomic(const std::filesystem::path& path, std::string_view bytes) {
  std::filesystem::path tmp = path;
  tmp += fmt::format(".tmp{}", ::getpid());
  {
    Fd fd(::open(tmp.c_str(), O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0644));
    if (fd.get() < 0) return IoError("{}: {}", tmp.string(), ErrnoMessage(errno));
    const char* p = bytes.data();
    size_t left = bytes.size();
    while (left > 0) {
      ssize_t n = ::write(fd.get(), p, left);
      if (n < 0) {
        if (errno == EINTR) continue;
        int err = errno;
        ::unlink(tmp.c_str());
        return IoError("{}: {}", tmp.string(), ErrnoMessage(err));
      }
      p += n;
      left -= static_cast<size_t>(n);
    }
    if (::fdatasync(fd.get()) != 0) {
      int err = errno;
      ::unlink(tmp.c_str());
      return IoError("{}: {}", tmp.string(), ErrnoMessage(err));
    }
  }
  if (::rename(tmp.c_str(), path.c_str()) != 0) {
    int err = errno;
    ::unlink(tmp.c_str());
    return IoError("{}: {}", path.string(), ErrnoMessage(err));
  }
  return Status::Ok();
}

Result<MappedFile> MappedFile::Open(const std::filesystem::path& path) {
  Fd fd(::open(path.c_str(), O_RDONLY | O_CLOEXEC));
  if (fd.get() < 0) {
    int err = errno;
    if (err == ENOENT) return NotFoundError("{}: no such file", path.string());
    return IoError("{}: {}", path.string(), ErrnoMessage(err));
  }
  struct stat st {};
  if (::fstat(fd.get(), &st) != 0) return IoError("{}: {}", path.string(), ErrnoMessage(errno));
  if (!S_ISREG(st.st_mode)) return InvalidArgumentError("{}: not a regular file", path.string());
  if (st.st_size == 0) return MappedFile(nullptr, 0);
  void* data =
      ::mmap(nullptr, static_cast<size_t>(st.st_size), PROT_READ, MAP_PRIVATE, fd.get(), 0);
  if (data == MAP_FAILED) return IoError("{}: mmap: {}", path.string(), ErrnoMessage(errno));
  ::madvise(data, static_cast<size_t>(st.st_size), MADV_SEQUENTIAL);
  return MappedFile(data, static_cast<size_t>(st.st_size));
}

MappedFile::MappedFile(MappedFile&& other) noexcept : data_(other.data_), size_(other.size_) {
  other.data_ = nullptr;
  other.size_ = 0;
}

MappedFile& MappedFile::operator=(MappedFile&& other) noexcept {
  if (this != &other) {
    if (data_ != nullptr) ::munmap(data_, size_);
    data_ = other.data_;
    size_ = other.size_;
    other.data_ = nullptr;
    other.size_ = 0;
  }
  return *this;
}

MappedFile::~MappedFile() {
  if (data_ != nullptr) ::munmap(data_, size_);
}

void MappedFile::DropPagesBefore(size_t offset) const {
  size_t page = static_cast<size_t>(::sysconf(_SC_PAGESIZE));
  size_t end = offset / page * page;
  if (data_ != nullptr && end > 0) ::madvise(data_, std::min(end, size_), MADV_DONTNEED);
}

}  // namespace bates
