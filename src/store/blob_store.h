// BlobStore: content-addressed natives and extracted text under case/blobs/. A native is stored as
// it was, keyed by the SHA-256 of its bytes; extracted text is stored zstd-compressed, keyed by the
// SHA-256 of the text. Writing the same content twice stores it once.
//
// Layout (the record format is in src/store/README.md):
//   blobs/packs/pack-NNNNNN.pack  blobs under kMaxPackedBytes, appended as records (a 48-byte
//                                 header: magic, kind, length, raw key; then the bytes)
//   blobs/blobs.db                SQLite: (key, kind) → pack, offset, length for packed blobs
//   blobs/ab/<key>, ab/<key>.zst  larger blobs, one loose file each (written to a temporary name
//                                 and renamed)
//
// Durability: a put appends to the current pack and queues the blob's index row; Flush() commits
// the queued rows. A reader finds a packed blob only once its row is committed (or, in the writing
// process, queued), and a row is written only after its record is complete, so a killed process
// leaves at worst unindexed bytes at a pack's tail, never a row pointing at a partial record.
// Callers that record blob keys elsewhere (bates.db) call Flush() before committing them. Nothing
// is fsynced: a commit survives a killed process, not necessarily a power cut.
//
// Processes: one process appends to a pack at a time (an exclusive flock on the pack it writes; a
// second writer moves on to a new pack). Readers in other processes see committed blobs while a
// writer runs.
//
// Thread safety: all methods may be called from many threads at once.
#pragma once

#include <cstdint>
#include <filesystem>
#include <memory>
#include <string>
#include <string_view>

#include "core/result.h"

namespace bates::store {

struct BlobStoreOptions {
  // A pack takes no more appends once it holds this many bytes. Smaller only in tests.
  uint64_t pack_bytes = uint64_t{1} << 30;
};

class BlobStore {
 public:
  // Blobs (natives, compressed texts) of this many bytes or more are loose files; smaller ones
  // go to packs.
  static constexpr uint64_t kMaxPackedBytes = uint64_t{1} << 20;

  // Opens the store at `root` (case/blobs), creating the folder, packs/ and blobs.db as needed.
  static Result<std::unique_ptr<BlobStore>> Open(const std::filesystem::path& root,
                                                 const BlobStoreOptions& options = {});
  // Flushes queued rows (an error is lost here: call Flush() to see it).
  ~BlobStore();
  BlobStore(const BlobStore&) = delete;
  BlobStore& operator=(const BlobStore&) = delete;

  // Stores bytes whose SHA-256 is already known (the caller hashed them while reading).
  Status PutNative(std::string_view sha256, std::string_view bytes);
  // Stores a file's content by copying it (the source is never modified).
  Status PutNativeFile(std::string_view sha256, const std::filesystem::path& file);
  Result<std::string> GetNative(std::string_view sha256) const;
  // The loose file that holds a native, for callers that want a path; empty when the native is
  // packed (use CopyNativeTo) or absent.
  std::filesystem::path NativePath(std::string_view sha256) const;
  // Writes a native to `dest` (through a temporary name beside it, then a rename), replacing any
  // file there. NotFound when the store does not hold it.
  Status CopyNativeTo(std::string_view sha256, const std::filesystem::path& dest) const;

  // Stores text compressed; returns its key (the SHA-256 of the text). Empty text gets key "".
  Result<std::string> PutText(std::string_view text);
  // Compresses text for PutCompressedText; lets callers compress on worker threads.
  static std::string CompressText(std::string_view text);
  Status PutCompressedText(std::string_view key, std::string_view compressed);
  // The text, verified against its key (Corrupt when it does not match).
  Result<std::string> GetText(std::string_view key) const;

  // Whether the store holds the native (text is not a native).
  bool Has(std::string_view sha256) const;

  // Commits the index rows of every blob put so far. After it returns ok, any process that opens
  // the store finds those blobs.
  Status Flush();

 private:
  struct State;
  explicit BlobStore(std::unique_ptr<State> state);
  std::unique_ptr<State> state_;
};

}  // namespace bates::store
