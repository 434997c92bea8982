#include "disc/scrambler.hpp"

#include <gtest/gtest.h>

#include <random>

namespace dw {
namespace {

TEST(Scrambler, TableStartsAsTheReferenceSays) {
  // reference/cd-physical.md: table from byte 12 = 01 80 00 60 00 28 00 1E 80 08 60 06 A8 02 FE 81 80 60 60 28 28 1E 9E
  // 88
  const std::vector<uint8_t> want = {0x01, 0x80, 0x00, 0x60, 0x00, 0x28, 0x00, 0x1E, 0x80, 0x08, 0x60, 0x06,
                                     0xA8, 0x02, 0xFE, 0x81, 0x80, 0x60, 0x60, 0x28, 0x28, 0x1E, 0x9E, 0x88};
  const auto& t = scramble_table();
  EXPECT_EQ(std::vector<uint8_t>(t.begin() + 12, t.begin() + 36), want);
  for (int i = 0; i < 12; ++i) EXPECT_EQ(t[i], 0);
}

TEST(Scrambler, SelfInverseAtAnyOffset) {
  std::mt19937 rng(3);
  for (int i = 0; i < 2000; ++i) {
    const size_t offset = rng() % 2352;
    std::vector<uint8_t> v(rng() % (2353 - offset));
    for (auto& b : v) b = static_cast<uint8_t>(rng());
    auto w = v;
    scramble(w, offset);
    for (size_t k = 0; k < v.size(); ++k) ASSERT_EQ(w[k], v[k] ^ scramble_table()[offset + k]);
    scramble(w, offset);
    ASSERT_EQ(w, v);
  }
}

TEST(Scrambler, CheckedDescrambleLeavesRejectsAlone) {
  std::vector<uint8_t> zero(2352, 0);
  EXPECT_EQ(descramble_checked(zero, 0), DescrambleVerdict::AllZero);
  std::vector<uint8_t> shortv(15, 1);
  EXPECT_EQ(descramble_checked(shortv, 0), DescrambleVerdict::TooShort);
  std::vector<uint8_t> junk(2352, 0x33);
  const auto copy = junk;
  EXPECT_FALSE(accepted(descramble_checked(junk, 5)));
  EXPECT_EQ(junk, copy);
}

}  // namespace
}  // namespace dw
