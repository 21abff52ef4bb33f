#include "cli/demand_track_commands.h"

#include <fmt/format.h>

#include <cstdio>
#include <filesystem>
#include <memory>

#include "cli/progress_bar.h"
#include "core/file.h"
#include "demand/letters/html_pdf.h"
#include "demand/letters/letter.h"
#include "engine/demand_track.h"

namespace bates::cli {
namespace {

constexpr int kFollowUpDays = 14;

void Print(const std::string& text) { std::fwrite(text.data(), 1, text.size(), stdout); }

Result<std::optional<demand::CivilDate>> OptionalDate(const std::string& text, const char* option) {
  if (text.empty()) return std::optional<demand::CivilDate>();
  auto d = demand::ParseCivilDate(text);
  if (!d.ok()) return InvalidArgumentError("{} {}: {}", option, text, d.status().message());
  return std::optional<demand::CivilDate>(*d);
}

// The spec and the requester's case every tracking command starts from.
// The day `--as-of` names, else today (UTC).
Result<demand::CivilDate> AsOf(const std::string& text, CommandContext& context) {
  BATES_ASSIGN_OR_RETURN(std::optional<demand::CivilDate> day, OptionalDate(text, "--as-of"));
  return day.value_or(engine::TodayUtc(context.case_options));
}

struct Tracked {
  demand::DemandSpec spec;
  std::unique_ptr<engine::Case> matter;
};

Result<Tracked> OpenTracked(const std::string& spec_path, const std::string& case_dir,
                            CommandContext& context) {
  Tracked t;
  BATES_ASSIGN_OR_RETURN(t.spec, demand::LoadDemandSpec(spec_path));
  BATES_ASSIGN_OR_RETURN(t.matter,
                         engine::OpenRequesterCase(spec_path, case_dir, context.case_options));
  return t;
}

struct Common {
  std::string spec, case_dir;
};

void AddCommon(CLI::App& app, Common& c) {
  app.add_option("SPEC", c.spec, "Demand spec (YAML)")->required();
  app.add_option("--case", c.case_dir,
                 "The requester's case (default: the spec's path with .case for its extension)");
}

std::string StatusTable(const engine::DemandStatusReport& r) {
  std::string out = fmt::format("Status as of {} ({})\n", r.as_of.ToString(), r.spec);
  out += fmt::format("{:<18} {:<24} {:<10} {:<40} {:>9} {:<22} {:<20} {}\n", "RECIPIENT", "STATUS",
                     "SERVED", "DUE", "DAYS", "PRODUCTIONS", "DEFICIENCIES", "NOTE");
  for (const auto& row : r.rows) {
    const auto& s = row.state;
    std::string days = !s.days_left ? "-"
                       : s.paused   ? fmt::format("{} paused", *s.days_left)
                       : s.overdue  ? fmt::format("{} late", -*s.days_left)
                       : !s.open    ? "done"
                                    : std::to_string(*s.days_left);
    int verified = 0;
    for (const auto& p : row.productions) verified += p.verified ? 1 : 0;
    std::string prods = row.productions.empty()
                            ? "-"
                            : fmt::format("{} ({} verified){}", row.productions.size(), verified,
                                          row.late ? " late" : "");
    std::string defs;
    for (const auto& [kind, count] : row.open_deficiencies) {
      defs += fmt::format("{}{} {}", defs.empty() ? "" : ", ", count, kind);
    }
    out +=
        fmt::format("{:<18} {:<24} {:<10} {:<40} {:>9} {:<22} {:<20} {}\n", row.recipient,
                    s.status + (s.extended ? " (ext)" : ""), s.served ? s.served->ToString() : "-",
                    s.due ? fmt::format("{} 23:59 {}", s.due->ToString(), row.time_zone) : "-",
                    days, prods, defs.empty() ? "-" : defs, row.last_note);
  }
  return out;
}

}  // namespace

std::function<int()> DefineDemandServe(CLI::App& app, CommandContext& context) {
  struct Args {
    Common c;
    std::string recipient, date;
  };
  auto a = std::make_shared<Args>();
  AddCommon(app, a->c);
  app.add_option("RECIPIENT", a->recipient, "The recipient's id in the spec")->required();
  app.add_option("--date", a->date, "Date of service, YYYY-MM-DD")->required();
  return [a, &context] {
    auto date = OptionalDate(a->date, "--date");
    if (!date.ok()) return ReportError(date.status());
    auto t = OpenTracked(a->c.spec, a->c.case_dir, context);
    if (!t.ok()) return ReportError(t.status());
    Status s = engine::DemandServe(*t->matter, t->spec, a->recipient, **date);
    if (!s.ok()) return ReportError(s);
    Print(fmt::format("{}: served {}\n", a->recipient, (*date)->ToString()));
    return kExitOk;
  };
}

std::function<int()> DefineDemandLog(CLI::App& app, CommandContext& context) {
  struct Args {
    Common c;
    engine::DemandLogRequest req;
    std::string date, new_due, promised;
  };
  auto a = std::make_shared<Args>();
  AddCommon(app, a->c);
  app.add_option("RECIPIENT", a->req.recipient, "The recipient's id in the spec")->required();
  app.add_option("--status", a->req.status,
                 "issued, served, acknowledged, waiting_on_requester, extension_granted, "
                 "partial_production, production_complete, no_responsive_documents, deficient, "
                 "overdue, escalated, in_litigation or closed")
      ->required();
  app.add_option("--note", a->req.note, "What happened");
  app.add_option("--date", a->date, "When, YYYY-MM-DD (default today, UTC)");
  app.add_option("--new-due", a->new_due, "extension_granted: the new due date");
  app.add_option("--promised", a->promised, "A date the recipient promised something by");
  return [a, &context] {
    for (auto [text, field, name] : {std::tuple{&a->date, &a->req.date, "--date"},
                                     std::tuple{&a->new_due, &a->req.new_due, "--new-due"},
                                     std::tuple{&a->promised, &a->req.promised, "--promised"}}) {
      auto d = OptionalDate(*text, name);
      if (!d.ok()) return ReportError(d.status());
      *field = *d;
    }
    if (!a->req.date) a->req.date = engine::TodayUtc(context.case_options);
    auto t = OpenTracked(a->c.spec, a->c.case_dir, context);
    if (!t.ok()) return ReportError(t.status());
    Status s = engine::DemandLog(*t->matter, t->spec, a->req);
    if (!s.ok()) return ReportError(s);
    Print(fmt::format("{}: {} on {}\n", a->req.recipient, a->req.status, a->req.date->ToString()));
    return kExitOk;
  };
}

std::function<int()> DefineDemandStatus(CLI::App& app, CommandContext& context) {
  struct Args {
    Common c;
    std::string as_of;
    bool csv = false, json = false;
  };
  auto a = std::make_shared<Args>();
  AddCommon(app, a->c);
  app.add_option("--as-of", a->as_of, "The day to report on, YYYY-MM-DD (default today, UTC)");
  app.add_flag("--csv", a->csv, "Print CSV");
  app.add_flag("--json", a->json, "Print JSON");
  return [a, &context] {
    auto as_of = AsOf(a->as_of, context);
    if (!as_of.ok()) return ReportError(as_of.status());
    auto t = OpenTracked(a->c.spec, a->c.case_dir, context);
    if (!t.ok()) return ReportError(t.status());
    auto r = engine::DemandStatus(*t->matter, t->spec, *as_of, kFollowUpDays);
    if (!r.ok()) return ReportError(r.status());
    Print(a->json ? engine::ToJson(*r) + "\n" : a->csv ? engine::ToCsv(*r) : StatusTable(*r));
    return kExitOk;
  };
}

std::function<int()> DefineDemandRemind(CLI::App& app, CommandContext& context) {
  struct Args {
    Common c;
    std::string as_of;
    int every = kFollowUpDays;
    bool json = false;
  };
  auto a = std::make_shared<Args>();
  AddCommon(app, a->c);
  app.add_option("--as-of", a->as_of, "The day, YYYY-MM-DD (default today, UTC)");
  app.add_option("--every", a->every, "Days between follow-ups (default 14)")
      ->check(CLI::Range(1, 365));
  app.add_flag("--json", a->json, "Print JSON");
  return [a, &context] {
    auto as_of = AsOf(a->as_of, context);
    if (!as_of.ok()) return ReportError(as_of.status());
    auto t = OpenTracked(a->c.spec, a->c.case_dir, context);
    if (!t.ok()) return ReportError(t.status());
    auto r = engine::DemandRemind(*t->matter, t->spec, *as_of, a->every);
    if (!r.ok()) return ReportError(r.status());
    if (a->json) {
      Print(engine::ToJson(*r) + "\n");
    } else if (r->empty()) {
      Print("Nothing due.\n");
    } else {
      for (const auto& m : *r) {
        Print(fmt::format("{:<20} {:<21} {}  {}\n", m.recipient, m.kind, m.date.ToString(),
                          m.reason));
      }
    }
    return kExitOk;
  };
}

// The next step drafted from a deficiency report, for a person to review (never sent): the
// requests with nothing produced, or, when the report cannot tie documents to requests (a
// production that fails verification as a whole), every request of the demand.
Status WriteEscalationDraft(const demand::DemandSpec& spec,
                            const engine::DemandDeficiencyReport& report, const std::string& kind,
                            const demand::CivilDate& as_of, const std::string& out) {
  std::vector<int> outstanding = report.requests_without_production;
  if (outstanding.empty()) {
    for (const demand::DemandRequest& r : spec.requests) outstanding.push_back(r.number);
  }
  std::vector<std::string> findings;
  for (const engine::DemandDeficiency& d : report.deficiencies) {
    findings.push_back(fmt::format("{}: {}", d.kind, d.detail));
  }
  const auto draft_kind = kind == "subpoena"
                              ? demand::letters::EscalationInput::Kind::kSubpoenaDucesTecum
                              : demand::letters::EscalationInput::Kind::kDeficiencyLetter;
  BATES_ASSIGN_OR_RETURN(auto input,
                         demand::letters::EscalationFromSpec(spec, report.recipient, outstanding,
                                                             std::move(findings), draft_kind));
  input.original_deadline = report.row.state.due;
  input.draft_date = as_of;
  BATES_ASSIGN_OR_RETURN(std::string html, demand::letters::RenderEscalationHtml(input));
  if (std::filesystem::path(out).extension() == ".pdf") {
    BATES_ASSIGN_OR_RETURN(
        html, demand::letters::RenderHtmlToPdf(html, {.title = demand::letters::kDraftBanner,
                                                      .footer = demand::letters::kDraftBanner}));
  }
  return WriteFileAtomic(out, html);
}

std::function<int()> DefineDemandDeficiency(CLI::App& app, CommandContext& context) {
  struct Args {
    Common c;
    std::string recipient, as_of, draft, kind = "deficiency";
    bool json = false;
  };
  auto a = std::make_shared<Args>();
  AddCommon(app, a->c);
  app.add_option("RECIPIENT", a->recipient, "The recipient's id in the spec")->required();
  app.add_option("--as-of", a->as_of, "The day, YYYY-MM-DD (default today, UTC)");
  app.add_option("--draft", a->draft,
                 "Also draft the next step from the report into FILE (.html or .pdf), headed "
                 "DRAFT, for counsel to review; bates never sends it");
  app.add_option("--kind", a->kind, "What to draft: deficiency (a letter) or subpoena")
      ->check(CLI::IsMember({"deficiency", "subpoena"}));
  app.add_flag("--json", a->json, "Print JSON");
  return [a, &context] {
    auto as_of = AsOf(a->as_of, context);
    if (!as_of.ok()) return ReportError(as_of.status());
    auto t = OpenTracked(a->c.spec, a->c.case_dir, context);
    if (!t.ok()) return ReportError(t.status());
    const demand::CivilDate day = *as_of;
    auto r = engine::DemandDeficiencyFor(*t->matter, t->spec, a->recipient, day);
    if (!r.ok()) return ReportError(r.status());
    if (!a->draft.empty()) {
      const std::string ext = std::filesystem::path(a->draft).extension().string();
      if (ext != ".html" && ext != ".pdf") {
        return ReportError(InvalidArgumentError("--draft {}: name a .html or .pdf file", a->draft));
      }
      if (Status s = WriteEscalationDraft(t->spec, *r, a->kind, day, a->draft); !s.ok()) {
        return ReportError(s);
      }
    }
    if (a->json) {
      Print(engine::ToJson(*r) + "\n");
      return kExitOk;
    }
    std::string out = fmt::format("Deficiencies of {} ({}), status {}:\n", r->recipient, r->agency,
                                  r->row.state.status);
    if (r->deficiencies.empty()) out += "  none found\n";
    for (const auto& d : r->deficiencies) out += fmt::format("  {}: {}\n", d.kind, d.detail);
    if (!r->requests_without_production.empty()) {
      out += "Requests with nothing produced:";
      for (int n : r->requests_without_production) out += fmt::format(" {}", n);
      out += "\n";
    }
    if (!a->draft.empty()) {
      out += fmt::format("Drafted: {} ({})\n", a->draft, demand::letters::kDraftBanner);
    }
    Print(out);
    return kExitOk;
  };
}

int RunSpecIntake(const std::string& spec, const std::string& volume, const std::string& recipient,
                  const std::string& case_dir, const std::string& received, bool partial,
                  bool index, bool index_unverified, int jobs, bool json, bool no_progress,
                  CommandContext& context) {
  engine::SpecIntakeRequest req;
  req.spec_path = spec;
  req.case_override = case_dir;
  req.recipient = recipient;
  req.volume = volume;
  auto d = OptionalDate(received, "--received");
  if (!d.ok()) return ReportError(d.status());
  req.received = *d;
  req.partial = partial;
  req.index = index;
  req.index_unverified = index_unverified;
  req.jobs = jobs;
  ProgressBar bar(!no_progress && !json);
  auto outcome = engine::IntakeAgainstSpec(req, context.case_options, bar);
  if (!outcome.ok()) return ReportError(outcome.status());
  if (json) {
    Print(engine::ToJson(*outcome) + "\n");
  } else {
    const auto& r = outcome->report;
    std::string out =
        fmt::format("Volume {} from {}: {} documents, {}; recorded in {}.\n", r.volume, recipient,
                    r.documents, r.verified ? "VERIFIED" : "NOT VERIFIED",
                    engine::RequesterCaseDir(spec, case_dir).string());
    for (const auto& def : r.defects) out += fmt::format("  {}: {}\n", def.kind, def.detail);
    Print(out);
  }
  return kExitOk;
}

}  // namespace bates::cli
