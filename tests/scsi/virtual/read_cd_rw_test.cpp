// READ CD sub-channel selection 100b (MMC-3 table "Sub-channel Data Selection Field": R-W, 96
// bytes, de-interleaved and error corrected) and the page 2A bits that announce it (byte 5 bit 2
// "R-W supported", bit 3 "R-W de-interleaved and corrected"). The packs expected are found with
// the de-interleave offsets CD+G extractors publish (symbol j of a pack = the raw R-W symbol
// kPublished[j] symbols after the pack's start), not with disc/rw_interleave.cpp's tables.
#include <gtest/gtest.h>

#include "disc/subchannel_synth.hpp"
#include "vdrive_fixture.hpp"

using namespace dw;
using namespace dw::test;

namespace {

// The R-W symbol a CD+G-like program area carries in byte k of sector l (six bits).
uint8_t rw_symbol(Lba l, size_t k) { return uint8_t((k * 11 + size_t(l) * 7 + 5) & 0x3F); }

constexpr std::array<size_t, 24> kPublished{0,   66,  125, 191, 100, 50, 150, 175, 8,   33,  58,  83,
                                            108, 133, 158, 183, 16,  41, 25,  91,  116, 141, 166, 75};

// The raw R-W of the surface: rw_symbol in [450, 460), zero elsewhere.
uint8_t raw_rw(Lba l, size_t k) { return l >= 450 && l < 460 ? rw_symbol(l, k) : 0; }

// Byte i (pack i / 24, symbol i % 24) of sector l's de-interleaved R-W.
uint8_t packed_rw(Lba l, size_t i) {
  const size_t at = size_t(l) * 96 + (i / 24) * 24 + kPublished[i % 24];
  return raw_rw(Lba(at / 96), at % 96);
}

// The mixed disc with its P and Q, and R-W symbols in the audio track's sectors [450, 460).
std::unique_ptr<vdrive::VirtualDrive> drive_with_rw(const char* personality) {
  SubchannelSynthesizer synth(mixed_disc());
  std::vector<uint8_t> sub(600 * kSubchannelSize);
  for (Lba l = 0; l < 600; ++l) {
    std::span<uint8_t, kSubchannelSize> s(sub.data() + size_t(l) * kSubchannelSize, kSubchannelSize);
    synth.synthesize(l, s);
    if (l >= 450 && l < 460)
      for (size_t k = 0; k < kSubchannelSize; ++k) s[k] = uint8_t(s[k] | rw_symbol(l, k));
  }
  auto d = std::make_unique<vdrive::VirtualDrive>(*vdrive::find_personality(personality), vdrive::TimingMode::Instant);
  d->insert(std::make_shared<vdrive::PressedMedia>(
      std::make_shared<MemorySectorSource>(mixed_disc(), 0, mixed_main(), std::move(sub))));
  send(*d, {0, 0, 0, 0, 0, 0}, 0);  // the unit attention
  return d;
}

}  // namespace

// 96 bytes per sector, one R-W symbol in bits 5-0 of each, P and Q (bits 7-6) zero: the packs
// de-interleaved from the sector's raw R-W and the next two sectors'.
TEST(ReadCdRw, ReturnsTheDeinterleavedPacksWithoutPAndQ) {
  auto d = drive_with_rw("generic");
  auto r = send(*d, read_cd_cdb(0, 446, 16, 0x00, 0x04), 16 * 96);
  ASSERT_EQ(r.code(), "GOOD");
  ASSERT_EQ(r.data.size(), 16u * 96u);
  for (Lba l = 446; l < 462; ++l)
    for (size_t k = 0; k < 96; ++k) EXPECT_EQ(r.data[size_t(l - 446) * 96 + k], packed_rw(l, k)) << l << " " << k;
  // By hand: sector 448 pack 3 symbol 3 (byte 75) is at position 23 seven packs later, pack
  // 4 * 448 + 10 = sector 450 pack 2: raw byte 71, (71 * 11 + 450 * 7 + 5) mod 64 = 32. Symbol 0
  // of sector 450 pack 0 is not moved: raw byte 0 of 450, (3150 + 5) mod 64 = 19.
  EXPECT_EQ(r.data[2 * 96 + 75], 32);
  EXPECT_EQ(r.data[4 * 96 + 0], 19);
  // Sector 447 (index 0 of track 2: P set, Q present) reaches no R-W: 96 zero bytes, although its
  // raw P-W bytes are not zero. Sector 459's packs reach past 460, where there is none.
  EXPECT_EQ(std::vector<uint8_t>(r.data.begin() + 96, r.data.begin() + 192), std::vector<uint8_t>(96, 0));
  EXPECT_NE(send(*d, read_cd_cdb(0, 447, 1, 0x00, 0x01), 96).data, std::vector<uint8_t>(96, 0));
  EXPECT_EQ(r.data[13 * 96 + 75], 0);  // 459 pack 3 symbol 3: sector 461
  // The last sector before the lead-out reads like any other (its next sectors: the lead-out's).
  EXPECT_EQ(send(*d, read_cd_cdb(0, 599, 1, 0x00, 0x04), 96).data, std::vector<uint8_t>(96, 0));
}

// The R-W block takes the subchannel's place in the reply: after main and C2 on most drives,
// between them on `lg` (main, sub, C2).
TEST(ReadCdRw, FollowsThePersonalitysSectorOrder) {
  const auto main = mixed_main();
  for (const char* name : {"generic", "lg"}) {
    auto d = drive_with_rw(name);
    auto r = send(*d, read_cd_cdb(1, 455, 1, 0xFA, 0x04), 2352 + 294 + 96);
    ASSERT_EQ(r.data.size(), 2742u) << name;
    EXPECT_TRUE(std::equal(r.data.begin(), r.data.begin() + 2352, expected_audio(main, 455, 6).begin())) << name;
    const size_t at = std::string(name) == "lg" ? 2352 : 2352 + 294;
    for (size_t k = 0; k < 96; ++k) EXPECT_EQ(r.data[at + k], packed_rw(455, k)) << name << " " << k;
  }
}

// Page 2A byte 5: bit 0 CD-DA commands, 1 accurate stream, 2 R-W supported, 3 R-W de-interleaved
// and corrected, 4 C2 pointers, 5 ISRC, 6 UPC. `generic` has everything (7Fh); `cheap` has no C2,
// no accurate stream and no mode 100b, but returns raw P-W (65h).
TEST(ReadCdRw, Page2AAnnouncesIt) {
  for (auto [name, byte5] : {std::pair{"generic", 0x7F}, std::pair{"plextor", 0x7F}, std::pair{"cheap", 0x65}}) {
    auto d = drive_with_rw(name);
    auto r = send(*d, {0x5A, 0x08, 0x2A, 0, 0, 0, 0, 0x00, 0xFF, 0}, 0xFF);
    ASSERT_GE(r.data.size(), 8u + 6u) << name;
    EXPECT_EQ(r.data[8], 0x2A) << name;
    EXPECT_EQ(r.data[8 + 5], byte5) << name;
  }
}
