// The command table: every `bates` verb, what it says of itself, whether it writes to the case,
// and how it is set up and run. Each verb is one engine call plus printing; no logic lives here.
#pragma once

#include <CLI/CLI.hpp>
#include <atomic>
#include <functional>
#include <string>
#include <vector>

#include "engine/case.h"

namespace bates::cli {

// Exit codes (../shared/STYLE.md): 0 ok, 1 failed, 2 usage, 3 done with item exceptions.
inline constexpr int kExitOk = 0;
inline constexpr int kExitFailed = 1;
inline constexpr int kExitUsage = 2;
inline constexpr int kExitItemExceptions = 3;

struct CommandContext {
  engine::CaseOptions case_options;
  std::atomic<bool>* cancel = nullptr;
  bool verbose = false;
};

struct Command {
  const char* name;
  const char* help;
  bool writes;  // changes the case (for the audit log and, later, server roles)
  // Declares the verb's options on `app` and returns what runs it once they are parsed.
  std::function<std::function<int()>(CLI::App& app, CommandContext& context)> define;
};

const std::vector<Command>& Commands();

// One subcommand of a verb made of several (`bates tar next`, `bates demand serve`).
struct Subcommand {
  const char* name;
  const char* help;
  std::function<int()> (*define)(CLI::App& app, CommandContext& context);
};

// Declares every subcommand on `app` (one must be given) and returns what runs the chosen one.
std::function<int()> DefineSubcommands(CLI::App& app, CommandContext& context,
                                       const std::vector<Subcommand>& subcommands);

// Prints "bates: <message>" to standard error and returns the exit code for the status.
int ReportError(const Status& status);

}  // namespace bates::cli
