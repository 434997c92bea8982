// The virtual drive's clock: each command advances it by what the command would cost a real
// drive (spin-up, seek by distance, reading at the speed of the radius, cache hits nearly free,
// retries on a failing sector), so a strategy's cost in drive time is measurable without
// sleeping. `timing=instant` keeps it at zero for CPU benchmarks.
#pragma once

#include <cstdint>

#include "disc/msf.hpp"

namespace dw::vdrive {

enum class TimingMode : uint8_t { Realistic, Instant };

class TimingModel {
 public:
  static constexpr uint64_t kCommandUs = 200;       ///< per command: transfer setup, firmware
  static constexpr uint64_t kSpinUpUs = 1'500'000;  ///< from stopped to reading speed
  static constexpr uint64_t kSeekMinUs = 8'000;     ///< a short seek
  static constexpr uint64_t kSeekFullUs = 120'000;  ///< a full-stroke seek, added as sqrt(distance)
  static constexpr uint64_t kCacheHitUs = 5;        ///< per sector served from the cache
  static constexpr Lba kFullStroke = 360'000;       ///< sectors of an 80-minute disc

  explicit TimingModel(TimingMode mode = TimingMode::Realistic) : mode_(mode) {}
  [[nodiscard]] TimingMode mode() const { return mode_; }
  /// Microseconds of drive time since the drive was created.
  [[nodiscard]] uint64_t now_us() const { return now_; }

  /// Speed (in x, 1x = 75 sectors/s) at `lba`: CAV grows with the radius from 40% at the hub
  /// to 100% at the rim of an 80-minute disc; CLV is constant.
  static double speed_at(Lba lba, double max_speed, bool cav);

  void command();
  void spin_up();
  void seek(Lba from, Lba to);
  void read(Lba first, uint32_t sectors, double max_speed, bool cav);
  void cache_hit(uint32_t sectors);
  void write(uint32_t sectors, double speed);
  void wait_us(uint64_t us);

 private:
  void advance(uint64_t us) {
    if (mode_ == TimingMode::Realistic) now_ += us;
  }
  TimingMode mode_;
  uint64_t now_ = 0;
};

}  // namespace dw::vdrive
