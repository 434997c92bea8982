// CD-Text from the lead-in's R-W: packs written out byte by byte (reference/cd-physical.md,
// "CD-Text": 18-byte packs, CRC-16/GSM big-endian in 16-17; in R-W 24 six-bit symbols per pack,
// 4 packs per sector), spread into symbols by an independent bit loop, and decoded back.
#include <gtest/gtest.h>

#include <array>
#include <vector>

#include "disc/cdtext.hpp"
#include "disc/subchannel_synth.hpp"
#include "support/test_discs.hpp"

namespace dw {
namespace {

// Pack type 0x80 (TITLE), disc, sequence 0, block 0, position 0: "DEMO DISC" and NUL padding.
// CRC-16/GSM of bytes 0-15 = 0x9C7D (computed independently; "123456789" gives 0xCE3C).
constexpr CdTextPack kTitle{0x80, 0x00, 0x00, 0x00, 'D', 'E', 'M', 'O', ' ', 'D', 'I', 'S', 'C', 0, 0, 0, 0x9C, 0x7D};
// Type 0x81 (PERFORMER), disc, sequence 1, block 0: "Artist"; CRC 0x944C.
constexpr CdTextPack kPerformer{0x81, 0x00, 0x01, 0x00, 'A', 'r', 't', 'i', 's', 't', 0, 0, 0, 0, 0, 0, 0x94, 0x4C};

// Writes pack `p` of a sector: bit k of the pack (MSB first) is bit (5 - k % 6) of byte k / 6.
void put(std::array<uint8_t, 96>& sector, size_t p, const CdTextPack& pack) {
  for (size_t k = 0; k < 144; ++k)
    if (pack[k / 8] & (0x80 >> (k % 8))) sector[p * 24 + k / 6] |= static_cast<uint8_t>(0x20 >> (k % 6));
}

TEST(CdTextRw, PackCrcsAreTheReferenceOnes) {
  EXPECT_TRUE(cdtext_pack_crc_ok(kTitle));
  EXPECT_TRUE(cdtext_pack_crc_ok(kPerformer));
}

TEST(CdTextRw, DecodesPacksFromRwSymbolsInSequenceOrder) {
  // Two sectors of a cycle entered at the second pack: performer, title, performer, title, ...
  std::vector<uint8_t> sub;
  for (int s = 0; s < 2; ++s) {
    std::array<uint8_t, 96> sector{};
    for (size_t p = 0; p < 4; ++p) put(sector, p, p % 2 ? kTitle : kPerformer);
    for (auto& b : sector) b |= 0xC0;  // P and Q bits set: they are not R-W
    sub.insert(sub.end(), sector.begin(), sector.end());
  }
  // The first symbol byte of the first sector spelled out: 0x81 >> 2 = 0x20 (R-W bits 100000).
  EXPECT_EQ(sub[0] & 0x3F, 0x20);
  CdTextRwReport report;
  const auto packs = cdtext_packs_from_rw(sub, &report);
  ASSERT_EQ(packs.size(), 2u);
  EXPECT_EQ(packs[0], kTitle);
  EXPECT_EQ(packs[1], kPerformer);
  EXPECT_EQ(report.sectors, 2u);
  EXPECT_EQ(report.packs, 8u);
  EXPECT_EQ(report.crc_errors, 0u);
  EXPECT_EQ(report.repeats, 6u);
}

TEST(CdTextRw, SkipsDamagedPacksAndEmptySectors) {
  std::array<uint8_t, 96> sector{};
  CdTextPack bad = kTitle;
  bad[5] ^= 0x01;  // 'E' -> 'D': the CRC no longer matches
  put(sector, 0, bad);
  put(sector, 1, kPerformer);
  std::vector<uint8_t> sub(sector.begin(), sector.end());
  sub.resize(96 * 2 + 50, 0);  // an empty sector (no R-W) and a partial one
  CdTextRwReport report;
  const auto packs = cdtext_packs_from_rw(sub, &report);
  ASSERT_EQ(packs.size(), 1u);
  EXPECT_EQ(packs[0], kPerformer);
  EXPECT_EQ(report.sectors, 2u);
  EXPECT_EQ(report.crc_errors, 1u);
}

TEST(CdTextRw, ReadsBackTheSynthesisedLeadIn) {
  Disc d;
  Session s;
  s.tracks.push_back(test::track(1, TrackMode::Audio, {{1, 0}}));
  s.tracks.push_back(test::track(2, TrackMode::Audio, {{0, 1000}, {1, 1150}}));
  s.leadout = 3000;
  d.sessions.push_back(s);
  CdTextBlock b;
  b.first_track = 1;
  b.last_track = 2;
  b.text[{0x80, 0}] = "Album";
  b.text[{0x80, 1}] = "One";
  b.text[{0x80, 2}] = "Two";
  b.text[{0x81, 0}] = "Band";
  d.cdtext.blocks.push_back(b);
  SubchannelSynthesizer syn(d);
  // 40 sectors from the middle of the lead-in: entered mid-cycle, every pack seen.
  std::vector<uint8_t> sub(40 * 96);
  for (int i = 0; i < 40; ++i) syn.synthesize(-3001 + i, std::span<uint8_t, 96>(sub.data() + size_t(i) * 96, 96));
  const auto packs = cdtext_packs_from_rw(sub);
  EXPECT_EQ(packs, build_cdtext_packs(d.cdtext));
  EXPECT_EQ(parse_cdtext(cdtext_bytes(packs), "lead-in"),
            parse_cdtext(cdtext_bytes(build_cdtext_packs(d.cdtext)), "built"));
}

}  // namespace
}  // namespace dw
