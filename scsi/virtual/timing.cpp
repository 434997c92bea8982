#include "scsi/virtual/timing.hpp"

#include <algorithm>
#include <cmath>
#include <cstdlib>

namespace dw::vdrive {

namespace {
// Program area radii of a CD in mm (Red Book: 25 mm to 58 mm); the area is linear in sectors.
constexpr double kInner = 25.0, kOuter = 58.0;
}  // namespace

double TimingModel::speed_at(Lba lba, double max_speed, bool cav) {
  if (!cav) return max_speed;
  const double share = std::clamp(double(lba + 150) / double(kFullStroke), 0.0, 1.0);
  const double r = std::sqrt(kInner * kInner + (kOuter * kOuter - kInner * kInner) * share);
  return std::max(1.0, max_speed * r / kOuter);
}

void TimingModel::command() { advance(kCommandUs); }
void TimingModel::spin_up() { advance(kSpinUpUs); }

void TimingModel::seek(Lba from, Lba to) {
  if (from == to) return;
  const double d = std::min(1.0, std::abs(double(to) - double(from)) / double(kFullStroke));
  advance(kSeekMinUs + static_cast<uint64_t>(double(kSeekFullUs) * std::sqrt(d)));
}

void TimingModel::read(Lba first, uint32_t sectors, double max_speed, bool cav) {
  const double x = speed_at(first + static_cast<Lba>(sectors / 2), max_speed, cav);
  advance(static_cast<uint64_t>(double(sectors) * 1e6 / (75.0 * x)));
}

void TimingModel::cache_hit(uint32_t sectors) { advance(uint64_t{sectors} * kCacheHitUs); }

void TimingModel::write(uint32_t sectors, double speed) {
  advance(static_cast<uint64_t>(double(sectors) * 1e6 / (75.0 * std::max(1.0, speed))));
}

void TimingModel::wait_us(uint64_t us) { advance(us); }

}  // namespace dw::vdrive
