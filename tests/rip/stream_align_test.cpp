#include "rip/stream_align.hpp"

#include <gtest/gtest.h>

#include <random>
#include <vector>

namespace dw::rip {
namespace {

constexpr size_t kSector = 2352;

// A "surface" stream of noise-like samples; reads are windows of it.
std::vector<uint8_t> surface(size_t bytes, uint32_t seed) {
  std::mt19937 rng(seed);
  std::vector<uint8_t> s(bytes);
  for (auto& b : s) b = static_cast<uint8_t>(rng());
  return s;
}

// `sectors` sectors of the stream starting at byte `at` plus `shift` samples (a jittered read).
std::vector<uint8_t> window(const std::vector<uint8_t>& s, size_t at, size_t sectors, int shift) {
  const auto begin = static_cast<ptrdiff_t>(at) + 4 * shift;
  return {s.begin() + begin, s.begin() + begin + static_cast<ptrdiff_t>(sectors * kSector)};
}

// A read that starts early holds the whole anchor; one that starts late overlaps it by less, and
// at least 1024 bytes must overlap: with a one-sector anchor, up to 588 samples early and
// (2352 - 1024) / 4 = 332 samples late.
TEST(StreamAlign, FindsEveryShiftTheOverlapAllowsAndCutsTheWantedSectors) {
  const auto s = surface(40 * kSector, 1);
  const size_t lba = 10;  // the anchor is sector 9, the wanted sectors 10..13, the margin 14
  const std::vector<uint8_t> anchor(s.begin() + 9 * kSector, s.begin() + 10 * kSector);
  const std::vector<uint8_t> wanted(s.begin() + lba * kSector, s.begin() + (lba + 4) * kSector);
  for (int shift : {-588, -587, -300, -3, -1, 0, 1, 2, 3, 147, 332}) {
    const auto read = window(s, 9 * kSector, 6, shift);
    const StreamAlignment al = align_stream(read, anchor, 4 * kSector, 588);
    EXPECT_EQ(al.kind, StreamAlignment::Kind::Unique) << shift;
    EXPECT_EQ(al.shift, shift);
    EXPECT_EQ(al.matches, 1u);
    const auto cut = cut_aligned(read, kSector, 4 * kSector, al.shift);
    EXPECT_TRUE(std::equal(cut.begin(), cut.end(), wanted.begin(), wanted.end())) << shift;
  }
  const auto too_late = window(s, 9 * kSector, 6, 333);
  EXPECT_EQ(align_stream(too_late, anchor, 4 * kSector, 588).kind, StreamAlignment::Kind::None);
}

TEST(StreamAlign, AnEarlyReadWithoutMarginCannotBeCut) {
  const auto s = surface(20 * kSector, 2);
  const std::vector<uint8_t> anchor(s.begin() + 4 * kSector, s.begin() + 5 * kSector);
  // Anchor + 2 wanted sectors, no margin: a read starting 3 samples early lacks the last 12 bytes.
  const auto early = window(s, 4 * kSector, 3, -3);
  EXPECT_EQ(align_stream(early, anchor, 2 * kSector, 588).kind, StreamAlignment::Kind::None);
  EXPECT_THROW((void)cut_aligned(early, kSector, 2 * kSector, -3), std::out_of_range);
  // Late is fine: the wanted bytes are all there, 12 bytes before the end.
  const auto late = window(s, 4 * kSector, 3, 3);
  const StreamAlignment al = align_stream(late, anchor, 2 * kSector, 588);
  EXPECT_EQ(al.kind, StreamAlignment::Kind::Unique);
  EXPECT_EQ(al.shift, 3);
  const auto cut = cut_aligned(late, kSector, 2 * kSector, 3);
  EXPECT_TRUE(std::equal(cut.begin(), cut.end(), s.begin() + 5 * kSector, s.begin() + 7 * kSector));
}

TEST(StreamAlign, DamagedAnchorOrReadMatchesNoShift) {
  const auto s = surface(20 * kSector, 3);
  std::vector<uint8_t> anchor(s.begin() + 4 * kSector, s.begin() + 5 * kSector);
  auto read = window(s, 4 * kSector, 3, 2);
  read[100] ^= 0x40;  // one damaged byte in the overlap
  const StreamAlignment al = align_stream(read, anchor, kSector, 588);
  EXPECT_EQ(al.kind, StreamAlignment::Kind::None);
  EXPECT_EQ(al.matches, 0u);
  EXPECT_EQ(al.shift, 0);
}

TEST(StreamAlign, SilentAnchorIsAmbiguousUnlessTheCutsAgree) {
  // Silence, then audio starting at sector 5: against a silent anchor every shift fits.
  auto s = surface(20 * kSector, 4);
  std::fill(s.begin(), s.begin() + 5 * kSector, uint8_t{0});
  const std::vector<uint8_t> anchor(kSector, 0);   // sector 3
  const auto read = window(s, 3 * kSector, 4, 2);  // anchor 3, wanted 4..5, margin 6
  const StreamAlignment al = align_stream(read, anchor, 2 * kSector, 588);
  EXPECT_EQ(al.kind, StreamAlignment::Kind::Ambiguous);
  EXPECT_EQ(al.shift, 0);  // 0 is among the matches: the read is taken as the drive gave it
  EXPECT_GT(al.matches, 1u);
  // All silence: every shift cuts the same bytes.
  const std::vector<uint8_t> quiet(4 * kSector, 0);
  const StreamAlignment q = align_stream(quiet, anchor, 2 * kSector, 588);
  EXPECT_EQ(q.kind, StreamAlignment::Kind::Agreeing);
  EXPECT_EQ(q.shift, 0);
}

TEST(StreamAlign, TwoUnanchoredReadsOfTheSameSectorsRepeatEachOther) {
  const auto s = surface(20 * kSector, 5);
  const auto first = window(s, 4 * kSector, 8, 2);
  for (int shift : {-586, -3, 0, 3, 588}) {  // 2 - shift within +-588
    const auto second = window(s, 4 * kSector, 8, shift);
    EXPECT_TRUE(repeats_at_some_shift(second, first, 588, 7 * kSector)) << shift;
  }
  auto damaged = window(s, 4 * kSector, 8, -1);
  damaged[5000] ^= 1;
  EXPECT_FALSE(repeats_at_some_shift(damaged, first, 588, 7 * kSector));
  // Beyond the search window: 589 samples apart.
  EXPECT_FALSE(repeats_at_some_shift(window(s, 4 * kSector, 8, -587), first, 588, 7 * kSector));
}

// Reads of the same sectors, measured against one of them: a read that started d samples later
// repeats it at shift +d; over silence every shift repeats it.
TEST(StreamAlign, RepeatingShiftsMeasureOneReadAgainstAnother) {
  const auto s = surface(40 * kSector, 11);
  const auto first = window(s, 10 * kSector, 4, 2);
  for (int d : {-3, -1, 0, 2, 5})
    EXPECT_EQ(repeating_shifts(window(s, 10 * kSector, 4, 2 + d), first, 64, 4 * kSector - 256),
              std::vector<int32_t>{d})
        << d;
  EXPECT_TRUE(repeating_shifts(window(s, 10 * kSector, 4, 2 + 65), first, 64, 4 * kSector - 256).empty());
  const std::vector<uint8_t> silence(4 * kSector, 0);
  EXPECT_EQ(repeating_shifts(silence, silence, 3, 1024), (std::vector<int32_t>{-3, -2, -1, 0, 1, 2, 3}));
}

// The middle of the band of positions, once both ends were seen twice and enough reads made.
TEST(StreamAlign, JitterCenterWaitsForTheWholeBand) {
  // A drive jittering within -3..+3 around the true start, the first read 2 samples late: the
  // others lie at -5..+1 relative to it, and the middle -2 is the true start.
  const std::vector<int32_t> band{0, -5, 1, -3, -5, 1, -2, -1, 0, -4, -3, -2};
  EXPECT_EQ(jitter_center(band, 12), -2);
  EXPECT_EQ(jitter_center(band, 13), std::nullopt);  // too few reads
  // The high end seen once only: the band may reach further.
  std::vector<int32_t> one_high(band);
  one_high.push_back(2);
  EXPECT_EQ(jitter_center(one_high, 12), std::nullopt);
  one_high.push_back(2);
  // -5..+2: the middle is no whole sample, so the band is not symmetric yet.
  EXPECT_EQ(jitter_center(one_high, 12), std::nullopt);
  one_high.insert(one_high.end(), {-6, -6});
  EXPECT_EQ(jitter_center(one_high, 12), -2);
  // A drive that does not jitter: every read at 0.
  EXPECT_EQ(jitter_center(std::vector<int32_t>(8, 0), 8), 0);
  EXPECT_EQ(jitter_center(std::vector<int32_t>{0}, 1), std::nullopt);  // one read is no band
  EXPECT_EQ(jitter_center(std::vector<int32_t>{}, 0), std::nullopt);
}

TEST(StreamAlign, MalformedArgumentsFindNothing) {
  const std::vector<uint8_t> read(100, 1), anchor;
  EXPECT_EQ(align_stream(read, anchor, 10, 5).kind, StreamAlignment::Kind::None);
  EXPECT_EQ(align_stream(read, read, 10, -1).kind, StreamAlignment::Kind::None);
  // An overlap shorter than the minimum never counts.
  const std::vector<uint8_t> small(64, 7);
  EXPECT_EQ(align_stream(small, small, 0, 0).kind, StreamAlignment::Kind::None);
  EXPECT_EQ(align_stream(small, small, 0, 0, 64).kind, StreamAlignment::Kind::Unique);
}

}  // namespace
}  // namespace dw::rip
