// Progress for long jobs: a line on stderr, redrawn in place, shown only on a terminal and only
// once the job has run for a second (short jobs stay quiet; scripts see nothing).
#pragma once

#include <unistd.h>

#include <chrono>
#include <cstdint>
#include <cstdio>
#include <string>

namespace dw::cli {

class Progress {
 public:
  Progress(std::string what, std::string unit) : what_(std::move(what)), unit_(std::move(unit)) {}
  ~Progress() { finish(); }

  void update(uint64_t done, uint64_t total) {
    if (!tty_) return;
    const double secs = std::chrono::duration<double>(std::chrono::steady_clock::now() - start_).count();
    if (secs < 1.0) return;
    const double rate = static_cast<double>(done) / secs;
    const double eta = rate > 0 ? static_cast<double>(total - done) / rate : 0;
    std::fprintf(stderr, "\r%s: %3.0f%% (%llu/%llu %s, %.0f %s/s, ETA %.0f s)   ", what_.c_str(),
                 total ? 100.0 * static_cast<double>(done) / static_cast<double>(total) : 100.0,
                 static_cast<unsigned long long>(done), static_cast<unsigned long long>(total), unit_.c_str(), rate,
                 unit_.c_str(), eta);
    shown_ = true;
  }

  void finish() {
    if (shown_) std::fputs("\n", stderr);
    shown_ = false;
  }

 private:
  std::string what_, unit_;
  std::chrono::steady_clock::time_point start_ = std::chrono::steady_clock::now();
  bool tty_ = ::isatty(2) != 0;
  bool shown_ = false;
};

}  // namespace dw::cli
