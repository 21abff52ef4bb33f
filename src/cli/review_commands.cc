#include "cli/review_commands.h"

#include <fmt/format.h>

#include <cstdio>
#include <fstream>
#include <memory>
#include <set>
#include <sstream>

#include "engine/json.h"

namespace bates::cli {
namespace {

void Print(const std::string& text) {
  std::fwrite(text.data(), 1, text.size(), stdout);
  if (text.empty() || text.back() != '\n') std::fputc('\n', stdout);
}

Result<std::unique_ptr<engine::Case>> OpenCase(const std::string& dir, const CommandContext& c) {
  return engine::Case::Open(dir, c.case_options);
}

void PrintConflicts(const std::vector<engine::CodingConflictView>& conflicts) {
  for (const engine::CodingConflictView& c : conflicts) {
    std::string values;
    for (const auto& [id, value] : c.values) {
      values += fmt::format("{}{}={}", values.empty() ? "" : ", ", id, value);
    }
    Print(fmt::format("CONFLICT  duplicates of {} differ on {}: {}", c.group, c.field, values));
  }
}

Status WriteFile(const std::string& path, const std::string& bytes) {
  std::ofstream out(path, std::ios::binary | std::ios::trunc);
  out << bytes;
  out.close();
  if (!out) return IoError("cannot write {}", path);
  return Status::Ok();
}

// "START:END" in code points.
Result<std::pair<uint64_t, uint64_t>> ParseSpan(const std::string& s) {
  size_t colon = s.find(':');
  try {
    if (colon != std::string::npos) {
      size_t used_a = 0, used_b = 0;
      uint64_t a = std::stoull(s.substr(0, colon), &used_a);
      uint64_t b = std::stoull(s.substr(colon + 1), &used_b);
      if (used_a == colon && used_b == s.size() - colon - 1) return std::make_pair(a, b);
    }
  } catch (const std::exception&) {
  }
  return InvalidArgumentError("--span takes START:END (code points), not '{}'", s);
}

}  // namespace

// --- code ---------------------------------------------------------------------------------------

std::function<int()> DefineCode(CLI::App& app, CommandContext& context) {
  struct Args {
    std::string dir;
    std::vector<std::string> args;
    engine::CodeRequest request;
    bool json = false;
  };
  auto a = std::make_shared<Args>();
  app.add_option("CASE", a->dir, "Case folder")->required();
  app.add_option("ARGS", a->args,
                 "Item ids (DOC-000123) and FIELD=VALUE decisions: responsive=yes|no, "
                 "requests=1,3, privileged=no|attorney-client|work-product|deliberative-process|"
                 "law-enforcement, confidentiality=none|confidential|highly-confidential, "
                 "redact=yes|no, issues=TAGS, description=TEXT, withhold=yes|no; FIELD= clears")
      ->required();
  app.add_option("--query", a->request.items.query, "Also every item this query matches");
  app.add_option("--family", a->request.items.family, "Also every item of this item's family");
  app.add_option("--dupgroup", a->request.items.dupgroup,
                 "Also every exact duplicate of this item, with their families");
  app.add_option("--reason", a->request.reason, "Why, for the audit log");
  app.add_option("--reviewer", a->request.reviewer, "Who decides (default $USER)");
  app.add_flag("--json", a->json, "Print JSON");
  return [a, &context] {
    for (const std::string& arg : a->args) {
      (arg.find('=') != std::string::npos ? a->request.assignments : a->request.items.ids)
          .push_back(arg);
    }
    auto c = OpenCase(a->dir, context);
    if (!c.ok()) return ReportError(c.status());
    auto report = (*c)->Code(a->request);
    if (!report.ok()) return ReportError(report.status());
    if (a->json) {
      Print(engine::ToJson(*report));
      return kExitOk;
    }
    std::string set;
    for (const auto& [field, value] : report->set) {
      set += fmt::format("{}{}={}", set.empty() ? "" : " ", field, value);
    }
    Print(fmt::format("Coded {} items ({}): {} values changed, by {} at {}.", report->items.size(),
                      set, report->changed, report->reviewer, report->coded_at));
    PrintConflicts(report->conflicts);
    return kExitOk;
  };
}

// --- coding -------------------------------------------------------------------------------------

std::function<int()> DefineCoding(CLI::App& app, CommandContext& context) {
  struct Args {
    std::string dir, id;
    bool conflicts = false;
    bool json = false;
  };
  auto a = std::make_shared<Args>();
  app.add_option("CASE", a->dir, "Case folder")->required();
  app.add_option("ID", a->id, "One item (default: every coded item)");
  app.add_flag("--conflicts", a->conflicts, "Only the conflicts between duplicates");
  app.add_flag("--json", a->json, "Print JSON");
  return [a, &context] {
    auto c = OpenCase(a->dir, context);
    if (!c.ok()) return ReportError(c.status());
    auto report = (*c)->Coding(a->id);
    if (!report.ok()) return ReportError(report.status());
    if (a->conflicts) report->items.clear();
    if (a->json) {
      Print(engine::ToJson(*report));
      return kExitOk;
    }
    for (const engine::ItemCodingView& i : report->items) {
      for (const engine::CodingValueView& v : i.values) {
        Print(fmt::format("{}  {}={}  ({}, {}{})", i.id, v.field, v.value, v.reviewer, v.coded_at,
                          v.reason.empty() ? "" : ": " + v.reason));
      }
    }
    PrintConflicts(report->conflicts);
    return kExitOk;
  };
}

// --- privlist -----------------------------------------------------------------------------------

std::function<int()> DefinePrivlist(CLI::App& app, CommandContext& context) {
  struct Args {
    std::string dir, label;
    std::vector<std::string> add, remove;
    bool json = false;
  };
  auto a = std::make_shared<Args>();
  app.add_option("CASE", a->dir, "Case folder")->required();
  app.add_option("--add", a->add,
                 "KIND VALUE: add an attorney or law office (name, email, domain) or a "
                 "privilege term (term)")
      ->expected(2);
  app.add_option("--remove", a->remove, "KIND VALUE: take an entry off the list")->expected(2);
  app.add_option("--label", a->label, "Who or what the added entry is (shown in the reasons)");
  app.add_flag("--json", a->json, "Print JSON");
  return [a, &context] {
    auto c = OpenCase(a->dir, context);
    if (!c.ok()) return ReportError(c.status());
    if (a->add.size() == 2) {
      if (Status s = (*c)->AddToPrivilegeList(a->add[0], a->add[1], a->label); !s.ok()) {
        return ReportError(s);
      }
    }
    if (a->remove.size() == 2) {
      if (Status s = (*c)->RemoveFromPrivilegeList(a->remove[0], a->remove[1]); !s.ok()) {
        return ReportError(s);
      }
    }
    auto list = (*c)->PrivilegeList();
    if (!list.ok()) return ReportError(list.status());
    if (a->json) {
      Print(engine::ToJson(*list));
      return kExitOk;
    }
    if (list->entries.empty()) {
      Print(
          "The privilege list is empty. Add attorneys, law offices and terms with: bates "
          "privlist CASE --add email|domain|name|term VALUE [--label WHO]");
    }
    for (const engine::PrivilegeEntryView& e : list->entries) {
      Print(
          fmt::format("{:<7} {}{}", e.kind, e.value, e.label.empty() ? "" : "  (" + e.label + ")"));
    }
    return kExitOk;
  };
}

// --- screen -------------------------------------------------------------------------------------

std::function<int()> DefineScreen(CLI::App& app, CommandContext& context) {
  struct Args {
    std::string dir;
    bool last = false;
    bool json = false;
  };
  auto a = std::make_shared<Args>();
  app.add_option("CASE", a->dir, "Case folder")->required();
  app.add_flag("--last", a->last, "Show the last screen's results without running it again");
  app.add_flag("--json", a->json, "Print JSON");
  return [a, &context] {
    auto c = OpenCase(a->dir, context);
    if (!c.ok()) return ReportError(c.status());
    auto report = a->last ? (*c)->ScreenResults() : (*c)->Screen();
    if (!report.ok()) return ReportError(report.status());
    if (a->json) {
      Print(engine::ToJson(*report));
      return kExitOk;
    }
    Print(fmt::format("Privilege screen ({} entries on the list): {} items flagged for review",
                      report->privilege_list, report->privilege.size()));
    for (const engine::PrivilegeFlagView& f : report->privilege) {
      Print(fmt::format("  {}  {}", f.id, f.why.front()));
      for (size_t i = 1; i < f.why.size(); ++i) Print(fmt::format("             {}", f.why[i]));
    }
    std::string kinds;
    for (const auto& [kind, n] : report->pii_by_kind) {
      if (n > 0) kinds += fmt::format("{}{} {}", kinds.empty() ? "" : ", ", n, kind);
    }
    std::set<std::string> with_pii;
    for (const engine::PiiHitView& h : report->pii) with_pii.insert(h.id);
    Print(fmt::format("Personal data: {} hits in {} items{}{}", report->pii.size(), with_pii.size(),
                      kinds.empty() ? "" : ": ", kinds));
    if (!a->last) {
      Print(
          fmt::format("Screened {} items ({:.1f} MB of text) in {:.1f} s. Offsets: bates screen "
                      "{} --last --json. Redact with: bates redact {} --pii all",
                      report->items, report->text_bytes / 1e6, report->seconds, a->dir, a->dir));
    }
    return kExitOk;
  };
}

// --- redact -------------------------------------------------------------------------------------

std::function<int()> DefineRedact(CLI::App& app, CommandContext& context) {
  struct Args {
    std::string dir, box;
    std::vector<std::string> spans;
    int64_t page = 0;
    engine::RedactRequest request;
    bool json = false;
  };
  auto a = std::make_shared<Args>();
  app.add_option("CASE", a->dir, "Case folder")->required();
  app.add_option("ID", a->request.items.ids,
                 "Items to redact (default: those with the --pii kinds, or matching --search)");
  app.add_option("--family", a->request.items.family, "Also every item of this item's family");
  app.add_option("--pii", a->request.pii_kinds,
                 "Redact the personal data the last screen found, of these kinds (ssn, a_number, "
                 "dob, phone, email, drivers_license, passport, bank_account, card) or all")
      ->delimiter(',');
  app.add_option("--search", a->request.query, "Redact where this query's words stand in the text");
  app.add_option("--span", a->spans, "Redact START:END, code points of the text");
  app.add_option("--page", a->page, "Redact an area of this page of the item's image (from 1)");
  app.add_option("--box", a->box, "X,Y,WIDTH,HEIGHT of the area, PDF points from the top left");
  app.add_option("--reason", a->request.reason,
                 "The label shown in place of what is redacted (default for --pii: \"Personal "
                 "data (KIND)\")");
  app.add_option("--reviewer", a->request.reviewer, "Who decides (default $USER)");
  app.add_flag("--json", a->json, "Print JSON");
  return [a, &context] {
    for (const std::string& s : a->spans) {
      auto span = ParseSpan(s);
      if (!span.ok()) return ReportError(span.status());
      a->request.spans.push_back(*span);
    }
    if (a->page > 0 || !a->box.empty()) {
      a->request.page = a->page;
      std::string piece;
      std::stringstream in(a->box);
      try {
        while (std::getline(in, piece, ',')) a->request.box.push_back(std::stod(piece));
      } catch (const std::exception&) {
        return ReportError(InvalidArgumentError("--box takes X,Y,WIDTH,HEIGHT, not '{}'", a->box));
      }
    }
    engine::ItemSelection& items = a->request.items;
    if (items.ids.empty() && items.family.empty() && !a->request.query.empty()) {
      items.query = a->request.query;
    }
    auto c = OpenCase(a->dir, context);
    if (!c.ok()) return ReportError(c.status());
    auto report = (*c)->Redact(a->request);
    if (!report.ok()) return ReportError(report.status());
    if (a->json) {
      Print(engine::ToJson(*report));
      return kExitOk;
    }
    std::set<std::string> ids;
    for (const engine::RedactionView& r : report->redactions) ids.insert(r.id);
    Print(
        fmt::format("Added {} redactions to {} items{}. See: bates redactions {}; the produced "
                    "text: bates show {} ID --redacted",
                    report->redactions.size(), ids.size(),
                    report->skipped ? fmt::format(" ({} already there)", report->skipped) : "",
                    a->dir, a->dir));
    return kExitOk;
  };
}

// --- redactions ---------------------------------------------------------------------------------

std::function<int()> DefineRedactions(CLI::App& app, CommandContext& context) {
  struct Args {
    std::string dir, id;
    int64_t remove = 0;
    bool json = false;
  };
  auto a = std::make_shared<Args>();
  app.add_option("CASE", a->dir, "Case folder")->required();
  app.add_option("ID", a->id, "One item (default: every item)");
  app.add_option("--remove", a->remove, "Take off the redaction with this number");
  app.add_flag("--json", a->json, "Print JSON");
  return [a, &context] {
    auto c = OpenCase(a->dir, context);
    if (!c.ok()) return ReportError(c.status());
    if (a->remove > 0) {
      if (Status s = (*c)->RemoveRedaction(a->remove); !s.ok()) return ReportError(s);
    }
    auto report = (*c)->Redactions(a->id);
    if (!report.ok()) return ReportError(report.status());
    if (a->json) {
      Print(engine::ToJson(*report));
      return kExitOk;
    }
    for (const engine::RedactionView& r : report->redactions) {
      std::string where = r.area == "text" ? fmt::format("text {}:{}", r.start, r.end)
                                           : fmt::format("page {} box {},{},{},{}", r.page, r.x,
                                                         r.y, r.width, r.height);
      Print(fmt::format("{:>5}  {}  {:<24} {}  ({}, {}, {})", r.number, r.id, where, r.reason,
                        r.origin, r.reviewer, r.created_at));
    }
    return kExitOk;
  };
}

// --- privlog ------------------------------------------------------------------------------------

std::function<int()> DefinePrivlog(CLI::App& app, CommandContext& context) {
  struct Args {
    std::string dir, out;
    engine::PrivilegeLogRequest request;
    bool json = false;
  };
  auto a = std::make_shared<Args>();
  app.add_option("CASE", a->dir, "Case folder")->required();
  app.add_option("--out", a->out, "File to write the log to (.csv or .xlsx)")->required();
  app.add_option("--format", a->request.format, "csv or xlsx (default: from --out's extension)");
  app.add_flag("--json", a->json, "Also print the rows as JSON");
  return [a, &context] {
    if (a->out.size() > 5 && a->out.substr(a->out.size() - 5) == ".xlsx" &&
        a->request.format == "csv") {
      a->request.format = "xlsx";
    }
    auto c = OpenCase(a->dir, context);
    if (!c.ok()) return ReportError(c.status());
    auto report = (*c)->PrivilegeLog(a->request);
    if (!report.ok()) return ReportError(report.status());
    if (Status s = WriteFile(a->out, report->content); !s.ok()) return ReportError(s);
    if (a->json) {
      Print(engine::ToJson(*report));
    } else {
      Print(fmt::format("Privilege log: {} withheld, {} redacted → {} ({})", report->withheld,
                        report->redacted, a->out, report->format));
    }
    return kExitOk;
  };
}

}  // namespace bates::cli
