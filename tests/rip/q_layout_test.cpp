// Layout from Q: the discs come from the test discs, their subchannel from the synthesiser (the
// same P-W a pressed disc carries), then damaged on purpose.
#include "rip/q_layout.hpp"

#include <gtest/gtest.h>

#include <random>

#include "disc/subchannel.hpp"
#include "disc/subchannel_synth.hpp"
#include "support/test_discs.hpp"

namespace dw::rip {
namespace {

// What READ TOC gives: index 1 only, no ISRC, no MCN.
Disc toc_only(Disc d) {
  d.mcn.clear();
  for (Session& s : d.sessions)
    for (Track& t : s.tracks) {
      t.indices = {{1, t.start()}};
      t.isrc.clear();
    }
  return d;
}

std::vector<uint8_t> synth(const Disc& d, Lba first, Lba end) {
  SubchannelSynthesizer s(d);
  std::vector<uint8_t> sub(static_cast<size_t>(end - first) * 96);
  s.synthesize_run(first, static_cast<uint32_t>(end - first), sub);
  return sub;
}

// Session 1 of the two-session disc: index 0 of track 2 at 100, index 2 at 170, ISRC on track 1.
Disc one_session() {
  Disc d = test::two_session_disc(TrackMode::Mode1);
  d.sessions.resize(1);
  d.cdtext = {};
  return d;
}

TEST(QLayout, CleanSubchannelGivesTheSourceLayout) {
  const Disc src = one_session();
  Disc d = toc_only(src);
  QLayoutReport r;
  apply_q_layout(d, 0, synth(src, 0, 200), r);
  EXPECT_EQ(d.sessions[0].tracks, src.sessions[0].tracks);
  EXPECT_EQ(d.mcn, "0724384260927");
  EXPECT_EQ(r.frames, 200u);
  EXPECT_EQ(r.bad_crc, 0u);
  EXPECT_TRUE(r.notes.empty());
}

// Hidden track one audio: track 1's index 0 runs from before LBA 0 (where a dump from LBA 0
// starts) to index 1 at 300, longer than the 150 sectors every first track has. Q's index 0 is
// kept, at LBA 0, as the source sheet's `INDEX 00 00:00:00` reads (reference/image-formats.md).
Disc hidden_track_disc(Lba index0) {
  Disc d;
  Session s;
  s.tracks.push_back(test::track(1, TrackMode::Audio, {{0, index0}, {1, 300}}));
  s.tracks.push_back(test::track(2, TrackMode::Audio, {{1, 600}}));
  s.leadout = 900;
  d.sessions.push_back(s);
  test::set_point_controls(d);
  return d;
}

TEST(QLayout, HiddenTrackOneAudioKeepsIndex0) {
  const Disc src = hidden_track_disc(0);
  Disc d = toc_only(src);
  QLayoutReport r;
  apply_q_layout(d, 0, synth(src, 0, 900), r);
  EXPECT_EQ(d.sessions[0].tracks[0].indices, (std::vector<Index>{{0, 0}, {1, 300}}));
  EXPECT_EQ(d.sessions[0].tracks, src.sessions[0].tracks);
  EXPECT_TRUE(r.notes.empty());
  // A drive that reads before LBA 0 sees index 0 from LBA -150 (where the program area begins):
  // still index 0 at LBA 0, the same disc as from the image.
  const Disc pressed = hidden_track_disc(-150);
  Disc d2 = toc_only(pressed);
  QLayoutReport r2;
  apply_q_layout(d2, -150, synth(pressed, -150, 900), r2);
  EXPECT_EQ(d2.sessions[0].tracks, src.sessions[0].tracks);
  // An ordinary first track (index 1 at 0, the 150-sector pregap before it) gets no index 0.
  Disc plain = hidden_track_disc(0);
  plain.sessions[0].tracks[0].indices = {{1, 0}};
  Disc d3 = toc_only(plain);
  QLayoutReport r3;
  apply_q_layout(d3, -150, synth(plain, -150, 900), r3);
  EXPECT_EQ(d3.sessions[0].tracks[0].indices, (std::vector<Index>{{1, 0}}));
}

TEST(QLayout, DamagedFramesAreRepairedWithoutChangingTheLayout) {
  const Disc src = one_session();
  std::vector<uint8_t> sub = synth(src, 0, 200);
  std::mt19937 rng(7);
  // The frames at the index transitions (100, 149/150, 169/170) and a few more: flip Q bits.
  // (LBA 99 carries track 1's only ISRC frame: damaging it would lose the ISRC, rightly.)
  std::vector<Lba> hit = {98, 100, 149, 150, 169, 170, 3, 57, 120, 188};
  for (Lba lba : hit)
    for (int k = 0; k < 3; ++k) {
      const size_t byte = static_cast<size_t>(lba) * 96 + rng() % 96;
      sub[byte] ^= 0x40;  // Q is bit 6 of each interleaved byte
    }
  Disc d = toc_only(src);
  QLayoutReport r;
  apply_q_layout(d, 0, sub, r);
  EXPECT_EQ(d.sessions[0].tracks, src.sessions[0].tracks);
  EXPECT_EQ(r.bad_crc, hit.size());
  EXPECT_GE(r.repaired, hit.size() - 2);  // MCN/ISRC frames among them are not positions
}

TEST(QLayout, RepairGivesBackTheOriginalFrame) {
  const Disc src = one_session();
  SubchannelSynthesizer s(src);
  const QFrame good = s.q_at(60);
  QFrame bad = good;
  bad[3] ^= 0x11;
  bad[7] ^= 0x02;
  const auto pos = [&](Lba l) {
    return std::make_optional(std::make_pair(l, std::get<QPosition>(decode_q(s.q_at(l)).content)));
  };
  EXPECT_EQ(repair_q(bad, 60, pos(58), pos(61)), good);
  EXPECT_EQ(repair_q(bad, 60, std::nullopt, std::nullopt), std::nullopt);
}

TEST(QLayout, UnreadAndGarbageSubchannelNeverBreakIt) {
  const Disc src = one_session();
  Disc d = toc_only(src);
  QLayoutReport r;
  apply_q_layout(d, 0, std::vector<uint8_t>(200 * 96, 0), r);
  EXPECT_EQ(d.sessions[0].tracks, toc_only(src).sessions[0].tracks);
  EXPECT_EQ(r.bad_crc, 0u);  // unread sectors are not damage
  std::vector<uint8_t> junk(200 * 96 + 17);
  std::mt19937 rng(3);
  for (auto& b : junk) b = static_cast<uint8_t>(rng());
  QLayoutReport r2;
  apply_q_layout(d, -50, junk, r2);
  EXPECT_EQ(r2.frames, 200u);
  d.validate();
}

}  // namespace
}  // namespace dw::rip
