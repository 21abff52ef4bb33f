// Input: the bytes of one document as a reader sees them — a collected file on disk, or a child
// extracted from a container (in memory, or spilled to a temporary file when large).
//
// Readers that stream (mbox, PST, archives) read `path()` themselves when it is set; others call
// `bytes()`, which maps a file lazily. Either way the reader never owns or modifies the input.
//
// Thread safety: one Input is used by one thread.
#pragma once

#include <cstdint>
#include <filesystem>
#include <optional>
#include <string>
#include <string_view>

#include "core/file.h"
#include "core/result.h"

namespace bates::ingest {

class Input {
 public:
  // A document held in memory; `bytes` must outlive the Input.
  static Input FromMemory(std::string_view bytes, std::string name);
  // A document in a file of `size` bytes.
  static Input FromFile(std::filesystem::path path, uint64_t size, std::string name);

  // The whole content. For a file, maps it on first use; IoError if that fails.
  Result<std::string_view> bytes() const;
  // The first `n` bytes (fewer if the document is shorter), without mapping a large file.
  Result<std::string> Head(size_t n) const;
  // Set when the document is a file on disk.
  const std::filesystem::path* path() const { return path_ ? &*path_ : nullptr; }
  uint64_t size() const { return size_; }
  // The document's file name (or its name inside the container), for messages and type hints.
  const std::string& name() const { return name_; }

 private:
  Input() = default;
  std::string_view memory_;
  std::optional<std::filesystem::path> path_;
  uint64_t size_ = 0;
  std::string name_;
  mutable std::optional<MappedFile> mapped_;
};

}  // namespace bates::ingest
