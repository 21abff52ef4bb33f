#include "produce/qc.h"

#include <fmt/format.h>

#include <map>

#include "core/file.h"
#include "produce/loadfile/dat.h"
#include "produce/loadfile/opt.h"
#include "produce/manifest.h"

namespace bates::produce {
namespace {

constexpr size_t kMaxProblems = 10;

void Fail(QcCheck& check, std::string problem) {
  check.passed = false;
  if (check.problems.size() < kMaxProblems) check.problems.push_back(std::move(problem));
}

std::filesystem::path FromLoadFile(const std::filesystem::path& dir, std::string path) {
  for (char& c : path) {
    if (c == '\\') c = '/';
  }
  return dir / path;
}

}  // namespace

Result<QcReport> CheckVolume(const QcRequest& r) {
  QcReport report;
  BATES_ASSIGN_OR_RETURN(std::string dat_bytes, ReadFile(r.dir / "DATA" / (r.volume + ".dat")));
  BATES_ASSIGN_OR_RETURN(std::string opt_bytes, ReadFile(r.dir / "DATA" / (r.volume + ".opt")));
  QcCheck parse{"load files parse", true, {}};
  Result<loadfile::LoadTable> dat = loadfile::ReadDat(dat_bytes);
  Result<std::vector<loadfile::OptRecord>> opt = loadfile::ReadOpt(opt_bytes);
  if (!dat.ok()) Fail(parse, "DAT: " + dat.status().message());
  if (!opt.ok()) Fail(parse, "OPT: " + opt.status().message());
  report.checks.push_back(parse);
  if (!dat.ok() || !opt.ok()) {
    report.passed = false;
    return report;
  }
  report.documents = static_cast<int64_t>(dat->rows.size());
  report.pages = static_cast<int64_t>(opt->size());

  int beg_col = dat->Column(r.begbates), end_col = dat->Column(r.endbates);
  int pages_col = dat->Column(r.pagecount);
  QcCheck run{"Bates run unbroken", true, {}};
  QcCheck pages{"OPT pages match PAGECOUNT", true, {}};
  QcCheck paths{"every load-file path exists", true, {}};
  if (beg_col < 0 || end_col < 0) Fail(run, "the DAT has no BEGBATES/ENDBATES field");
  // Documents by their first page, to match the OPT's document breaks.
  std::map<int64_t, std::pair<int64_t, int64_t>> docs;  // beg → (end, pagecount)
  int64_t expect = r.first;
  for (size_t i = 0; beg_col >= 0 && end_col >= 0 && i < dat->rows.size(); ++i) {
    const auto& row = dat->rows[i];
    Result<int64_t> beg = r.bates.Parse(row[static_cast<size_t>(beg_col)]);
    Result<int64_t> end = r.bates.Parse(row[static_cast<size_t>(end_col)]);
    if (!beg.ok() || !end.ok() || *end < *beg) {
      Fail(run, fmt::format("record {}: bad Bates range", i + 1));
      continue;
    }
    if (*beg != expect) {
      Fail(run, fmt::format("record {}: starts at {}, expected {}", i + 1,
                            row[static_cast<size_t>(beg_col)], r.bates.Format(expect)));
    }
    expect = *end + 1;
    int64_t count = -1;
    if (pages_col >= 0) count = std::atoll(row[static_cast<size_t>(pages_col)].c_str());
    docs[*beg] = {*end, count};
  }
  if (expect - 1 != r.last) {
    Fail(run, fmt::format("the run ends at {}, expected {}", r.bates.Format(expect - 1),
                          r.bates.Format(r.last)));
  }

  int64_t next_page = r.first;
  std::optional<int64_t> doc_beg;
  int64_t doc_pages = 0, declared = 0;
  auto close_doc = [&] {
    if (!doc_beg) return;
    auto it = docs.find(*doc_beg);
    if (it == docs.end()) {
      Fail(pages, fmt::format("OPT document at {} is not in the DAT", r.bates.Format(*doc_beg)));
    } else if (doc_pages != declared || doc_pages != it->second.first - *doc_beg + 1 ||
               (it->second.second >= 0 && it->second.second != doc_pages)) {
      Fail(pages, fmt::format("{}: {} page images, OPT says {}, DAT range {} pages, PAGECOUNT {}",
                              r.bates.Format(*doc_beg), doc_pages, declared,
                              it->second.first - *doc_beg + 1, it->second.second));
    }
  };
  for (const loadfile::OptRecord& rec : *opt) {
    Result<int64_t> n = r.bates.Parse(rec.image_key);
    if (!n.ok() || *n != next_page) {
      Fail(run, fmt::format("OPT page {} out of sequence (expected {})", rec.image_key,
                            r.bates.Format(next_page)));
    }
    if (n.ok()) next_page = *n + 1;
    if (rec.doc_break) {
      close_doc();
      doc_beg = n.ok() ? *n : -1;
      doc_pages = 0;
      declared = rec.page_count;
    }
    ++doc_pages;
    std::error_code ec;
    if (!std::filesystem::is_regular_file(FromLoadFile(r.dir, rec.path), ec)) {
      Fail(paths, "missing image " + rec.path);
    }
  }
  close_doc();
  if (static_cast<int64_t>(docs.size()) != report.documents) {
    Fail(run, "two DAT records start at the same Bates number");
  }
  for (const std::string& name : {r.nativepath, r.textpath}) {
    int col = dat->Column(name);
    for (size_t i = 0; col >= 0 && i < dat->rows.size(); ++i) {
      const std::string& p = dat->rows[i][static_cast<size_t>(col)];
      std::error_code ec;
      if (!p.empty() && !std::filesystem::is_regular_file(FromLoadFile(r.dir, p), ec)) {
        Fail(paths, "missing " + p);
      }
    }
  }
  report.checks.push_back(run);
  report.checks.push_back(pages);
  report.checks.push_back(paths);

  QcCheck hashes{"every file matches the manifest", true, {}};
  Result<std::vector<ManifestProblem>> problems = VerifyManifest(r.dir);
  if (!problems.ok()) {
    Fail(hashes, problems.status().message());
  } else {
    for (const ManifestProblem& p : *problems) Fail(hashes, p.path + ": " + p.problem);
  }
  Result<Manifest> manifest = ReadManifest(r.dir);
  if (manifest.ok()) report.files = static_cast<int64_t>(manifest->entries.size());
  report.checks.push_back(hashes);
  for (const QcCheck& c : report.checks) report.passed = report.passed && c.passed;
  return report;
}

}  // namespace bates::produce
