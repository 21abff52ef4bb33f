// CasePool: open handles on one case, lent to request threads. An engine::Case serves one thread
// at a time, so each request borrows a handle for its duration and gives it back; requests beyond
// the pool's size wait for one, first come first served. (A condition variable alone wakes any
// waiter, and under load some waited many times longer than the rest.)
//
// Thread safety: Borrow may be called from any thread.
#pragma once

#include <condition_variable>
#include <deque>
#include <memory>
#include <mutex>
#include <vector>

#include "core/result.h"
#include "engine/case.h"
#include "server/serve_options.h"

namespace bates::server {

class CasePool {
 public:
  // Opens `size` handles on the case; fails as Case::Open does.
  static Result<std::unique_ptr<CasePool>> Open(const ServeOptions& options, int size);

  // A borrowed handle; returned to the pool when destroyed.
  class Lease {
   public:
    Lease(CasePool& pool, std::unique_ptr<engine::Case> matter)
        : pool_(&pool), matter_(std::move(matter)) {}
    Lease(Lease&&) = default;
    Lease& operator=(Lease&&) = delete;  // would drop the handle it replaced
    ~Lease();
    engine::Case& operator*() { return *matter_; }
    engine::Case* operator->() { return matter_.get(); }

   private:
    CasePool* pool_;
    std::unique_ptr<engine::Case> matter_;
  };

  // Waits until a handle is free and every earlier caller has had one.
  Lease Borrow();
  // Callers waiting in Borrow now.
  size_t Waiting();

 private:
  // A caller waiting for a handle; GiveBack hands one straight to the longest waiting.
  struct Waiter {
    std::condition_variable handed_over;
    std::unique_ptr<engine::Case> matter;
  };

  CasePool() = default;
  void GiveBack(std::unique_ptr<engine::Case> matter);

  std::mutex mutex_;
  std::vector<std::unique_ptr<engine::Case>> free_;
  std::deque<Waiter*> waiting_;  // oldest first
};

}  // namespace bates::server
