// How the burn library tells its caller what it does: one line at a time, with a level, so the
// command line can put it in the burn log and on the terminal. The library never prints.
#pragma once

#include <functional>
#include <string>

namespace dw::burn {

enum class LogLevel : uint8_t {
  Info,    ///< what a user follows (steps, choices, results)
  Detail,  ///< command-level detail (each command's outcome, sense data)
  Warn,    ///< something went wrong or was worked around
};

using Log = std::function<void(LogLevel, const std::string&)>;

}  // namespace dw::burn
