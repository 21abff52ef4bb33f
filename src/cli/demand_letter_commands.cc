#include "cli/demand_letter_commands.h"

#include <fmt/format.h>

#include <charconv>
#include <cstdio>
#include <filesystem>
#include <memory>
#include <nlohmann/json.hpp>
#include <set>

#include "core/file.h"
#include "core/text.h"
#include "demand/calendar.h"
#include "demand/letters/html_pdf.h"
#include "demand/letters/letter.h"
#include "demand/letters/template.h"
#include "demand/spec.h"

namespace bates::cli {
namespace {

namespace letters = demand::letters;

void Out(const std::string& line) { std::fprintf(stdout, "%s\n", line.c_str()); }

// The template to use: the user's file, or the built-in one.
struct LoadedTemplate {
  std::string text;
  std::string name;
};
Result<LoadedTemplate> LoadTemplate(const std::string& path, letters::BuiltinTemplate builtin) {
  if (path.empty()) {
    return LoadedTemplate{std::string(letters::BuiltinTemplateText(builtin)),
                          std::string(letters::BuiltinTemplateName(builtin))};
  }
  auto text = ReadFile(path, 4u << 20);
  if (!text.ok()) return text.status().WithContext("--template " + path);
  return LoadedTemplate{std::move(*text), path};
}

struct Formats {
  bool html = false;
  bool pdf = false;
};
Result<Formats> ParseFormats(const std::string& list) {
  Formats f;
  size_t start = 0;
  while (start <= list.size()) {
    size_t comma = list.find(',', start);
    std::string item =
        list.substr(start, comma == std::string::npos ? std::string::npos : comma - start);
    if (item == "html") {
      f.html = true;
    } else if (item == "pdf") {
      f.pdf = true;
    } else {
      return InvalidArgumentError("--format: '{}' is not a format (use html, pdf or html,pdf)",
                                  item);
    }
    if (comma == std::string::npos) break;
    start = comma + 1;
  }
  return f;
}

// Recipient ids chosen by --to (ids or saved list names); all of them when none is given.
Result<std::vector<const demand::Recipient*>> ChooseRecipients(const demand::DemandSpec& spec,
                                                               const std::vector<std::string>& to) {
  std::vector<const demand::Recipient*> out;
  if (to.empty()) {
    for (const demand::Recipient& r : spec.recipients) out.push_back(&r);
    return out;
  }
  std::set<std::string> seen;
  auto add = [&](const std::string& id) -> Status {
    const demand::Recipient* r = spec.FindRecipient(id);
    if (!r) return NotFoundError("--to {}: no such recipient or recipient list in the spec", id);
    if (seen.insert(id).second) out.push_back(r);
    return Status::Ok();
  };
  for (const std::string& name : to) {
    bool list = false;
    for (const auto& [list_name, ids] : spec.recipient_lists) {
      if (list_name != name) continue;
      list = true;
      for (const std::string& id : ids) BATES_RETURN_IF_ERROR(add(id));
    }
    if (!list) BATES_RETURN_IF_ERROR(add(name));
  }
  return out;
}

std::function<int()> DefineIssue(CLI::App& app, CommandContext&) {
  struct Args {
    std::string spec;
    std::string out;
    std::string served;
    std::string template_path;
    std::string formats = "html,pdf";
    std::vector<std::string> to;
    bool json = false;
  };
  auto a = std::make_shared<Args>();
  app.add_option("SPEC", a->spec, "Demand spec (YAML)")->required();
  app.add_option("--out", a->out, "Folder to write the letters and index.html into")->required();
  app.add_flag("--json", a->json, "Print JSON (docs/JSON.md)");
  app.add_option("--served", a->served,
                 "Date of service, YYYY-MM-DD: letters state the computed due date (else the "
                 "spec's rule wording)");
  app.add_option("--template", a->template_path,
                 "Your own Mustache template (start from templates/demand-letter.html)");
  app.add_option("--format", a->formats, "html, pdf or html,pdf (default)");
  app.add_option("--to", a->to, "Only these recipient ids or saved recipient lists (repeatable)");
  return [a] {
    auto spec = demand::LoadDemandSpec(a->spec);
    if (!spec.ok()) return ReportError(spec.status());
    std::optional<demand::CivilDate> served;
    if (!a->served.empty()) {
      auto d = demand::ParseCivilDate(a->served);
      if (!d.ok()) return ReportError(d.status().WithContext("--served"));
      served = *d;
    }
    auto formats = ParseFormats(a->formats);
    if (!formats.ok()) return ReportError(formats.status());
    auto tmpl = LoadTemplate(a->template_path, letters::BuiltinTemplate::kDemandLetter);
    if (!tmpl.ok()) return ReportError(tmpl.status());
    auto chosen = ChooseRecipients(*spec, a->to);
    if (!chosen.ok()) return ReportError(chosen.status());
    std::error_code ec;
    std::filesystem::create_directories(a->out, ec);
    if (ec) return ReportError(IoError("--out {}: {}", a->out, ec.message()));

    // Render everything first, so a bad template writes no letters at all.
    struct Rendered {
      const demand::Recipient* r;
      std::string deadline;
      std::string html;
    };
    std::vector<Rendered> rendered;
    for (const demand::Recipient* r : *chosen) {
      auto html = letters::RenderTemplate(
          tmpl->text, letters::DemandLetterFields(*spec, *r, served), tmpl->name);
      if (!html.ok()) return ReportError(html.status());
      rendered.push_back({r, letters::DeadlineWording(*spec, *r, served), std::move(*html)});
    }
    std::string index = fmt::format(
        "<!DOCTYPE html>\n<html lang=\"en\"><head><meta charset=\"utf-8\"><title>Letters: {0}"
        "</title></head>\n<body>\n<h1>Letters: {0}</h1>\n<p>Issuer: {1}. Spec: {2}. {3}</p>\n"
        "<table>\n<tr><th>Recipient</th><th>Agency</th><th>Addressee</th><th>Due</th>"
        "<th>Files</th></tr>\n",
        HtmlEscaped(spec->title), HtmlEscaped(spec->issuer), HtmlEscaped(a->spec),
        served ? "Served " + served->ToString() + "." : "Not yet served: due dates are the rule.");
    nlohmann::json letters_json = nlohmann::json::array();
    for (const Rendered& item : rendered) {
      std::string base = (std::filesystem::path(a->out) / item.r->id).string();
      std::string files;
      nlohmann::json row = {{"recipient", item.r->id},
                            {"agency", item.r->agency},
                            {"addressee", item.r->name},
                            {"deadline", item.deadline},
                            {"html", formats->html ? base + ".html" : ""},
                            {"pdf", formats->pdf ? base + ".pdf" : ""}};
      letters_json.push_back(std::move(row));
      if (formats->html) {
        if (Status s = WriteFileAtomic(base + ".html", item.html); !s.ok()) return ReportError(s);
        files += fmt::format("<a href=\"{0}.html\">{0}.html</a> ", HtmlEscaped(item.r->id));
      }
      if (formats->pdf) {
        auto pdf = letters::RenderHtmlToPdf(
            item.html, {.title = fmt::format("{} \u2014 {}", spec->title, item.r->agency),
                        .footer = fmt::format("{} \u2014 {}", item.r->agency, item.r->id)});
        if (!pdf.ok()) return ReportError(pdf.status().WithContext(item.r->id));
        if (Status s = WriteFileAtomic(base + ".pdf", *pdf); !s.ok()) return ReportError(s);
        files += fmt::format("<a href=\"{0}.pdf\">{0}.pdf</a>", HtmlEscaped(item.r->id));
      }
      index += fmt::format("<tr><td>{}</td><td>{}</td><td>{}</td><td>{}</td><td>{}</td></tr>\n",
                           HtmlEscaped(item.r->id), HtmlEscaped(item.r->agency),
                           HtmlEscaped(item.r->name), HtmlEscaped(item.deadline), files);
      if (!a->json) Out(fmt::format("{:<20} {}  due {}", item.r->id, base, item.deadline));
    }
    index += "</table>\n</body></html>\n";
    std::string index_path = (std::filesystem::path(a->out) / "index.html").string();
    if (Status s = WriteFileAtomic(index_path, index); !s.ok()) return ReportError(s);
    if (a->json) {
      Out(nlohmann::json{{"letters", letters_json}, {"index", index_path}}.dump(2));
    } else {
      Out(fmt::format("{} letter(s) written; index: {}", rendered.size(), index_path));
    }
    return kExitOk;
  };
}

Result<std::vector<int>> ParseRequestNumbers(const std::string& list) {
  std::vector<int> out;
  size_t start = 0;
  while (start < list.size()) {
    size_t comma = list.find(',', start);
    std::string item =
        list.substr(start, comma == std::string::npos ? std::string::npos : comma - start);
    int n = 0;
    auto [end, ec] = std::from_chars(item.data(), item.data() + item.size(), n);
    if (ec != std::errc() || end != item.data() + item.size() || n < 1) {
      return InvalidArgumentError("--requests: '{}' is not a request number", item);
    }
    out.push_back(n);
    if (comma == std::string::npos) break;
    start = comma + 1;
  }
  if (out.empty()) return InvalidArgumentError("--requests: name at least one request number");
  return out;
}

std::function<int()> DefineDraft(CLI::App& app, CommandContext&) {
  struct Args {
    std::string spec;
    std::string recipient;
    std::string kind;
    std::string requests;
    std::vector<std::string> findings;
    std::string out;
    std::string served;
    std::string date;
    std::string template_path;
  };
  auto a = std::make_shared<Args>();
  app.add_option("SPEC", a->spec, "Demand spec (YAML)")->required();
  app.add_option("RECIPIENT", a->recipient, "Recipient id")->required();
  app.add_option("--kind", a->kind, "deficiency or subpoena")
      ->required()
      ->check(CLI::IsMember({"deficiency", "subpoena"}));
  app.add_option("--requests", a->requests, "Outstanding request numbers, e.g. 1,3")->required();
  app.add_option("--finding", a->findings, "What the review found (repeatable)");
  app.add_option("--out", a->out, "File to write: .html or .pdf")->required();
  app.add_option("--served", a->served,
                 "Date the demand was served (states the original due date)");
  app.add_option("--date", a->date, "Date the draft bears, YYYY-MM-DD (default: left blank)");
  app.add_option("--template", a->template_path, "Your own Mustache template");
  return [a] {
    auto spec = demand::LoadDemandSpec(a->spec);
    if (!spec.ok()) return ReportError(spec.status());
    auto numbers = ParseRequestNumbers(a->requests);
    if (!numbers.ok()) return ReportError(numbers.status());
    auto kind = a->kind == "subpoena" ? letters::EscalationInput::Kind::kSubpoenaDucesTecum
                                      : letters::EscalationInput::Kind::kDeficiencyLetter;
    auto input = letters::EscalationFromSpec(*spec, a->recipient, *numbers, a->findings, kind);
    if (!input.ok()) return ReportError(input.status());
    if (!a->served.empty()) {
      auto d = demand::ParseCivilDate(a->served);
      if (!d.ok()) return ReportError(d.status().WithContext("--served"));
      input->original_deadline =
          demand::ComputeDeadline(*d, spec->deadline, input->recipient.state).date;
    }
    if (!a->date.empty()) {
      auto d = demand::ParseCivilDate(a->date);
      if (!d.ok()) return ReportError(d.status().WithContext("--date"));
      input->draft_date = *d;
    }
    std::string ext = std::filesystem::path(a->out).extension().string();
    if (ext != ".html" && ext != ".pdf") {
      return ReportError(InvalidArgumentError("--out {}: name a .html or .pdf file", a->out));
    }
    auto tmpl = LoadTemplate(a->template_path, letters::EscalationTemplate(kind));
    if (!tmpl.ok()) return ReportError(tmpl.status());
    auto html = letters::RenderTemplate(tmpl->text, letters::EscalationFields(*input), tmpl->name);
    if (!html.ok()) return ReportError(html.status());
    std::string bytes = *html;
    if (ext == ".pdf") {
      auto pdf = letters::RenderHtmlToPdf(
          *html, {.title = letters::kDraftBanner, .footer = letters::kDraftBanner});
      if (!pdf.ok()) return ReportError(pdf.status());
      bytes = std::move(*pdf);
    }
    if (Status s = WriteFileAtomic(a->out, bytes); !s.ok()) return ReportError(s);
    Out(fmt::format("{}: {} for {} naming request(s) {} \u2014 {}", a->out,
                    kind == letters::EscalationInput::Kind::kSubpoenaDucesTecum
                        ? "subpoena duces tecum"
                        : "deficiency letter",
                    a->recipient, a->requests, letters::kDraftBanner));
    return kExitOk;
  };
}

}  // namespace

std::function<int()> DefineDemandIssue(CLI::App& app, CommandContext& context) {
  return DefineIssue(app, context);
}
std::function<int()> DefineDemandDraft(CLI::App& app, CommandContext& context) {
  return DefineDraft(app, context);
}

}  // namespace bates::cli
