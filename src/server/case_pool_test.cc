// CasePool (server/case_pool.h): requests beyond the pool's size get a handle in the order they
// asked, so none waits behind later arrivals.
#include "server/case_pool.h"

#include <gtest/gtest.h>

#include <chrono>
#include <filesystem>
#include <mutex>
#include <thread>
#include <vector>

namespace bates::server {
namespace {

namespace fs = std::filesystem;

fs::path FreshCaseDir() {
  const char* base = std::getenv("BATES_TEST_TMP");
  return fs::path(base != nullptr ? base : fs::temp_directory_path().string()) /
         ("case-pool-" +
          std::to_string(std::chrono::steady_clock::now().time_since_epoch().count()));
}

void WaitUntil(CasePool& pool, size_t waiting) {
  while (pool.Waiting() < waiting) std::this_thread::sleep_for(std::chrono::milliseconds(1));
}

TEST(CasePool, WaitersAreServedFirstComeFirstServed) {
  ServeOptions options;
  options.case_dir = FreshCaseDir();
  ASSERT_TRUE(
      engine::Case::Create(options.case_dir, engine::InitRequest{}, options.case_options).ok());
  auto pool = CasePool::Open(options, 1);
  ASSERT_TRUE(pool.ok()) << pool.status().ToString();

  std::mutex order_mutex;
  std::vector<int> order;
  std::vector<std::thread> callers;
  {
    CasePool::Lease held = (*pool)->Borrow();
    for (int i = 0; i < 6; ++i) {
      callers.emplace_back([&, i] {
        CasePool::Lease lease = (*pool)->Borrow();
        std::lock_guard lock(order_mutex);
        order.push_back(i);
      });
      // Each queues before the next starts, so arrival order is known.
      WaitUntil(**pool, static_cast<size_t>(i) + 1);
    }
  }  // the held handle goes back: to caller 0, then on down the line
  for (std::thread& t : callers) t.join();
  EXPECT_EQ(order, (std::vector<int>{0, 1, 2, 3, 4, 5}));
  EXPECT_EQ((*pool)->Waiting(), 0u);
  {
    // The handle is free again, with no one waiting.
    CasePool::Lease again = (*pool)->Borrow();
  }
  pool->reset();
  std::error_code ec;
  fs::remove_all(options.case_dir, ec);
}

}  // namespace
}  // namespace bates::server
