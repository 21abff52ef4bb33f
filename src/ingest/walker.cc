#include "ingest/walker.h"

#include <sys/stat.h>

#include <algorithm>
#include <system_error>

#include "core/file.h"

namespace bates::ingest {
namespace {

namespace fs = std::filesystem;

void WalkFolder(const fs::path& root, const fs::path& dir, std::vector<WalkEntry>& out) {
  std::error_code ec;
  fs::directory_iterator it(dir, ec);
  if (ec) {
    WalkEntry e;
    e.path = dir;
    e.relative_path = dir.lexically_relative(root).string();
    e.error = IoError("cannot list folder: {}", ec.message());
    out.push_back(std::move(e));
    return;
  }
  for (; it != fs::directory_iterator(); it.increment(ec)) {
    if (ec) break;
    const fs::path& path = it->path();
    WalkEntry e;
    e.path = path;
    e.relative_path = path.lexically_relative(root).string();
    struct stat st {};
    if (::lstat(path.c_str(), &st) != 0) {
      e.error = IoError("cannot read: {}", ErrnoMessage(errno));
    } else if (S_ISDIR(st.st_mode)) {
      WalkFolder(root, path, out);
      continue;
    } else if (S_ISLNK(st.st_mode)) {
      std::error_code link_ec;
      fs::path target = fs::read_symlink(path, link_ec);
      e.error = UnsupportedFormatError("symbolic link, not followed (points to {})",
                                       link_ec ? "?" : target.string());
    } else if (!S_ISREG(st.st_mode)) {
      e.error = UnsupportedFormatError("not a regular file (device, socket or pipe)");
    } else {
      e.size = static_cast<uint64_t>(st.st_size);
      e.modified_unix = st.st_mtim.tv_sec;
    }
    out.push_back(std::move(e));
  }
  if (ec) {
    WalkEntry e;
    e.path = dir;
    e.relative_path = dir.lexically_relative(root).string();
    e.error = IoError("listing of folder stopped: {}", ec.message());
    out.push_back(std::move(e));
  }
}

}  // namespace

Result<std::vector<WalkEntry>> Walk(const fs::path& root_in) {
  std::error_code ec;
  fs::path root = fs::absolute(root_in, ec).lexically_normal();
  if (ec) return IoError("{}: {}", root_in.string(), ec.message());
  if (root.has_filename() == false && root.has_parent_path()) root = root.parent_path();
  struct stat st {};
  if (::stat(root.c_str(), &st) != 0) {
    if (errno == ENOENT) return NotFoundError("{}: no such file or folder", root_in.string());
    return IoError("{}: {}", root_in.string(), ErrnoMessage(errno));
  }
  std::vector<WalkEntry> out;
  if (S_ISDIR(st.st_mode)) {
    WalkFolder(root, root, out);
  } else if (S_ISREG(st.st_mode)) {
    WalkEntry e;
    e.path = root;
    e.relative_path = root.filename().string();
    e.size = static_cast<uint64_t>(st.st_size);
    e.modified_unix = st.st_mtim.tv_sec;
    out.push_back(std::move(e));
  } else {
    return InvalidArgumentError("{}: not a file or folder", root_in.string());
  }
  // Byte-wise order of relative paths: the order ids follow, whatever the file system returns.
  std::sort(out.begin(), out.end(), [](const WalkEntry& a, const WalkEntry& b) {
    return a.relative_path < b.relative_path;
  });
  return out;
}

}  // namespace bates::ingest
