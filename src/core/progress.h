// Progress: how long work tells the command or the server how far it has come. Library code
// reports to a ProgressListener and never prints; the CLI draws a bar on a terminal, the server
// forwards the numbers to the browser.
//
// Thread safety: a listener is called from one thread at a time, but not always the same one.
#pragma once

#include <cstdint>
#include <string>

namespace bates {

struct ProgressSnapshot {
  std::string stage;         // "collect", "index", ...
  uint64_t items = 0;        // items done so far
  uint64_t exceptions = 0;   // of which exceptions
  uint64_t bytes = 0;        // input bytes consumed so far
  uint64_t total_bytes = 0;  // input bytes in all, 0 if unknown
  uint64_t files = 0;        // top-level files done
  uint64_t total_files = 0;  // top-level files in all, 0 if unknown
  double elapsed_seconds = 0;
};

class ProgressListener {
 public:
  virtual ~ProgressListener() = default;
  virtual void OnProgress(const ProgressSnapshot& snapshot) = 0;
  virtual void OnDone(const ProgressSnapshot& snapshot) { OnProgress(snapshot); }
};

// Ignores everything.
class NullProgress final : public ProgressListener {
 public:
  void OnProgress(const ProgressSnapshot&) override {}
};

}  // namespace bates
