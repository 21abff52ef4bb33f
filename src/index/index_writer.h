// IndexWriter: adds items to the Xapian index in case/index/. Preparing a document (the costly
// part: splitting text into terms with positions) is thread-safe and done on worker threads;
// Add, Delete and Commit are called from one thread. Adding the same id again replaces it.
//
// The index is sharded: case/index/ holds N glass databases shard-0 … shard-(N-1) and a Xapian
// stub file XAPIANDB naming them, so Xapian::Database opens the combination. Item id `i` lives
// in shard (i-1) % N as shard document (i-1) / N + 1; Xapian numbers a combined database's
// documents by interleaving its shards, so the combined document id is the item id again. N is
// fixed when the index is created. An index made before sharding (a plain glass folder) opens as
// one shard and keeps its old addressing (by the id term).
//
// Each shard has a thread of its own with a bounded queue: Add routes the document and returns
// (blocking only while that shard's queue is full); the shard threads do Xapian's work in
// parallel. A shard's first error is returned by the next call and by every call after it: the
// writer is then broken and must be discarded.
//
// Commits are explicit: Commit returns once every shard has committed all it was given, and the
// engine commits the index before the store records how far the index goes, so after a crash the
// index may hold more than the store says, never less (a later run replaces or deletes the extra
// entries). To bound memory a shard also commits on its own when what it has buffered since its
// last commit passes a threshold; that only lets the index run further ahead.
//
// Thread safety: Prepare() and SetIdentity() from any thread; IndexWriter's methods from one.
#pragma once

#include <cstdint>
#include <filesystem>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "core/result.h"
#include "index/document.h"

namespace bates::index {

// A document ready to add: an opaque handle built off the writer's thread.
class PreparedDocument {
 public:
  struct Rep;
  explicit PreparedDocument(std::unique_ptr<Rep> rep);
  PreparedDocument(PreparedDocument&&) noexcept;
  PreparedDocument& operator=(PreparedDocument&&) noexcept;
  ~PreparedDocument();
  Rep& rep() { return *rep_; }
  // Estimated memory the document holds (and Xapian will hold for it until a commit), for callers
  // that bound what they keep in flight.
  uint64_t bytes() const;
  std::unique_ptr<Rep> Release();

 private:
  std::unique_ptr<Rep> rep_;
};

PreparedDocument Prepare(const IndexDocument& document);

// Gives a prepared document its item id, family id and sort date (UTC seconds; none removes it),
// replacing what Prepare took from the IndexDocument. Ids are assigned in walk order on the
// writer's thread, after workers have prepared the documents; the costly part is not redone.
void SetIdentity(PreparedDocument& document, int64_t id, int64_t family_id,
                 std::optional<int64_t> sort_date);

struct IndexWriterOptions {
  // Shards of a new index (1 to kMaxShards). An existing index keeps the number it was made with.
  uint32_t shards = 2;
  // Per shard: prepared documents waiting for the shard thread, in estimated bytes of memory.
  uint64_t queue_bytes = uint64_t{16} << 20;
  // For the whole writer, divided among the shards: estimated bytes of documents a shard adds
  // before it commits on its own (Xapian holds their postings in memory until a commit; they
  // take less than this). About 2,000 emails; smaller batches also make Xapian's adds cheaper.
  uint64_t flush_bytes = uint64_t{128} << 20;
};

inline constexpr uint32_t kMaxShards = 64;

class IndexWriter {
 public:
  // Creates the index at `dir` with options.shards shards. `dir` may exist but must hold no
  // index (AlreadyExists otherwise).
  static Result<std::unique_ptr<IndexWriter>> Create(const std::filesystem::path& dir,
                                                     const IndexWriterOptions& options = {});
  // Opens the index at `dir`, creating it (with options.shards shards) when there is none.
  // Conflict when another process writes it.
  static Result<std::unique_ptr<IndexWriter>> Open(const std::filesystem::path& dir,
                                                   const IndexWriterOptions& options = {});
  // Waits for the queued work; what was not committed may or may not reach the disk.
  virtual ~IndexWriter() = default;

  // `document` must carry an id >= 1 (from the IndexDocument or SetIdentity).
  virtual Status Add(PreparedDocument document) = 0;
  // Removes the entry of `id`, if there is one.
  virtual Status Delete(int64_t id) = 0;
  // Replaces the analytics filter terms (schema::kFilterPrefixes) of the indexed document `id`
  // with `terms` (each starting with one of those prefixes), leaving everything else of the
  // document as it is. Nothing happens when `id` is not indexed.
  virtual Status ReplaceFilterTerms(int64_t id, std::vector<std::string> terms) = 0;
  // Removes every entry with an id above `id` (entries a crashed run left past the store).
  virtual Status DeleteAbove(int64_t id) = 0;
  // Returns when everything given so far is durable in every shard.
  virtual Status Commit() = 0;
  // Documents in the index, including those added but not yet committed.
  virtual Result<uint64_t> DocumentCount() = 0;
  virtual uint32_t shards() const = 0;
};

}  // namespace bates::index
