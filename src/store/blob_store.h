// BlobStore: content-addressed files under case/blobs/. A native is stored as it was, named by the
// SHA-256 of its bytes; extracted text is stored zstd-compressed, named by the SHA-256 of the
// text. Writing the same content twice stores it once. Files are written to a temporary name and
// renamed, so a killed run leaves no half-written blob under a real name (only orphans, which are
// harmless).
//
// Layout: blobs/ab/cd/abcd…(64 hex) for natives, blobs/ab/cd/abcd….zst for text.
//
// Thread safety: all methods may be called from many threads at once.
#pragma once

#include <filesystem>
#include <string>
#include <string_view>

#include "core/result.h"

namespace bates::store {

class BlobStore {
 public:
  explicit BlobStore(std::filesystem::path root) : root_(std::move(root)) {}

  // Stores bytes whose SHA-256 is already known (the caller hashed them while reading).
  Status PutNative(std::string_view sha256, std::string_view bytes) const;
  // Stores a file's content by copying it (the source is never modified).
  Status PutNativeFile(std::string_view sha256, const std::filesystem::path& file) const;
  Result<std::string> GetNative(std::string_view sha256) const;
  std::filesystem::path NativePath(std::string_view sha256) const;

  // Stores text compressed; returns its key (the SHA-256 of the text). Empty text gets key "".
  Result<std::string> PutText(std::string_view text) const;
  // Compresses text for PutCompressedText; lets callers compress on worker threads.
  static std::string CompressText(std::string_view text);
  Status PutCompressedText(std::string_view key, std::string_view compressed) const;
  Result<std::string> GetText(std::string_view key) const;

  bool Has(std::string_view sha256) const;

 private:
  std::filesystem::path PathFor(std::string_view key, std::string_view suffix) const;
  Status WriteIfAbsent(const std::filesystem::path& path, std::string_view bytes) const;
  std::filesystem::path root_;
};

}  // namespace bates::store
