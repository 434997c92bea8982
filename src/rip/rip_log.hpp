// The human-readable log a rip leaves beside its output: every line also goes to spdlog (info
// for what a user follows, debug for per-sector detail shown with -v).
#pragma once

#include <filesystem>
#include <fstream>
#include <string>

namespace dw::rip {

class RipLog {
 public:
  /// Appends to `path` (a resumed rip continues the same log). An empty path logs to spdlog only.
  explicit RipLog(const std::filesystem::path& path = {});
  /// A line for the log file and spdlog's info level.
  void info(const std::string& line);
  /// A line for the log file and spdlog's debug level (-v).
  void detail(const std::string& line);
  /// A warning: the log file and spdlog's warn level.
  void warn(const std::string& line);
  [[nodiscard]] const std::filesystem::path& path() const { return path_; }

 private:
  void write(const char* level, const std::string& line);
  std::filesystem::path path_;
  std::ofstream out_;
};

}  // namespace dw::rip
