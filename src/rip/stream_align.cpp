#include "rip/stream_align.hpp"

#include <algorithm>
#include <cstdlib>
#include <cstring>
#include <stdexcept>

namespace dw::rip {
namespace {

constexpr int64_t kSampleBytes = 4;

// Whether the wanted bytes at `shift` lie inside the read.
bool fits(size_t read_size, size_t anchor_bytes, size_t wanted_bytes, int32_t shift) {
  const int64_t begin = static_cast<int64_t>(anchor_bytes) - kSampleBytes * shift;
  return begin >= 0 && begin + static_cast<int64_t>(wanted_bytes) <= static_cast<int64_t>(read_size);
}

// read[x] == anchor[x + 4 * shift] wherever both exist, over at least `min_overlap` bytes.
bool repeats(std::span<const uint8_t> read, std::span<const uint8_t> anchor, int32_t shift, size_t min_overlap) {
  const int64_t d = kSampleBytes * shift;  // anchor index = read index + d
  const int64_t x0 = std::max<int64_t>(0, -d);
  const int64_t x1 = std::min<int64_t>(static_cast<int64_t>(read.size()), static_cast<int64_t>(anchor.size()) - d);
  if (x1 - x0 < static_cast<int64_t>(min_overlap)) return false;
  return std::memcmp(read.data() + x0, anchor.data() + x0 + d, static_cast<size_t>(x1 - x0)) == 0;
}

}  // namespace

std::vector<int32_t> repeating_shifts(std::span<const uint8_t> read, std::span<const uint8_t> ref, int32_t max_shift,
                                      size_t min_overlap) {
  std::vector<int32_t> out;
  for (int32_t s = -max_shift; s <= max_shift; ++s)
    if (repeats(read, ref, s, min_overlap)) out.push_back(s);
  return out;
}

std::optional<int32_t> jitter_center(std::span<const int32_t> positions, size_t min_reads) {
  if (positions.size() < std::max<size_t>(min_reads, 1)) return std::nullopt;
  const auto [lo, hi] = std::minmax_element(positions.begin(), positions.end());
  if (std::count(positions.begin(), positions.end(), *lo) < 2 ||
      std::count(positions.begin(), positions.end(), *hi) < 2)
    return std::nullopt;
  if ((*lo + *hi) % 2 != 0) return std::nullopt;
  return (*lo + *hi) / 2;
}

bool repeats_at_some_shift(std::span<const uint8_t> read, std::span<const uint8_t> ref, int32_t max_shift,
                           size_t min_overlap) {
  for (int32_t s = -max_shift; s <= max_shift; ++s)
    if (repeats(read, ref, s, min_overlap)) return true;
  return false;
}

std::span<const uint8_t> cut_aligned(std::span<const uint8_t> read, size_t anchor_bytes, size_t wanted_bytes,
                                     int32_t shift) {
  if (!fits(read.size(), anchor_bytes, wanted_bytes, shift))
    throw std::out_of_range("cut_aligned: the wanted bytes lie outside the read at this shift");
  return read.subspan(static_cast<size_t>(static_cast<int64_t>(anchor_bytes) - kSampleBytes * shift), wanted_bytes);
}

StreamAlignment align_stream(std::span<const uint8_t> read, std::span<const uint8_t> anchor, size_t wanted_bytes,
                             int32_t max_shift, size_t min_overlap) {
  StreamAlignment out;
  if (anchor.empty() || max_shift < 0) return out;
  std::vector<int32_t> found;
  for (int32_t s = -max_shift; s <= max_shift; ++s)
    if (fits(read.size(), anchor.size(), wanted_bytes, s) && repeats(read, anchor, s, min_overlap)) found.push_back(s);
  out.matches = static_cast<uint32_t>(found.size());
  if (found.empty()) return out;
  const auto best =
      std::min_element(found.begin(), found.end(), [](int32_t a, int32_t b) { return std::abs(a) < std::abs(b); });
  out.shift = *best;
  if (found.size() == 1) {
    out.kind = StreamAlignment::Kind::Unique;
    return out;
  }
  const auto chosen = cut_aligned(read, anchor.size(), wanted_bytes, out.shift);
  const bool same = std::all_of(found.begin(), found.end(), [&](int32_t s) {
    const auto other = cut_aligned(read, anchor.size(), wanted_bytes, s);
    return std::equal(chosen.begin(), chosen.end(), other.begin());
  });
  out.kind = same ? StreamAlignment::Kind::Agreeing : StreamAlignment::Kind::Ambiguous;
  return out;
}

}  // namespace dw::rip
