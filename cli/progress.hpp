// Progress for long jobs: a line on stderr, redrawn in place, shown only on a terminal and only
// once the job has run for a second (short jobs stay quiet; scripts see nothing).
#pragma once

#include <unistd.h>

#include <chrono>
#include <cstdint>
#include <cstdio>
#include <string>
#include <utility>

namespace dw::cli {

/// What every live line shares: shown only on a terminal, redrawn in place, ended with a newline
/// once something was drawn; the time since the job started, its rate and its ETA.
class LiveLine {
 public:
  LiveLine() = default;
  LiveLine(const LiveLine&) = delete;
  LiveLine& operator=(const LiveLine&) = delete;
  ~LiveLine() { finish(); }

  void finish() {
    if (shown_) std::fputs("\n", stderr);
    shown_ = false;
  }

 protected:
  [[nodiscard]] bool tty() const { return tty_; }
  [[nodiscard]] double seconds() const {
    return std::chrono::duration<double>(std::chrono::steady_clock::now() - start_).count();
  }
  /// Units per second and seconds left, from `done` of `total` since the start.
  [[nodiscard]] std::pair<double, double> rate_eta(uint64_t done, uint64_t total) const {
    const double secs = seconds();
    const double rate = secs > 0 ? static_cast<double>(done) / secs : 0;
    return {rate, rate > 0 && total > done ? static_cast<double>(total - done) / rate : 0};
  }
  static double percent(uint64_t done, uint64_t total) {
    return total ? 100.0 * static_cast<double>(done) / static_cast<double>(total) : 100.0;
  }
  /// Redraws the line (the caller checked tty()).
  void draw(const std::string& text) {
    std::fprintf(stderr, "\r%s   ", text.c_str());
    shown_ = true;
  }

 private:
  std::chrono::steady_clock::time_point start_ = std::chrono::steady_clock::now();
  bool tty_ = ::isatty(2) != 0;
  bool shown_ = false;
};

class Progress : public LiveLine {
 public:
  Progress(std::string what, std::string unit) : what_(std::move(what)), unit_(std::move(unit)) {}

  void update(uint64_t done, uint64_t total) {
    if (!tty() || seconds() < 1.0) return;
    const auto [rate, eta] = rate_eta(done, total);
    char buf[256];
    std::snprintf(buf, sizeof buf, "%s: %3.0f%% (%llu/%llu %s, %.0f %s/s, ETA %.0f s)", what_.c_str(),
                  percent(done, total), static_cast<unsigned long long>(done), static_cast<unsigned long long>(total),
                  unit_.c_str(), rate, unit_.c_str(), eta);
    draw(buf);
  }

 private:
  std::string what_, unit_;
};

}  // namespace dw::cli
