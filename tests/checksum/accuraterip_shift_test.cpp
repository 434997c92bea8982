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
#include <zlib.h>

#include "checksum/ctdb.hpp"
#include "checksum/ctdb_shift.hpp"
#include "checksum/shift_search.hpp"
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

// The v1 search (shift_search.hpp) at every shift it covers gives the v1 the whole-track pass
// gives, on the same hand-worked impulses and the same golden values.
std::vector<uint32_t> search_v1(MemorySectorSource& src, int32_t shift) {
  const ShiftSearch s = search_shifts(src, kArSearchRange);
  std::vector<uint32_t> out;
  for (size_t k = 0; k < audio_track_ranges(src.disc()).size(); ++k) out.push_back(s.v1(k, shift));
  return out;
}

TEST(AccurateRipSearch, HandWorkedImpulses) {
  auto first = three_tracks({{0, 7}});
  EXPECT_EQ(search_v1(first, 0), (std::vector<uint32_t>{0, 0, 0}));
  EXPECT_EQ(search_v1(first, -2938), (std::vector<uint32_t>{0, 0, 0}));
  EXPECT_EQ(search_v1(first, -2939), (std::vector<uint32_t>{20580, 0, 0}));  // 7 * 2940
  EXPECT_EQ(search_v1(first, 1), (std::vector<uint32_t>{0, 0, 0}));
  auto last = three_tracks({{kT - 1, 0xFFFFFFFFu}});
  EXPECT_EQ(search_v1(last, 2939), (std::vector<uint32_t>{0, 0, 0}));  // i = 589: skipped
  EXPECT_EQ(search_v1(last, 2938), (std::vector<uint32_t>{0, 0, 0}));
  auto boundary = three_tracks({{kN, 5}});
  EXPECT_EQ(search_v1(boundary, 0), (std::vector<uint32_t>{0, 5, 0}));
  EXPECT_EQ(search_v1(boundary, -1), (std::vector<uint32_t>{0, 10, 0}));
  EXPECT_EQ(search_v1(boundary, 1), (std::vector<uint32_t>{17640, 0, 0}));       // 5 * 3528
  EXPECT_EQ(search_v1(boundary, 2939), (std::vector<uint32_t>{0, 0, 0}));        // track 1's i = 590: skipped
  EXPECT_EQ(search_v1(boundary, 589), (std::vector<uint32_t>{5 * 2940, 0, 0}));  // i = 2940, the first counted
  EXPECT_EQ(search_v1(boundary, 590), (std::vector<uint32_t>{0, 0, 0}));
  EXPECT_EQ(search_v1(boundary, -2939), (std::vector<uint32_t>{0, 5 * 2940, 0}));
}

TEST(AccurateRipSearch, GoldenAndEveryShiftAsTheWholeTrackPass) {
  MemorySectorSource src(test::ar_mixed_disc(), 0, test::test_pcm(1300 * kRawSectorSize));
  // `accuraterip_ref.py golden` (the v1 column of ShiftedGolden above).
  EXPECT_EQ(search_v1(src, -588), (std::vector<uint32_t>{0xed7134a8u, 0xf2ce21b0u}));
  EXPECT_EQ(search_v1(src, -1), (std::vector<uint32_t>{0x6935d7a9u, 0xe63afbdeu}));
  EXPECT_EQ(search_v1(src, 1), (std::vector<uint32_t>{0xd21a34f0u, 0xe49496deu}));
  EXPECT_EQ(search_v1(src, 300), (std::vector<uint32_t>{0xb795ae80u, 0xb1b3dd24u}));
  // Shift 0 is the rip's own v1; the ends of the range and shifts between agree with the pass.
  const AudioChecksums sums = compute_audio_checksums(src);
  EXPECT_EQ(search_v1(src, 0), (std::vector<uint32_t>{sums.tracks[0].ar.v1, sums.tracks[1].ar.v1}));
  const ShiftSearch search = search_shifts(src, kArSearchRange);
  std::vector<int32_t> shifts{-2939, 2939, -2938, 2938};
  for (int32_t s = -2900; s <= 2900; s += 293) shifts.push_back(s);
  const auto pass = compute_shifted_accuraterip(src, shifts);
  for (const ShiftedArChecksums& at : pass)
    for (size_t k = 0; k < at.tracks.size(); ++k) EXPECT_EQ(search.v1(k, at.shift), at.tracks[k].v1) << at.shift;
}

TEST(AccurateRipSearch, FindsTheShiftsWhereSubmissionsMatch) {
  MemorySectorSource src(test::ar_mixed_disc(), 0, test::test_pcm(1300 * kRawSectorSize));
  const std::vector<int32_t> at{-1, 300};
  const auto v = compute_shifted_accuraterip(src, at);  // golden above: -1 and +300
  using T = AccurateRipEntry::Track;
  // Track 1 submitted at -1 (confidence 4) and +300 (2); track 2 at +300 (5), and a silent
  // checksum 0 that must never match; a confidence 0 entry does not count.
  const std::vector<std::vector<T>> submitted{
      {{4, v[0].tracks[0].v1, 0}, {2, v[1].tracks[0].v1, 0}, {0, v[0].tracks[1].v1, 0}},
      {{5, v[1].tracks[1].v1, 0}, {9, 0, 0}},
  };
  const ShiftSearch search = search_shifts(src, kArSearchRange);
  const std::vector<ArShiftCandidate> found = find_ar_shifts(search, submitted);
  ASSERT_EQ(found.size(), 2u);
  EXPECT_EQ(found[0].shift, 300);  // both tracks
  EXPECT_EQ(found[0].tracks, 2u);
  EXPECT_EQ(found[0].confidence, 7u);
  EXPECT_EQ(found[1].shift, -1);
  EXPECT_EQ(found[1].tracks, 1u);
  EXPECT_EQ(found[1].confidence, 4u);
  // Nothing submitted: nothing found; a narrower search does not reach +300.
  EXPECT_TRUE(find_ar_shifts(search, {{}, {}}).empty());
  ShiftSearch narrow(audio_track_ranges(src.disc()), 100);
  read_audio_tracks(src, [&](std::span<const uint8_t> pcm) { narrow.update(pcm); });
  narrow.finish();
  const auto near = find_ar_shifts(narrow, submitted);
  ASSERT_EQ(near.size(), 1u);
  EXPECT_EQ(near[0].shift, -1);
  EXPECT_THROW((void)narrow.v1(0, 101), std::out_of_range);
}

TEST(AccurateRipSearch, StreamingAndErrors) {
  const std::vector<AudioTrackRange> ranges{{1, 1, 0, 6}, {2, 2, 6, 12}};
  EXPECT_THROW(ShiftSearch(ranges, -1), std::invalid_argument);
  EXPECT_THROW(ShiftSearch(ranges, kArSearchRange + 1), std::invalid_argument);
  const auto pcm = test::test_pcm(12 * kRawSectorSize);
  ShiftSearch whole(ranges, 2000), bits(ranges, 2000);
  EXPECT_THROW((void)whole.v1(0, 0), std::logic_error);  // before finish()
  whole.update(pcm);
  for (size_t at = 0; at < pcm.size(); at += 4 * 37)
    bits.update(std::span(pcm).subspan(at, std::min<size_t>(4 * 37, pcm.size() - at)));
  whole.finish();
  bits.finish();
  for (int32_t s = -2000; s <= 2000; s += 7)
    for (size_t k = 0; k < 2; ++k) ASSERT_EQ(whole.v1(k, s), bits.v1(k, s)) << s;
  ShiftSearch odd(ranges, 3);
  EXPECT_THROW(odd.update(std::span(pcm).first(6)), std::invalid_argument);
  ShiftSearch short_of(ranges, 3);
  short_of.update(std::span(pcm).first(8));
  EXPECT_THROW(short_of.finish(), std::logic_error);
  ShiftSearch too_much(ranges, 3);
  too_much.update(pcm);
  EXPECT_THROW(too_much.update(std::span(pcm).first(4)), std::logic_error);
}

// The mixed disc of the tests above with the test pattern, and zlib's crc32 of its audio's samples
// [first, end) (the audio is LBA 250..1300 of the pattern).
struct MovedWindows {
  std::vector<uint8_t> pcm = test::test_pcm(1300 * kRawSectorSize);
  [[nodiscard]] MemorySectorSource source() const { return {test::ar_mixed_disc(), 0, pcm}; }
  [[nodiscard]] uint32_t crc(int64_t first, int64_t end) const {
    const auto bytes = std::span(pcm).subspan(250 * kRawSectorSize + static_cast<size_t>(first) * 4,
                                              static_cast<size_t>(end - first) * 4);
    return static_cast<uint32_t>(crc32_z(crc32_z(0, nullptr, 0), bytes.data(), bytes.size()));
  }
};

// The CTDB CRCs at every shift: at 0 the rip's own (CtdbCrc, checked against accuraterip_ref.py
// elsewhere); at other shifts zlib's crc32 over the disc's audio bytes in the window moved by the
// shift, cut from the test pattern here. The mixed disc's audio is LBA 250..1300: N = 1050 * 588
// = 617400 samples, N mod 5880 = 0, so the disc CRC covers samples [5880, 611520); track 1 holds
// [0, 341040), track 2 [341040, 617400).
TEST(ShiftSearch, CtdbCrcsAtEveryShift) {
  const MovedWindows w;
  MemorySectorSource src = w.source();
  const auto crc = [&](int64_t first, int64_t end) { return w.crc(first, end); };
  ASSERT_EQ(CtdbCrc::counted_end(617400), 611520u);
  const ShiftSearch search = search_shifts(src, kArSearchRange);
  const AudioChecksums sums = compute_audio_checksums(src);
  EXPECT_EQ(search.ctdb(0), *sums.ctdb);
  EXPECT_EQ(search.ctdb_track(0, 0), sums.tracks[0].ctdb);
  EXPECT_EQ(search.ctdb_track(1, 0), sums.tracks[1].ctdb);
  for (const int32_t s : {-2939, -588, -1, 1, 7, 300, 2939}) {
    EXPECT_EQ(search.ctdb(s), crc(5880 + s, 611520 + s)) << s;
    EXPECT_EQ(search.ctdb_track(0, s), crc(5880 + s, 341040 + s)) << s;
    EXPECT_EQ(search.ctdb_track(1, s), crc(341040 + s, 611520 + s)) << s;
  }
  EXPECT_THROW((void)search.ctdb(2940), std::out_of_range);
  EXPECT_THROW((void)search.ctdb_track(2, 0), std::out_of_range);
}

// Entries verified at other shifts: A's disc CRC is the audio's at +7 (confidence 3), B has track
// CRCs, track 1's from the audio at -1 (confidence 5) and a wrong one for track 2; C is the audio
// at +300 but for a disc of another length (not comparable). Expected values: the zlib CRCs of
// the windows moved, as in the test above.
TEST(ShiftSearch, CtdbEntriesAtOtherShifts) {
  const MovedWindows w;
  MemorySectorSource src = w.source();
  const auto crc = [&](int64_t first, int64_t end) { return w.crc(first, end); };
  const std::string toc = ctdb_toc(src.disc());
  std::vector<CtdbEntry> entries(3);
  entries[0] = {1, crc(5880 + 7, 611520 + 7), 3, toc, {}, 5880, false};
  entries[1] = {2, 0x12345678u, 5, toc, {crc(5880 - 1, 341040 - 1), 0xdeadbeefu}, 5880, false};
  entries[2] = {3, crc(5880 + 300, 611520 + 300), 9, "0:250:1000", {}, 5880, false};
  const ShiftSearch search = search_shifts(src, kArSearchRange);
  const CtdbShiftMatch m = match_ctdb_at_shifts(search, toc, entries);
  ASSERT_TRUE(m.disc);
  EXPECT_EQ(m.disc->shift, 7);
  EXPECT_EQ(m.disc->confidence, 3u);
  ASSERT_EQ(m.tracks.size(), 2u);
  ASSERT_TRUE(m.tracks[0] && m.tracks[1]);
  EXPECT_EQ(m.tracks[0]->shift, -1);  // B's 5 beats A's 3
  EXPECT_EQ(m.tracks[0]->confidence, 5u);
  EXPECT_EQ(m.tracks[1]->shift, 7);
  EXPECT_EQ(m.tracks[1]->confidence, 3u);
  // Without A, track 2 is found nowhere and the disc CRC nowhere.
  entries.erase(entries.begin());
  const CtdbShiftMatch without = match_ctdb_at_shifts(search, toc, entries);
  EXPECT_FALSE(without.disc);
  EXPECT_FALSE(without.tracks[1]);
  EXPECT_EQ(without.tracks[0]->shift, -1);
}

}  // namespace
}  // namespace dw
