// The R-W pack interleave: where each symbol goes, as two gather tables over a 3-sector window.
// Facts and sources: rw_interleave.hpp.
#include "disc/rw_interleave.hpp"

#include <algorithm>

namespace dw {

namespace {

using Table = std::array<uint16_t, kSubchannelSize>;

// In-pack position of symbol k on the disc (and, the swaps being their own inverse, the symbol
// found at position k): 1 <-> 18, 2 <-> 5, 3 <-> 23.
constexpr size_t swapped(size_t k) {
  switch (k) {
    case 1: return 18;
    case 18: return 1;
    case 2: return 5;
    case 5: return 2;
    case 3: return 23;
    case 23: return 3;
    default: return k;
  }
}
// Packs a symbol at on-disc position k is delayed by.
constexpr size_t delay(size_t position) { return position % 8; }

// Interleave: on-disc pack p of sector L (window packs 8..11), position k, holds symbol swapped(k)
// of the pack delay(k) packs earlier.
constexpr Table make_interleave() {
  Table t{};
  for (size_t p = 0; p < kRwPacksPerSector; ++p)
    for (size_t k = 0; k < kRwPackSymbols; ++k)
      t[p * kRwPackSymbols + k] = static_cast<uint16_t>((8 + p - delay(k)) * kRwPackSymbols + swapped(k));
  return t;
}
// Deinterleave: symbol j of pack p of sector L (window packs 0..3) is at position swapped(j) of the
// on-disc pack delay(swapped(j)) packs later.
constexpr Table make_deinterleave() {
  Table t{};
  for (size_t p = 0; p < kRwPacksPerSector; ++p)
    for (size_t j = 0; j < kRwPackSymbols; ++j)
      t[p * kRwPackSymbols + j] = static_cast<uint16_t>((p + delay(swapped(j))) * kRwPackSymbols + swapped(j));
  return t;
}
constexpr Table kInterleave = make_interleave();
constexpr Table kDeinterleave = make_deinterleave();

static_assert(std::all_of(kInterleave.begin(), kInterleave.end(), [](uint16_t i) { return i < kRwWindowSize; }));
static_assert(std::all_of(kDeinterleave.begin(), kDeinterleave.end(), [](uint16_t i) { return i < kRwWindowSize; }));

void gather(const Table& table, std::span<const uint8_t, kRwWindowSize> window,
            std::span<uint8_t, kSubchannelSize> out) {
  for (size_t i = 0; i < kSubchannelSize; ++i) out[i] = static_cast<uint8_t>(window[table[i]] & 0x3F);
}

}  // namespace

void interleave_rw(std::span<const uint8_t, kRwWindowSize> packed, std::span<uint8_t, kSubchannelSize> out) {
  gather(kInterleave, packed, out);
}

void deinterleave_rw(std::span<const uint8_t, kRwWindowSize> on_disc, std::span<uint8_t, kSubchannelSize> out) {
  gather(kDeinterleave, on_disc, out);
}

void RwStream::push(std::span<const uint8_t, kSubchannelSize> in, std::span<uint8_t, kSubchannelSize> out) {
  std::copy(window_.begin() + kSubchannelSize, window_.end(), window_.begin());
  std::copy(in.begin(), in.end(), window_.end() - kSubchannelSize);
  gather(direction_ == Direction::Interleave ? kInterleave : kDeinterleave, window_, out);
}

}  // namespace dw
