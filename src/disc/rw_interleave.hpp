// The R-W subcode interleave (IEC 60908 "Red Book", subcode channels R-W; the one CD+G and
// CD-Text-in-R-W packs go through): the six-bit symbols of R-W (bits 5..0 of the 96 raw P-W
// bytes of a sector) form 4 packs of 24 symbols per sector. In a pack, symbol 0 is mode/item,
// 1 instruction, 2-3 parity Q, 4-19 data, 20-23 parity P. On the disc the packs are interleaved:
// in every pack the symbols 1 and 18, 2 and 5, 3 and 23 change places, and then the symbol at
// position k is delayed by k mod 8 packs. Sources that agree: cdrecord/wodim subchan.c
// (`subinterleave`: "index 1 <-> 18, 2 <-> 5, 3 <-> 23, delay index mod 8"); the de-interleave
// offsets CD+G extractors use (karaoke tools, cdgparse, redumper-extract-rw, Yabause's CD core:
// packed symbol j of a pack = the on-disc symbol that many symbols later in the stream,
// 0 66 125 191 100 50 150 175 8 33 58 83 108 133 158 183 16 41 25 91 116 141 166 75 - i.e.
// position swap(j), (swap(j) mod 8) packs later); redumper-extract-rw checks the P and Q parity
// of the packs so found on real CD+G discs.
//
// "Packed" R-W = the packs in pack order (READ CD sub-channel 100b, cdrdao's RW, .cdg files);
// "on-disc" R-W = what the raw P-W of our SectorSource holds (READ CD 001b, cdrdao's RW_RAW).
// Pack n of sector L is pack 4L + n in both streams. A sector's on-disc R-W so mixes symbols of
// its own packs and of the two sectors before it; the packs of a sector are spread over it and
// the two sectors after it (the longest delay, 7 packs, from pack 3 reaches pack 10).
//
// Both directions are pure functions of a window of 3 sectors (3 x 96 bytes, oldest first).
// Only bits 5..0 of the input bytes are used; the output bytes have bits 7 and 6 clear. No error
// correction is done: symbols are moved, never changed.
#pragma once

#include <array>
#include <cstddef>
#include <cstdint>
#include <span>

#include "disc/subchannel.hpp"

namespace dw {

inline constexpr size_t kRwPackSymbols = 24;
inline constexpr size_t kRwPacksPerSector = 4;
/// Sectors an interleave window spans: a sector and two neighbours.
inline constexpr size_t kRwWindowSectors = 3;
inline constexpr size_t kRwWindowSize = kRwWindowSectors * kSubchannelSize;

/// On-disc R-W of sector L from the packed R-W of sectors L-2, L-1 and L (`packed`, in that order).
void interleave_rw(std::span<const uint8_t, kRwWindowSize> packed, std::span<uint8_t, kSubchannelSize> out);
/// Packs of sector L from the on-disc R-W of sectors L, L+1 and L+2 (`on_disc`, in that order).
void deinterleave_rw(std::span<const uint8_t, kRwWindowSize> on_disc, std::span<uint8_t, kSubchannelSize> out);

/// Either direction over consecutive sectors, one sector in, one out, the window carried across
/// sector boundaries. The stream starts as if preceded by sectors whose R-W is all zero (what a
/// recorder's delay lines hold before the first pack, and a drive's before the first read).
///   Interleave: push packed sector n, get the on-disc R-W of sector n. The delayed symbols of the
///     last two sectors' packs fall into sectors n+1 and n+2: push two zero sectors to get them.
///   Deinterleave: push on-disc sector n, get the packs of sector n-2 (a pack's last symbols are
///     two sectors later on the disc, so a streaming decoder lags two sectors, as a drive's does).
///     The first two results are the packs of sectors -2 and -1, built with the zeros before the
///     stream; push two more sectors (zeros at the end) to get the packs of the last two.
class RwStream {
 public:
  enum class Direction : uint8_t { Interleave, Deinterleave };
  explicit RwStream(Direction direction) : direction_(direction) {}
  void push(std::span<const uint8_t, kSubchannelSize> in, std::span<uint8_t, kSubchannelSize> out);
  /// Back to the start: the window all zero again.
  void reset() { window_.fill(0); }

 private:
  Direction direction_;
  std::array<uint8_t, kRwWindowSize> window_{};
};

}  // namespace dw
