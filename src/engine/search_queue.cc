#include "engine/search_queue.h"

#include <map>
#include <string>

#include "engine/search_parts.h"

namespace bates::engine {

std::shared_ptr<SearchQueue> SearchQueue::For(const CaseParts& parts) {
  static std::mutex queues_mutex;
  static std::map<std::string, std::shared_ptr<SearchQueue>> queues;
  std::lock_guard lock(queues_mutex);
  std::shared_ptr<SearchQueue>& slot = queues[parts.dir.lexically_normal().string()];
  if (!slot) slot = std::make_shared<SearchQueue>();
  return slot;
}

void SearchQueue::Add(store::SavedSearch search) {
  std::lock_guard lock(mutex_);
  queued_.push_back(std::move(search));
}

std::vector<store::SavedSearch> SearchQueue::Take() {
  std::lock_guard lock(mutex_);
  std::vector<store::SavedSearch> taken(std::make_move_iterator(queued_.begin()),
                                        std::make_move_iterator(queued_.end()));
  queued_.clear();
  return taken;
}

void SearchQueue::PutBack(std::vector<store::SavedSearch> searches) {
  std::lock_guard lock(mutex_);
  queued_.insert(queued_.begin(), std::make_move_iterator(searches.begin()),
                 std::make_move_iterator(searches.end()));
}

Status WriteQueuedSearches(CaseParts& parts) {
  std::shared_ptr<SearchQueue> queue = SearchQueue::For(parts);
  std::vector<store::SavedSearch> taken = queue->Take();
  if (taken.empty()) return Status::Ok();
  Status written = SaveSearches(parts, taken);
  if (!written.ok()) queue->PutBack(std::move(taken));
  return written;
}

}  // namespace bates::engine
