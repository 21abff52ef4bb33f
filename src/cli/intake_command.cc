#include "cli/intake_command.h"

#include <fmt/format.h>
#include <fmt/ranges.h>

#include <cstdio>
#include <filesystem>
#include <map>

#include "cli/demand_track_commands.h"
#include "cli/progress_bar.h"
#include "engine/intake.h"

namespace bates::cli {
namespace {

// Exit status when --fail-unverified is given and the volume is not verified.
constexpr int kUnverifiedExit = 4;
constexpr int kShownPerKind = 10;

Result<std::optional<CivilDate>> OptionalDate(const std::string& text, const char* option) {
  if (text.empty()) return std::optional<CivilDate>();
  Result<CivilDate> d = ParseCivilDate(text);
  if (!d.ok()) return InvalidArgumentError("{} {}: {}", option, text, d.status().message());
  return std::optional<CivilDate>(*d);
}

void PrintText(const engine::IntakeOutcome& o) {
  const auto& r = o.report;
  std::string out = fmt::format(
      "Volume {}{}: {} documents, {} pages ({} to {}), {} withheld; {} files hashed in {:.1f} "
      "s.\n",
      r.volume, r.recipient.empty() ? "" : " from " + r.recipient, r.documents, r.pages,
      r.first_bates.empty() ? "?" : r.first_bates, r.last_bates.empty() ? "?" : r.last_bates,
      r.withheld, r.files_hashed, o.verify_seconds);
  if (!r.earliest_date.empty()) {
    out += fmt::format(
        "Dates {} to {}; custodians: {}.\n", r.earliest_date, r.latest_date,
        r.custodians.empty() ? "none named" : fmt::format("{}", fmt::join(r.custodians, ", ")));
  }
  out += r.verified ? "VERIFIED: every file matches the manifest, every file has its row, the "
                      "Bates run is unbroken.\n"
                    : "NOT VERIFIED.\n";
  // A volume with thousands of one kind (a missing privilege log) should still read on a screen:
  // ten of each kind, then how many more (--json lists them all).
  std::map<std::string, int> shown;
  for (const auto& d : r.defects) {
    if (++shown[d.kind] <= kShownPerKind) out += fmt::format("  {}: {}\n", d.kind, d.detail);
  }
  for (const auto& [kind, count] : shown) {
    if (count > kShownPerKind) {
      out += fmt::format("  {}: ... and {} more (--json lists every one)\n", kind,
                         count - kShownPerKind);
    }
  }
  if (o.indexed) {
    out +=
        fmt::format("Indexed {} items for search in {:.1f} s.\n", o.items_indexed, o.index_seconds);
  } else if (!r.verified) {
    out += "Not indexed: fix or re-request the volume, or pass --index-unverified.\n";
  }
  std::fwrite(out.data(), 1, out.size(), stdout);
}

}  // namespace

std::function<int()> DefineIntake(CLI::App& app, CommandContext& context) {
  struct Args {
    engine::IntakeRequest request;
    std::string case_dir, volume, from, to, due, received, spec_case;
    bool partial = false;
    bool no_index = false, json = false, fail_unverified = false, no_progress = false;
  };
  auto a = std::make_shared<Args>();
  app.add_option("CASE", a->case_dir,
                 "The requester's case the accepted volume is indexed into, or a demand spec")
      ->required();
  app.add_option("VOLUME", a->volume, "The production volume's folder (bates, Concordance/Opticon)")
      ->required();
  app.add_option("--recipient", a->request.expect.recipient,
                 "Who produced it (the custodian of its documents in the case)");
  app.add_option("--from", a->from, "Relevant timeframe's first day, YYYY-MM-DD");
  app.add_option("--to", a->to, "Relevant timeframe's last day, YYYY-MM-DD");
  app.add_option("--custodian", a->request.expect.custodians,
                 "A custodian whose documents must be in it (repeatable)");
  app.add_option("--due", a->due, "The recipient's deadline, YYYY-MM-DD");
  app.add_option("--received", a->received, "When it arrived, YYYY-MM-DD (default today, UTC)");
  app.add_flag("--no-index", a->no_index, "Verify only; do not index");
  app.add_flag("--index-unverified", a->request.index_unverified,
               "Index it even when it is not verified");
  app.add_flag("--fail-unverified", a->fail_unverified,
               "Exit with status 4 when the volume is not verified");
  app.add_option("--jobs,-j", a->request.jobs, "Files indexed at once (default: one per core)");
  app.add_flag("--no-progress", a->no_progress, "No progress bar");
  app.add_flag("--json", a->json, "Print JSON");
  app.add_option("--case", a->spec_case,
                 "With a demand spec: the requester's case (default: beside the spec)");
  app.add_flag("--partial", a->partial,
               "With a demand spec: the recipient says more is coming (partial_production)");
  return [a, &context] {
    std::error_code ec;
    if (std::filesystem::is_regular_file(a->case_dir, ec)) {
      // A demand spec in place of the case: timeframe and due date come from the spec and the
      // tracking store, and the production is recorded against the recipient.
      if (!a->from.empty() || !a->to.empty() || !a->due.empty() ||
          !a->request.expect.custodians.empty()) {
        return ReportError(InvalidArgumentError(
            "with a demand spec, the timeframe and due date come from the spec: drop --from, "
            "--to, --due and --custodian"));
      }
      return RunSpecIntake(a->case_dir, a->volume, a->request.expect.recipient, a->spec_case,
                           a->received, a->partial, !a->no_index, a->request.index_unverified,
                           a->request.jobs, a->json, a->no_progress, context);
    }
    engine::IntakeRequest& req = a->request;
    req.case_dir = a->case_dir;
    req.volume = a->volume;
    req.index = !a->no_index;
    auto& e = req.expect;
    for (auto [text, field, name] :
         {std::tuple{&a->from, &e.from, "--from"}, std::tuple{&a->to, &e.to, "--to"},
          std::tuple{&a->due, &e.due, "--due"},
          std::tuple{&a->received, &e.received, "--received"}}) {
      auto d = OptionalDate(*text, name);
      if (!d.ok()) return ReportError(d.status());
      *field = *d;
    }
    if (e.from && e.to && *e.to < *e.from) {
      return ReportError(InvalidArgumentError("--to {} is before --from {}", a->to, a->from));
    }
    ProgressBar bar(!a->no_progress && !a->json);
    auto outcome = engine::IntakeProduction(req, context.case_options, bar);
    if (!outcome.ok()) return ReportError(outcome.status());
    if (a->json) {
      std::string j = engine::ToJson(*outcome) + "\n";
      std::fwrite(j.data(), 1, j.size(), stdout);
    } else {
      PrintText(*outcome);
    }
    return a->fail_unverified && !outcome->report.verified ? kUnverifiedExit : 0;
  };
}

}  // namespace bates::cli
