// Interleaved <-> linear subchannel, against a bit-by-bit implementation of the definition in
// reference/cd-physical.md: linear channel X byte j bit (7-m) = interleaved byte 8j+m's bit X.
#include "disc/subchannel.hpp"

#include <gtest/gtest.h>

#include <random>

namespace dw {
namespace {

using Sub = std::array<uint8_t, kSubchannelSize>;

Sub reference_deinterleave(const Sub& raw) {
  Sub lin{};
  for (int x = 0; x < 8; ++x)
    for (int j = 0; j < 12; ++j)
      for (int m = 0; m < 8; ++m)
        if (raw[8 * j + m] & (0x80 >> x)) lin[12 * x + j] |= static_cast<uint8_t>(0x80 >> m);
  return lin;
}

Sub random_sub(std::mt19937& rng) {
  Sub s;
  for (auto& b : s) b = static_cast<uint8_t>(rng());
  return s;
}

TEST(Subchannel, KnownPatterns) {
  Sub lin{}, raw{};
  std::fill(lin.begin(), lin.begin() + 12, 0xFF);  // P all ones
  interleave_subchannel(lin, raw);
  for (uint8_t b : raw) ASSERT_EQ(b, 0x80);
  lin.fill(0);
  lin[12] = 0x80;       // Q byte 0, MSB -> interleaved byte 0, bit 6
  lin[12 + 11] = 0x01;  // Q byte 11, LSB -> interleaved byte 95, bit 6
  interleave_subchannel(lin, raw);
  EXPECT_EQ(raw[0], 0x40);
  EXPECT_EQ(raw[95], 0x40);
  EXPECT_EQ(std::count(raw.begin(), raw.end(), 0), 94);
}

TEST(Subchannel, MatchesDefinitionAndInverts) {
  std::mt19937 rng(2352);
  for (int i = 0; i < 20000; ++i) {
    const Sub raw = random_sub(rng);
    Sub lin, back;
    deinterleave_subchannel(raw, lin);
    ASSERT_EQ(lin, reference_deinterleave(raw));
    interleave_subchannel(lin, back);
    ASSERT_EQ(back, raw);
    for (int c = 0; c < 8; ++c) {
      auto ch = extract_channel(raw, static_cast<Channel>(c));
      ASSERT_TRUE(std::equal(ch.begin(), ch.end(), lin.begin() + 12 * c));
    }
  }
}

TEST(Subchannel, InsertChannelAndPMajority) {
  Sub raw{};
  std::array<uint8_t, 12> q{0x01, 0x02, 0x03, 0x04, 0x05, 0x06, 0x07, 0x08, 0x09, 0x10, 0xAB, 0xCD};
  insert_channel(raw, Channel::Q, q);
  EXPECT_EQ(extract_channel(raw, Channel::Q), q);
  EXPECT_EQ(extract_channel(raw, Channel::P), (std::array<uint8_t, 12>{}));
  EXPECT_FALSE(p_flag_majority(raw));
  for (int i = 0; i < 49; ++i) raw[i] |= 0x80;
  EXPECT_TRUE(p_flag_majority(raw));
  raw[0] &= 0x7F;
  EXPECT_FALSE(p_flag_majority(raw));  // 48 of 96 is not a majority
}

}  // namespace
// RAW block type 1 (raw + P-Q, 16 bytes): Q's 12 bytes, 00 00 00, P in byte 15 bit 7. The Q frame
// is the lead-in frame of reference/cd-physical.md "Subchannel" (01 00 A0 98 06 12 00 01 00 00 E3 74).
TEST(Subchannel, PqSixteenBytes) {
  const std::array<uint8_t, 12> q{0x01, 0x00, 0xA0, 0x98, 0x06, 0x12, 0x00, 0x01, 0x00, 0x00, 0xE3, 0x74};
  Sub lin{};
  for (size_t j = 0; j < 12; ++j) lin[j] = 0xFF, lin[12 + j] = q[j];  // P on (a pause)
  for (size_t j = 24; j < 96; ++j) lin[j] = 0x5A;                     // R-W: dropped by type 1
  Sub raw{};
  interleave_subchannel(lin, raw);
  std::array<uint8_t, kPqSize> pq{};
  pq16_from_raw(raw, pq);
  EXPECT_EQ(pq, (std::array<uint8_t, 16>{0x01, 0x00, 0xA0, 0x98, 0x06, 0x12, 0x00, 0x01, 0x00, 0x00, 0xE3, 0x74, 0x00,
                                         0x00, 0x00, 0x80}));
  Sub back{};
  raw_from_pq16(pq, back);
  for (size_t j = 24; j < 96; ++j) lin[j] = 0;
  Sub want{};
  interleave_subchannel(lin, want);
  EXPECT_EQ(back, want);
  pq[15] = 0;
  raw_from_pq16(pq, back);
  EXPECT_EQ(extract_channel(back, Channel::P), (std::array<uint8_t, 12>{}));
}

}  // namespace dw
