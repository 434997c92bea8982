// Jitter alignment on any bytes (reads come from drives): align_stream and repeats_at_some_shift
// never read outside their inputs, a found shift really repeats the anchor over the minimum
// overlap, and its wanted bytes can be cut.
#include <algorithm>
#include <cstdint>
#include <cstdlib>
#include <span>

#include "rip/stream_align.hpp"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  if (size < 6) return 0;
  const int32_t max_shift = (data[0] | data[1] << 8) % 700;
  const size_t anchor_len = static_cast<size_t>(data[2] | data[3] << 8) % (size - 6 + 1);
  const size_t rest = size - 6 - anchor_len;
  const size_t wanted = rest ? static_cast<size_t>(data[4] | data[5] << 8) % (rest + 1) : 0;
  const std::span<const uint8_t> anchor(data + 6, anchor_len);
  const std::span<const uint8_t> read(data + 6 + anchor_len, rest);
  const size_t min_overlap = 1 + data[0] % 64;
  const dw::rip::StreamAlignment al = dw::rip::align_stream(read, anchor, wanted, max_shift, min_overlap);
  if (al.kind == dw::rip::StreamAlignment::Kind::None) {
    if (al.shift != 0 || al.matches != 0) std::abort();
    return 0;
  }
  if (al.matches == 0 || std::abs(al.shift) > max_shift) std::abort();
  const auto cut = dw::rip::cut_aligned(read, anchor.size(), wanted, al.shift);
  if (cut.size() != wanted) std::abort();
  // The shift repeats the anchor: read[x] == anchor[x + 4 * shift] wherever both exist.
  const int64_t d = 4 * int64_t{al.shift};
  const int64_t x0 = std::max<int64_t>(0, -d);
  const int64_t x1 = std::min<int64_t>(static_cast<int64_t>(read.size()), static_cast<int64_t>(anchor.size()) - d);
  if (x1 - x0 < static_cast<int64_t>(min_overlap)) std::abort();
  for (int64_t x = x0; x < x1; ++x)
    if (read[static_cast<size_t>(x)] != anchor[static_cast<size_t>(x + d)]) std::abort();
  (void)dw::rip::repeats_at_some_shift(read, anchor, max_shift, min_overlap);
  return 0;
}
