#include "disc/sector.hpp"

#include <gtest/gtest.h>

#include <random>

#include "disc/scrambler.hpp"

namespace dw {
namespace {

using Sector = std::array<uint8_t, layout::kSector>;

std::vector<uint8_t> random_bytes(std::mt19937& rng, size_t n) {
  std::vector<uint8_t> v(n);
  for (auto& b : v) b = static_cast<uint8_t>(rng());
  return v;
}

TEST(Sector, Mode1LayoutByHand) {
  // LBA 0: sync, header 00 02 00 01, user data at 16, EDC at 2064 (over 0..2063), 8 zero bytes.
  std::vector<uint8_t> user(2048, 0xAB);
  Sector s;
  encode_sector(SectorKind::Mode1, 0, user, s);
  EXPECT_EQ(
      std::vector<uint8_t>(s.begin(), s.begin() + 16),
      (std::vector<uint8_t>{0, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0, 0x00, 0x02, 0x00, 1}));
  EXPECT_TRUE(std::all_of(s.begin() + 16, s.begin() + 2064, [](uint8_t b) { return b == 0xAB; }));
  EXPECT_TRUE(std::all_of(s.begin() + 2068, s.begin() + 2076, [](uint8_t b) { return b == 0; }));
  EXPECT_TRUE(verify_sector(s, 0).faults.ok());
  EXPECT_EQ(verify_sector(s, 1).faults.bits, SectorFaults::kHeaderAddress);
  EXPECT_EQ(verify_sector(s, 1).faults.describe(), "header MSF is not the expected LBA");
}

TEST(Sector, WrongUserSizeAndAddress) {
  Sector s;
  std::vector<uint8_t> user(100);
  EXPECT_THROW(encode_sector(SectorKind::Mode1, 0, user, s), std::invalid_argument);
  std::vector<uint8_t> ok(2048);
  EXPECT_THROW(encode_sector(SectorKind::Mode1, 404850, ok, s), std::out_of_range);
}

TEST(Sector, XaSubheadersAndForm2Edc) {
  Sector s;
  std::vector<uint8_t> user(2324, 0x11);
  encode_sector(SectorKind::Mode2Form2, 100, user, s, Subheader{1, 2, layout::kSubmodeData, 0}, false);
  auto subs = read_subheaders(s);
  EXPECT_EQ(subs[0], subs[1]);
  EXPECT_TRUE(subs[0].form2());
  EXPECT_EQ(s[2348] | s[2349] | s[2350] | s[2351], 0);  // EDC not computed
  EXPECT_TRUE(verify_sector(s, 100).faults.ok());
  EXPECT_EQ(verify_sector(s, 100).kind, SectorKind::Mode2Form2);
  s[20] ^= 0x01;  // second subheader copy
  EXPECT_EQ(verify_sector(s, 100).faults.bits, SectorFaults::kSubheaderMismatch);
}

TEST(Sector, ExpectedKindAndMode0) {
  Sector s;
  encode_sector(SectorKind::Mode0, 5, {}, s);
  EXPECT_TRUE(verify_sector(s, 5).faults.ok());
  EXPECT_EQ(verify_sector(s, 5, SectorKind::Mode1).faults.bits & SectorFaults::kUnexpectedKind,
            SectorFaults::kUnexpectedKind);
  s[1000] = 1;
  EXPECT_EQ(verify_sector(s, 5).faults.bits, SectorFaults::kMode0NotZero);
  s[15] = 7;
  EXPECT_EQ(verify_sector(s, 5).faults.bits, SectorFaults::kMode);
  EXPECT_EQ(classify_sector(s), SectorClass::AudioLike);
}

// Property: every kind encodes into a sector that verifies at its LBA, classifies as its kind,
// and, scrambled, classifies as scrambled; from the lead-in to 99 minutes.
TEST(Sector, EncodeVerifyClassifyEveryKind) {
  std::mt19937 rng(2352);
  const SectorKind kinds[] = {SectorKind::Mode0, SectorKind::Mode1, SectorKind::Mode2Formless, SectorKind::Mode2Form1,
                              SectorKind::Mode2Form2};
  const SectorClass classes[] = {SectorClass::Mode0, SectorClass::Mode1, SectorClass::Mode2Formless,
                                 SectorClass::Mode2Form1, SectorClass::Mode2Form2};
  for (int i = 0; i < 5000; ++i) {
    const int k = i % 5;
    const Lba lba = -45150 + static_cast<Lba>(rng() % (45150 + 404850));
    const auto user = random_bytes(rng, user_size(kinds[k]));
    Sector s;
    Subheader sub{static_cast<uint8_t>(rng()), static_cast<uint8_t>(rng()),
                  static_cast<uint8_t>(rng() & ~layout::kSubmodeForm2), static_cast<uint8_t>(rng())};
    // Formless Mode 2 user data must not look like matching subheaders with a valid EDC.
    encode_sector(kinds[k], lba, user, s, sub);
    const auto check = verify_sector(s, lba, kinds[k]);
    ASSERT_TRUE(check.faults.ok()) << to_string(kinds[k]) << " at " << lba << ": " << check.faults.describe();
    if (kinds[k] != SectorKind::Mode2Formless) {
      ASSERT_TRUE(verify_sector(s, lba).faults.ok());
      ASSERT_EQ(verify_sector(s, lba).kind, kinds[k]);
    }
    ASSERT_EQ(classify_sector(s), classes[k]) << to_string(kinds[k]) << " at " << lba;
    Sector scrambled = s;
    scramble(scrambled);
    ASSERT_EQ(classify_sector(scrambled), SectorClass::Scrambled) << to_string(kinds[k]) << " at " << lba;
    ASSERT_TRUE(accepted(descramble_checked(scrambled, lba)));
    ASSERT_EQ(scrambled, s);
    std::vector<uint8_t> audio = random_bytes(rng, 2352);
    audio[0] = 1;  // no sync
    ASSERT_EQ(classify_sector(std::span<const uint8_t, 2352>(audio.data(), 2352)), SectorClass::AudioLike);
  }
}

}  // namespace
}  // namespace dw
