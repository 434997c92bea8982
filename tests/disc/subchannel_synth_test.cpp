// Synthesised P-W: expected Q frames are written out byte by byte from the layouts in
// reference/cd-physical.md, and the real-disc behaviour seen in DiscImageCreator logs (relative
// time in index 0 reaches 00:00:00 on the last pregap sector, index 1 starts again at 00:00:00).
#include "disc/subchannel_synth.hpp"

#include <gtest/gtest.h>

#include "support/test_discs.hpp"

namespace dw {
namespace {

std::vector<uint8_t> q10(const QFrame& f) { return {f.begin(), f.begin() + 10}; }

Disc two_track_disc() {
  Disc d;
  Session s;
  s.tracks.push_back(test::track(1, TrackMode::Audio, {{1, 0}}));
  s.tracks.push_back(test::track(2, TrackMode::Audio, {{0, 1000}, {1, 1150}, {2, 2000}}));
  s.tracks[1].isrc = "XYBLG1101234";
  s.leadout = 3000;
  d.sessions.push_back(s);
  d.mcn = "0000012101954";
  return d;
}

TEST(SubchannelSynth, ProgramAreaFrames) {
  SubchannelSynthesizer syn(two_track_disc());
  // LBA 0: track 01 index 01 rel 00:00:00 abs 00:02:00.
  EXPECT_EQ(q10(syn.q_at(0)), (std::vector<uint8_t>{0x01, 0x01, 0x01, 0, 0, 0, 0, 0x00, 0x02, 0x00}));
  // LBA -1: track 01 index 00, rel 00:00:00 (last pregap sector), abs 00:01:74.
  EXPECT_EQ(q10(syn.q_at(-1)), (std::vector<uint8_t>{0x01, 0x01, 0x00, 0, 0, 0, 0, 0x00, 0x01, 0x74}));
  // LBA -150: rel 00:01:74 counting down, abs 00:00:00.
  EXPECT_EQ(q10(syn.q_at(-150)), (std::vector<uint8_t>{0x01, 0x01, 0x00, 0x00, 0x01, 0x74, 0, 0, 0, 0}));
  // LBA 1148: track 02 index 00 rel 00:00:01 (1149, its last pregap sector, is an MCN slot);
  // LBA 1000 rel 00:01:74; abs of 1148 = 1298 frames = 00:17:23.
  EXPECT_EQ(q10(syn.q_at(1148)), (std::vector<uint8_t>{0x01, 0x02, 0x00, 0, 0, 0x01, 0, 0x00, 0x17, 0x23}));
  EXPECT_EQ(q10(syn.q_at(1000))[5], 0x74);
  // LBA 2001: track 02 index 02, relative from index 1: 851 frames = 00:11:26; abs 2151 = 00:28:51.
  EXPECT_EQ(q10(syn.q_at(2001)), (std::vector<uint8_t>{0x01, 0x02, 0x02, 0x00, 0x11, 0x26, 0, 0x00, 0x28, 0x51}));
  // Lead-out at 3000: AA 01 rel 00:00:00, abs 3150 frames = 00:42:00.
  EXPECT_EQ(q10(syn.q_at(3000)), (std::vector<uint8_t>{0x01, 0xAA, 0x01, 0, 0, 0, 0, 0x00, 0x42, 0x00}));
  EXPECT_EQ(q10(syn.q_at(3075))[4], 0x01);
  for (Lba lba = syn.begin(); lba < syn.end(); ++lba) ASSERT_TRUE(q_crc_ok(syn.q_at(lba))) << lba;
}

TEST(SubchannelSynth, HiddenTrackOneAudioIndex0FromMinus150) {
  // Index 0 written at LBA 0 (a sheet's INDEX 00 00:00:00), index 1 at 300, pre-emphasis: a
  // pressed disc has track 1 index 0 from LBA -150 (abs 00:00:00), not lead-in there.
  Disc d;
  Session s;
  s.tracks.push_back(test::track(1, TrackMode::Audio, {{0, 0}, {1, 300}}));
  s.tracks[0].control.bits = Control::kPreEmphasis;
  s.leadout = 600;
  d.sessions.push_back(s);
  SubchannelSynthesizer syn(d);
  EXPECT_EQ(syn.begin(), -4650);
  // LBA -1: CONTROL 1 ADR 1, track 01 index 00, rel 00:04:00 (300 frames to its last sector,
  // LBA 299), abs 00:01:74, CRC-16/GSM E4 8C.
  EXPECT_EQ(syn.q_at(-1), (QFrame{0x11, 0x01, 0x00, 0x00, 0x04, 0x00, 0x00, 0x00, 0x01, 0x74, 0xE4, 0x8C}));
  // LBA -150: rel 00:05:74 (449 frames), abs 00:00:00.
  EXPECT_EQ(q10(syn.q_at(-150)), (std::vector<uint8_t>{0x11, 0x01, 0x00, 0x00, 0x05, 0x74, 0, 0, 0, 0}));
  EXPECT_TRUE(syn.p_at(-150));
  // LBA 0 carries on in index 0: rel 00:03:74, abs 00:02:00.
  EXPECT_EQ(q10(syn.q_at(0)), (std::vector<uint8_t>{0x11, 0x01, 0x00, 0x00, 0x03, 0x74, 0, 0x00, 0x02, 0x00}));
}

TEST(SubchannelSynth, McnAndIsrcCadence) {
  SubchannelSynthesizer syn(two_track_disc());
  // (LBA + 150) % 100 == 99 -> MCN: LBA 49 (abs frame 00:02:49 -> aframe 0x49).
  EXPECT_EQ(q10(syn.q_at(49)), (std::vector<uint8_t>{0x02, 0x00, 0x00, 0x01, 0x21, 0x01, 0x95, 0x40, 0x00, 0x49}));
  // == 49 -> ISRC, only in tracks that have one and from index 1: LBA 1199 (abs 1349 = 00:17:74).
  EXPECT_EQ(q10(syn.q_at(1199)), (std::vector<uint8_t>{0x03, 0xA2, 0x94, 0x9C, 0x5C, 0x11, 0x01, 0x23, 0x40, 0x74}));
  EXPECT_EQ(q10(syn.q_at(99))[0], 0x01);    // track 1 has no ISRC
  EXPECT_EQ(q10(syn.q_at(1099))[0], 0x01);  // track 2 index 0: no ISRC
  EXPECT_EQ(q10(syn.q_at(3049))[0], 0x01);  // lead-out: no MCN
  int mcn = 0;
  for (Lba lba = 0; lba < 3000; ++lba) mcn += (syn.q_at(lba)[0] & 0x0F) == 2;
  EXPECT_EQ(mcn, 30);
}

TEST(SubchannelSynth, LeadInTocCycle) {
  SubchannelSynthesizer syn(two_track_disc());
  EXPECT_EQ(syn.begin(), -4650);
  EXPECT_EQ(syn.end(), 3000 + 6750);
  // Points: 01, 02, A0, A1, A2, each 3 times. Running time = the sector's MSF: LBA -4650 is
  // 445500 frames = 99:00:00.
  EXPECT_EQ(q10(syn.q_at(-4650)), (std::vector<uint8_t>{0x01, 0x00, 0x01, 0x99, 0x00, 0x00, 0, 0x00, 0x02, 0x00}));
  EXPECT_EQ(q10(syn.q_at(-4647)), (std::vector<uint8_t>{0x01, 0x00, 0x02, 0x99, 0x00, 0x03, 0, 0x00, 0x17, 0x25}));
  EXPECT_EQ(q10(syn.q_at(-4644)), (std::vector<uint8_t>{0x01, 0x00, 0xA0, 0x99, 0x00, 0x06, 0, 0x01, 0x00, 0x00}));
  EXPECT_EQ(q10(syn.q_at(-4641)), (std::vector<uint8_t>{0x01, 0x00, 0xA1, 0x99, 0x00, 0x09, 0, 0x02, 0x00, 0x00}));
  EXPECT_EQ(q10(syn.q_at(-4638)), (std::vector<uint8_t>{0x01, 0x00, 0xA2, 0x99, 0x00, 0x12, 0, 0x00, 0x42, 0x00}));
  EXPECT_EQ(q10(syn.q_at(-4635))[2], 0x01);  // cycle restarts after 15 frames
  EXPECT_EQ(syn.q_at(-151)[2], syn.q_at(-151 - 15)[2]);
}

TEST(SubchannelSynth, PChannel) {
  SubchannelSynthesizer syn(two_track_disc());
  EXPECT_FALSE(syn.p_at(-151));  // lead-in
  EXPECT_TRUE(syn.p_at(-150));   // pause before track 1
  EXPECT_TRUE(syn.p_at(-1));
  EXPECT_FALSE(syn.p_at(0));
  EXPECT_TRUE(syn.p_at(1000));
  EXPECT_FALSE(syn.p_at(1150));
  EXPECT_TRUE(syn.p_at(3000));  // lead-out: 2 Hz, on for the first 18.75 frames
  EXPECT_TRUE(syn.p_at(3018));
  EXPECT_FALSE(syn.p_at(3019));
  EXPECT_TRUE(syn.p_at(3038));
  std::array<uint8_t, kSubchannelSize> raw{};
  syn.synthesize(-10, raw);
  EXPECT_TRUE(p_flag_majority(raw));
  EXPECT_EQ(extract_channel(raw, Channel::Q), syn.q_at(-10));
  for (int c = 2; c < 8; ++c) EXPECT_EQ(extract_channel(raw, static_cast<Channel>(c)), (std::array<uint8_t, 12>{}));
}

TEST(SubchannelSynth, MultisessionAndRange) {
  const Disc d = test::ladyhawke();
  SubchannelSynthesizer syn(d);
  EXPECT_EQ(syn.begin(), -4650);
  EXPECT_EQ(syn.end(), 210385 + 2250);
  // Session 2 lead-in starts right where session 1's lead-out ends, listing only track 13.
  const QFrame first = syn.q_at(195706 + 6750);
  EXPECT_EQ(first[0], 0x41);
  EXPECT_EQ(first[1], 0x00);
  EXPECT_EQ(first[2], 0x13);
  EXPECT_EQ(q10(syn.q_at(195706))[1], 0xAA);
  EXPECT_EQ(q10(syn.q_at(207106 - 150))[2], 0x00);  // data track pregap, index 0
  EXPECT_EQ(q10(syn.q_at(207106)), (std::vector<uint8_t>{0x41, 0x13, 0x01, 0, 0, 0, 0, 0x46, 0x03, 0x31}));
  EXPECT_THROW((void)syn.q_at(-4651), std::out_of_range);
  EXPECT_THROW((void)syn.q_at(210385 + 2250), std::out_of_range);
}

TEST(SubchannelSynth, CdTextInSessionOneLeadIn) {
  Disc d = two_track_disc();
  CdTextBlock b;
  b.first_track = 1;
  b.last_track = 2;
  b.text[{0x80, 0}] = "Album";
  b.text[{0x80, 1}] = "One";
  b.text[{0x80, 2}] = "Two";
  d.cdtext.blocks.push_back(b);
  SubchannelSynthesizer syn(d);
  const auto packs = build_cdtext_packs(d.cdtext);
  ASSERT_GE(packs.size(), 4u);
  std::array<uint8_t, kSubchannelSize> raw{};
  syn.synthesize(-4650, raw);
  // First pack, 6 bits per byte in R-W: reassemble the 144 bits and compare.
  std::array<uint8_t, 18> pack{};
  for (int s = 0; s < 24; ++s)
    for (int b6 = 0; b6 < 6; ++b6)
      if (raw[s] & (0x20 >> b6)) pack[(6 * s + b6) / 8] |= static_cast<uint8_t>(0x80 >> ((6 * s + b6) % 8));
  EXPECT_EQ(pack, packs[0]);
  // The program area carries no R-W.
  syn.synthesize(0, raw);
  for (uint8_t b8 : raw) ASSERT_EQ(b8 & 0x3F, 0);
}

}  // namespace
}  // namespace dw
