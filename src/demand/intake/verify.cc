// VerifyProduction: reads the volume's load files, manifest and privilege logs, then runs each
// check in turn, appending defects. Paths are compared as load files write them relative to the
// volume, with '/' separators.
#include <fmt/format.h>

#include <algorithm>
#include <map>
#include <set>
#include <system_error>

#include "core/file.h"
#include "core/text.h"
#include "demand/intake/bates_run.h"
#include "demand/intake/intake.h"
#include "demand/intake/privilege_log.h"
#include "produce/loadfile/dat.h"
#include "produce/loadfile/opt.h"
#include "produce/manifest.h"

namespace bates::demand::intake {
namespace fs = std::filesystem;
namespace lf = produce::loadfile;

bool BreaksVerification(const std::string& kind) {
  return kind == kHashMismatch || kind == kMissingFile || kind == kMissingRow || kind == kBatesGap;
}

namespace {

// A load-file path as a volume-relative path with '/' separators.
std::string NormalPath(std::string_view p) {
  std::string s(p);
  std::replace(s.begin(), s.end(), '\\', '/');
  while (s.starts_with("./")) s.erase(0, 2);
  while (s.starts_with("/")) s.erase(0, 1);
  return s;
}

struct VolumeFiles {
  std::vector<fs::path> dats, opts, privlogs;
  std::vector<std::string> all;  // every file, volume-relative
};

Result<VolumeFiles> ListVolume(const fs::path& volume) {
  std::error_code ec;
  if (!fs::is_directory(volume, ec)) {
    return NotFoundError("{} is not a folder: give the production volume's folder",
                         volume.string());
  }
  VolumeFiles files;
  fs::recursive_directory_iterator it(volume, ec), end;
  if (ec) return IoError("cannot read {}: {}", volume.string(), ec.message());
  for (; it != end; it.increment(ec)) {
    if (ec) return IoError("cannot read {}: {}", volume.string(), ec.message());
    if (!it->is_regular_file(ec)) continue;
    std::string rel = fs::relative(it->path(), volume, ec).generic_string();
    std::string lower = AsciiLower(it->path().filename().string());
    if (lower.ends_with(".dat")) files.dats.push_back(it->path());
    if (lower.ends_with(".opt")) files.opts.push_back(it->path());
    if (lower.ends_with(".csv") && lower.find("privlog") != std::string::npos) {
      files.privlogs.push_back(it->path());
    }
    files.all.push_back(rel);
  }
  std::sort(files.dats.begin(), files.dats.end());
  std::sort(files.opts.begin(), files.opts.end());
  std::sort(files.all.begin(), files.all.end());
  return files;
}

// Dates as load files write them: MM/DD/YYYY (the default), YYYY-MM-DD or YYYYMMDD.
std::optional<CivilDate> ParseLoadFileDate(std::string_view s) {
  int y = 0, m = 0, d = 0;
  auto num = [&](std::string_view part, int& out) {
    if (part.empty() || part.size() > 4) return false;
    out = 0;
    for (char c : part) {
      if (c < '0' || c > '9') return false;
      out = out * 10 + (c - '0');
    }
    return true;
  };
  bool ok = false;
  if (s.size() == 10 && s[2] == '/' && s[5] == '/') {
    ok = num(s.substr(0, 2), m) && num(s.substr(3, 2), d) && num(s.substr(6, 4), y);
  } else if (s.size() >= 10 && s[4] == '-' && s[7] == '-') {
    ok = num(s.substr(0, 4), y) && num(s.substr(5, 2), m) && num(s.substr(8, 2), d);
  } else if (s.size() == 8) {
    ok = num(s.substr(0, 4), y) && num(s.substr(4, 2), m) && num(s.substr(6, 2), d);
  }
  if (!ok || m < 1 || m > 12 || d < 1 || d > 31) return std::nullopt;
  return CivilDate{y, m, d};
}

CivilDate TodayUtc() {
  return CivilFromUnixSeconds(std::chrono::duration_cast<std::chrono::seconds>(
                                  std::chrono::system_clock::now().time_since_epoch())
                                  .count())
      .date;
}

class Verifier {
 public:
  Verifier(const fs::path& volume, const IntakeExpectations& expect, IntakeReport& report)
      : volume_(volume), expect_(expect), report_(report) {}

  Status Run() {
    BATES_ASSIGN_OR_RETURN(files_, ListVolume(volume_));
    if (files_.dats.empty() && files_.opts.empty()) {
      return NotFoundError("{} holds no load file (.dat or .opt): is it a production volume?",
                           volume_.string());
    }
    BATES_RETURN_IF_ERROR(ReadLoadFiles());
    BATES_RETURN_IF_ERROR(CheckManifest());
    CheckReferencedFiles();
    CheckUnreferencedFiles();
    CheckRun();
    CheckCounts();
    BATES_RETURN_IF_ERROR(CheckPrivilegeLog());
    CheckDatesAndCustodians();
    CheckLate();
    report_.verified = std::none_of(report_.defects.begin(), report_.defects.end(),
                                    [](const Defect& d) { return BreaksVerification(d.kind); });
    return Status();
  }

 private:
  struct Row {
    std::optional<BatesRange> range;
    std::string beg_text, end_text;
    std::vector<std::string> paths;  // native and text, normalized
    std::string text_path;
    bool withheld = false;
    std::vector<std::string> custodians;
    std::optional<CivilDate> date;
    bool has_date_column = false;
    int64_t pages = -1;
  };

  void Add(const char* kind, std::string detail) {
    report_.defects.push_back({kind, std::move(detail)});
  }

  std::string Rel(const fs::path& p) const {
    std::error_code ec;
    return fs::relative(p, volume_, ec).generic_string();
  }

  Status ReadLoadFiles() {
    for (const fs::path& path : files_.dats) {
      BATES_ASSIGN_OR_RETURN(std::string bytes, ReadFile(path));
      Result<lf::LoadTable> table = lf::ReadDat(bytes);
      if (!table.ok()) {
        return CorruptError("{}: {}", Rel(path), table.status().message());
      }
      AddRows(*table, Rel(path));
    }
    for (const fs::path& path : files_.opts) {
      BATES_ASSIGN_OR_RETURN(std::string bytes, ReadFile(path));
      Result<std::vector<lf::OptRecord>> records = lf::ReadOpt(bytes);
      if (!records.ok()) {
        return CorruptError("{}: {}", Rel(path), records.status().message());
      }
      for (lf::OptRecord& r : *records) opt_.push_back(std::move(r));
    }
    report_.documents = static_cast<int64_t>(rows_.size());
    report_.pages = static_cast<int64_t>(opt_.size());
    if (report_.volume.empty()) report_.volume = volume_.filename().string();
    if (report_.volume.empty()) report_.volume = volume_.parent_path().filename().string();
    return Status();
  }

  void AddRows(const lf::LoadTable& t, const std::string& name) {
    auto col = [&](std::initializer_list<const char*> names) {
      for (const char* n : names) {
        if (int c = t.Column(n); c >= 0) return c;
      }
      return -1;
    };
    int beg = col({"BEGBATES", "BEGDOC", "BATES_BEGIN", "PRODBEG"});
    int end = col({"ENDBATES", "ENDDOC", "BATES_END", "PRODEND"});
    int native = col({"NATIVEPATH", "NATIVE", "NATIVELINK"});
    int text = col({"TEXTPATH", "TEXT", "TEXTLINK", "OCRPATH"});
    int withheld = col({"WITHHELD", "PRIVILEGED"});
    int custodian = col({"CUSTODIAN"});
    int all = col({"ALLCUSTODIANS", "ALL_CUSTODIANS"});
    int vol = col({"PRODVOL", "VOLUME"});
    int pages = col({"PAGECOUNT", "PAGES"});
    std::vector<int> dates;
    for (const char* n : {"DATESENT", "DATERCVD", "DATECREATED", "DATEMODIFIED", "DOCDATE"}) {
      if (int c = t.Column(n); c >= 0) dates.push_back(c);
    }
    if (beg < 0) {
      Add(kMissingRow, fmt::format("{} has no BEGBATES column: its rows cannot be numbered", name));
    }
    auto at = [](const std::vector<std::string>& row, int c) -> std::string {
      return c >= 0 && static_cast<size_t>(c) < row.size() ? row[c] : std::string();
    };
    for (const std::vector<std::string>& values : t.rows) {
      Row row;
      row.beg_text = at(values, beg);
      row.end_text = at(values, end);
      if (auto b = ParseBatesNumber(row.beg_text)) {
        auto e = ParseBatesNumber(row.end_text.empty() ? row.beg_text : row.end_text);
        if (e && e->prefix == b->prefix && e->number >= b->number) {
          row.range = BatesRange{*b, e->number};
        } else {
          row.range = BatesRange{*b, b->number};
        }
      }
      std::string np = NormalPath(at(values, native)), tp = NormalPath(at(values, text));
      if (!np.empty()) row.paths.push_back(np);
      if (!tp.empty()) row.paths.push_back(tp);
      row.text_path = tp;
      std::string w = AsciiLower(at(values, withheld));
      // bates writes a withheld document as a slip sheet with neither native nor text.
      row.withheld = withheld >= 0 ? (w == "y" || w == "yes" || w == "true" || w == "1")
                                   : (text >= 0 && np.empty() && tp.empty());
      for (int c : {custodian, all}) {
        std::string names = at(values, c);
        for (std::string_view s : SplitCustodians(names)) row.custodians.emplace_back(s);
      }
      row.has_date_column = !dates.empty();
      for (int c : dates) {
        if (auto d = ParseLoadFileDate(at(values, c))) {
          row.date = d;
          break;
        }
      }
      if (pages >= 0) {
        std::string p = at(values, pages);
        if (!p.empty() &&
            std::all_of(p.begin(), p.end(), [](char c) { return c >= '0' && c <= '9'; }) &&
            p.size() < 12) {
          row.pages = std::stoll(p);
        }
      }
      if (report_.volume.empty()) report_.volume = at(values, vol);
      rows_.push_back(std::move(row));
    }
  }

  static std::vector<std::string_view> SplitCustodians(std::string_view s) {
    std::vector<std::string_view> out;
    while (!s.empty()) {
      size_t semi = s.find(';');
      std::string_view part = s.substr(0, semi);
      while (!part.empty() && part.front() == ' ') part.remove_prefix(1);
      while (!part.empty() && part.back() == ' ') part.remove_suffix(1);
      if (!part.empty()) out.push_back(part);
      if (semi == std::string_view::npos) break;
      s.remove_prefix(semi + 1);
    }
    return out;
  }

  Status CheckManifest() {
    std::error_code ec;
    if (!fs::exists(volume_ / produce::kManifestName, ec)) {
      Add(kNoManifest, "no MANIFEST.txt: file hashes cannot be checked");
      return Status();
    }
    Result<produce::Manifest> manifest = produce::ReadManifest(volume_);
    if (!manifest.ok()) {
      Add(kHashMismatch, fmt::format("MANIFEST.txt unreadable: {}", manifest.status().message()));
      return Status();
    }
    for (const produce::ManifestEntry& e : manifest->entries) listed_.insert(e.path);
    BATES_ASSIGN_OR_RETURN(auto problems, produce::VerifyManifest(volume_));
    report_.files_hashed = static_cast<int64_t>(manifest->entries.size());
    for (const produce::ManifestProblem& p : problems) {
      if (p.problem == "missing") {
        Add(kMissingFile, p.path + ": listed in the manifest, not in the volume");
        reported_missing_.insert(p.path);
      } else if (p.problem == "not in manifest") {
        Add(kUnlistedFile, p.path + ": in the volume, not in the manifest");
      } else {
        Add(kHashMismatch, fmt::format("{}: {} from the manifest", p.path, p.problem));
      }
    }
    return Status();
  }

  void CheckReferencedFiles() {
    std::set<std::string> present(files_.all.begin(), files_.all.end());
    auto check = [&](const std::string& path, const std::string& by) {
      referenced_.insert(path);
      if (present.count(path) || reported_missing_.count(path)) return;
      reported_missing_.insert(path);
      Add(kMissingFile, fmt::format("{}: named by {}, not in the volume", path, by));
    };
    for (const Row& r : rows_) {
      for (const std::string& p : r.paths) check(p, "the DAT row of " + r.beg_text);
    }
    for (const lf::OptRecord& o : opt_) check(NormalPath(o.path), "the OPT page " + o.image_key);
    for (const Row& r : rows_) {
      if (!r.text_path.empty() && !r.withheld && present.count(r.text_path)) {
        report_.text_files.push_back(volume_ / r.text_path);
      }
    }
  }

  // A produced file (anything outside DATA/ and the volume's root) that no load-file row names.
  void CheckUnreferencedFiles() {
    std::set<std::string> candidates(files_.all.begin(), files_.all.end());
    candidates.insert(listed_.begin(), listed_.end());
    for (const std::string& f : candidates) {
      if (f.find('/') == std::string::npos) continue;
      if (AsciiLower(f).starts_with("data/")) continue;
      if (referenced_.count(f) || reported_missing_.count(f)) continue;
      Add(kMissingRow, f + ": no load-file row names it");
    }
  }

  void CheckRun() {
    std::vector<BatesRange> ranges;
    for (const Row& r : rows_) {
      if (r.range) {
        ranges.push_back(*r.range);
      } else if (!r.beg_text.empty()) {
        Add(kBatesGap, fmt::format("'{}' is not a Bates number", r.beg_text));
      }
    }
    if (rows_.empty()) {
      // An image-only volume: documents from the OPT's document breaks.
      for (size_t i = 0; i < opt_.size(); ++i) {
        auto b = ParseBatesNumber(opt_[i].image_key);
        if (!b) continue;
        ranges.push_back({*b, b->number});
      }
      report_.documents = std::count_if(opt_.begin(), opt_.end(),
                                        [](const lf::OptRecord& o) { return o.doc_break; });
    }
    if (ranges.empty()) return;
    auto [lo, hi] = std::minmax_element(
        ranges.begin(), ranges.end(),
        [](const BatesRange& a, const BatesRange& b) { return a.beg.number < b.beg.number; });
    report_.first_bates = FormatBatesNumber(lo->beg.prefix, lo->beg.number, lo->beg.width);
    int64_t last = 0;
    for (const BatesRange& r : ranges) last = std::max(last, r.end);
    report_.last_bates = FormatBatesNumber(hi->beg.prefix, last, hi->beg.width);
    for (const RunFinding& f : CheckBatesRun(std::move(ranges))) {
      Add(f.gap ? kBatesGap : kDuplicateBates, f.detail);
    }
  }

  void CheckCounts() {
    if (rows_.empty() || opt_.empty()) return;
    int64_t breaks =
        std::count_if(opt_.begin(), opt_.end(), [](const lf::OptRecord& o) { return o.doc_break; });
    if (breaks != static_cast<int64_t>(rows_.size())) {
      Add(kCountMismatch, fmt::format("the DAT has {} documents, the OPT {} document breaks",
                                      rows_.size(), breaks));
    }
    int64_t pages = 0;
    bool all_counted = true;
    for (const Row& r : rows_) {
      if (r.pages < 0) all_counted = false;
      pages += std::max<int64_t>(r.pages, 0);
    }
    if (all_counted && pages != static_cast<int64_t>(opt_.size())) {
      Add(kCountMismatch,
          fmt::format("the DAT counts {} pages, the OPT lists {}", pages, opt_.size()));
    }
  }

  Status CheckPrivilegeLog() {
    std::vector<BatesRange> logged;
    for (const fs::path& p : files_.privlogs) {
      BATES_ASSIGN_OR_RETURN(std::string bytes, ReadFile(p));
      Result<std::vector<BatesRange>> ranges = ReadPrivilegeLog(bytes);
      if (!ranges.ok()) {
        return CorruptError("{}: {}", Rel(p), ranges.status().message());
      }
      logged.insert(logged.end(), ranges->begin(), ranges->end());
    }
    for (const Row& r : rows_) {
      if (!r.withheld) continue;
      ++report_.withheld;
      bool found = r.range && std::any_of(logged.begin(), logged.end(), [&](const BatesRange& l) {
                     return l.beg.prefix == r.range->beg.prefix && l.beg.number <= r.range->end &&
                            r.range->beg.number <= l.end;
                   });
      if (!found) {
        Add(kUnloggedWithholding,
            files_.privlogs.empty()
                ? fmt::format("{}: withheld (slip sheet), and the volume has no privilege log",
                              r.beg_text)
                : fmt::format("{}: withheld (slip sheet), not on the privilege log", r.beg_text));
      }
    }
    return Status();
  }

  void CheckDatesAndCustodians() {
    std::optional<CivilDate> earliest, latest;
    int64_t undated = 0;
    std::set<std::string> seen;
    std::set<int> months;  // year * 12 + month - 1 of every dated produced document
    for (const Row& r : rows_) {
      for (const std::string& c : r.custodians) {
        if (seen.insert(AsciiLower(c)).second) report_.custodians.push_back(c);
      }
      if (r.withheld) continue;  // its dates are on the privilege log, not in the load file
      if (!r.date) {
        if (r.has_date_column) ++undated;
        continue;
      }
      months.insert(r.date->year * 12 + (r.date->month - 1));
      if (!earliest || *r.date < *earliest) earliest = r.date;
      if (!latest || *r.date > *latest) latest = r.date;
      if ((expect_.from && *r.date < *expect_.from) || (expect_.to && *r.date > *expect_.to)) {
        Add(kOutsideTimeframe, fmt::format("{}: dated {}, outside the relevant timeframe {} to {}",
                                           r.beg_text, FormatCivilDate(*r.date),
                                           expect_.from ? FormatCivilDate(*expect_.from) : "(open)",
                                           expect_.to ? FormatCivilDate(*expect_.to) : "(open)"));
      }
    }
    if (expect_.from && expect_.to) ReportTimeframeHoles(months);
    if (earliest) report_.earliest_date = FormatCivilDate(*earliest);
    if (latest) report_.latest_date = FormatCivilDate(*latest);
    if (undated > 0 && (expect_.from || expect_.to)) {
      Add(kNoDate,
          fmt::format("{} produced documents have no date: timeframe coverage unknown", undated));
    }
    for (const std::string& want : expect_.custodians) {
      if (!seen.count(AsciiLower(want))) {
        Add(kMissingCustodian, fmt::format("no document of the named custodian '{}'", want));
      }
    }
  }

  // Whole months of the relevant timeframe in which no produced document is dated: a period the
  // search may have missed. Consecutive months are one finding.
  void ReportTimeframeHoles(const std::set<int>& months) {
    auto name = [](int m) { return fmt::format("{:04d}-{:02d}", m / 12, m % 12 + 1); };
    int first = expect_.from->year * 12 + (expect_.from->month - 1);
    int last = expect_.to->year * 12 + (expect_.to->month - 1);
    for (int m = first; m <= last; ++m) {
      if (months.count(m)) continue;
      int end = m;
      while (end + 1 <= last && !months.count(end + 1)) ++end;
      Add(kTimeframeHole,
          fmt::format("no produced document dated in {}{} (inside the relevant timeframe)", name(m),
                      end > m ? " to " + name(end) : std::string()));
      m = end;
    }
  }

  void CheckLate() {
    if (!expect_.due) return;
    CivilDate received = expect_.received ? *expect_.received : TodayUtc();
    if (received > *expect_.due) {
      int64_t days = DaysFromCivil(received) - DaysFromCivil(*expect_.due);
      Add(kLate,
          fmt::format("received {}, {} day{} after the deadline {}", FormatCivilDate(received),
                      days, days == 1 ? "" : "s", FormatCivilDate(*expect_.due)));
    }
  }

  const fs::path& volume_;
  const IntakeExpectations& expect_;
  IntakeReport& report_;
  VolumeFiles files_;
  std::vector<Row> rows_;
  std::vector<lf::OptRecord> opt_;
  std::set<std::string> listed_, referenced_, reported_missing_;
};

}  // namespace

Result<IntakeReport> VerifyProduction(const fs::path& volume, const IntakeExpectations& expect) {
  IntakeReport report;
  report.recipient = expect.recipient;
  Verifier verifier(volume, expect, report);
  BATES_RETURN_IF_ERROR(verifier.Run());
  return report;
}

}  // namespace bates::demand::intake
