// ProgressBar: draws a ProgressListener's numbers as one self-rewriting line on a terminal
// (standard error), at most ten times a second. Does nothing when standard error is not a
// terminal, so logs and pipes stay clean.
#pragma once

#include <chrono>
#include <cstdio>

#include "core/progress.h"

namespace bates::cli {

class ProgressBar final : public ProgressListener {
 public:
  explicit ProgressBar(bool enabled);
  void OnProgress(const ProgressSnapshot& s) override;
  void OnDone(const ProgressSnapshot& s) override;

 private:
  void Draw(const ProgressSnapshot& s, bool final_line);
  bool enabled_;
  std::chrono::steady_clock::time_point last_;
};

}  // namespace bates::cli
