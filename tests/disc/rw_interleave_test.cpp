// R-W pack interleave, against the published facts rather than our own tables: the de-interleave
// offsets CD+G extractors use (karaoke tools via cdgparse, redumper-extract-rw, Yabause), the
// in-pack swaps of cdrecord's subchan.c, and single symbols followed by hand to where they land.
#include "disc/rw_interleave.hpp"

#include <gtest/gtest.h>

#include <random>
#include <vector>

namespace dw {
namespace {

using Sub = std::array<uint8_t, kSubchannelSize>;

// Symbol j of a de-interleaved pack is the on-disc symbol kPublished[j] symbols after the pack's
// first on-disc symbol (the table as CD+G extractors quote it).
constexpr std::array<size_t, 24> kPublished{0,   66,  125, 191, 100, 50, 150, 175, 8,   33,  58,  83,
                                            108, 133, 158, 183, 16,  41, 25,  91,  116, 141, 166, 75};

// Runs `sectors` packed sectors through the streaming interleaver, plus the two sectors the last
// packs spill into.
std::vector<uint8_t> interleave_all(const std::vector<uint8_t>& packed) {
  const size_t n = packed.size() / kSubchannelSize;
  std::vector<uint8_t> out((n + 2) * kSubchannelSize);
  RwStream s(RwStream::Direction::Interleave);
  const Sub zero{};
  for (size_t i = 0; i < n + 2; ++i)
    s.push(i < n ? std::span<const uint8_t, kSubchannelSize>(packed.data() + i * kSubchannelSize, kSubchannelSize)
                 : std::span<const uint8_t, kSubchannelSize>(zero),
           std::span<uint8_t, kSubchannelSize>(out.data() + i * kSubchannelSize, kSubchannelSize));
  return out;
}

TEST(RwInterleave, DeinterleaveFollowsThePublishedOffsets) {
  std::vector<uint8_t> on_disc(kRwWindowSize);
  // Pack p of sector 0 starts at on-disc symbol 24p: mark each symbol's source with its number.
  for (size_t p = 0; p < 4; ++p)
    for (size_t j = 0; j < 24; ++j) on_disc[24 * p + kPublished[j]] = static_cast<uint8_t>((j + 1) | 0xC0);
  Sub packs{};
  deinterleave_rw(std::span<const uint8_t, kRwWindowSize>(on_disc.data(), kRwWindowSize), packs);
  for (size_t p = 0; p < 4; ++p)
    for (size_t j = 0; j < 24; ++j) EXPECT_EQ(packs[24 * p + j], j + 1) << "pack " << p << " symbol " << j;
  // Yabause's 96-entry table lists pack 3 symbol 3 at 263 and pack 2 symbol 23 at 123.
  on_disc.assign(kRwWindowSize, 0);
  on_disc[263] = 0x2A;
  on_disc[123] = 0x15;
  deinterleave_rw(std::span<const uint8_t, kRwWindowSize>(on_disc.data(), kRwWindowSize), packs);
  Sub want{};
  want[72 + 3] = 0x2A;
  want[48 + 23] = 0x15;
  EXPECT_EQ(packs, want);
}

// One non-zero symbol at packed sector `sector`, pack `pack`, symbol `symbol` lands alone at
// on-disc sector `disc_sector`, byte `disc_byte` (worked out by hand: position swap(symbol),
// delayed by position mod 8 packs).
struct Landing {
  size_t sector, pack, symbol, disc_sector, disc_byte;
};

TEST(RwInterleave, SingleSymbolsLandWhereTheTableSays) {
  const std::array<Landing, 9> cases{{
      {0, 0, 0, 0, 0},    // mode/item: position 0, no delay
      {1, 0, 1, 1, 66},   // instruction -> position 18, 2 packs later: sector 1 pack 2, 48 + 18
      {0, 3, 3, 2, 71},   // parity Q -> 23, 7 packs: pack 10 = sector 2 pack 2, 48 + 23
      {2, 1, 4, 3, 28},   // data 4 stays, 4 packs: pack 13 = sector 3 pack 1, 24 + 4
      {0, 2, 2, 1, 77},   // parity Q -> 5, 5 packs: pack 7 = sector 1 pack 3, 72 + 5
      {0, 0, 23, 0, 75},  // parity P -> 3, 3 packs: pack 3, 72 + 3
      {0, 0, 5, 0, 50},   // data 5 -> 2, 2 packs: 48 + 2
      {0, 0, 18, 0, 25},  // data 18 -> 1, 1 pack: 24 + 1
      {0, 1, 15, 2, 15},  // data 15 stays, 7 packs: pack 8 = sector 2 pack 0
  }};
  for (const Landing& c : cases) {
    std::vector<uint8_t> packed(5 * kSubchannelSize);
    packed[c.sector * 96 + c.pack * 24 + c.symbol] = 0x3F;
    const auto on_disc = interleave_all(packed);
    std::vector<uint8_t> want(on_disc.size());
    want[c.disc_sector * 96 + c.disc_byte] = 0x3F;
    EXPECT_EQ(on_disc, want) << "sector " << c.sector << " pack " << c.pack << " symbol " << c.symbol;
    // The published offset of that symbol says the same.
    EXPECT_EQ(c.sector * 96 + c.pack * 24 + kPublished[c.symbol], c.disc_sector * 96 + c.disc_byte);
  }
}

// The same pack over and over: the delays then change nothing, and what is left is the swaps,
// 1 <-> 18, 2 <-> 5, 3 <-> 23 (cdrecord subchan.c).
TEST(RwInterleave, SteadyPacksShowTheSwaps) {
  std::vector<uint8_t> packed(4 * kSubchannelSize);
  for (size_t i = 0; i < packed.size(); ++i) packed[i] = static_cast<uint8_t>(i % 24 + 1);
  const auto on_disc = interleave_all(packed);
  const std::array<uint8_t, 24> want{1,  19, 6,  24, 5,  3,  7, 8,  9,  10, 11, 12,
                                     13, 14, 15, 16, 17, 18, 2, 20, 21, 22, 23, 4};
  for (size_t sector = 2; sector < 4; ++sector)  // sectors 0 and 1 still hold the zeros before
    for (size_t k = 0; k < 96; ++k) EXPECT_EQ(on_disc[sector * 96 + k], want[k % 24]) << sector << " " << k;
  // Sector 0 pack 0: only the undelayed positions 0, 8 and 16 (symbols 0, 8, 16) are there yet.
  std::array<uint8_t, 24> first{};
  first[0] = 1, first[8] = 9, first[16] = 17;
  EXPECT_TRUE(std::equal(first.begin(), first.end(), on_disc.begin()));
}

// Packed -> on-disc -> packed over many sectors gives the packs back, two sectors late (the
// streaming decoder's lag); the window functions give what the streams give; P and Q bits of the
// input are ignored.
TEST(RwInterleave, RoundTripOverManySectors) {
  constexpr size_t n = 300;
  std::mt19937 rng(60908);
  std::vector<uint8_t> packed(n * kSubchannelSize);
  for (auto& b : packed) b = static_cast<uint8_t>(rng());
  const auto on_disc = interleave_all(packed);
  for (const uint8_t b : on_disc) ASSERT_EQ(b & 0xC0, 0);
  RwStream de(RwStream::Direction::Deinterleave);
  std::vector<uint8_t> back((n + 4) * kSubchannelSize);
  const Sub zero{};
  for (size_t i = 0; i < n + 4; ++i)
    de.push(i < n + 2 ? std::span<const uint8_t, kSubchannelSize>(on_disc.data() + i * 96, 96)
                      : std::span<const uint8_t, kSubchannelSize>(zero),
            std::span<uint8_t, kSubchannelSize>(back.data() + i * 96, 96));
  for (size_t k = 0; k < 2 * 96; ++k) ASSERT_EQ(back[k], 0) << k;  // packs of sectors -2 and -1
  for (size_t k = 0; k < n * 96; ++k) ASSERT_EQ(back[2 * 96 + k], packed[k] & 0x3F) << "sector " << k / 96;
  for (size_t k = 0; k < 2 * 96; ++k) ASSERT_EQ(back[(n + 2) * 96 + k], 0) << k;  // the zeros after
  // Random access: sector 100 from its window.
  Sub one{};
  interleave_rw(std::span<const uint8_t, kRwWindowSize>(packed.data() + 98 * 96, kRwWindowSize), one);
  EXPECT_TRUE(std::equal(one.begin(), one.end(), on_disc.begin() + 100 * 96));
  deinterleave_rw(std::span<const uint8_t, kRwWindowSize>(on_disc.data() + 100 * 96, kRwWindowSize), one);
  for (size_t k = 0; k < 96; ++k) EXPECT_EQ(one[k], packed[100 * 96 + k] & 0x3F);
  // reset() starts a new stream.
  de.reset();
  Sub out{};
  de.push(std::span<const uint8_t, kSubchannelSize>(on_disc.data(), 96), out);
  EXPECT_EQ(out, Sub{});
}

}  // namespace
}  // namespace dw
