// The lead-in TOC check: lead-in Q from the synthesiser (the TOC points a pressed disc carries,
// each repeated), compared with the disc it was made from and with discs that differ from it.
#include "rip/leadin.hpp"

#include <gtest/gtest.h>

#include "disc/subchannel.hpp"
#include "disc/subchannel_synth.hpp"
#include "support/test_discs.hpp"

namespace dw::rip {
namespace {

Disc one_session() {
  Disc d;
  Session s;
  s.tracks.push_back(test::track(1, TrackMode::Mode1, {{1, 0}}));
  s.tracks.push_back(test::track(2, TrackMode::Audio, {{0, 1000}, {1, 1150}}));
  s.leadout = 3000;
  d.sessions.push_back(s);
  test::set_point_controls(d);
  return d;
}

// Lead-in LBA -4650 .. -151 (4500 sectors: the whole cycle many times over).
std::vector<uint8_t> leadin_sub(const Disc& d) {
  SubchannelSynthesizer s(d);
  std::vector<uint8_t> sub(4500 * 96);
  s.synthesize_run(-4650, 4500, sub);
  return sub;
}

TEST(LeadIn, AgreesWithTheDiscItCameFrom) {
  const Disc d = one_session();
  LeadInReport r;
  check_leadin_toc(leadin_sub(d), d, r);
  EXPECT_EQ(r.q_frames, 4500u);
  EXPECT_EQ(r.q_bad_crc, 0u);
  EXPECT_EQ(r.toc_frames, 4500u);
  EXPECT_EQ(r.points, 5u);  // 01, 02, A0, A1, A2
  EXPECT_TRUE(r.differences.empty()) << r.differences.front();
}

TEST(LeadIn, NamesEveryDifference) {
  const auto sub = leadin_sub(one_session());
  Disc other = one_session();
  other.sessions[0].tracks[1].indices = {{0, 1000}, {1, 1160}};
  other.sessions[0].tracks[1].control.bits = Control::kPreEmphasis;
  other.sessions[0].leadout = 3010;
  LeadInReport r;
  check_leadin_toc(sub, other, r);
  ASSERT_EQ(r.differences.size(), 3u);
  // LBA 1150 = 00:17:25 (1300 frames), 3000 = 00:42:00.
  EXPECT_EQ(r.differences[0], "lead-in Q puts track 02 at 00:17:25 (LBA 1150), the full TOC at LBA 1160");
  EXPECT_EQ(r.differences[1], "lead-in Q gives track 02 control 0, the full TOC 1");
  EXPECT_EQ(r.differences[2], "lead-in A2 puts the lead-out at 00:42:00 (LBA 3000), the full TOC at LBA 3010");
}

TEST(LeadIn, MissingPointsAndDamagedFrames) {
  const Disc d = one_session();
  auto sub = leadin_sub(d);
  // Keep only 10 sectors and damage the CRC of the first: too few to hold every point.
  sub.resize(10 * 96);
  sub[80] ^= 0x40;  // Q byte 10 bit 7
  Disc more = d;
  more.sessions[0].tracks.push_back(test::track(3, TrackMode::Audio, {{1, 2000}}));
  LeadInReport r;
  check_leadin_toc(sub, more, r);
  EXPECT_EQ(r.q_bad_crc, 1u);
  EXPECT_EQ(r.q_frames, 9u);
  bool track3 = false;
  for (const auto& s : r.differences) track3 |= s == "no lead-in Q frame for track 03";
  EXPECT_TRUE(track3);
}

}  // namespace
}  // namespace dw::rip
