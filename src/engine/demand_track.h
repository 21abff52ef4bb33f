// Demand tracking on the requester's side (issue 9): where the requester's case for a demand spec
// lives, and the actions on it — serve, log a status, status of every recipient, follow-ups due,
// a recipient's deficiency report, and intake of a production against the spec.
//
// The requester's matter is an ordinary bates case. Every action takes the spec and, optionally,
// the case folder; by default the case sits beside the spec with the spec's extension replaced by
// ".case" (demand.yaml -> demand.case/), created on first use as `bates init` would. Every change
// goes to that case's audit log.
//
// Thread safety: one action per case at a time (they write the case).
#pragma once

#include <filesystem>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "core/progress.h"
#include "core/result.h"
#include "demand/spec.h"
#include "demand/track.h"
#include "engine/case.h"
#include "engine/intake.h"
#include "store/demand_store.h"

namespace bates::engine {

// The requester's case folder for a spec: `case_override` when given, else the spec's path with
// its extension replaced by ".case".
std::filesystem::path RequesterCaseDir(const std::filesystem::path& spec_path,
                                       const std::filesystem::path& case_override);
// Opens that case, creating it (named after the spec's title) when the folder holds none.
Result<std::unique_ptr<Case>> OpenRequesterCase(const std::filesystem::path& spec_path,
                                                const std::filesystem::path& case_override,
                                                const CaseOptions& options);

struct DemandLogRequest {
  std::string recipient;
  std::string status;  // store::kDemandStatuses
  std::string note;
  std::optional<demand::CivilDate> date;      // default: today (UTC)
  std::optional<demand::CivilDate> new_due;   // extension_granted needs one
  std::optional<demand::CivilDate> promised;  // a date the recipient promised something by
};

// Records service on `date` (a 'served' status and a sent communication).
Status DemandServe(Case& matter, const demand::DemandSpec& spec, const std::string& recipient,
                   const demand::CivilDate& date);
// Records a status (and, as a communication, its note). Unknown recipient or status, or an
// extension without its new date, is InvalidArgument.
Status DemandLog(Case& matter, const demand::DemandSpec& spec, const DemandLogRequest& request);

struct DemandStatusRow {
  std::string recipient, name, agency, time_zone;
  demand::RecipientState state;
  std::optional<demand::CivilDate> last_communication;
  std::optional<demand::CivilDate> next_follow_up;
  std::string last_note;
  std::vector<store::DemandProduction> productions;
  bool late = false;  // a production arrived after the due date
  // Defect kinds of the productions received, with counts, until the recipient is closed.
  std::vector<std::pair<std::string, int64_t>> open_deficiencies;
};

struct DemandStatusReport {
  std::string spec;
  demand::CivilDate as_of;
  std::vector<DemandStatusRow> rows;  // in the spec's order
};

Result<DemandStatusReport> DemandStatus(Case& matter, const demand::DemandSpec& spec,
                                        const demand::CivilDate& as_of, int follow_up_days);

struct DemandReminder {
  std::string recipient;
  std::string kind;  // "overdue", "follow_up" or "waiting_on_requester"
  demand::CivilDate date;
  std::string reason;
};
// Follow-ups due on or before `as_of` and overdue recipients, most pressing first.
Result<std::vector<DemandReminder>> DemandRemind(Case& matter, const demand::DemandSpec& spec,
                                                 const demand::CivilDate& as_of,
                                                 int follow_up_days);

struct DemandDeficiency {
  std::string kind;  // late, overdue, nothing_produced, unverified, or an intake defect kind
  std::string detail;
};
struct DemandDeficiencyReport {
  std::string recipient, name, agency;
  DemandStatusRow row;
  std::vector<int> requests_without_production;  // request numbers
  std::vector<DemandDeficiency> deficiencies;
};
Result<DemandDeficiencyReport> DemandDeficiencyFor(Case& matter, const demand::DemandSpec& spec,
                                                   const std::string& recipient,
                                                   const demand::CivilDate& as_of);

struct SpecIntakeRequest {
  std::filesystem::path spec_path;
  std::filesystem::path case_override;
  std::string recipient;
  std::filesystem::path volume;
  std::optional<demand::CivilDate> received;  // default: today (UTC)
  bool partial = false;  // the recipient says more is coming: partial_production, not complete
  bool index = true;
  bool index_unverified = false;
  int jobs = 0;
};
// Intake of a production against the spec: the timeframe from the spec, the due date from
// tracking (service recorded) or the spec (a fixed date); verified and indexed as intake does,
// then recorded against the recipient: deficient when not verified, else production_complete
// (partial_production with `partial`); late flagged. Findings that do not break verification
// (timeframe holes, missing custodians) stay in the status's open deficiencies.
Result<IntakeOutcome> IntakeAgainstSpec(const SpecIntakeRequest& request,
                                        const CaseOptions& options, ProgressListener& progress);

// JSON (docs/JSON.md, "Demand tracking").
std::string ToJson(const DemandStatusReport& report);
std::string ToJson(const std::vector<DemandReminder>& reminders);
std::string ToJson(const DemandDeficiencyReport& report);
// The status table as CSV, one row per recipient.
std::string ToCsv(const DemandStatusReport& report);

// Today's date in UTC, from the options' clock.
demand::CivilDate TodayUtc(const CaseOptions& options);

}  // namespace bates::engine
