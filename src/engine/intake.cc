#include "engine/intake.h"

#include <chrono>
#include <map>
#include <nlohmann/json.hpp>
#include <set>

#include "engine/case_parts.h"

namespace bates::engine {
namespace fs = std::filesystem;

namespace {

double SecondsSince(std::chrono::steady_clock::time_point start) {
  return std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
}

// The folders holding the produced text (TEXT/ in a bates volume): adding folders rather than
// 100,000 single files keeps the case's source list to what the requester recognises.
std::vector<fs::path> TextFolders(const fs::path& volume, const std::vector<fs::path>& files) {
  std::set<fs::path> folders;
  for (const fs::path& f : files) {
    fs::path rel = f.lexically_relative(volume);
    auto first = rel.begin();
    if (first == rel.end()) continue;
    // A text file at the volume's root is added alone; otherwise its top folder.
    folders.insert(std::next(first) == rel.end() ? f : volume / *first);
  }
  return {folders.begin(), folders.end()};
}

// What the audit log keeps of an intake: who, which volume, the verdict and how many defects of
// each kind (the full list is reproducible by running intake again on the same volume).
std::string AuditDetail(const IntakeRequest& request, const IntakeOutcome& o) {
  nlohmann::ordered_json j;
  j["recipient"] = o.report.recipient;
  j["volume"] = o.report.volume;
  j["folder"] = fs::absolute(request.volume).lexically_normal().string();
  j["documents"] = o.report.documents;
  j["verified"] = o.report.verified;
  std::map<std::string, int64_t> kinds;
  for (const auto& d : o.report.defects) ++kinds[d.kind];
  j["defects"] = kinds;
  j["indexed"] = o.indexed;
  j["items_indexed"] = o.items_indexed;
  return j.dump(-1, ' ', false, nlohmann::ordered_json::error_handler_t::replace);
}

}  // namespace

Result<IntakeOutcome> IntakeProduction(const IntakeRequest& request, const CaseOptions& options,
                                       ProgressListener& progress) {
  // Open the case first: a typo in its name should not cost a verification run.
  BATES_ASSIGN_OR_RETURN(std::unique_ptr<Case> matter, Case::Open(request.case_dir, options));
  IntakeOutcome out;
  auto start = std::chrono::steady_clock::now();
  BATES_ASSIGN_OR_RETURN(out.report,
                         demand::intake::VerifyProduction(request.volume, request.expect));
  out.verify_seconds = SecondsSince(start);
  if (!request.index || (!out.report.verified && !request.index_unverified) ||
      out.report.text_files.empty()) {
    BATES_RETURN_IF_ERROR(matter->RecordIntake(AuditDetail(request, out)));
    return out;
  }
  start = std::chrono::steady_clock::now();
  AddRequest add;
  add.custodian = !request.expect.recipient.empty() ? request.expect.recipient : out.report.volume;
  add.paths = TextFolders(request.volume, out.report.text_files);
  add.jobs = request.jobs;
  BATES_ASSIGN_OR_RETURN(AddReport added, matter->Add(add, progress));
  out.indexed = true;
  out.items_indexed = added.items;
  out.index_seconds = SecondsSince(start);
  BATES_RETURN_IF_ERROR(matter->RecordIntake(AuditDetail(request, out)));
  return out;
}

Status Case::RecordIntake(const std::string& report_json) {
  return parts_->Audit("intake", report_json);
}

std::string ToJson(const IntakeOutcome& o) {
  const demand::intake::IntakeReport& r = o.report;
  nlohmann::ordered_json j;
  j["recipient"] = r.recipient;
  j["volume"] = r.volume;
  j["documents"] = r.documents;
  j["verified"] = r.verified;
  nlohmann::ordered_json defects = nlohmann::ordered_json::array();
  for (const auto& d : r.defects) defects.push_back({{"kind", d.kind}, {"detail", d.detail}});
  j["defects"] = std::move(defects);
  j["pages"] = r.pages;
  j["withheld"] = r.withheld;
  j["files_hashed"] = r.files_hashed;
  j["first_bates"] = r.first_bates;
  j["last_bates"] = r.last_bates;
  j["earliest_date"] = r.earliest_date;
  j["latest_date"] = r.latest_date;
  j["custodians"] = r.custodians;
  j["indexed"] = o.indexed;
  j["items_indexed"] = o.items_indexed;
  j["verify_seconds"] = o.verify_seconds;
  j["index_seconds"] = o.index_seconds;
  return j.dump(2, ' ', false, nlohmann::ordered_json::error_handler_t::replace);
}

}  // namespace bates::engine
