#include "rip/rip_log.hpp"

#include <spdlog/spdlog.h>

#include <cerrno>
#include <chrono>
#include <cstring>
#include <ctime>

#include "disc/error.hpp"

namespace dw::rip {

RipLog::RipLog(const std::filesystem::path& path) : path_(path) {
  if (path.empty()) return;
  out_.open(path, std::ios::app);
  if (!out_) throw InputError(path.string(), std::string("cannot write the log: ") + std::strerror(errno));
}

void RipLog::write(const char* level, const std::string& line) {
  if (!out_.is_open()) return;
  const std::time_t now = std::chrono::system_clock::to_time_t(std::chrono::system_clock::now());
  std::tm tm{};
  gmtime_r(&now, &tm);
  char stamp[32];
  std::strftime(stamp, sizeof stamp, "%Y-%m-%d %H:%M:%S", &tm);
  out_ << stamp << ' ' << level << ' ' << line << '\n';
  out_.flush();
}

void RipLog::info(const std::string& line) {
  write("INFO ", line);
  spdlog::info("{}", line);
}

void RipLog::detail(const std::string& line) {
  write("DEBUG", line);
  spdlog::debug("{}", line);
}

void RipLog::warn(const std::string& line) {
  write("WARN ", line);
  spdlog::warn("{}", line);
}

}  // namespace dw::rip
