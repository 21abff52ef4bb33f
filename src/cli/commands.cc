#include "cli/commands.h"

#include <fmt/format.h>

#include <charconv>
#include <cstdio>
#include <fstream>
#include <memory>
#include <sstream>

#include "cli/demand_commands.h"
#include "cli/intake_command.h"
#include "cli/progress_bar.h"
#include "cli/review_commands.h"
#include "cli/serve_command.h"
#include "cli/tar_commands.h"
#include "cli/user_commands.h"
#include "core/file.h"
#include "core/text.h"
#include "demand/spec.h"
#include "engine/json.h"
#include "engine/matter_demand.h"
#include "engine/terms_format.h"

namespace bates::cli {
namespace {

void Print(const std::string& text) {
  std::fwrite(text.data(), 1, text.size(), stdout);
  if (text.empty() || text.back() != '\n') std::fputc('\n', stdout);
}

Result<std::unique_ptr<engine::Case>> OpenCase(const std::string& dir, const CommandContext& c) {
  return engine::Case::Open(dir, c.case_options);
}

// --- init ---------------------------------------------------------------------------------------

std::function<int()> DefineInit(CLI::App& app, CommandContext& context) {
  struct Args {
    std::string dir;
    engine::InitRequest request;
    std::string demand;
    std::string served;
    bool json = false;
  };
  auto a = std::make_shared<Args>();
  app.add_option("CASE", a->dir, "Folder to create the case in")->required();
  app.add_option("--name", a->request.name, "Matter name (default: the folder's name)");
  app.add_option("--time-zone", a->request.time_zone,
                 "IANA time zone of the matter: dates, date: ranges (default UTC)");
  app.add_option("--index-shards", a->request.index_shards,
                 "Xapian shards the index is split into, written in parallel; fixed for the "
                 "case (default 2)");
  app.add_option("--demand", a->demand,
                 "Start the matter from the demand spec it answers: its requests, timeframe and "
                 "deadline are kept with the matter");
  app.add_option("--served", a->served,
                 "With --demand: the date the demand was served, YYYY-MM-DD (the matter keeps "
                 "the computed due date)");
  app.add_flag("--json", a->json, "Print JSON");
  return [a, &context] {
    if (!a->demand.empty()) {
      auto spec = demand::LoadDemandSpec(a->demand);
      if (!spec.ok()) return ReportError(spec.status().WithContext("--demand"));
      std::optional<demand::CivilDate> served;
      if (!a->served.empty()) {
        auto d = demand::ParseCivilDate(a->served);
        if (!d.ok()) return ReportError(d.status().WithContext("--served"));
        served = *d;
      }
      a->request.demand = engine::MatterDemandFromSpec(*spec, served);
    } else if (!a->served.empty()) {
      return ReportError(InvalidArgumentError("--served needs --demand SPEC"));
    }
    auto created = engine::Case::Create(a->dir, a->request, context.case_options);
    if (!created.ok()) return ReportError(created.status());
    auto info = (*created)->Info();
    if (!info.ok()) return ReportError(info.status());
    if (a->json) {
      Print(engine::ToJson(*info));
    } else {
      Print(
          fmt::format("Created matter '{}' in {} (time zone {}).\nNext: bates add {} "
                      "--custodian NAME FOLDER-OR-FILE",
                      info->name, info->path, info->time_zone, a->dir));
      if (info->demand) {
        Print(fmt::format("Demand: {} ({} request(s), timeframe {} to {}).", info->demand->title,
                          info->demand->requests.size(), info->demand->timeframe_start,
                          info->demand->timeframe_end));
      }
    }
    return kExitOk;
  };
}

// --- add ----------------------------------------------------------------------------------------

std::function<int()> DefineAdd(CLI::App& app, CommandContext& context) {
  struct Args {
    std::string dir;
    engine::AddRequest request;
    std::vector<std::string> paths;
    bool json = false;
    bool no_progress = false;
    int helper_seconds = 0;
  };
  auto a = std::make_shared<Args>();
  app.add_option("CASE", a->dir, "Case folder")->required();
  app.add_option("PATH", a->paths, "Folders or files to collect")->required();
  app.add_option("--custodian", a->request.custodian, "Whose records these are")->required();
  app.add_option("--jobs,-j", a->request.jobs, "Files extracted at once (default: one per core)");
  app.add_option("--max-depth", a->request.limits.max_depth, "Deepest nesting of containers");
  app.add_option("--helper-timeout", a->helper_seconds,
                 "Seconds an isolated reader may take per document (default 120)");
  app.add_option("--batch-items", a->request.batch_items,
                 "Items per commit; a killed run redoes at most one batch (default 20000)");
  app.add_flag("--no-progress", a->no_progress, "No progress bar");
  app.add_flag("--json", a->json, "Print JSON");
  return [a, &context] {
    auto c = OpenCase(a->dir, context);
    if (!c.ok()) return ReportError(c.status());
    for (const std::string& p : a->paths) a->request.paths.emplace_back(p);
    if (a->helper_seconds > 0)
      a->request.limits.helper_time_limit = std::chrono::seconds(a->helper_seconds);
    a->request.cancel = context.cancel;
    ProgressBar bar(!a->no_progress && !a->json);
    auto report = (*c)->Add(a->request, bar);
    if (!report.ok()) return ReportError(report.status());
    if (a->json) {
      Print(engine::ToJson(*report));
    } else {
      for (const engine::SourceAddReport& s : report->sources) {
        std::string skipped =
            s.files_skipped > 0 ? fmt::format(", {} already collected", s.files_skipped) : "";
        std::string redone =
            s.removed_unfinished > 0
                ? fmt::format(", {} items of an interrupted run redone", s.removed_unfinished)
                : "";
        Print(fmt::format("{} ({}): {} files, {} items, {} exceptions{}{}", s.path, s.custodian,
                          s.files, s.items, s.exceptions, skipped, redone));
      }
      Print(fmt::format(
          "Collected {} items in {:.1f} s.{}", report->items, report->seconds,
          report->exceptions > 0
              ? fmt::format(" {} exceptions: see `bates account {}`.", report->exceptions, a->dir)
              : ""));
    }
    return report->exceptions > 0 ? kExitItemExceptions : kExitOk;
  };
}

// --- search -------------------------------------------------------------------------------------

// Snippets are HTML (matched words in <b>, the rest escaped) for the JSON and the web; on a
// terminal the matched words are shown in [brackets].
std::string SnippetAsText(const std::string& html) {
  static const std::pair<std::string_view, std::string_view> kReplacements[] = {
      {"<b>", "["},     {"</b>", "]"},  {"&lt;", "<"}, {"&gt;", ">"},
      {"&quot;", "\""}, {"&#39;", "'"}, {"&amp;", "&"}};
  std::string out;
  for (size_t i = 0; i < html.size();) {
    bool replaced = false;
    for (auto [from, to] : kReplacements) {
      if (html.compare(i, from.size(), from) == 0) {
        out += to;
        i += from.size();
        replaced = true;
        break;
      }
    }
    if (!replaced) out += html[i++];
  }
  for (char& c : out) {
    if (c == '\n') c = ' ';
  }
  return out;
}

std::function<int()> DefineSearch(CLI::App& app, CommandContext& context) {
  struct Args {
    std::string dir;
    engine::SearchRequest request;
    bool no_save = false;
    bool json = false;
  };
  auto a = std::make_shared<Args>();
  app.add_option("CASE", a->dir, "Case folder")->required();
  app.add_option("QUERY", a->request.query, "What to look for (docs/QUERY-LANGUAGE.md)")
      ->required();
  app.add_option("--limit,-n", a->request.limit, "Hits to show (default 20)");
  app.add_option("--offset", a->request.offset, "Hits to skip");
  app.add_flag("--by-date", a->request.by_date, "Oldest first instead of best first");
  app.add_option("--user", a->request.user, "Who runs it, for the saved search (default $USER)");
  app.add_flag("--no-save", a->no_save, "Do not keep it among the saved searches");
  app.add_flag("--json", a->json, "Print JSON");
  return [a, &context] {
    auto c = OpenCase(a->dir, context);
    if (!c.ok()) return ReportError(c.status());
    a->request.save = !a->no_save;
    auto report = (*c)->Search(a->request);
    if (!report.ok()) return ReportError(report.status());
    if (a->json) {
      Print(engine::ToJson(*report));
      return kExitOk;
    }
    Print(fmt::format("{} documents match {}", report->total, report->query));
    for (const engine::SearchHitView& h : report->hits) {
      Print(fmt::format("\n{}  {}  {}  [{}]\n    {}\n    {}", h.id,
                        h.date.empty() ? std::string("(no date)") : h.date.substr(0, 10), h.title,
                        h.custodian, h.path, SnippetAsText(h.snippet)));
    }
    return kExitOk;
  };
}

// --- show ---------------------------------------------------------------------------------------

void PrintItem(const engine::ItemView& v) {
  auto line = [](std::string_view label, const std::string& value) {
    if (!value.empty()) Print(fmt::format("{:<14}{}", label, value));
  };
  auto join = [](const std::vector<std::string>& list) {
    std::string out;
    for (const std::string& s : list) out += (out.empty() ? "" : "; ") + s;
    return out;
  };
  auto date = [](const std::optional<engine::DateView>& d) {
    return d ? fmt::format("{} (written {})", d->local, d->original) : std::string();
  };
  line("id", v.id);
  line("kind", v.kind);
  line("status", v.exception ? fmt::format("exception — {}: {} ({})", v.exception->code,
                                           v.exception->message, v.exception->tool)
                             : v.status);
  line("flags", join(v.flags));
  line("custodian", v.custodian);
  line("path", v.path);
  line("type", v.mime_type + (v.reader.empty() ? "" : " (read by " + v.reader + ")"));
  line("size", fmt::format("{} bytes", v.size));
  line("md5", v.md5);
  line("sha1", v.sha1);
  line("sha256", v.sha256);
  line("from", v.from);
  line("to", join(v.to));
  line("cc", join(v.cc));
  line("bcc", join(v.bcc));
  line("subject", v.subject);
  line("title", v.title);
  line("author", v.author);
  line("file name", v.file_name);
  line("sent", date(v.sent));
  line("created", date(v.created));
  line("modified", date(v.modified));
  line("sort date", date(v.sort_date));
  line("message-id", v.message_id);
  line("in-reply-to", v.in_reply_to);
  for (const auto& [k, val] : v.extra) line(k, val);
  if (v.analytics) {
    const engine::ItemAnalyticsView& a = *v.analytics;
    line("duplicate of", a.duplicate_of.value_or(""));
    line("custodians", join(a.all_custodians));
    if (a.near_group) {
      line("near group", fmt::format("{} ({:.0f}% similar to its pivot)", *a.near_group,
                                     a.near_similarity.value_or(0) * 100));
    }
    if (a.thread) {
      line("thread", fmt::format("{} (message {} of {}{}){}", *a.thread,
                                 a.thread_position.value_or(0), a.thread_size.value_or(0),
                                 a.thread_parent ? ", answers " + *a.thread_parent : "",
                                 a.inclusive.value_or(false) ? ", inclusive" : ""));
    }
  }
  line("family", fmt::format("{} ({} items)", v.family_id, v.family.size()));
  if (v.parent_id) line("parent", *v.parent_id);
  for (const auto& c : v.children) line("child", fmt::format("{}  {} ({})", c.id, c.name, c.kind));
  if (v.text) {
    Print(fmt::format("\n--- text ({} bytes) ---", v.text_bytes));
    Print(*v.text);
  }
}

void PrintHighlight(const engine::HighlightView& h) {
  Print(fmt::format("\n--- highlight: {} ({}) ---", h.query,
                    h.matches ? "the item matches" : "the item does not match"));
  std::string offsets;
  for (const engine::HighlightHitView& hit : h.hits) {
    offsets +=
        fmt::format("{}{}+{} {}", offsets.empty() ? "" : ", ", hit.offset, hit.length, hit.word);
  }
  Print(fmt::format("{} hits in {} characters{}{}", h.hits.size(), h.text_length,
                    offsets.empty() ? "" : ": ", offsets));
  for (const std::string& snippet : h.snippets) Print("  " + SnippetAsText(snippet));
}

std::function<int()> DefineShow(CLI::App& app, CommandContext& context) {
  struct Args {
    std::string dir, id, highlight;
    bool json = false;
    bool no_text = false;
    bool redacted = false;
  };
  auto a = std::make_shared<Args>();
  app.add_option("CASE", a->dir, "Case folder")->required();
  app.add_option("ID", a->id, "Item id, e.g. DOC-000123")->required();
  app.add_flag("--no-text", a->no_text, "Leave out the extracted text");
  app.add_flag("--redacted", a->redacted,
               "The text as it will be produced: each redaction replaced by its label");
  app.add_option("--highlight", a->highlight,
                 "A query: where its words stand in the text (offsets), with snippets");
  app.add_flag("--json", a->json, "Print JSON");
  return [a, &context] {
    auto c = OpenCase(a->dir, context);
    if (!c.ok()) return ReportError(c.status());
    auto item = (*c)->Show(a->id, !a->no_text);
    if (!item.ok()) return ReportError(item.status());
    if (a->redacted && item->text) {
      auto redacted = (*c)->RedactedText(a->id);
      if (!redacted.ok()) return ReportError(redacted.status());
      item->text = std::move(redacted->text);
      item->text_redacted = true;
    }
    if (!a->highlight.empty()) {
      auto highlight = (*c)->Highlight(a->id, a->highlight);
      if (!highlight.ok()) return ReportError(highlight.status());
      item->highlight = std::move(highlight).value();
    }
    if (a->json) {
      Print(engine::ToJson(*item));
    } else {
      PrintItem(*item);
      if (item->highlight) PrintHighlight(*item->highlight);
    }
    return kExitOk;
  };
}

// --- account ------------------------------------------------------------------------------------

std::function<int()> DefineAccount(CLI::App& app, CommandContext& context) {
  struct Args {
    std::string dir;
    bool json = false;
  };
  auto a = std::make_shared<Args>();
  app.add_option("CASE", a->dir, "Case folder")->required();
  app.add_flag("--json", a->json, "Print JSON");
  return [a, &context] {
    auto c = OpenCase(a->dir, context);
    if (!c.ok()) return ReportError(c.status());
    auto report = (*c)->Account();
    if (!report.ok()) return ReportError(report.status());
    if (a->json) {
      Print(engine::ToJson(*report));
      return report->balanced ? kExitOk : kExitFailed;
    }
    Print(fmt::format("{:>9} {:>9} {:>10}  {}", "items", "processed", "exceptions",
                      "source (custodian)"));
    for (const engine::SourceAccountView& s : report->sources) {
      Print(fmt::format("{:>9} {:>9} {:>10}  {} ({}){}", s.items, s.processed, s.exceptions, s.path,
                        s.custodian, s.complete ? "" : " — collection not finished"));
    }
    Print(fmt::format(
        "{:>9} {:>9} {:>10}  total — {}", report->items, report->processed, report->exceptions,
        report->balanced ? "balanced: every item is processed or an exception" : "NOT BALANCED"));
    if (!report->exception_items.empty()) {
      Print("\nExceptions:");
      for (const engine::ExceptionItemView& e : report->exception_items) {
        Print(fmt::format("{}  {}\n    {}", e.id, e.path, e.reason));
      }
    }
    return report->balanced ? kExitOk : kExitFailed;
  };
}

// --- list ---------------------------------------------------------------------------------------

std::function<int()> DefineList(CLI::App& app, CommandContext& context) {
  struct Args {
    std::string dir;
    int64_t offset = 0;
    int64_t limit = 0;
    bool json = false;
  };
  auto a = std::make_shared<Args>();
  app.add_option("CASE", a->dir, "Case folder")->required();
  app.add_option("--offset", a->offset, "Items to skip");
  app.add_option("--limit,-n", a->limit, "Items to list (default: all)");
  app.add_flag("--json", a->json, "Print JSON");
  return [a, &context] {
    auto c = OpenCase(a->dir, context);
    if (!c.ok()) return ReportError(c.status());
    auto report = (*c)->List(a->offset, a->limit);
    if (!report.ok()) return ReportError(report.status());
    if (a->json) {
      Print(engine::ToJson(*report));
      return kExitOk;
    }
    for (const engine::ItemRowView& r : report->items) {
      Print(fmt::format("{}  {:<10} {:<9} {:<10}  {}", r.id, r.kind, r.status,
                        r.date.empty() ? std::string("-") : r.date.substr(0, 10), r.path));
    }
    return kExitOk;
  };
}

// --- terms --------------------------------------------------------------------------------------

// One query per line; blank lines and lines starting with '#' are skipped.
Result<std::vector<std::string>> ReadTerms(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  if (!in) return NotFoundError("cannot read the term list {}", path);
  std::vector<std::string> terms;
  std::string line;
  while (std::getline(in, line)) {
    if (!line.empty() && line.back() == '\r') line.pop_back();
    std::string_view trimmed = TrimAscii(line);
    if (trimmed.empty() || trimmed.front() == '#') continue;
    terms.emplace_back(trimmed);
  }
  if (terms.empty()) return InvalidArgumentError("the term list {} holds no term", path);
  return terms;
}

Status WriteText(const std::string& path, const std::string& text) {
  std::ofstream out(path, std::ios::binary | std::ios::trunc);
  out << text;
  out.close();
  if (!out) return IoError("cannot write {}", path);
  return Status::Ok();
}

// The demand a matter answers, for `bates info` (started with `bates init --demand SPEC`).
void PrintMatterDemand(const engine::MatterDemandView& d) {
  Print(fmt::format(
      "demand     {}\n  issuer    {}\n  basis     {}\n  timeframe {} to {}"
      "\n  deadline  {}\n  spec      {}\n  requests",
      d.title, d.issuer, d.legal_basis, d.timeframe_start, d.timeframe_end, d.deadline, d.source));
  for (const engine::MatterDemandRequestView& r : d.requests) {
    Print(fmt::format("    {}. {}", r.number, r.text));
  }
}

void PrintTerms(const engine::TermsReport& report) {
  if (!report.demand_timeframe.empty()) {
    Print(fmt::format("The demand's timeframe: {}", report.demand_timeframe));
  }
  for (const engine::TermListView& list : report.lists) {
    Print(fmt::format("\n{} terms (spaces read as {}; {} documents in the case)",
                      list.side == "requester" ? "Requester's" : "Responder's",
                      report.spaces == "phrase" ? "phrases" : "AND", report.documents_in_case));
    Print(fmt::format("{:>9} {:>9} {:>8} {:>8} {:>9} {:>9}  {}", "docs", "dedup", "unique",
                      "u.dedup", "families", "f.dedup", "term"));
    auto row = [](const engine::TermRowView& r, bool total) {
      if (!r.error.empty())
        return fmt::format("{:>67}  {}\n{:>69}error: {}", "", r.term, "", r.error);
      return fmt::format("{:>9} {:>9} {:>8} {:>8} {:>9} {:>9}  {}", r.documents, r.documents_dedup,
                         total ? std::string("") : std::to_string(r.unique),
                         total ? std::string("") : std::to_string(r.unique_dedup), r.families,
                         r.families_dedup, r.term);
    };
    for (const engine::TermRowView& r : list.terms) Print(row(r, false));
    Print(row(list.total, true));
  }
}

std::function<int()> DefineTerms(CLI::App& app, CommandContext& context) {
  struct Args {
    std::string dir, terms, requester, csv, html;
    engine::TermsRequest request;
    bool json = false;
  };
  auto a = std::make_shared<Args>();
  app.add_option("CASE", a->dir, "Case folder")->required();
  app.add_option("TERMS", a->terms, "The responder's terms: one query per line, # comments")
      ->required();
  app.add_option("--requester", a->requester, "The requester's terms, shown side by side");
  app.add_option("--csv", a->csv, "Also write the report as CSV to this file");
  app.add_option("--html", a->html, "Also write the report as an HTML page to this file");
  app.add_option("--user", a->request.user, "Who runs it, for the saved searches (default $USER)");
  app.add_flag("--json", a->json, "Print JSON");
  return [a, &context] {
    auto responder = ReadTerms(a->terms);
    if (!responder.ok()) return ReportError(responder.status());
    a->request.responder = std::move(responder).value();
    if (!a->requester.empty()) {
      auto requester = ReadTerms(a->requester);
      if (!requester.ok()) return ReportError(requester.status());
      a->request.requester = std::move(requester).value();
    }
    auto c = OpenCase(a->dir, context);
    if (!c.ok()) return ReportError(c.status());
    auto report = (*c)->Terms(a->request);
    if (!report.ok()) return ReportError(report.status());
    if (!a->csv.empty()) {
      if (Status s = WriteText(a->csv, engine::TermsCsv(*report)); !s.ok()) return ReportError(s);
    }
    if (!a->html.empty()) {
      auto info = (*c)->Info();
      if (!info.ok()) return ReportError(info.status());
      if (Status s = WriteText(a->html, engine::TermsHtml(*report, info->name)); !s.ok()) {
        return ReportError(s);
      }
    }
    if (a->json) {
      Print(engine::ToJson(*report));
    } else {
      PrintTerms(*report);
      Print(fmt::format("\n{} s.{}{}", fmt::format("{:.2f}", report->seconds),
                        a->csv.empty() ? "" : " CSV: " + a->csv + ".",
                        a->html.empty() ? "" : " HTML: " + a->html + "."));
    }
    // A malformed term is a usage error, after the report of the others.
    return report->has_errors ? kExitUsage : kExitOk;
  };
}

// --- searches -----------------------------------------------------------------------------------

std::function<int()> DefineSearches(CLI::App& app, CommandContext& context) {
  struct Args {
    std::string dir;
    bool json = false;
  };
  auto a = std::make_shared<Args>();
  app.add_option("CASE", a->dir, "Case folder")->required();
  app.add_flag("--json", a->json, "Print JSON");
  return [a, &context] {
    auto c = OpenCase(a->dir, context);
    if (!c.ok()) return ReportError(c.status());
    auto report = (*c)->Searches();
    if (!report.ok()) return ReportError(report.status());
    if (a->json) {
      Print(engine::ToJson(*report));
      return kExitOk;
    }
    for (const engine::SavedSearchView& s : report->searches) {
      Print(fmt::format("{:>5}  {}  {:<12} {:<7} {:>9} hits  {}{}", s.number, s.ran_at, s.ran_by,
                        s.origin, s.hits, s.query,
                        s.spaces == "phrase" ? "  (spaces: phrase)" : ""));
    }
    return kExitOk;
  };
}

// --- set ----------------------------------------------------------------------------------------

std::function<int()> DefineSet(CLI::App& app, CommandContext& context) {
  struct Args {
    std::string dir, key, value;
  };
  auto a = std::make_shared<Args>();
  app.add_option("CASE", a->dir, "Case folder")->required();
  app.add_option("KEY", a->key, "search.spaces")->required();
  app.add_option("VALUE", a->value,
                 "search.spaces: 'and' (words separated by spaces are ANDed) or 'phrase' (read "
                 "as a phrase, as dtSearch does)")
      ->required();
  return [a, &context] {
    if (a->key != "search.spaces" || (a->value != "and" && a->value != "phrase")) {
      return ReportError(InvalidArgumentError(
          "unknown setting '{} {}': known is search.spaces and|phrase", a->key, a->value));
    }
    auto c = OpenCase(a->dir, context);
    if (!c.ok()) return ReportError(c.status());
    if (Status s = (*c)->SetSpacesMeanPhrase(a->value == "phrase"); !s.ok()) return ReportError(s);
    Print(fmt::format("{} = {}", a->key, a->value));
    return kExitOk;
  };
}

// --- analyze ------------------------------------------------------------------------------------

std::function<int()> DefineAnalyze(CLI::App& app, CommandContext& context) {
  struct Args {
    std::string dir;
    engine::AnalyzeRequest request;
    std::string scope;
    double threshold_percent = 0;
    bool json = false;
  };
  auto a = std::make_shared<Args>();
  app.add_option("CASE", a->dir, "Case folder")->required();
  app.add_option("--dedup-scope", a->scope,
                 "Exact duplicates across the whole matter (global) or within each custodian "
                 "(custodian); kept as the matter's setting (default global)")
      ->check(CLI::IsMember({"global", "custodian"}));
  app.add_option("--near-threshold", a->threshold_percent,
                 "Least similarity to a group's pivot, in percent, for a near-duplicate; kept as "
                 "the matter's setting (default 90)")
      ->check(CLI::Range(1.0, 100.0));
  app.add_option("--threads", a->request.threads,
                 "Threads for near-duplicate grouping (default 2)");
  app.add_flag("--json", a->json, "Print JSON");
  return [a, &context] {
    auto c = OpenCase(a->dir, context);
    if (!c.ok()) return ReportError(c.status());
    if (!a->scope.empty()) a->request.dedup_scope = a->scope;
    if (a->threshold_percent > 0) a->request.near_threshold = a->threshold_percent / 100.0;
    a->request.cancel = context.cancel;
    auto report = (*c)->Analyze(a->request);
    if (!report.ok()) return ReportError(report.status());
    if (a->json) {
      Print(engine::ToJson(*report));
      return kExitOk;
    }
    Print(fmt::format("Exact duplicates ({}): {} items are copies, in {} groups",
                      report->dedup_scope, report->duplicate_items, report->duplicate_groups));
    Print(fmt::format("Near-duplicates (at {:.0f}%): {} items in {} groups",
                      report->near_threshold * 100, report->near_items, report->near_groups));
    Print(fmt::format("Email threads: {} messages, {} conversations of two or more, {} inclusive",
                      report->thread_messages, report->threads, report->inclusive));
    Print(
        fmt::format("Analyzed {} items in {:.1f} s. Search with is:duplicate, is:inclusive, "
                    "neargroup:ID, thread:ID.",
                    report->items, report->seconds));
    return kExitOk;
  };
}

// --- produce ------------------------------------------------------------------------------------

std::function<int()> DefineProduce(CLI::App& app, CommandContext& context) {
  struct Args {
    std::string dir;
    engine::ProduceRequest request;
    std::string start = "next";
    std::string spec_file;
    bool json = false;
  };
  auto a = std::make_shared<Args>();
  app.add_option("CASE", a->dir, "Case folder")->required();
  app.add_option("--select", a->request.select,
                 "Query whose hits are produced, each with its whole family")
      ->required();
  app.add_option("--prefix", a->request.prefix, "Bates prefix, e.g. CITY")->required();
  app.add_option("--start", a->start,
                 "First Bates number, or 'next' to continue the prefix's run (default next)");
  app.add_option("--volume", a->request.volume, "Volume name: case/productions/VOLUME")->required();
  app.add_option("--spec", a->spec_file,
                 "Production specification file (image format, fields, date formats...)");
  app.add_option("--withhold", a->request.withhold,
                 "Query of items to withhold as privileged (slip sheet, logged)");
  app.add_option("--from", a->request.from, "Relevant timeframe: first day (YYYY-MM-DD)");
  app.add_option("--to", a->request.to, "Relevant timeframe: last day (YYYY-MM-DD)");
  app.add_flag("--json", a->json, "Print JSON");
  return [a, &context] {
    if (a->start != "next") {
      int64_t n = 0;
      auto [p, ec] = std::from_chars(a->start.data(), a->start.data() + a->start.size(), n);
      if (ec != std::errc() || p != a->start.data() + a->start.size()) {
        return ReportError(
            InvalidArgumentError("--start is a number or 'next', not '{}'", a->start));
      }
      a->request.start = n;
    }
    if (!a->spec_file.empty()) {
      auto text = ReadFile(a->spec_file, 1 << 20);
      if (!text.ok()) return ReportError(text.status());
      a->request.spec = *text;
    }
    auto c = OpenCase(a->dir, context);
    if (!c.ok()) return ReportError(c.status());
    auto report = (*c)->Produce(a->request);
    if (!report.ok()) return ReportError(report.status());
    int exit = report->qc_passed && report->balanced ? kExitOk : kExitFailed;
    if (a->json) {
      Print(engine::ToJson(*report));
      return exit;
    }
    Print(fmt::format("Volume {} in {}", report->volume, report->folder));
    Print(fmt::format("  Bates {} to {}: {} documents, {} pages, {} files",
                      report->first_bates.empty() ? "(none)" : report->first_bates,
                      report->last_bates.empty() ? "(none)" : report->last_bates, report->documents,
                      report->pages, report->files));
    Print(fmt::format("  selection: {} hits in {} families ({} items added to complete them)",
                      report->hits, report->families, report->completed_by_family));
    std::string accounting;
    for (const auto& [name, n] : report->accounting) {
      accounting += fmt::format("{}{} {}", accounting.empty() ? "" : ", ", n, name);
    }
    Print(fmt::format("  accounting of {} items: {} — {}", report->items, accounting,
                      report->balanced ? "balanced" : "NOT BALANCED"));
    for (const engine::QcCheckView& q : report->qc) {
      Print(fmt::format("  QC {}: {}", q.passed ? "ok  " : "FAIL", q.name));
      for (const std::string& p : q.problems) Print("       " + p);
    }
    Print(fmt::format("  manifest root hash (SHA-256) {}", report->root_hash));
    Print(fmt::format("  certificate {}", report->certificate));
    return exit;
  };
}

// --- info ---------------------------------------------------------------------------------------

std::function<int()> DefineInfo(CLI::App& app, CommandContext& context) {
  struct Args {
    std::string dir;
    bool json = false;
  };
  auto a = std::make_shared<Args>();
  app.add_option("CASE", a->dir, "Case folder")->required();
  app.add_flag("--json", a->json, "Print JSON");
  return [a, &context] {
    auto c = OpenCase(a->dir, context);
    if (!c.ok()) return ReportError(c.status());
    auto info = (*c)->Info();
    if (!info.ok()) return ReportError(info.status());
    if (a->json) {
      Print(engine::ToJson(*info));
    } else {
      Print(
          fmt::format("matter     {}\nfolder     {}\ntime zone  {}\ncreated    {}\n"
                      "custodians {}\nsources    {}\nitems      {}",
                      info->name, info->path, info->time_zone, info->created_at, info->custodians,
                      info->sources, info->items));
      if (info->demand) PrintMatterDemand(*info->demand);
    }
    return kExitOk;
  };
}

}  // namespace

const std::vector<Command>& Commands() {
  static const std::vector<Command> kCommands = {
      {"init", "Create a case folder for a new matter", true, DefineInit},
      {"add", "Collect a custodian's folders and files into the case", true, DefineAdd},
      {"search", "Search the case (kept among the saved searches)", true, DefineSearch},
      {"terms", "Search-term report: hits, unique hits and families per term", true, DefineTerms},
      {"searches", "The saved searches: who ran which query, when, and its count", false,
       DefineSearches},
      {"set", "Change a matter setting (search.spaces and|phrase)", true, DefineSet},
      {"show", "Show one item: metadata, family and text", false, DefineShow},
      {"account", "Every source and what it yielded; every exception and why", false,
       DefineAccount},
      {"list", "List the items of the case in id order", false, DefineList},
      {"info", "The matter and its size", false, DefineInfo},
      {"analyze", "Find exact duplicates, near-duplicates and email threads", true, DefineAnalyze},
      {"produce", "Write a production volume: Bates-stamped images, load files, manifest, QC", true,
       DefineProduce},
      {"tar", "Technology-assisted review: continuous active learning, stopping, recall", true,
       DefineTar},
      {"privlist", "The privilege screen's list: attorneys, law offices, privilege terms", true,
       DefinePrivlist},
      {"screen", "Flag privileged items and find personal data, for review", true, DefineScreen},
      {"code", "Record reviewers' decisions: responsive, requests, privileged, withhold...", true,
       DefineCode},
      {"coding", "The coding of items, and conflicts between duplicates", false, DefineCoding},
      {"redact", "Redact personal data, search hits, spans or page areas, with a reason", true,
       DefineRedact},
      {"redactions", "List (or remove) redactions", true, DefineRedactions},
      {"privlog", "Write the privilege log (withheld and redacted items) as CSV or XLSX", true,
       DefinePrivlog},
      {"demand", "Requester's side: check a demand spec, compute each recipient's deadline", false,
       DefineDemand},
      {"intake", "Requester's side: verify a received production volume, then index it", true,
       DefineIntake},
      {"user", "Web workspace accounts: add admin, reviewer or requester", true, DefineUser},
      {"serve", "Serve the web workspace's JSON API for this case until interrupted", true,
       DefineServe},
  };
  return kCommands;
}

std::function<int()> DefineSubcommands(CLI::App& app, CommandContext& context,
                                       const std::vector<Subcommand>& subcommands) {
  auto chosen = std::make_shared<std::function<int()>>();
  for (const Subcommand& s : subcommands) {
    CLI::App* sub = app.add_subcommand(s.name, s.help);
    auto runner = s.define(*sub, context);
    sub->callback([chosen, runner] { *chosen = runner; });
  }
  app.require_subcommand(1);
  return [chosen] { return *chosen ? (*chosen)() : kExitUsage; };
}

int ReportError(const Status& status) {
  std::fprintf(stderr, "bates: %s\n", status.ToString().c_str());
  switch (status.code()) {
    case StatusCode::kInvalidArgument:
      return kExitUsage;
    default:
      return kExitFailed;
  }
}

}  // namespace bates::cli
