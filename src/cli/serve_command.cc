#include "cli/serve_command.h"

#include <fmt/format.h>

#include <cstdio>
#include <memory>

#include "demand/spec.h"
#include "engine/demand_track.h"
#include "server/server.h"

namespace bates::cli {

std::function<int()> DefineServe(CLI::App& app, CommandContext& context) {
  auto a = std::make_shared<server::ServeOptions>();
  auto dir = std::make_shared<std::string>();
  auto spec = std::make_shared<std::string>();
  app.add_option("CASE", *dir,
                 "Case folder (with --demand, default: the spec's requester case, SPEC with .case "
                 "for its extension)");
  app.add_option(
      "--demand", *spec,
      "Demand spec (YAML) whose status board the requester sees (GET /api/demand/status)");
  app.add_option("--port", a->port, "TCP port; 0 picks a free one and prints it (default 8080)")
      ->check(CLI::Range(0, 65535));
  app.add_option("--bind", a->bind, "Address to listen on (default 127.0.0.1: this machine only)");
  app.add_option("--session-ttl", a->session_ttl_seconds,
                 "Seconds a sign-in lasts (default 28800, eight hours)")
      ->check(CLI::Range(int64_t{1}, int64_t{30} * 24 * 3600));
  app.add_option("--max-body", a->max_body_bytes,
                 "Largest request body in bytes; larger ones get 413 (default 1048576)")
      ->check(CLI::Range(size_t{1024}, size_t{1} << 30));
  app.add_option("--threads", a->threads, "Requests served at once (default 8)")
      ->check(CLI::Range(1, 256));
  return [a, dir, spec, &context] {
    a->case_options = context.case_options;
    if (dir->empty() && spec->empty()) {
      return ReportError(InvalidArgumentError("give the CASE folder, or --demand SPEC"));
    }
    a->case_dir = *dir;
    if (!spec->empty()) {
      // Checked now, so a broken spec is a clear error at start and not a failing board later.
      auto loaded = demand::LoadDemandSpec(*spec);
      if (!loaded.ok()) return ReportError(loaded.status());
      a->demand_spec = *spec;
      a->case_dir = engine::RequesterCaseDir(*spec, *dir);
      // The requester's case is made on first use, as `bates demand serve` would make it (and
      // closed again: the server opens its own handles).
      Status made = engine::OpenRequesterCase(*spec, *dir, a->case_options).status();
      if (!made.ok()) return ReportError(made);
    }
    Status served = server::Serve(
        *a,
        [&](int port) {
          // The one line on standard output: scripts and tests read the port from it.
          fmt::print("Listening on http://{}:{}/\n", a->bind, port);
          std::fflush(stdout);
        },
        context.cancel);
    if (!served.ok()) return ReportError(served);
    return kExitOk;
  };
}

}  // namespace bates::cli
