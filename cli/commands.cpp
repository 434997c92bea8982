#include "cli/commands.hpp"

#include <functional>
#include <map>

#include "cli/exit_codes.hpp"
#include "cli/registry.hpp"

namespace dw::cli {

namespace {
std::map<const CLI::App*, std::function<int()>>& handlers() {
  static std::map<const CLI::App*, std::function<int()>> map;
  return map;
}
}  // namespace

void add_handler(const CLI::App* sub, std::function<int()> run) { handlers()[sub] = std::move(run); }

int run_selected(CLI::App& app) {
  for (const CLI::App* sub : app.get_subcommands()) {
    auto it = handlers().find(sub);
    if (it != handlers().end()) return it->second();
  }
  return kExitUsage;
}

}  // namespace dw::cli
