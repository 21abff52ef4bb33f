// `bates demand issue` (a letter for every recipient) and `bates demand draft` (a deficiency
// letter or subpoena duces tecum, always a draft). Registered from demand_commands.cc.
#pragma once

#include "cli/commands.h"

namespace bates::cli {

std::function<int()> DefineDemandIssue(CLI::App& app, CommandContext& context);
std::function<int()> DefineDemandDraft(CLI::App& app, CommandContext& context);

}  // namespace bates::cli
