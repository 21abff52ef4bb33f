// Collector: extracts every file of a source on all cores and hands the items to a sink in walk
// order, with bounded memory whatever the collection's size. Workers extract files in parallel;
// items of a file wait in a bounded buffer until every earlier file is done, so the sink sees the
// same sequence with one job or many.
//
// Thread safety: Collect() may be called from one thread at a time per sink.
#pragma once

#include <atomic>
#include <functional>
#include <string>
#include <vector>

#include "core/progress.h"
#include "core/result.h"
#include "ingest/extracted_item.h"
#include "ingest/extractor.h"
#include "ingest/walker.h"

namespace bates::ingest {

struct CollectOptions {
  int jobs = 0;  // 0: one per core
  // Files to leave out because an earlier run finished them (their relative paths).
  std::function<bool(const std::string& relative_path)> already_done;
  // Most bytes of items waiting for their turn, per file being extracted.
  uint64_t max_buffered_bytes_per_file = uint64_t{64} << 20;
  std::atomic<bool>* cancel = nullptr;
};

struct CollectStats {
  uint64_t files = 0;          // files extracted in this run
  uint64_t files_skipped = 0;  // left out as already done
  uint64_t items = 0;
  uint64_t exceptions = 0;
  uint64_t bytes = 0;  // bytes of the collected files read
};

Result<CollectStats> Collect(const std::vector<WalkEntry>& entries, const Extractor& extractor,
                             const CollectOptions& options, ItemSink& sink,
                             ProgressListener& progress);

}  // namespace bates::ingest
