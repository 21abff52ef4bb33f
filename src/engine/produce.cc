// bates produce: a production volume. The engine resolves the queries to items, gathers the
// matter's facts for the plan, hands documents to the produce module, then checks the volume as a
// requester would (QC reads the load files back), writes the certificate and records everything in
// one transaction — so a failed run leaves no record and consumes no Bates numbers.
#include <fmt/format.h>

#include <chrono>
#include <nlohmann/json.hpp>

#include "core/file.h"
#include "engine/case.h"
#include "engine/matter_demand.h"
#include "engine/produce_parts.h"
#include "engine/review_parts.h"
#include "engine/search_parts.h"
#include "index/index_reader.h"
#include "produce/bates.h"
#include "produce/manifest.h"
#include "produce/qc.h"
#include "produce/spec.h"

namespace bates::engine {
namespace {

namespace fs = std::filesystem;

Status ValidateVolumeName(const std::string& volume) {
  if (volume.empty() || volume.front() == '.') {
    return InvalidArgumentError("the volume name '{}' is not usable", volume);
  }
  for (char c : volume) {
    bool ok = (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') ||
              c == '-' || c == '_' || c == '.';
    if (!ok)
      return InvalidArgumentError("the volume name '{}' may hold only A-Z a-z 0-9 - _ .", volume);
  }
  return Status::Ok();
}

// The spec: the file's if given, else defaults; the matter's `produce.fields` setting chooses and
// renames fields unless the spec file lists its own.
Result<produce::ProductionSpec> LoadSpec(CaseParts& parts, const std::optional<std::string>& text) {
  produce::ProductionSpec spec;
  if (text) {
    BATES_ASSIGN_OR_RETURN(spec, produce::ParseSpec(*text));
  }
  bool spec_has_fields = text && text->find("fields") != std::string::npos;
  BATES_ASSIGN_OR_RETURN(std::optional<std::string> setting,
                         parts.store->GetSetting("produce.fields"));
  if (setting && !spec_has_fields) {
    BATES_ASSIGN_OR_RETURN(spec.fields, produce::ParseFieldList(*setting));
  }
  return spec;
}

std::string WrittenName(const produce::ProductionSpec& spec, const std::string& standard) {
  for (const auto& [f, written] : spec.fields) {
    if (f == standard) return written;
  }
  return standard;
}

Result<std::optional<int64_t>> DayBound(CaseParts& parts, const std::string& date, bool end) {
  if (date.empty()) return std::optional<int64_t>();
  BATES_ASSIGN_OR_RETURN(CivilDate day, ParseCivilDate(date));
  int64_t start = parts.time_zone.UtcFromLocal(CivilDateTime{day, 0, 0, 0});
  if (!end) return std::optional<int64_t>(start);
  CivilDate next = CivilFromDays(DaysFromCivil(day) + 1);
  return std::optional<int64_t>(parts.time_zone.UtcFromLocal(CivilDateTime{next, 0, 0, 0}) - 1);
}

// DATA/<VOLUME>_PRIVLOG.csv: a withheld item under its slip sheet's Bates number, a produced item
// with redactions under BEGBATES-ENDBATES.
Status WriteVolumePrivilegeLog(CaseParts& parts, const produce::VolumeRequest& vr,
                               const produce::VolumeResult& volume) {
  std::map<model::ItemId, std::string> bates;
  std::set<model::ItemId> slip_sheeted;
  for (const produce::ProducedDoc& d : volume.docs) {
    bates[d.id] = d.beg == d.end ? vr.bates.Format(d.beg)
                                 : vr.bates.Format(d.beg) + "-" + vr.bates.Format(d.end);
    if (d.how == "withheld") slip_sheeted.insert(d.id);
  }
  BATES_ASSIGN_OR_RETURN(std::vector<review::PrivilegeLogRow> rows,
                         GatherPrivilegeLogRows(parts, &bates, slip_sheeted));
  return WriteFileAtomic(vr.dir / "DATA" / (vr.volume + "_PRIVLOG.csv"),
                         review::PrivilegeLogCsv(rows));
}

}  // namespace

Result<ProduceReport> Case::Produce(const ProduceRequest& request) {
  CaseParts& parts = *parts_;
  auto started = std::chrono::steady_clock::now();
  if (request.select.empty()) return InvalidArgumentError("nothing selected: give --select QUERY");
  BATES_RETURN_IF_ERROR(produce::ValidateBatesPrefix(request.prefix));
  BATES_RETURN_IF_ERROR(ValidateVolumeName(request.volume));
  BATES_ASSIGN_OR_RETURN(produce::ProductionSpec spec, LoadSpec(parts, request.spec));
  std::string user = request.user.empty() ? parts.options.actor : request.user;

  // Selection and withholding, each kept as a saved search (the certificate lists them).
  BATES_ASSIGN_OR_RETURN(bool phrase, ReadSpacesMeanPhrase(parts));
  BATES_ASSIGN_OR_RETURN(auto reader, index::IndexReader::Open(parts.index_dir()));
  std::vector<store::SavedSearch> saved;
  auto resolve = [&](const std::string& q) -> Result<std::vector<int64_t>> {
    BATES_ASSIGN_OR_RETURN(index::Query query, CompileForCase(parts, q, phrase));
    BATES_ASSIGN_OR_RETURN(std::vector<int64_t> ids, reader->MatchingIds(query));
    saved.push_back(store::SavedSearch{0, q, phrase, "search", user,
                                       parts.options.env->NowUnixSeconds(),
                                       static_cast<int64_t>(ids.size())});
    return ids;
  };
  produce::PlanInput input;
  BATES_ASSIGN_OR_RETURN(std::vector<int64_t> hits, resolve(request.select));
  input.selected.insert(hits.begin(), hits.end());
  if (!request.withhold.empty()) {
    BATES_ASSIGN_OR_RETURN(std::vector<int64_t> withheld, resolve(request.withhold));
    for (int64_t id : withheld) input.review.withheld[id] = "privileged";
  }
  // A matter started from a demand takes the demand's timeframe when none is given.
  std::string from = request.from, to = request.to;
  bool demand_timeframe = false;
  if (from.empty() && to.empty()) {
    BATES_ASSIGN_OR_RETURN(std::optional<MatterDemandView> demand, LoadMatterDemand(parts));
    if (demand) {
      from = demand->timeframe_start, to = demand->timeframe_end;
      demand_timeframe = true;
    }
  }
  BATES_ASSIGN_OR_RETURN(input.from, DayBound(parts, from, false));
  BATES_ASSIGN_OR_RETURN(input.to, DayBound(parts, to, true));
  BATES_ASSIGN_OR_RETURN(input.items, GatherPlanItems(parts));
  produce::Plan plan = produce::MakePlan(input);

  // Bates numbers: never one a production of this prefix already used.
  produce::BatesFormat bates{request.prefix, spec.bates_digits};
  BATES_ASSIGN_OR_RETURN(std::optional<int64_t> last_used,
                         parts.store->production().LastBatesNumber(request.prefix));
  int64_t start = request.start.value_or(last_used.value_or(0) + 1);
  if (start < 1) return InvalidArgumentError("the first Bates number must be 1 or more");
  if (last_used && start <= *last_used) {
    return InvalidArgumentError(
        "{} is already used: prefix {} has produced up to {}; use --start next",
        bates.Format(start), request.prefix, bates.Format(*last_used));
  }

  fs::path productions = parts.dir / "productions";
  produce::VolumeRequest vr;
  vr.dir = productions / request.volume;
  vr.volume = request.volume;
  vr.bates = bates;
  vr.start = start;
  vr.spec = spec;
  vr.time_zone = &parts.time_zone;
  vr.order = plan.order;
  CaseContentSource source(parts, plan);
  Result<produce::VolumeResult> volume = produce::WriteVolume(vr, source);
  auto discard = [&] {
    std::error_code ec;
    fs::remove_all(vr.dir, ec);
  };
  if (!volume.ok()) {
    if (volume.status().code() != StatusCode::kAlreadyExists) discard();
    return volume.status();
  }
  // The volume carries the privilege log of what it withheld or redacted, under the Bates numbers
  // it gave them (the receiving side's intake check reads DATA/<VOLUME>_PRIVLOG.csv, column
  // "Bates"). Written before the manifest, so the manifest covers it.
  Status privlog = WriteVolumePrivilegeLog(parts, vr, *volume);
  if (!privlog.ok()) {
    discard();
    return privlog;
  }
  Result<produce::Manifest> manifest = produce::WriteManifest(vr.dir);
  if (!manifest.ok()) {
    discard();
    return manifest.status();
  }
  produce::QcRequest qr;
  qr.dir = vr.dir;
  qr.volume = vr.volume;
  qr.bates = bates;
  qr.first = volume->first;
  qr.last = volume->last;
  qr.begbates = WrittenName(spec, "BEGBATES");
  qr.endbates = WrittenName(spec, "ENDBATES");
  qr.pagecount = WrittenName(spec, "PAGECOUNT");
  qr.nativepath = WrittenName(spec, "NATIVEPATH");
  qr.textpath = WrittenName(spec, "TEXTPATH");
  BATES_ASSIGN_OR_RETURN(produce::QcReport qc, produce::CheckVolume(qr));

  ProduceReport report;
  report.volume = request.volume;
  report.folder = vr.dir.string();
  report.prefix = request.prefix;
  report.first_number = volume->first;
  report.last_number = volume->last;
  if (volume->last >= volume->first) {
    report.first_bates = bates.Format(volume->first);
    report.last_bates = bates.Format(volume->last);
  }
  report.documents = static_cast<int64_t>(volume->docs.size());
  report.pages = volume->pages;
  report.files = static_cast<int64_t>(manifest->entries.size());
  report.root_hash = manifest->root_hash;
  report.hits = static_cast<int64_t>(hits.size());
  report.families = plan.selected_families;
  report.completed_by_family = plan.completed_by_family;
  report.qc_passed = qc.passed;
  for (const produce::QcCheck& c : qc.checks) report.qc.push_back({c.name, c.passed, c.problems});

  std::map<model::ItemId, const produce::ProducedDoc*> produced;
  for (const produce::ProducedDoc& d : volume->docs) {
    produced[d.id] = &d;
    report.produced.push_back({model::FormatItemId(d.id), bates.Format(d.beg), bates.Format(d.end),
                               d.pages, d.how, d.note});
  }
  std::map<std::string, int64_t> counts;
  for (produce::Disposition d :
       {produce::Disposition::kProduced, produce::Disposition::kWithheld,
        produce::Disposition::kDuplicate, produce::Disposition::kNonResponsive,
        produce::Disposition::kOutsideTimeframe, produce::Disposition::kException,
        produce::Disposition::kContainer}) {
    counts[std::string(produce::DispositionName(d))] = 0;
  }
  std::vector<store::ProductionItemRow> rows;
  for (const auto& [id, e] : plan.entries) {
    store::ProductionItemRow row;
    row.item_id = id;
    row.disposition = std::string(produce::DispositionName(e.disposition));
    row.reason = e.reason;
    row.duplicate_of = e.duplicate_of;
    if (auto p = produced.find(id); p != produced.end()) {
      row.beg_number = p->second->beg;
      row.end_number = p->second->end;
      row.pages = p->second->pages;
      row.how = p->second->how;
      if (!p->second->note.empty()) row.reason = p->second->note;
    }
    ++counts[row.disposition];
    rows.push_back(std::move(row));
  }
  BATES_ASSIGN_OR_RETURN(report.items, parts.store->CountItems());
  int64_t total = 0;
  for (const char* name : {"produced", "withheld", "duplicate", "non_responsive",
                           "outside_timeframe", "exception", "container"}) {
    report.accounting.emplace_back(name, counts[name]);
    total += counts[name];
  }
  report.balanced = total == report.items && static_cast<int64_t>(rows.size()) == report.items &&
                    counts["produced"] + counts["withheld"] == report.documents;

  // The certificate sits beside the volume: it quotes the manifest's root hash, so it cannot be
  // inside what the manifest lists.
  BATES_ASSIGN_OR_RETURN(produce::CertificateData cert, GatherCertificateFacts(parts));
  cert.volume = request.volume;
  cert.produced_at = parts.LocalDate(Timestamp{parts.options.env->NowUnixSeconds(), 0, false});
  cert.bates_range =
      report.first_bates.empty() ? "none" : report.first_bates + " to " + report.last_bates;
  cert.documents = report.documents;
  cert.pages = report.pages;
  cert.files = report.files;
  cert.root_hash = report.root_hash;
  cert.qc_passed = report.qc_passed;
  cert.selection = request.select;
  if (!from.empty() || !to.empty()) {
    // The certificate states the period the production answers, and where it came from.
    cert.selection += fmt::format(
        "; timeframe {} to {}{}", from.empty() ? "(open)" : from, to.empty() ? "(open)" : to,
        demand_timeframe ? " (the demand's, from bates init --demand)" : "");
  }
  for (const store::SavedSearch& s : saved) cert.searches.emplace_back(s.query, s.hits);
  cert.totals = report.accounting;
  fs::path cert_html = productions / (request.volume + "-certificate.html");
  BATES_ASSIGN_OR_RETURN(std::string cert_pdf, produce::CertificatePdf(cert));
  BATES_RETURN_IF_ERROR(WriteFileAtomic(cert_html, produce::CertificateHtml(cert)));
  BATES_RETURN_IF_ERROR(
      WriteFileAtomic(productions / (request.volume + "-certificate.pdf"), cert_pdf));
  report.certificate = cert_html.string();

  store::ProductionRow p;
  p.volume = request.volume;
  p.prefix = request.prefix;
  p.digits = spec.bates_digits;
  p.first_number = volume->first;
  p.last_number = volume->last;
  p.selection = request.select;
  p.folder = fs::relative(vr.dir, parts.dir).generic_string();
  p.root_hash = report.root_hash;
  p.qc_passed = report.qc_passed;
  p.created_at = parts.options.env->NowUnixSeconds();
  p.created_by = user;
  std::vector<store::ProductionFileRow> files;
  for (const produce::ManifestEntry& e : manifest->entries) {
    files.push_back({e.path, static_cast<int64_t>(e.bytes), e.sha256});
  }
  Status recorded = [&]() -> Status {
    BATES_RETURN_IF_ERROR(parts.store->Begin());
    for (const store::SavedSearch& s : saved) {
      BATES_RETURN_IF_ERROR(parts.store->searches().SaveSearch(s).status());
    }
    BATES_RETURN_IF_ERROR(parts.store->production().InsertProduction(p, rows, files).status());
    nlohmann::json detail = {{"volume", p.volume},       {"prefix", p.prefix},
                             {"first", p.first_number},  {"last", p.last_number},
                             {"selection", p.selection}, {"root_hash", p.root_hash}};
    BATES_RETURN_IF_ERROR(parts.Audit("produce", detail.dump()));
    return parts.store->Commit();
  }();
  if (!recorded.ok()) {
    parts.store->Rollback().IgnoreError();
    discard();
    return recorded;
  }
  report.seconds =
      std::chrono::duration<double>(std::chrono::steady_clock::now() - started).count();
  return report;
}

}  // namespace bates::engine
