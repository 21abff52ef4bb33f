// `bates demand serve|log|status|remind|deficiency`: tracking on the requester's side (issue 9).
// Each takes SPEC and --case DIR (default: beside the spec, engine/demand_track.h); the logic is
// the engine's, these only parse and print.
#pragma once

#include "cli/commands.h"

namespace bates::cli {

std::function<int()> DefineDemandServe(CLI::App& app, CommandContext& context);
std::function<int()> DefineDemandLog(CLI::App& app, CommandContext& context);
std::function<int()> DefineDemandStatus(CLI::App& app, CommandContext& context);
std::function<int()> DefineDemandRemind(CLI::App& app, CommandContext& context);
std::function<int()> DefineDemandDeficiency(CLI::App& app, CommandContext& context);

// Intake of a volume against a spec (`bates intake SPEC VOLUME --recipient ID`).
int RunSpecIntake(const std::string& spec, const std::string& volume, const std::string& recipient,
                  const std::string& case_dir, const std::string& received, bool partial,
                  bool index, bool index_unverified, int jobs, bool json, bool no_progress,
                  CommandContext& context);

}  // namespace bates::cli
