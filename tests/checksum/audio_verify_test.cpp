// Golden checksums from tests/integration/accuraterip_ref.py (`accuraterip_ref.py golden`), an
// independent sample-by-sample Python transcription of reference/ripping.md, over
// tests/checksum/pcm.hpp's pattern laid from LBA 0 across each disc below:
//   mixed track 1: v1 3ec96ff0 v2 03c1ad27 frame450 17ae3d88
//   mixed track 2: v1 3a3cd8d6 v2 943bdbdf frame450 3d9dd356
//   mixed ctdb f2794542
//   mixed ctdb tracks c00ca12b dd7ac149
//   enhanced track 1: v1 77361f76 v2 e83357b2 frame450 fca8c896
//   enhanced track 2: v1 96208f9a v2 2088b7df frame450 cb2d840e
//   enhanced ctdb d5cfa272
//   enhanced ctdb tracks 2d03eccd 697f75fa
#include "checksum/audio_verify.hpp"

#include <gtest/gtest.h>

#include "pcm.hpp"
#include "support/test_discs.hpp"

namespace dw {
namespace {

using test::track;

// Data track 1, audio track 2 (index 0 at 100, index 1 at 250), audio track 3 (index 0 at 800,
// index 1 at 830), lead-out 1300: AccurateRip tracks 2 = [250, 830) and 3 = [830, 1300).
Disc mixed_disc() { return test::ar_mixed_disc(); }

// Enhanced CD: session 1 audio tracks 1 (at 0) and 2 (index 0 at 500, index 1 at 520), lead-out
// 1000; session 2 a data track at 12400. AccurateRip tracks 1 = [0, 520) and 2 = [520, 1000).
Disc enhanced_disc() {
  Disc d;
  Session s1;
  s1.tracks.push_back(track(1, TrackMode::Audio, {{1, 0}}));
  s1.tracks.push_back(track(2, TrackMode::Audio, {{0, 500}, {1, 520}}));
  s1.leadout = 1000;
  Session s2;
  s2.number = 2;
  s2.type = DiscType::CdRomXa;
  s2.tracks.push_back(track(3, TrackMode::Mode2Xa, {{1, 12400}}));
  s2.leadout = 12430;
  d.sessions = {s1, s2};
  test::set_point_controls(d);
  return d;
}

MemorySectorSource source_of(const Disc& d) {
  return MemorySectorSource(d, 0, test::test_pcm(static_cast<size_t>(d.leadout()) * kRawSectorSize));
}

TEST(AudioTrackRanges, FollowAccurateRipTrackBoundaries) {
  auto r = audio_track_ranges(mixed_disc());
  ASSERT_EQ(r.size(), 2u);
  EXPECT_EQ(r[0].number, 2);
  EXPECT_EQ(r[0].ordinal, 1);
  EXPECT_EQ(r[0].start, 250);
  EXPECT_EQ(r[0].end, 830);  // track 3's pregap belongs to track 2
  EXPECT_EQ(r[1].number, 3);
  EXPECT_EQ(r[1].ordinal, 2);
  EXPECT_EQ(r[1].start, 830);
  EXPECT_EQ(r[1].end, 1300);

  r = audio_track_ranges(enhanced_disc());
  ASSERT_EQ(r.size(), 2u);
  EXPECT_EQ(r[1].start, 520);
  EXPECT_EQ(r[1].end, 1000);  // the audio session's lead-out, not the data session's

  r = audio_track_ranges(test::ladyhawke());
  ASSERT_EQ(r.size(), 12u);
  EXPECT_EQ(r[11].start, 177682);
  EXPECT_EQ(r[11].end, 207106 - 11400);

  // Hidden track one audio (index 0 at 0, index 1 at 300) belongs to no track; an audio track
  // followed by a data track in the same session ends at the data track's pregap.
  Disc h;
  Session s;
  s.tracks.push_back(track(1, TrackMode::Audio, {{0, 0}, {1, 300}}));
  s.tracks.push_back(track(2, TrackMode::Mode1, {{0, 900}, {1, 1050}}));
  s.leadout = 2000;
  h.sessions.push_back(s);
  r = audio_track_ranges(h);
  ASSERT_EQ(r.size(), 1u);
  EXPECT_EQ(r[0].start, 300);
  EXPECT_EQ(r[0].end, 900);

  Disc data;
  data.sessions.push_back({});
  data.sessions[0].tracks.push_back(track(1, TrackMode::Mode1, {{1, 0}}));
  data.sessions[0].leadout = 500;
  EXPECT_TRUE(audio_track_ranges(data).empty());
}

TEST(AudioChecksums, MixedModeDiscMatchesIndependentComputation) {
  const Disc d = mixed_disc();
  auto src = source_of(d);
  uint64_t last_done = 0, last_total = 0;
  const AudioChecksums a = compute_audio_checksums(src, [&](uint64_t done, uint64_t total) {
    EXPECT_GT(done, last_done);
    last_done = done;
    last_total = total;
  });
  EXPECT_EQ(last_done, 1050u);
  EXPECT_EQ(last_total, 1050u);
  ASSERT_EQ(a.tracks.size(), 2u);
  EXPECT_EQ(a.tracks[0].range.number, 2);
  EXPECT_EQ(a.tracks[0].ar, (AccurateRipCrc{0x3ec96ff0, 0x03c1ad27}));
  EXPECT_EQ(a.tracks[0].frame450, 0x17ae3d88u);
  EXPECT_EQ(a.tracks[1].ar, (AccurateRipCrc{0x3a3cd8d6, 0x943bdbdf}));
  EXPECT_EQ(a.tracks[1].frame450, 0x3d9dd356u);
  EXPECT_EQ(a.ctdb, 0xf2794542u);
  EXPECT_EQ(a.tracks[0].ctdb, 0xc00ca12bu);
  EXPECT_EQ(a.tracks[1].ctdb, 0xdd7ac149u);
}

TEST(AudioChecksums, EnhancedCdMatchesIndependentComputation) {
  const Disc d = enhanced_disc();
  auto src = source_of(d);
  const AudioChecksums a = compute_audio_checksums(src);
  ASSERT_EQ(a.tracks.size(), 2u);
  EXPECT_EQ(a.tracks[0].ar, (AccurateRipCrc{0x77361f76, 0xe83357b2}));
  EXPECT_EQ(a.tracks[0].frame450, 0xfca8c896u);
  EXPECT_EQ(a.tracks[1].ar, (AccurateRipCrc{0x96208f9a, 0x2088b7df}));
  EXPECT_EQ(a.tracks[1].frame450, 0xcb2d840eu);
  EXPECT_EQ(a.ctdb, 0xd5cfa272u);
  EXPECT_EQ(a.tracks[0].ctdb, 0x2d03eccdu);
  EXPECT_EQ(a.tracks[1].ctdb, 0x697f75fau);
}

TEST(AudioChecksums, ShortTrackHasNoFrame450AndOutOfRangeIsAnError) {
  Disc d;
  Session s;
  s.tracks.push_back(track(1, TrackMode::Audio, {{1, 0}}));
  s.tracks.push_back(track(2, TrackMode::Audio, {{1, 451}}));
  s.leadout = 901;  // track 1: 451 sectors (has sector 450), track 2: 450 (has not)
  d.sessions.push_back(s);
  test::set_point_controls(d);
  auto src = source_of(d);
  const AudioChecksums a = compute_audio_checksums(src);
  ASSERT_EQ(a.tracks.size(), 2u);
  EXPECT_TRUE(a.tracks[0].frame450.has_value());
  EXPECT_FALSE(a.tracks[1].frame450.has_value());

  MemorySectorSource partial(d, 0, test::test_pcm(900 * kRawSectorSize));
  EXPECT_THROW(compute_audio_checksums(partial), std::out_of_range);

  Disc data;
  data.sessions.push_back({});
  data.sessions[0].tracks.push_back(track(1, TrackMode::Mode1, {{1, 0}}));
  data.sessions[0].leadout = 20;
  test::set_point_controls(data);
  auto dsrc = source_of(data);
  const AudioChecksums none = compute_audio_checksums(dsrc);
  EXPECT_TRUE(none.tracks.empty());
  EXPECT_FALSE(none.ctdb.has_value());
}

AudioChecksums three_tracks() {
  AudioChecksums a;
  for (int k = 1; k <= 3; ++k) {
    AudioTrackChecksums t;
    t.range.number = static_cast<uint8_t>(k + 1);  // the disc's audio starts at track 2
    t.range.ordinal = k;
    t.ar = {0x1000u * static_cast<uint32_t>(k), 0x2000u * static_cast<uint32_t>(k)};
    a.tracks.push_back(t);
  }
  return a;
}

TEST(AccurateRipMatch, ReportsVersionConfidenceAndTotals) {
  const AudioChecksums a = three_tracks();
  AccurateRipIds ids;
  ids.audio_tracks = 3;
  ids.id1 = 0x11;
  ids.id2 = 0x22;
  ids.cddb = 0x33;
  std::vector<AccurateRipEntry> e(4);
  e[0] = {0x11, 0x22, 0x33, {{7, 0x2000, 0}, {5, 0x1111, 0}}};                     // v2 of track 1 only; 2 tracks
  e[1] = {0x11, 0x22, 0x33, {{3, 0x1000, 0}, {4, 0x2000, 0}, {0, 0x3000, 0}}};     // v1 of 1 and 2; 3 unconfident
  e[2] = {0x11, 0x22, 0x33, {{9, 0x2000, 0}, {2, 0x9999, 0}, {0, 0, 0}}};          // v2 of track 1 again, higher
  e[3] = {0x99, 0x22, 0x33, {{50, 0x2000, 0}, {50, 0x4000, 0}, {50, 0x6000, 0}}};  // another disc: ignored
  const auto m = match_accuraterip(a, ids, e);
  ASSERT_EQ(m.size(), 3u);
  EXPECT_EQ(m[0].number, 2);
  EXPECT_EQ(m[0].result, ArTrackMatch::Result::Match);
  EXPECT_EQ(m[0].version, 2);
  EXPECT_EQ(m[0].confidence, 9u);
  EXPECT_EQ(m[0].total, 19u);
  EXPECT_EQ(m[0].submissions, 3u);
  EXPECT_EQ(m[1].result, ArTrackMatch::Result::Match);
  EXPECT_EQ(m[1].version, 1);  // 0x2000 is track 2's v1
  EXPECT_EQ(m[1].confidence, 4u);
  EXPECT_EQ(m[1].total, 11u);
  EXPECT_EQ(m[2].number, 4);
  EXPECT_EQ(m[2].result, ArTrackMatch::Result::NotInDatabase);
  EXPECT_EQ(m[2].total, 0u);

  // The same database with other checksums for track 1: no match, with what the database has.
  std::vector<AccurateRipEntry> other = {{0x11, 0x22, 0x33, {{6, 0xdead, 0}, {1, 0xbeef, 0}, {2, 0xf00d, 0}}}};
  const auto n = match_accuraterip(a, ids, other);
  EXPECT_EQ(n[0].result, ArTrackMatch::Result::NoMatch);
  EXPECT_EQ(n[0].total, 6u);
  EXPECT_EQ(n[0].submissions, 1u);
  EXPECT_EQ(n[2].result, ArTrackMatch::Result::NoMatch);
  EXPECT_TRUE(match_accuraterip(a, ids, {})[1].result == ArTrackMatch::Result::NotInDatabase);
}

}  // namespace
}  // namespace dw
