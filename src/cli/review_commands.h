// The review verbs (issue 7): code, coding, privlist, screen, redact, redactions, privlog. Each is
// one engine call plus printing, as in commands.cc, whose command table lists them.
#pragma once

#include <functional>

#include "cli/commands.h"

namespace bates::cli {

std::function<int()> DefineCode(CLI::App& app, CommandContext& context);
std::function<int()> DefineCoding(CLI::App& app, CommandContext& context);
std::function<int()> DefinePrivlist(CLI::App& app, CommandContext& context);
std::function<int()> DefineScreen(CLI::App& app, CommandContext& context);
std::function<int()> DefineRedact(CLI::App& app, CommandContext& context);
std::function<int()> DefineRedactions(CLI::App& app, CommandContext& context);
std::function<int()> DefinePrivlog(CLI::App& app, CommandContext& context);

}  // namespace bates::cli
