// AccurateRip at a sample shift. The small cases are worked out by hand from the formula
// (v1 = sum of low32(s * i), v2 = v1 + sum of high32(s * i), i counted from 1 in each track, the
// first track from 2940, the last up to N - 2940): one non-zero sample at a known place, so each
// track's sum has at most one term. The golden lines for the test pattern are from
// tests/integration/accuraterip_ref.py (`accuraterip_ref.py golden`), an independent Python
// transcription that shifts the disc's audio as bytes and recomputes sample by sample:
//   mixed shift -2940 44da9982 09d2f782 78471d22 d2462a10
//   mixed shift -588 ed7134a8 b26de232 f2ce21b0 4ccebf82
//   mixed shift -1 6935d7a9 2e2dc864 e63afbde 4038b60d
//   mixed shift +1 d21a34f0 97134ea5 e49496de 3e95578b
//   mixed shift +300 b795ae80 7c97978a b1b3dd24 0bb27abe
//   mixed shift +2940 fefd665e c3faedfc 92f9938a ecf8d35b
#include "checksum/accuraterip_shift.hpp"

#include <gtest/gtest.h>

#include "pcm.hpp"
#include "support/test_discs.hpp"

namespace dw {
namespace {

using test::track;

// Three audio tracks of 6 sectors (3528 samples) at LBA 0, 6 and 12, lead-out 18; the source runs
// from LBA -10 to 28 and holds 0xFFFFFFFF in every sample outside the audio (a pregap and a lead-out
// that must never count), zeros inside but for `impulses` (disc sample -> value).
constexpr uint64_t kN = 6 * 588, kT = 3 * kN;
MemorySectorSource three_tracks(std::initializer_list<std::pair<uint64_t, uint32_t>> impulses) {
  Disc d;
  Session s;
  s.tracks.push_back(track(1, TrackMode::Audio, {{1, 0}}));
  s.tracks.push_back(track(2, TrackMode::Audio, {{1, 6}}));
  s.tracks.push_back(track(3, TrackMode::Audio, {{1, 12}}));
  s.leadout = 18;
  d.sessions = {s};
  test::set_point_controls(d);
  std::vector<uint8_t> main(38 * kRawSectorSize, 0xFF);
  const size_t audio = 10 * kRawSectorSize;  // LBA 0
  std::fill(main.begin() + static_cast<ptrdiff_t>(audio), main.begin() + static_cast<ptrdiff_t>(audio + kT * 4), 0);
  for (auto [p, v] : impulses)
    for (int b = 0; b < 4; ++b) main[audio + p * 4 + static_cast<size_t>(b)] = static_cast<uint8_t>(v >> (8 * b));
  return MemorySectorSource(d, -10, std::move(main));
}

std::vector<AccurateRipCrc> at(MemorySectorSource& src, int32_t shift) {
  const std::vector<int32_t> one{shift};
  auto r = compute_shifted_accuraterip(src, one);
  EXPECT_EQ(r.size(), 1u);
  EXPECT_EQ(r[0].shift, shift);
  return r[0].tracks;
}

using Crcs = std::vector<AccurateRipCrc>;

TEST(AccurateRipShift, FirstTrackSkipAndZerosBeforeTheDisc) {
  // 7 at the disc's first sample: at shift S it is sample i = 1 - S of track 1, counted from 2940.
  auto src = three_tracks({{0, 7}});
  EXPECT_EQ(at(src, 0), (Crcs{{0, 0}, {0, 0}, {0, 0}}));              // i = 1: skipped
  EXPECT_EQ(at(src, -2938), (Crcs{{0, 0}, {0, 0}, {0, 0}}));          // i = 2939: skipped
  EXPECT_EQ(at(src, -2939), (Crcs{{20580, 20580}, {0, 0}, {0, 0}}));  // 7 * 2940
  // i = 2941; i = 2940 lies one sample before the disc's audio: zero, not the pregap's 0xFFFFFFFF.
  EXPECT_EQ(at(src, -2940), (Crcs{{20587, 20587}, {0, 0}, {0, 0}}));  // 7 * 2941
  EXPECT_EQ(at(src, 1), (Crcs{{0, 0}, {0, 0}, {0, 0}}));              // before track 1's first sample
}

TEST(AccurateRipShift, LastTrackSkipAndZerosAfterTheDisc) {
  // 0xFFFFFFFF at the disc's last sample: sample i = 3528 - S of track 3, counted up to 588;
  // 0xFFFFFFFF * i has low32 = 2^32 - i and high32 = i - 1, so v2 = 0xFFFFFFFF.
  auto src = three_tracks({{kT - 1, 0xFFFFFFFFu}});
  EXPECT_EQ(at(src, 0), (Crcs{{0, 0}, {0, 0}, {0, 0}}));                         // i = 3528: skipped
  EXPECT_EQ(at(src, 2939), (Crcs{{0, 0}, {0, 0}, {0, 0}}));                      // i = 589: skipped
  EXPECT_EQ(at(src, 2940), (Crcs{{0, 0}, {0, 0}, {0xFFFFFDB4u, 0xFFFFFFFFu}}));  // i = 588
  // i = 528; samples 529..588 lie past the disc's audio: zeros, not the lead-out's 0xFFFFFFFF.
  EXPECT_EQ(at(src, 3000), (Crcs{{0, 0}, {0, 0}, {0xFFFFFDF0u, 0xFFFFFFFFu}}));
}

TEST(AccurateRipShift, ShiftsAcrossTrackBoundaries) {
  // 5 at track 2's first sample (disc sample 3528).
  auto src = three_tracks({{kN, 5}});
  EXPECT_EQ(at(src, 0), (Crcs{{0, 0}, {5, 5}, {0, 0}}));
  EXPECT_EQ(at(src, -1), (Crcs{{0, 0}, {10, 10}, {0, 0}}));
  EXPECT_EQ(at(src, 1), (Crcs{{17640, 17640}, {0, 0}, {0, 0}}));  // track 1's last sample: 5 * 3528
  EXPECT_EQ(at(src, -3528), (Crcs{{0, 0}, {0, 0}, {5, 5}}));      // track 3's first sample
  // Every shift in one pass gives the same as each alone.
  const std::vector<int32_t> shifts{1, 0, -3528};
  const auto all = compute_shifted_accuraterip(src, shifts);
  ASSERT_EQ(all.size(), 3u);
  EXPECT_EQ(all[0].tracks, at(src, 1));
  EXPECT_EQ(all[1].tracks, at(src, 0));
  EXPECT_EQ(all[2].tracks, at(src, -3528));
}

TEST(AccurateRipShift, ShiftZeroIsTheRipsChecksums) {
  MemorySectorSource src(test::ar_mixed_disc(), 0, test::test_pcm(1300 * kRawSectorSize));
  const AudioChecksums sums = compute_audio_checksums(src);
  EXPECT_EQ(at(src, 0), (Crcs{sums.tracks[0].ar, sums.tracks[1].ar}));
}

// `accuraterip_ref.py golden`: audio_verify_test.cpp's mixed disc (data track 1, audio tracks
// [250, 830) and [830, 1300), tests/checksum/pcm.hpp's pattern from LBA 0), the audio moved.
TEST(AccurateRipShift, ShiftedGolden) {
  MemorySectorSource src(test::ar_mixed_disc(), 0, test::test_pcm(1300 * kRawSectorSize));
  const std::vector<std::pair<int32_t, Crcs>> golden{
      {-2940, {{0x44da9982u, 0x09d2f782u}, {0x78471d22u, 0xd2462a10u}}},
      {-588, {{0xed7134a8u, 0xb26de232u}, {0xf2ce21b0u, 0x4ccebf82u}}},
      {-1, {{0x6935d7a9u, 0x2e2dc864u}, {0xe63afbdeu, 0x4038b60du}}},
      {1, {{0xd21a34f0u, 0x97134ea5u}, {0xe49496deu, 0x3e95578bu}}},
      {300, {{0xb795ae80u, 0x7c97978au}, {0xb1b3dd24u, 0x0bb27abeu}}},
      {2940, {{0xfefd665eu, 0xc3faedfcu}, {0x92f9938au, 0xecf8d35bu}}},
  };
  std::vector<int32_t> shifts;
  for (const auto& g : golden) shifts.push_back(g.first);
  const auto got = compute_shifted_accuraterip(src, shifts);
  ASSERT_EQ(got.size(), golden.size());
  for (size_t k = 0; k < golden.size(); ++k) {
    EXPECT_EQ(got[k].shift, golden[k].first);
    EXPECT_EQ(got[k].tracks, golden[k].second) << "shift " << golden[k].first;
  }
}

TEST(AccurateRipShift, OrderOfTheFrame450Shifts) {
  // +12 and -3 found by two tracks each (-3 first: nearer), +5 by one; 0 is the rip's own offset.
  EXPECT_EQ(order_frame450_shifts({{12, -3}, {0, 12}, {-3, 5}, {}}), (std::vector<int32_t>{-3, 12, 5}));
  EXPECT_EQ(order_frame450_shifts({{7, -7}}), (std::vector<int32_t>{-7, 7}));
  EXPECT_TRUE(order_frame450_shifts({{0}, {}}).empty());
}

TEST(AccurateRipShift, StreamingAndErrors) {
  const std::vector<AudioTrackRange> ranges{{1, 1, 0, 6}, {2, 2, 6, 12}};
  const auto pcm = test::test_pcm(12 * kRawSectorSize);
  ShiftedArChecksummer whole(ranges, -100), bits(ranges, -100);
  whole.update(pcm);
  for (size_t at = 0; at < pcm.size(); at += 4 * 37)
    bits.update(std::span(pcm).subspan(at, std::min<size_t>(4 * 37, pcm.size() - at)));
  EXPECT_EQ(whole.finish().tracks, bits.finish().tracks);
  ShiftedArChecksummer odd(ranges, 3);
  EXPECT_THROW(odd.update(std::span(pcm).first(6)), std::invalid_argument);
  ShiftedArChecksummer short_of(ranges, 3);
  short_of.update(std::span(pcm).first(8));
  EXPECT_THROW((void)short_of.finish(), std::logic_error);
  ShiftedArChecksummer too_much(ranges, 3);
  too_much.update(pcm);
  EXPECT_THROW(too_much.update(std::span(pcm).first(4)), std::logic_error);
}

}  // namespace
}  // namespace dw
