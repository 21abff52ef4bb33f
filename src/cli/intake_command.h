// `bates intake CASE VOLUME`: the requester's side takes in a recipient's production, verifies it
// and indexes it into the case.
#pragma once

#include "cli/commands.h"

namespace bates::cli {

std::function<int()> DefineIntake(CLI::App& app, CommandContext& context);

}  // namespace bates::cli
