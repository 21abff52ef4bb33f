#include "ingest/input.h"

#include <fcntl.h>
#include <unistd.h>

namespace bates::ingest {

Input Input::FromMemory(std::string_view bytes, std::string name) {
  Input in;
  in.memory_ = bytes;
  in.size_ = bytes.size();
  in.name_ = std::move(name);
  return in;
}

Input Input::FromFile(std::filesystem::path path, uint64_t size, std::string name) {
  Input in;
  in.path_ = std::move(path);
  in.size_ = size;
  in.name_ = std::move(name);
  return in;
}

Result<std::string_view> Input::bytes() const {
  if (!path_) return memory_;
  if (!mapped_) {
    BATES_ASSIGN_OR_RETURN(MappedFile mapped, MappedFile::Open(*path_));
    mapped_.emplace(std::move(mapped));
  }
  return mapped_->bytes();
}

Result<std::string> Input::Head(size_t n) const {
  if (!path_) return std::string(memory_.substr(0, n));
  if (mapped_) return std::string(mapped_->bytes().substr(0, n));
  int fd = ::open(path_->c_str(), O_RDONLY | O_CLOEXEC);
  if (fd < 0) return IoError("{}: {}", path_->string(), ErrnoMessage(errno));
  std::string out(n, '\0');
  size_t done = 0;
  while (done < n) {
    ssize_t r = ::read(fd, out.data() + done, n - done);
    if (r < 0 && errno == EINTR) continue;
    if (r <= 0) break;
    done += static_cast<size_t>(r);
  }
  ::close(fd);
  out.resize(done);
  return out;
}

}  // namespace bates::ingest
