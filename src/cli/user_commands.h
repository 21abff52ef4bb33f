// bates user: web workspace accounts (issue 10).
#pragma once

#include "cli/commands.h"

namespace bates::cli {

std::function<int()> DefineUser(CLI::App& app, CommandContext& context);

}  // namespace bates::cli
