#include "core/env.h"

#include <chrono>

namespace bates {
namespace {

class SystemEnv final : public Env {
 public:
  int64_t NowUnixSeconds() override {
    return std::chrono::duration_cast<std::chrono::seconds>(
               std::chrono::system_clock::now().time_since_epoch())
        .count();
  }
  uint64_t RandomSeed() override {
    std::lock_guard lock(mu_);
    return (static_cast<uint64_t>(device_()) << 32) | device_();
  }

 private:
  std::mutex mu_;
  std::random_device device_;
};

}  // namespace

Env& Env::Default() {
  static SystemEnv* env = new SystemEnv();  // never destroyed: used until exit
  return *env;
}

}  // namespace bates
