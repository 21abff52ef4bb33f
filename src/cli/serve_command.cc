#include "cli/serve_command.h"

#include <fmt/format.h>

#include <cstdio>
#include <memory>

#include "server/server.h"

namespace bates::cli {

std::function<int()> DefineServe(CLI::App& app, CommandContext& context) {
  auto a = std::make_shared<server::ServeOptions>();
  auto dir = std::make_shared<std::string>();
  app.add_option("CASE", *dir, "Case folder")->required();
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
  return [a, dir, &context] {
    a->case_dir = *dir;
    a->case_options = context.case_options;
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
