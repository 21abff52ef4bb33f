#include "cli/tar_commands.h"

#include <fmt/format.h>

#include <cstdio>
#include <fstream>
#include <memory>

#include "engine/json.h"
#include "engine/tar_chart.h"

namespace bates::cli {
namespace {

void Print(const std::string& text) {
  std::fwrite(text.data(), 1, text.size(), stdout);
  if (text.empty() || text.back() != '\n') std::fputc('\n', stdout);
}

Status WriteText(const std::string& path, const std::string& text) {
  std::ofstream out(path, std::ios::binary | std::ios::trunc);
  out << text;
  out.close();
  if (!out) return IoError("cannot write {}", path);
  return Status::Ok();
}

std::string Effort(const std::optional<double>& n) {
  return n ? fmt::format("{:.0f}", *n) : std::string("-");
}

void PrintSimulation(const engine::TarSimulateReport& r) {
  Print(fmt::format("Topic {}: {} responsive of {} documents (seed: {})", r.topic, r.relevant,
                    r.documents, r.seed));
  if (r.labels_unmatched > 0) {
    Print(fmt::format("  {} label rows name no item of the case", r.labels_unmatched));
  }
  std::string line = "Reviews to reach recall:";
  for (const auto& [level, n] : r.effort_at) line += fmt::format("  {} → {}", level, Effort(n));
  Print(line);
  if (r.has_references) {
    const auto row = [](const char* name, const engine::TarEfforts& e) {
      std::string s = fmt::format("  {:<10}", name);
      for (const auto& [level, n] : e) s += fmt::format("  {} → {}", level, Effort(n));
      return s;
    };
    Print(row("random", r.random));
    Print(row("seed only", r.seed_only));
    Print(row("ideal", r.ideal));
  }
  const auto stop = [](const char* name, const engine::TarStopView& s) {
    return s.fired ? fmt::format("{} rule stops after {} reviews, recall {:.1f}%", name, s.reviewed,
                                 s.recall * 100)
                   : fmt::format("{} rule had not fired after {} reviews", name, s.reviewed);
  };
  Print(stop("Knee", r.knee));
  Print(stop("Target", r.target));
  const engine::TarElusionView& e = r.elusion;
  Print(fmt::format(
      "Elusion test after {} reviews: {} of {} unreviewed sampled, {} responsive; recall "
      "{:.1f}% ({:.0f}% interval {:.1f}% to {:.1f}%), true recall {:.1f}%",
      e.reviewed, e.sample, e.remainder, e.responsive_in_sample, e.recall_estimate * 100,
      e.confidence * 100, e.ci_low * 100, e.ci_high * 100, e.true_recall * 100));
  if (e.repeats > 0) {
    Print(
        fmt::format("Calibration: {} of {} intervals hold the true recall (share {:.3f} to {:.3f})",
                    e.covered, e.repeats, e.coverage_low, e.coverage_high));
  }
}

std::function<int()> DefineSimulate(CLI::App& app, CommandContext& context) {
  struct Args {
    std::string dir, labels, chart;
    engine::TarSimulateRequest request;
    bool json = false;
  };
  auto a = std::make_shared<Args>();
  app.add_option("CASE", a->dir, "Case folder")->required();
  app.add_option("--labels", a->labels,
                 "TSV with header 'path<TAB>label': a collected file's path relative to the "
                 "folder added, or an item id; 1 responsive, 0 not (absent items count as 0)")
      ->required();
  app.add_option("--topic", a->request.topic, "Name for the report (default: the labels file's)");
  app.add_option("--seed-text", a->request.seed_text,
                 "A synthetic responsive document, e.g. the request's description");
  app.add_option("--seed-query", a->request.seed_query,
                 "A query whose best hits are reviewed first");
  app.add_option("--seed-docs", a->request.seed_docs, "Known responsive items (ids)");
  app.add_option("--random-seed", a->request.random_seed,
                 "Seed of the simulation's random draws (default 1)");
  app.add_option("--confidence", a->request.confidence,
                 "Confidence of the elusion test's interval (default 0.95)")
      ->check(CLI::Range(0.5, 0.999));
  app.add_option("--margin", a->request.margin,
                 "Margin of error of the elusion rate, for the sample size (default 0.05)")
      ->check(CLI::Range(0.001, 0.5));
  app.add_option("--elusion-repeats", a->request.elusion_repeats,
                 "Repeat the elusion test with fresh samples and count the intervals that hold "
                 "the true recall (calibration)");
  app.add_flag("--references", a->request.references,
               "Also compute random review, the seed alone and 5-fold cross-validation on all "
               "labels, on the same documents");
  app.add_option("--cost", a->request.cost,
                 "liblinear's C for CAL and the near-ideal bound (default 0.1; see docs/TAR.md)")
      ->check(CLI::PositiveNumber);
  app.add_option("--chart", a->chart, "Write the gain curve to this .svg or .html file");
  app.add_flag("--json", a->json, "Print JSON");
  return [a, &context] {
    auto c = engine::Case::Open(a->dir, context.case_options);
    if (!c.ok()) return ReportError(c.status());
    a->request.labels = a->labels;
    auto report = (*c)->TarSimulate(a->request);
    if (!report.ok()) return ReportError(report.status());
    if (!a->chart.empty()) {
      const bool html = a->chart.size() >= 5 && a->chart.substr(a->chart.size() - 5) == ".html";
      Status s =
          WriteText(a->chart, html ? engine::TarChartHtml(*report) : engine::TarChartSvg(*report));
      if (!s.ok()) return ReportError(s);
    }
    if (a->json) {
      Print(engine::ToJson(*report));
    } else {
      PrintSimulation(*report);
      if (!a->chart.empty()) Print(fmt::format("Chart: {}", a->chart));
    }
    return kExitOk;
  };
}

std::function<int()> DefineStart(CLI::App& app, CommandContext& context) {
  struct Args {
    std::string dir;
    engine::TarStartRequest request;
  };
  auto a = std::make_shared<Args>();
  app.add_option("CASE", a->dir, "Case folder")->required();
  app.add_option("--topic", a->request.topic, "What the review is for (e.g. the request)");
  app.add_option("--seed-text", a->request.seed_text,
                 "A synthetic responsive document, e.g. the request's description");
  app.add_option("--seed-docs", a->request.seed_docs, "Known responsive items (ids)");
  return [a, &context] {
    auto c = engine::Case::Open(a->dir, context.case_options);
    if (!c.ok()) return ReportError(c.status());
    if (Status s = (*c)->TarStart(a->request); !s.ok()) return ReportError(s);
    Print(fmt::format("Review started. Next: bates tar next {}", a->dir));
    return kExitOk;
  };
}

std::function<int()> DefineNext(CLI::App& app, CommandContext& context) {
  struct Args {
    std::string dir;
    uint32_t batch = 0;
    bool json = false;
  };
  auto a = std::make_shared<Args>();
  app.add_option("CASE", a->dir, "Case folder")->required();
  app.add_option("--batch", a->batch,
                 "Documents in this batch (default: the review's, growing by a tenth a round)");
  app.add_flag("--json", a->json, "Print JSON");
  return [a, &context] {
    auto c = engine::Case::Open(a->dir, context.case_options);
    if (!c.ok()) return ReportError(c.status());
    auto report = (*c)->TarNext(a->batch);
    if (!report.ok()) return ReportError(report.status());
    if (a->json) {
      Print(engine::ToJson(*report));
      return kExitOk;
    }
    Print(fmt::format("Round {}: {} documents to review, best first", report->round,
                      report->items.size()));
    for (const engine::TarBatchItemView& i : report->items) {
      Print(fmt::format("{:>4}  {}  {:+.3f}  {}  {}", i.rank, i.id, i.score, i.title, i.path));
    }
    Print(fmt::format("Code them: bates tar code {} ID... --responsive|--not-responsive", a->dir));
    return kExitOk;
  };
}

std::function<int()> DefineCode(CLI::App& app, CommandContext& context) {
  struct Args {
    std::string dir;
    std::vector<std::string> ids;
    bool yes = false, no = false, json = false;
  };
  auto a = std::make_shared<Args>();
  app.add_option("CASE", a->dir, "Case folder")->required();
  app.add_option("ID", a->ids, "Items coded")->required();
  auto* yes = app.add_flag("--responsive", a->yes, "They are responsive");
  auto* no = app.add_flag("--not-responsive", a->no, "They are not responsive");
  yes->excludes(no);
  app.add_flag("--json", a->json, "Print JSON");
  return [a, &context] {
    if (a->yes == a->no) {
      return ReportError(InvalidArgumentError("say --responsive or --not-responsive"));
    }
    auto c = engine::Case::Open(a->dir, context.case_options);
    if (!c.ok()) return ReportError(c.status());
    auto report = (*c)->TarCode(a->ids, a->yes);
    if (!report.ok()) return ReportError(report.status());
    if (a->json) {
      Print(engine::ToJson(*report));
    } else {
      Print(fmt::format("Coded {} items; {} family members and duplicates coded with them",
                        report->coded, report->propagated));
    }
    return kExitOk;
  };
}

std::function<int()> DefineStatus(CLI::App& app, CommandContext& context) {
  struct Args {
    std::string dir;
    bool json = false;
  };
  auto a = std::make_shared<Args>();
  app.add_option("CASE", a->dir, "Case folder")->required();
  app.add_flag("--json", a->json, "Print JSON");
  return [a, &context] {
    auto c = engine::Case::Open(a->dir, context.case_options);
    if (!c.ok()) return ReportError(c.status());
    auto r = (*c)->TarStatus();
    if (!r.ok()) return ReportError(r.status());
    if (a->json) {
      Print(engine::ToJson(*r));
    } else if (!r->started) {
      Print("No review started: bates tar start CASE --seed-text TEXT");
    } else {
      Print(fmt::format(
          "Review '{}': {} of {} documents reviewed, {} responsive ({} coded by propagation); "
          "{} rounds, next batch {}. Knee rule: {}",
          r->topic, r->reviewed, r->documents, r->responsive, r->propagated, r->rounds,
          r->next_batch, r->knee_fired ? "may stop" : "go on"));
    }
    return kExitOk;
  };
}

}  // namespace

std::function<int()> DefineTar(CLI::App& app, CommandContext& context) {
  return DefineSubcommands(
      app, context,
      {
          {"start", "Start the case's review from a seed", DefineStart},
          {"next", "Retrain on every coding so far and propose the next batch", DefineNext},
          {"code", "Code items responsive or not (passed on to duplicates and families)",
           DefineCode},
          {"status", "How far the review is: reviewed, responsive, rounds, the knee rule",
           DefineStatus},
          {"simulate", "Play the reviewer from a labels file: gain curve, stopping rules, elusion",
           DefineSimulate},
      });
}

}  // namespace bates::cli
