// `bates tar ...`: technology-assisted review. One verb in the command table with its own
// subcommands; each is one engine call plus printing.
#pragma once

#include "cli/commands.h"

namespace bates::cli {

std::function<int()> DefineTar(CLI::App& app, CommandContext& context);

}  // namespace bates::cli
