#include "checksum/frame450.hpp"

#include <algorithm>
#include <cstring>
#include <stdexcept>

namespace dw {
namespace {

uint32_t sample_at(std::span<const uint8_t> pcm, size_t k) {
  return uint32_t{pcm[4 * k]} | uint32_t{pcm[4 * k + 1]} << 8 | uint32_t{pcm[4 * k + 2]} << 16 |
         uint32_t{pcm[4 * k + 3]} << 24;
}

}  // namespace

std::vector<int32_t> frame450_shifts(std::span<const uint8_t> window, int32_t max_shift,
                                     std::span<const uint32_t> crcs) {
  constexpr uint32_t n = kSamplesPerSector;
  const size_t samples = n + 2 * static_cast<size_t>(max_shift);
  if (max_shift < 0 || window.size() != samples * 4)
    throw std::invalid_argument("frame450_shifts: the window must hold 588 + 2 * max_shift samples");
  std::vector<int32_t> out;
  if (crcs.empty()) return out;
  // v(s) = sum over i = 1..588 of x[s + i - 1] * i (mod 2^32); sliding one sample on:
  // v(s + 1) = v(s) - sum(x[s .. s + 587]) + 588 * x[s + 588].
  uint32_t v = 0, sum = 0;
  for (uint32_t i = 0; i < n; ++i) {
    const uint32_t x = sample_at(window, i);
    v += x * (i + 1);
    sum += x;
  }
  for (size_t s = 0;; ++s) {
    if (std::find(crcs.begin(), crcs.end(), v) != crcs.end()) out.push_back(static_cast<int32_t>(s) - max_shift);
    if (s + n >= samples) break;
    const uint32_t in = sample_at(window, s + n), gone = sample_at(window, s);
    v = v - sum + n * in;
    sum = sum - gone + in;
  }
  return out;
}

std::vector<int32_t> frame450_shifts(SectorSource& source, const AudioTrackRange& track, std::span<const uint32_t> crcs,
                                     int32_t max_shift) {
  if (track.sectors() <= kArFrame450Sector || crcs.empty()) return {};
  const int64_t first_sample = int64_t{track.start + kArFrame450Sector} * kSamplesPerSector - max_shift;
  const size_t samples = kSamplesPerSector + 2 * static_cast<size_t>(max_shift);
  const Lba lo = static_cast<Lba>(floor_div(first_sample, kSamplesPerSector));
  const Lba hi = static_cast<Lba>(floor_div(first_sample + static_cast<int64_t>(samples) - 1, kSamplesPerSector)) + 1;
  std::vector<uint8_t> sectors(static_cast<size_t>(hi - lo) * kRawSectorSize, 0);
  const Lba a = std::max(lo, source.begin()), b = std::min(hi, source.end());
  if (a < b)
    source.read(a, static_cast<uint32_t>(b - a),
                std::span(sectors).subspan(static_cast<size_t>(a - lo) * kRawSectorSize), {}, {});
  const auto at = static_cast<size_t>(first_sample - int64_t{lo} * kSamplesPerSector) * 4;
  return frame450_shifts(std::span(sectors).subspan(at, samples * 4), max_shift, crcs);
}

}  // namespace dw
