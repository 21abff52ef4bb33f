// TarStore: technology-assisted review (issue 6): the case's continuous-active-learning review,
// the coding it learns from, and the batches it proposed.
//
// One area of the case store: its tables are created by schema/0005_tar.sql; it shares the
// case's database and transactions (CaseStore::Begin/Commit).
//
// Thread safety: as CaseStore — one per thread, reached through CaseStore::tar().
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "core/result.h"
#include "model/item.h"

namespace bates::store {

struct TarReview {
  std::string topic;
  std::string seed_text;
  std::string started_by;
  int64_t started_at = 0;
  int64_t next_batch = 1;
};

struct TarCoding {
  model::ItemId item_id = 0;
  bool responsive = false;
  std::string origin;  // "reviewer", "seed", "family", "duplicate"
  std::string coded_by;
  int64_t coded_at = 0;
};

struct TarBatchEntry {
  int64_t round = 0;
  int64_t rank = 0;
  model::ItemId item_id = 0;
  double score = 0;
  int64_t made_at = 0;
};

class TarStore {
 public:
  virtual ~TarStore() = default;

  // The review, if one was started.
  virtual Result<std::optional<TarReview>> GetReview() = 0;
  // Starts the review; AlreadyExists if there is one.
  virtual Status StartReview(const TarReview& review) = 0;
  virtual Status SetNextBatch(int64_t size) = 0;
  // Adds or replaces an item's coding.
  virtual Status Code(const TarCoding& coding) = 0;
  // Every coding, in the order they were made (a recoding counts as made when it was redone).
  virtual Result<std::vector<TarCoding>> Codings() = 0;
  // Appends a proposed batch as the next round and returns its number (1, 2, ...).
  virtual Result<int64_t> AddBatch(const std::vector<TarBatchEntry>& entries) = 0;
  // The latest round's batch (empty before the first).
  virtual Result<std::vector<TarBatchEntry>> LastBatch() = 0;
};

}  // namespace bates::store
