#include "server/case_pool.h"

namespace bates::server {

Result<std::unique_ptr<CasePool>> CasePool::Open(const ServeOptions& options, int size) {
  std::unique_ptr<CasePool> pool(new CasePool());
  for (int i = 0; i < std::max(size, 1); ++i) {
    BATES_ASSIGN_OR_RETURN(std::unique_ptr<engine::Case> matter,
                           engine::Case::Open(options.case_dir, options.case_options));
    pool->free_.push_back(std::move(matter));
  }
  return pool;
}

CasePool::Lease::~Lease() {
  if (pool_ != nullptr && matter_ != nullptr) pool_->GiveBack(std::move(matter_));
}

CasePool::Lease CasePool::Borrow() {
  std::unique_lock lock(mutex_);
  if (waiting_.empty() && !free_.empty()) {
    std::unique_ptr<engine::Case> matter = std::move(free_.back());
    free_.pop_back();
    return Lease(*this, std::move(matter));
  }
  Waiter me;
  waiting_.push_back(&me);
  me.handed_over.wait(lock, [&me] { return me.matter != nullptr; });
  return Lease(*this, std::move(me.matter));
}

size_t CasePool::Waiting() {
  std::lock_guard lock(mutex_);
  return waiting_.size();
}

void CasePool::GiveBack(std::unique_ptr<engine::Case> matter) {
  std::lock_guard lock(mutex_);
  if (waiting_.empty()) {
    free_.push_back(std::move(matter));
    return;
  }
  Waiter* next = waiting_.front();
  waiting_.pop_front();
  next->matter = std::move(matter);
  next->handed_over.notify_one();
}

}  // namespace bates::server
