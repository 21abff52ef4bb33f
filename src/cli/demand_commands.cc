#include "cli/demand_commands.h"

#include <fmt/format.h>

#include <cstdio>
#include <memory>
#include <nlohmann/json.hpp>

#include "cli/demand_letter_commands.h"
#include "cli/demand_track_commands.h"
#include "demand/calendar.h"
#include "demand/spec.h"

namespace bates::cli {
namespace {

void Out(const std::string& line) { std::fprintf(stdout, "%s\n", line.c_str()); }

std::function<int()> DefineCheck(CLI::App& app, CommandContext&) {
  auto spec_path = std::make_shared<std::string>();
  app.add_option("SPEC", *spec_path, "Demand spec (YAML)")->required();
  return [spec_path] {
    auto spec = demand::LoadDemandSpec(*spec_path);
    if (!spec.ok()) return ReportError(spec.status());
    Out(fmt::format("{}: valid (schema {}), {} request(s), {} recipient(s)", *spec_path,
                    spec->schema_version, spec->requests.size(), spec->recipients.size()));
    return kExitOk;
  };
}

std::function<int()> DefineDeadlines(CLI::App& app, CommandContext&) {
  struct Args {
    std::string spec;
    std::string served;
    bool json = false;
  };
  auto a = std::make_shared<Args>();
  app.add_option("SPEC", a->spec, "Demand spec (YAML)")->required();
  app.add_option("--served", a->served, "Date of service, YYYY-MM-DD")->required();
  app.add_flag("--json", a->json, "Print JSON");
  return [a] {
    auto spec = demand::LoadDemandSpec(a->spec);
    if (!spec.ok()) return ReportError(spec.status());
    auto served = demand::ParseCivilDate(a->served);
    if (!served.ok()) return ReportError(served.status().WithContext("--served"));
    nlohmann::json rows = nlohmann::json::array();
    for (const demand::Recipient& r : spec->recipients) {
      demand::ComputedDeadline d = demand::ComputeDeadline(*served, spec->deadline, r.state);
      if (a->json) {
        rows.push_back({{"recipient", r.id},
                        {"agency", r.agency},
                        {"due", d.date.ToString()},
                        {"due_time", "23:59"},
                        {"time_zone", r.time_zone},
                        {"working", d.working}});
      } else {
        Out(fmt::format("{:<20} due {} 23:59 {}", r.id, d.date.ToString(), r.time_zone));
        for (const std::string& w : d.working) Out("    " + w);
      }
    }
    if (a->json) Out(rows.dump(2));
    return kExitOk;
  };
}

}  // namespace

std::function<int()> DefineDemand(CLI::App& app, CommandContext& context) {
  return DefineSubcommands(
      app, context,
      {
          {"check", "Validate a demand spec (errors name file, line and field)", DefineCheck},
          {"deadlines", "Each recipient's due date from a date of service, with the working",
           DefineDeadlines},
          // Tracking (cli/demand_track_commands.cc).
          {"serve", "Record service on a recipient (starts its clock)", DefineDemandServe},
          {"log", "Record a recipient's status, with a note, a promised or a new due date",
           DefineDemandLog},
          {"status", "Every recipient: served, due, days left, productions, deficiencies",
           DefineDemandStatus},
          {"remind", "Follow-ups due and overdue recipients", DefineDemandRemind},
          {"deficiency", "A recipient's deficiency report", DefineDemandDeficiency},
          {"issue", "Write each recipient's demand letter (HTML and PDF) and an index",
           DefineDemandIssue},
          {"draft", "Draft a deficiency letter or subpoena duces tecum (never sent)",
           DefineDemandDraft},
      });
}

}  // namespace bates::cli
