// The golden vectors `discwright selftest` checks, grouped; each group returns its failures.
#pragma once

#include <functional>
#include <string>
#include <vector>

namespace dw::cli {

struct SelftestGroup {
  const char* name;
  const char* what;  ///< one line: what the group proves
  std::function<void(std::vector<std::string>& failures)> run;
};

/// All groups, in the order they are run and printed.
std::vector<SelftestGroup> selftest_groups();

}  // namespace dw::cli
