// SearchQueue: searches run but not yet written among the case's saved searches (issue 10). The
// web workspace queues each search here and writes a batch a second (Case::WriteQueuedSearches):
// a write transaction per search made every other open handle on the case re-read the pages it
// had cached, 13% of the server's throughput under load. One queue per case folder, shared by
// every handle in the process; whatever reads the saved searches writes the queue out first.
// Internal to the engine.
//
// Thread safety: every method may be called from any thread.
#pragma once

#include <deque>
#include <memory>
#include <mutex>
#include <vector>

#include "engine/case_parts.h"
#include "store/searches_store.h"

namespace bates::engine {

class SearchQueue {
 public:
  // The queue of the case `parts` opened.
  static std::shared_ptr<SearchQueue> For(const CaseParts& parts);

  void Add(store::SavedSearch search);
  // Everything queued, oldest first, leaving the queue empty.
  std::vector<store::SavedSearch> Take();
  // Puts back, ahead of anything queued since, what Take gave and could not be written.
  void PutBack(std::vector<store::SavedSearch> searches);

 private:
  std::mutex mutex_;
  std::deque<store::SavedSearch> queued_;
};

// Writes the queued searches of `parts`'s case in one transaction; on failure they stay queued.
Status WriteQueuedSearches(CaseParts& parts);

}  // namespace bates::engine
