// Env: every contact bates has with the world that a test may want to control — the clock and
// randomness. Code that needs the time or a random number takes an Env&; tests pass a FakeEnv
// with a fixed clock and seed, so outputs (audit log, ids, samples) are reproducible.
//
// Files are reached through std::filesystem and core/file.h; processes through
// core/subprocess.h.
//
// Thread safety: Env implementations are safe to call from any thread.
#pragma once

#include <cstdint>
#include <memory>
#include <mutex>
#include <random>

namespace bates {

class Env {
 public:
  virtual ~Env() = default;

  // Seconds since the Unix epoch, UTC.
  virtual int64_t NowUnixSeconds() = 0;
  // A fresh seed for a random generator; the default Env draws it from the OS.
  virtual uint64_t RandomSeed() = 0;

  // The process-wide Env backed by the real clock and OS randomness.
  static Env& Default();
};

// An Env with a clock that moves only when told and a fixed sequence of seeds.
class FakeEnv final : public Env {
 public:
  explicit FakeEnv(int64_t now_unix_seconds, uint64_t seed = 42)
      : now_(now_unix_seconds), rng_(seed) {}

  int64_t NowUnixSeconds() override {
    std::lock_guard lock(mu_);
    return now_;
  }
  uint64_t RandomSeed() override {
    std::lock_guard lock(mu_);
    return rng_();
  }
  void Advance(int64_t seconds) {
    std::lock_guard lock(mu_);
    now_ += seconds;
  }

 private:
  std::mutex mu_;
  int64_t now_;
  std::mt19937_64 rng_;
};

}  // namespace bates
