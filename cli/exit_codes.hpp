// Process exit codes, the same for every subcommand (documented in `discwright --help`).
#pragma once

namespace dw::cli {

enum ExitCode : int {
  kExitOk = 0,        ///< success
  kExitProblems = 1,  ///< the job ran but found problems (mismatches, unreadable sectors, failed checks)
  kExitUsage = 2,     ///< bad command line
  kExitBadInput = 3,  ///< an input file is malformed or unusable
  kExitDevice = 4,    ///< the device failed or is missing
};

inline constexpr const char* kExitCodeHelp =
    "Exit codes: 0 success; 1 the job ran but found problems (e.g. verify mismatches, unreadable\n"
    "sectors, a failed self-test); 2 usage error; 3 bad input file; 4 device error.";

}  // namespace dw::cli
