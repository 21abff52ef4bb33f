// Files: whole-file reads, atomic writes, and read-only memory maps.
//
// Thread safety: free functions are safe from any thread; a MappedFile is immutable once open.
#pragma once

#include <cstdint>
#include <filesystem>
#include <string>
#include <string_view>

#include "core/result.h"

namespace bates {

// The whole file. ResourceExhausted if it is larger than `max_bytes`.
Result<std::string> ReadFile(const std::filesystem::path& path, uint64_t max_bytes = UINT64_MAX);

// Writes `bytes` to a temporary file beside `path`, flushes it to disk and renames it over
// `path`, so a reader sees the old content or the new, never a mix.
Status WriteFileAtomic(const std::filesystem::path& path, std::string_view bytes);

// A read-only memory map of a whole file (an empty file maps to an empty view).
class MappedFile {
 public:
  static Result<MappedFile> Open(const std::filesystem::path& path);

  MappedFile(MappedFile&& other) noexcept;
  MappedFile& operator=(MappedFile&& other) noexcept;
  MappedFile(const MappedFile&) = delete;
  MappedFile& operator=(const MappedFile&) = delete;
  ~MappedFile();

  std::string_view bytes() const { return {static_cast<const char*>(data_), size_}; }
  // Tells the kernel the pages already read will not be needed again (long sequential scans).
  void DropPagesBefore(size_t offset) const;

 private:
  MappedFile(void* data, size_t size) : data_(data), size_(size) {}
  void* data_ = nullptr;
  size_t size_ = 0;
};

// A message for errno, e.g. "No such file or directory".
std::string ErrnoMessage(int error);

}  // namespace bates
