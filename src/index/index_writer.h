// IndexWriter: adds items to the Xapian database in case/index/. Preparing a document (the
// costly part: splitting text into terms with positions) is thread-safe and done on worker
// threads; adding and committing happen on one thread. Adding the same id again replaces it.
//
// Commits are explicit: the engine commits the index before the store records how far the index
// goes, so after a crash the index may hold more than the store says, never less (a later run
// replaces the extra entries with the same ids).
//
// Thread safety: Prepare() from any thread; everything else from one thread.
#pragma once

#include <filesystem>
#include <memory>
#include <optional>

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

 private:
  std::unique_ptr<Rep> rep_;
};

PreparedDocument Prepare(const IndexDocument& document);

// Gives a prepared document its item id, family id and sort date (UTC seconds; none removes it),
// replacing what Prepare took from the IndexDocument. Ids are assigned in walk order on the
// writer's thread, after workers have prepared the documents; the costly part is not redone.
void SetIdentity(PreparedDocument& document, int64_t id, int64_t family_id,
                 std::optional<int64_t> sort_date);

class IndexWriter {
 public:
  // Opens or creates the database at `dir`.
  static Result<std::unique_ptr<IndexWriter>> Open(const std::filesystem::path& dir);
  virtual ~IndexWriter() = default;

  virtual Status Add(PreparedDocument document) = 0;
  virtual Status Delete(int64_t id) = 0;
  // Removes every entry with an id above `id` (entries a crashed run left past the store).
  virtual Status DeleteAbove(int64_t id) = 0;
  virtual Status Commit() = 0;
  virtual Result<uint64_t> DocumentCount() = 0;
};

}  // namespace bates::index
