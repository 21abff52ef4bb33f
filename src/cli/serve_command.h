// `bates serve CASE`: the web workspace (issue 10), served until interrupted.
#pragma once

#include "cli/commands.h"

namespace bates::cli {

std::function<int()> DefineServe(CLI::App& app, CommandContext& context);

}  // namespace bates::cli
