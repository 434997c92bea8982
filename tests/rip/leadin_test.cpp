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

// A CD-Extra: audio tracks 1-2 in session 1 (lead-out 3000, with B0 pointing at session 2), data
// track 3 in session 2 (program area from 3000 + 6750 + 4500 = 14250, track 3 at 14400).
Disc two_sessions() {
  Disc d;
  Session s1;
  s1.number = 1;
  s1.tracks.push_back(test::track(1, TrackMode::Audio, {{1, 0}}));
  s1.tracks.push_back(test::track(2, TrackMode::Audio, {{1, 1150}}));
  s1.leadout = 3000;
  // B0: next program area 03:10:00 (LBA 14250 + 150), outermost lead-out 79:59:74, no pointers.
  s1.next_program_area = NextProgramArea{Msf{3, 10, 0}, 0, Msf{79, 59, 74}};
  Session s2;
  s2.number = 2;
  s2.type = DiscType::CdRomXa;
  s2.tracks.push_back(test::track(3, TrackMode::Mode2Xa, {{1, 14400}}));
  s2.leadout = 16000;
  d.sessions = {s1, s2};
  test::set_point_controls(d);
  return d;
}

// The sub of `d`'s lead-in before session `i` (0-based), as a drive reads it.
std::vector<uint8_t> session_leadin_sub(const Disc& d, size_t i) {
  SubchannelSynthesizer s(d);
  const Session& session = d.sessions[i];
  const Lba b = d.leadin_start(session), e = d.q_pregap_start(session.tracks.front().number);
  std::vector<uint8_t> sub(static_cast<size_t>(e - b) * 96);
  s.synthesize_run(b, static_cast<uint32_t>(e - b), sub);
  return sub;
}

TEST(LeadIn, LaterSessionsLeadInCarriesItsOwnToc) {
  const Disc d = two_sessions();
  ASSERT_EQ(d.leadin_start(d.sessions[1]), 14250 - 4500);
  LeadInReport r2;
  check_leadin_toc(session_leadin_sub(d, 1), d, r2, 1);
  EXPECT_EQ(r2.points, 4u);  // 03, A0, A1, A2
  EXPECT_TRUE(r2.differences.empty()) << r2.differences.front();
  // Session 1's lead-in: its two tracks, A0-A2 and B0, which the full TOC has too.
  LeadInReport r1;
  check_leadin_toc(session_leadin_sub(d, 0), d, r1, 0);
  EXPECT_EQ(r1.points, 6u);
  EXPECT_TRUE(r1.differences.empty()) << r1.differences.front();
  // Session 2's lead-in checked against session 1: every point differs.
  LeadInReport wrong;
  check_leadin_toc(session_leadin_sub(d, 1), d, wrong, 0);
  const std::vector<std::string> want{
      "no lead-in Q frame for track 01", "no lead-in Q frame for track 02",
      "lead-in A0 names first track 03, the full TOC 01", "lead-in A0 gives disc type 20, the full TOC 00",
      "lead-in A1 names last track 03, the full TOC 02",
      // 16000 + 150 = 16150 frames = 03:35:25.
      "lead-in A2 puts the lead-out at 03:35:25 (LBA 16000), the full TOC at LBA 3000",
      "no lead-in Q frame for point B0 (next program area), the full TOC has one",
      "lead-in Q has track 03 at 03:14:00, session 1 of the full TOC has no such track"};
  EXPECT_EQ(wrong.differences, want);
}

TEST(LeadIn, B0AndC0AreCheckedBothWays) {
  const Disc d = two_sessions();
  const auto sub = session_leadin_sub(d, 0);
  Disc moved = d;
  moved.sessions[0].next_program_area->next_start = Msf{3, 12, 0};
  moved.sessions[0].recording_info = RecordingInfo{0x5A, 0, 0, Msf{97, 20, 0}};
  LeadInReport r;
  check_leadin_toc(sub, moved, r, 0);
  const std::vector<std::string> want{
      "lead-in B0 gives the next program area at 03:10:00 and the outermost lead-out at 79:59:74 (0 pointer(s)), the "
      "full TOC 03:12:00 and 79:59:74 (0)",
      "no lead-in Q frame for point C0 (recording information), the full TOC has one"};
  EXPECT_EQ(r.differences, want);
  Disc none = d;
  none.sessions[0].next_program_area.reset();
  LeadInReport r2;
  check_leadin_toc(sub, none, r2, 0);
  EXPECT_EQ(r2.differences,
            std::vector<std::string>{"lead-in Q has point B0 (next program area at 03:10:00), the full TOC has none"});
}

}  // namespace
}  // namespace dw::rip
