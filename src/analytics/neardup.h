// Near-duplicate grouping: documents whose texts are nearly the same (a draft and its next
// version, a PDF and the DOCX it was printed from) in groups around a pivot document.
//
// Signatures (minhash.h) are split into bands; two documents whose signatures agree on a whole
// band share a bucket and become candidates (locality-sensitive hashing), so no pair of
// documents is compared unless it is likely to be similar. Groups are then formed greedily:
// documents are taken longest first (ties by lower id); an ungrouped document becomes a pivot,
// and every ungrouped candidate of it whose estimated similarity to it reaches the threshold
// joins its group. A group has a pivot and at least one other member; each member carries its
// similarity to the pivot. The result depends only on the signatures, not on input order.
//
// Thread safety: pure functions; GroupNearDuplicates uses `threads` threads of its own.
#pragma once

#include <cstddef>
#include <cstdint>
#include <vector>

#include "analytics/minhash.h"

namespace bates::analytics {

// Signatures of many documents in one flat array (memory: permutations * 4 bytes a document).
class SignatureTable {
 public:
  explicit SignatureTable(size_t width) : width_(width) {}
  size_t width() const { return width_; }
  size_t size() const { return ids_.size(); }
  // Appends a row and returns where to write its width() values.
  uint32_t* Add(int64_t id, uint64_t length);
  void Reserve(size_t rows);
  // For filling rows from several threads: make `rows` rows, then Set each (from any thread,
  // each row from one).
  void Resize(size_t rows);
  uint32_t* Set(size_t row, int64_t id, uint64_t length);
  int64_t id(size_t row) const { return ids_[row]; }
  uint64_t length(size_t row) const { return lengths_[row]; }
  const uint32_t* row(size_t r) const { return values_.data() + r * width_; }

 private:
  size_t width_;
  std::vector<int64_t> ids_;
  std::vector<uint64_t> lengths_;  // words: the longest document of a group is its pivot
  std::vector<uint32_t> values_;
};

struct NearDupOptions {
  double threshold = 0.90;  // least estimated similarity to the pivot
  int bands = 16;
  int rows = 8;  // bands * rows must equal the table's width
  int threads = 1;
};

struct NearGroup {
  int64_t pivot = 0;
  struct Member {
    int64_t id = 0;
    double similarity = 0;  // to the pivot; 1 for the pivot itself
  };
  std::vector<Member> members;  // the pivot first, then the others by id
};

struct NearDupStats {
  uint64_t candidate_pairs = 0;  // pairs compared (a pivot and an ungrouped candidate)
};

// Groups sorted by pivot id.
std::vector<NearGroup> GroupNearDuplicates(const SignatureTable& table,
                                           const NearDupOptions& options,
                                           NearDupStats* stats = nullptr);

}  // namespace bates::analytics
