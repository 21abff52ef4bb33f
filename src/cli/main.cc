// The `bates` command: parses arguments with CLI11 and runs one verb from the command table.
#include <spdlog/spdlog.h>
#include <unistd.h>

#include <csignal>
#include <filesystem>

#include "cli/commands.h"

namespace {

std::atomic<bool> g_cancel{false};

void OnInterrupt(int) { g_cancel.store(true); }

// The helper program for isolated readers sits beside this binary; BATES_EXTRACT overrides it.
std::filesystem::path HelperPath() {
  if (const char* env = std::getenv("BATES_EXTRACT"); env != nullptr && *env != '\0') return env;
  std::error_code ec;
  std::filesystem::path self = std::filesystem::read_symlink("/proc/self/exe", ec);
  if (ec) return {};
  std::filesystem::path candidates[] = {self.parent_path() / "bates-extract",
                                        self.parent_path() / "../ingest/bates-extract"};
  for (const auto& c : candidates) {
    if (std::filesystem::exists(c)) return std::filesystem::weakly_canonical(c);
  }
  return {};
}

}  // namespace

int main(int argc, char** argv) {
  std::signal(SIGPIPE, SIG_IGN);
  std::signal(SIGINT, OnInterrupt);
  std::signal(SIGTERM, OnInterrupt);

  CLI::App app{"bates — answer and issue legal demands for records"};
  app.require_subcommand(1);
  app.set_version_flag("--version", "bates 0.1.0");
  bool verbose = false;
  app.add_flag("-v,--verbose", verbose, "Log what happens in detail (to standard error)");

  bates::cli::CommandContext context;
  context.cancel = &g_cancel;
  std::function<int()> run;
  for (const bates::cli::Command& command : bates::cli::Commands()) {
    CLI::App* sub = app.add_subcommand(command.name, command.help);
    auto runner = command.define(*sub, context);
    sub->callback([&run, runner] { run = runner; });
  }
  try {
    app.parse(argc, argv);
  } catch (const CLI::ParseError& e) {
    int code = app.exit(e);
    return code == 0 ? 0 : bates::cli::kExitUsage;
  }
  spdlog::set_level(verbose ? spdlog::level::debug : spdlog::level::warn);
  context.verbose = verbose;
  context.case_options.helper_path = HelperPath();
  if (context.case_options.helper_path.empty()) {
    return bates::cli::ReportError(bates::NotFoundError(
        "cannot find the bates-extract helper beside this program; set BATES_EXTRACT to its path"));
  }
  if (const char* user = std::getenv("USER"); user != nullptr) context.case_options.actor = user;
  return run();
}
