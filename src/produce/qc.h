// Quality control of a written volume, reading it back as a requester would (the load-file
// readers, not the writer's memory): the DAT and OPT parse; the Bates run is unbroken from the
// first number to the last; each document's pages in the OPT match its PAGECOUNT and its range;
// every path a load file names exists; every file's hash matches the manifest.
//
// Thread safety: free function.
#pragma once

#include <filesystem>
#include <string>
#include <vector>

#include "core/result.h"
#include "produce/bates.h"

namespace bates::produce {

struct QcCheck {
  std::string name;
  bool passed = true;
  std::vector<std::string> problems;  // at most a few, then a count
};

struct QcReport {
  std::vector<QcCheck> checks;
  bool passed = true;
  int64_t documents = 0, pages = 0, files = 0;
};

struct QcRequest {
  std::filesystem::path dir;
  std::string volume;
  BatesFormat bates;
  int64_t first = 0, last = 0;  // the range the volume should hold
  // The load-file names of the Bates, page-count and path fields (the spec may rename them).
  std::string begbates = "BEGBATES", endbates = "ENDBATES", pagecount = "PAGECOUNT",
              nativepath = "NATIVEPATH", textpath = "TEXTPATH";
};

Result<QcReport> CheckVolume(const QcRequest& request);

}  // namespace bates::produce
