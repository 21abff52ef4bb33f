// Intake of a production against a demand spec (engine/demand_track.h): the expectations come
#include <fmt/format.h>

// from the spec and the tracking store, the verification and indexing from engine/intake.h, and
// the outcome is recorded against the recipient.
#include <nlohmann/json.hpp>

#include "engine/demand_track.h"

namespace bates::engine {
namespace {

bates::CivilDate ToCore(const demand::CivilDate& d) { return {d.year, d.month, d.day}; }

bool HasKind(const demand::intake::IntakeReport& r, const char* kind) {
  for (const auto& d : r.defects) {
    if (d.kind == kind) return true;
  }
  return false;
}

}  // namespace

Result<IntakeOutcome> IntakeAgainstSpec(const SpecIntakeRequest& request,
                                        const CaseOptions& options, ProgressListener& progress) {
  BATES_ASSIGN_OR_RETURN(demand::DemandSpec spec, demand::LoadDemandSpec(request.spec_path));
  const demand::Recipient* recipient = spec.FindRecipient(request.recipient);
  if (request.recipient.empty()) {
    return InvalidArgumentError("intake against a spec needs --recipient (one of its ids)");
  }
  if (recipient == nullptr) {
    return NotFoundError("recipient '{}' is not in {}", request.recipient, spec.source_path);
  }
  std::filesystem::path case_dir = RequesterCaseDir(request.spec_path, request.case_override);
  demand::CivilDate received = request.received ? *request.received : TodayUtc(options);
  std::optional<demand::CivilDate> due;
  {
    // Created here if new; closed again before intake opens it for indexing.
    BATES_ASSIGN_OR_RETURN(std::unique_ptr<Case> matter,
                           OpenRequesterCase(request.spec_path, request.case_override, options));
    BATES_ASSIGN_OR_RETURN(DemandStatusReport status, DemandStatus(*matter, spec, received, 14));
    for (const DemandStatusRow& row : status.rows) {
      if (row.recipient == request.recipient) due = row.state.due;
    }
  }
  IntakeRequest intake;
  intake.case_dir = case_dir;
  intake.volume = request.volume;
  intake.index = request.index;
  intake.index_unverified = request.index_unverified;
  intake.jobs = request.jobs;
  intake.expect.recipient = request.recipient;
  intake.expect.from = ToCore(spec.timeframe.start);
  intake.expect.to = ToCore(spec.timeframe.end);
  if (due) intake.expect.due = ToCore(*due);
  intake.expect.received = ToCore(received);
  BATES_ASSIGN_OR_RETURN(IntakeOutcome outcome, IntakeProduction(intake, options, progress));

  const demand::intake::IntakeReport& r = outcome.report;
  store::DemandProduction p;
  p.recipient = request.recipient;
  p.volume = r.volume;
  p.folder = std::filesystem::absolute(request.volume).lexically_normal().string();
  p.received = received.ToString();
  p.documents = r.documents;
  p.verified = r.verified;
  p.late = HasKind(r, demand::intake::kLate);
  p.recorded_at = options.env->NowUnixSeconds();
  for (const auto& d : r.defects) p.defects.push_back({d.kind, d.detail});

  BATES_ASSIGN_OR_RETURN(std::unique_ptr<Case> matter, Case::Open(case_dir, options));
  BATES_ASSIGN_OR_RETURN(int64_t id, matter->demand_store().AddProduction(p));
  DemandLogRequest log;
  log.recipient = request.recipient;
  log.date = received;
  if (!r.verified) {
    log.status = "deficient";
  } else if (request.partial) {
    log.status = "partial_production";
  } else {
    log.status = "production_complete";
  }
  log.note = fmt::format("{} received: {} documents, {}{}", r.volume, r.documents,
                         r.verified ? "verified" : "NOT verified", p.late ? ", late" : "");
  BATES_RETURN_IF_ERROR(DemandLog(*matter, spec, log));
  nlohmann::ordered_json detail;
  detail["recipient"] = p.recipient;
  detail["production"] = id;
  detail["volume"] = p.volume;
  detail["received"] = p.received;
  detail["documents"] = p.documents;
  detail["verified"] = p.verified;
  detail["late"] = p.late;
  detail["defects"] = p.defects.size();
  BATES_RETURN_IF_ERROR(matter->RecordDemandChange(
      "demand.production",
      detail.dump(-1, ' ', false, nlohmann::ordered_json::error_handler_t::replace)));
  return outcome;
}

}  // namespace bates::engine
