// `discwright selftest`: proves on this machine that the build computes what the references say.
#include <fmt/format.h>

#include <chrono>
#include <iostream>
#include <nlohmann/json.hpp>

#include "cli/commands.hpp"
#include "cli/exit_codes.hpp"
#include "cli/registry.hpp"
#include "cli/selftest.hpp"

namespace dw::cli {

namespace {
struct SelftestOptions {
  bool json = false;
};

int run_selftest(const SelftestOptions& opt) {
  nlohmann::json report = nlohmann::json::array();
  bool all_ok = true;
  for (const auto& group : selftest_groups()) {
    std::vector<std::string> failures;
    const auto t0 = std::chrono::steady_clock::now();
    try {
      group.run(failures);
    } catch (const std::exception& e) {
      failures.push_back(std::string("exception: ") + e.what());
    }
    const double ms = std::chrono::duration<double, std::milli>(std::chrono::steady_clock::now() - t0).count();
    all_ok = all_ok && failures.empty();
    if (opt.json) {
      report.push_back({{"group", group.name}, {"ok", failures.empty()}, {"failures", failures}, {"ms", ms}});
    } else {
      fmt::print("{:<5} {:<14} {}{}\n", failures.empty() ? "ok" : "FAIL", group.name, group.what,
                 failures.empty() ? "" : fmt::format(" ({} failed)", failures.size()));
      for (const auto& f : failures) fmt::print("        - {}\n", f);
    }
  }
  if (opt.json)
    std::cout << nlohmann::json{{"ok", all_ok}, {"groups", report}}.dump(2) << "\n";
  else
    fmt::print("selftest: {}\n", all_ok ? "all groups passed" : "FAILED");
  return all_ok ? kExitOk : kExitProblems;
}
}  // namespace

void register_selftest(CLI::App& app) {
  auto opt = std::make_shared<SelftestOptions>();
  auto* sub = app.add_subcommand(
      "selftest",
      "Check this build against golden vectors: address rules, EDC, ECC, scrambler, subchannel Q CRC,\n"
      "full TOC, CD-Text and the checksums, in-process and without any input file.\n"
      "Run it once on a new platform or compiler to trust the build.");
  sub->add_flag("--json", opt->json, "Print a JSON report instead of one line per group");
  sub->footer(kExitCodeHelp);
  add_handler(sub, [opt] { return run_selftest(*opt); });
}

}  // namespace dw::cli
