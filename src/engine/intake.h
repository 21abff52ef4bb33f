// Intake on the requester's side: verify a received production volume (demand/intake), then, when
// it is accepted, collect its produced text into the requester's case so it can be searched like
// any collection, under the recipient's name as custodian.
//
// Thread safety: one IntakeProduction per case at a time (it writes the case).
#pragma once

#include <filesystem>
#include <string>

#include "core/progress.h"
#include "core/result.h"
#include "demand/intake/intake.h"
#include "engine/case.h"

namespace bates::engine {

struct IntakeRequest {
  std::filesystem::path case_dir;  // the requester's case; must exist (bates init)
  std::filesystem::path volume;
  demand::intake::IntakeExpectations expect;
  bool index = true;              // index an accepted (verified) volume
  bool index_unverified = false;  // index it even with defects that break verification
  int jobs = 0;                   // 0: one per core
};

struct IntakeOutcome {
  demand::intake::IntakeReport report;
  bool indexed = false;
  uint64_t items_indexed = 0;
  double verify_seconds = 0, index_seconds = 0;
};

// Errors when the case cannot be opened or the folder is no volume; defects are in the report.
Result<IntakeOutcome> IntakeProduction(const IntakeRequest& request, const CaseOptions& options,
                                       ProgressListener& progress);

// {"recipient", "volume", "documents", "verified", "defects": [{"kind", "detail"}], ...}
std::string ToJson(const IntakeOutcome& outcome);

}  // namespace bates::engine
