#include "cli/user_commands.h"

#include <fmt/format.h>

#include <iostream>
#include <memory>
#include <string>

namespace bates::cli {
namespace {

// The password comes from standard input (its first line), never from the command line, where
// other users could read it in the process list and it would stay in shell history.
std::function<int()> DefineAdd(CLI::App& app, CommandContext& context) {
  struct Args {
    std::string dir, name, role;
  };
  auto a = std::make_shared<Args>();
  app.add_option("CASE", a->dir, "Case folder")->required();
  app.add_option("NAME", a->name, "The account's user name")->required();
  app.add_option("--role", a->role, "admin, reviewer or requester")
      ->required()
      ->check(CLI::IsMember({"admin", "reviewer", "requester"}));
  return [a, &context] {
    std::string password;
    std::getline(std::cin, password);
    if (!password.empty() && password.back() == '\r') password.pop_back();
    if (password.empty()) {
      return ReportError(InvalidArgumentError("no password on standard input"));
    }
    auto c = engine::Case::Open(a->dir, context.case_options);
    if (!c.ok()) return ReportError(c.status());
    Status added = (*c)->AddUser(a->name, a->role, password);
    if (!added.ok()) return ReportError(added);
    fmt::print("Added {} ({})\n", a->name, a->role);
    return kExitOk;
  };
}

}  // namespace

std::function<int()> DefineUser(CLI::App& app, CommandContext& context) {
  return DefineSubcommands(app, context,
                           {{"add", "Add an account; its password is read from stdin", DefineAdd}});
}

}  // namespace bates::cli
