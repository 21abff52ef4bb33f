// `bates demand ...`: the requester's side. One verb in the command table with subcommands;
// each loads the spec and prints.
#pragma once

#include "cli/commands.h"

namespace bates::cli {

std::function<int()> DefineDemand(CLI::App& app, CommandContext& context);

}  // namespace bates::cli
