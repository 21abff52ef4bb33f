// Where the requester's case for a demand spec lives (engine/demand_track.h), and the Case's
// door to its tracking store.
#include <system_error>

#include "core/time.h"
#include "engine/case_parts.h"
#include "engine/demand_track.h"

namespace bates::engine {
namespace fs = std::filesystem;

fs::path RequesterCaseDir(const fs::path& spec_path, const fs::path& case_override) {
  if (!case_override.empty()) return case_override;
  fs::path dir = spec_path;
  dir.replace_extension(".case");
  return dir;
}

Result<std::unique_ptr<Case>> OpenRequesterCase(const fs::path& spec_path,
                                                const fs::path& case_override,
                                                const CaseOptions& options) {
  fs::path dir = RequesterCaseDir(spec_path, case_override);
  std::error_code ec;
  if (fs::exists(dir / "bates.db", ec)) return Case::Open(dir, options);
  if (fs::exists(dir, ec) && !fs::is_directory(dir, ec)) {
    return InvalidArgumentError("{}: the requester's case must be a folder", dir.string());
  }
  InitRequest init;
  init.name = dir.stem().string();
  return Case::Create(dir, init, options);
}

demand::CivilDate TodayUtc(const CaseOptions& options) {
  bates::CivilDate d = CivilFromUnixSeconds(options.env->NowUnixSeconds()).date;
  return {d.year, d.month, d.day};
}

store::DemandStore& Case::demand_store() { return parts_->store->demand(); }

Status Case::RecordDemandChange(const std::string& action, const std::string& detail_json) {
  return parts_->Audit(action, detail_json);
}

Status Case::InDemandTransaction(const std::function<Status()>& fn) {
  BATES_RETURN_IF_ERROR(parts_->store->Begin());
  Status status = fn();
  if (!status.ok()) {
    (void)parts_->store->Rollback();  // the first error is the one worth reporting
    return status;
  }
  return parts_->store->Commit();
}

}  // namespace bates::engine
