// Walker: the collected files of a source, in a stable order. A folder is walked recursively and
// sorted byte-wise by relative path, so the same folder always yields the same sequence (and item
// ids follow it). Nothing is dropped: a symbolic link, a special file or an unreadable folder is
// an entry with an error, which becomes an exception item.
#pragma once

#include <cstdint>
#include <filesystem>
#include <string>
#include <vector>

#include "core/result.h"

namespace bates::ingest {

struct WalkEntry {
  std::string relative_path;   // from the source root; the file name for a single file
  std::filesystem::path path;  // absolute
  uint64_t size = 0;
  int64_t modified_unix = 0;
  Status error;  // non-ok: not a readable regular file, and why
};

// All entries under `root` (a folder or one file). NotFound if root does not exist.
Result<std::vector<WalkEntry>> Walk(const std::filesystem::path& root);

}  // namespace bates::ingest
