#include "rip/offset_detect.hpp"

#include <gtest/gtest.h>
#include <unistd.h>

#include <cstdio>
#include <filesystem>
#include <fstream>
#include <functional>
#include <limits>
#include <random>
#include <string_view>

#include "checksum/multihash.hpp"
#include "disc/scrambler.hpp"
#include "disc/sector.hpp"

namespace dw::rip {
namespace {

constexpr int64_t kSector = 2352;
constexpr int64_t kSpf = 588;  // samples per sector

// ---------------------------------------------------------------------------------------------
// Data sectors

// A Mode 1 sector at `lba` as the disc holds it: encoded, then scrambled.
std::array<uint8_t, layout::kSector> scrambled_sector(Lba lba) {
  std::vector<uint8_t> user(2048);
  for (size_t i = 0; i < user.size(); ++i) user[i] = static_cast<uint8_t>(i * 31 + static_cast<size_t>(lba));
  std::array<uint8_t, layout::kSector> raw{};
  encode_sector(SectorKind::Mode1, lba, user, raw);
  scramble(raw);
  return raw;
}

// Copies `bytes` into `stream` at byte position `at`, dropping what falls outside.
void place(std::vector<uint8_t>& stream, std::span<const uint8_t> bytes, int64_t at) {
  for (size_t i = 0; i < bytes.size(); ++i) {
    const int64_t p = at + static_cast<int64_t>(i);
    if (p >= 0 && p < static_cast<int64_t>(stream.size())) stream[static_cast<size_t>(p)] = bytes[i];
  }
}

// A stream of `sectors` sectors starting at LBA `first`, where the data sectors data_from..data_to
// (inclusive LBAs) sit `offset` samples late; everything else is `fill`.
std::vector<uint8_t> data_stream(Lba first, int64_t sectors, Lba data_from, Lba data_to, int64_t offset,
                                 uint8_t fill = 0) {
  std::vector<uint8_t> stream(static_cast<size_t>(sectors * kSector), fill);
  for (Lba lba = data_from; lba <= data_to; ++lba)
    place(stream, scrambled_sector(lba), (static_cast<int64_t>(lba) - first) * kSector + offset * 4);
  return stream;
}

TEST(DataWriteOffset, RecoversKnownOffsetsExactly) {
  for (const int64_t offset : {48, -667, 0, 1, -1, 2, -2, 294, 587, 588, -588, 1000, -2000, 6 * 588 + 5}) {
    for (const Lba first : {0, 1000, -150, -1000}) {
      SCOPED_TRACE("offset " + std::to_string(offset) + ", first " + std::to_string(first));
      // 20 sectors; the data covers them all, with neighbours shifted in from both sides.
      const auto stream = data_stream(first, 20, first - 10, first + 29, offset);
      std::string why = "stale";
      const auto got = data_write_offset(stream, first, &why);
      ASSERT_TRUE(got) << why;
      EXPECT_EQ(*got, offset);
      EXPECT_EQ(why, "");
    }
  }
}

TEST(DataWriteOffset, DataTrackAfterAudioAndInLeadIn) {
  // Audio-like noise, then a data track starting at LBA 5 of the stream, 48 samples late.
  std::mt19937 rng(1);
  std::vector<uint8_t> stream(30 * kSector);
  for (auto& b : stream) b = static_cast<uint8_t>(rng());
  for (Lba lba = 5; lba < 30; ++lba) place(stream, scrambled_sector(lba), lba * kSector + 48 * 4);
  EXPECT_EQ(data_write_offset(stream, 0), 48);

  // Lead-in sectors (MSF 99:5x:xx, negative LBAs) work the same.
  const auto lead_in = data_stream(-200, 10, -200, -191, -30);
  EXPECT_EQ(data_write_offset(lead_in, -200), -30);
}

TEST(DataWriteOffset, OneDamagedSectorInALongRunIsTolerated) {
  auto stream = data_stream(0, 20, 0, 19, 48);
  stream[7 * kSector + 48 * 4 + 3] ^= 0x40;   // sync of LBA 7
  stream[12 * kSector + 48 * 4 + 13] = 0x77;  // header second byte of LBA 12: no valid BCD
  std::string why;
  EXPECT_EQ(data_write_offset(stream, 0, &why), 48) << why;
}

TEST(DataWriteOffset, NoSyncsGiveAReason) {
  std::string why;
  std::vector<uint8_t> zero(10 * kSector, 0);
  EXPECT_EQ(data_write_offset(zero, 0, &why), std::nullopt);
  EXPECT_NE(why.find("no sync"), std::string::npos) << why;

  // Every sync damaged.
  auto stream = data_stream(0, 10, 0, 9, 48);
  for (int64_t s = 0; s < 10; ++s) stream[static_cast<size_t>(s * kSector + 48 * 4 + 5)] = 0xFE;
  why.clear();
  EXPECT_EQ(data_write_offset(stream, 0, &why), std::nullopt);
  EXPECT_NE(why.find("no sync"), std::string::npos) << why;
}

TEST(DataWriteOffset, IsolatedSyncsAreNotEnough) {
  // Every other sync damaged: runs of one.
  auto stream = data_stream(0, 10, 0, 9, 48);
  for (int64_t s = 0; s < 10; s += 2) stream[static_cast<size_t>(s * kSector + 48 * 4 + 5)] = 0xFE;
  std::string why;
  EXPECT_EQ(data_write_offset(stream, 0, &why), std::nullopt);
  EXPECT_NE(why.find("longest run: 1"), std::string::npos) << why;

  // Two good syncs in a row are not three.
  auto two = data_stream(0, 10, 0, 9, 48);
  for (int64_t s : {2, 5, 8}) two[static_cast<size_t>(s * kSector + 48 * 4 + 5)] = 0xFE;
  EXPECT_EQ(data_write_offset(two, 0, &why), std::nullopt);
  EXPECT_NE(why.find("longest run: 2"), std::string::npos) << why;
}

TEST(DataWriteOffset, InvalidBcdIsRejected) {
  auto stream = data_stream(0, 10, 0, 9, 0);
  // Descrambled frame byte 0x1A is not BCD.
  for (int64_t s = 0; s < 10; ++s)
    stream[static_cast<size_t>(s * kSector + 14)] = static_cast<uint8_t>(0x1A ^ scramble_table()[14]);
  std::string why;
  EXPECT_EQ(data_write_offset(stream, 0, &why), std::nullopt);
  EXPECT_NE(why.find("valid BCD"), std::string::npos) << why;

  // Seconds 0x60 are BCD digits but no valid MSF.
  auto sixty = data_stream(0, 10, 0, 9, 0);
  for (int64_t s = 0; s < 10; ++s)
    sixty[static_cast<size_t>(s * kSector + 13)] = static_cast<uint8_t>(0x60 ^ scramble_table()[13]);
  EXPECT_EQ(data_write_offset(sixty, 0, &why), std::nullopt);
}

TEST(DataWriteOffset, DisagreeingHeadersAreRejected) {
  // Headers that do not count up one by one: no run.
  std::vector<uint8_t> shuffled(10 * kSector, 0);
  const Lba order[] = {3, 1, 7, 0, 9, 2, 8, 4, 6, 5};
  for (int64_t s = 0; s < 10; ++s) place(shuffled, scrambled_sector(order[s] + 100), s * kSector);
  std::string why;
  EXPECT_EQ(data_write_offset(shuffled, 0, &why), std::nullopt);
  EXPECT_NE(why.find("consecutive"), std::string::npos) << why;

  // Two runs of 5 that each agree, but on different offsets.
  std::vector<uint8_t> two(12 * kSector, 0);
  for (Lba lba = 0; lba < 5; ++lba) place(two, scrambled_sector(lba), lba * kSector + 48 * 4);
  for (Lba lba = 6; lba < 11; ++lba) place(two, scrambled_sector(lba), lba * kSector + 100 * 4);
  EXPECT_EQ(data_write_offset(two, 0, &why), std::nullopt);
  EXPECT_NE(why.find("disagree"), std::string::npos) << why;
  EXPECT_NE(why.find("byte offset 192"), std::string::npos) << why;
  EXPECT_NE(why.find("byte offset 400"), std::string::npos) << why;
}

TEST(DataWriteOffset, ByteOffsetMustBeWholeSamples) {
  std::vector<uint8_t> stream(10 * kSector, 0);
  for (Lba lba = 0; lba < 10; ++lba) place(stream, scrambled_sector(lba), lba * kSector + 2);
  std::string why;
  EXPECT_EQ(data_write_offset(stream, 0, &why), std::nullopt);
  EXPECT_NE(why.find("whole number of samples"), std::string::npos) << why;
}

TEST(DataWriteOffset, TinyAndEmptySpans) {
  std::string why;
  EXPECT_EQ(data_write_offset({}, 0, &why), std::nullopt);
  EXPECT_NE(why.find("too short"), std::string::npos) << why;
  const auto one = scrambled_sector(0);
  EXPECT_EQ(data_write_offset(std::span<const uint8_t>(one).first(14), 0, &why), std::nullopt);
  EXPECT_NE(why.find("too short"), std::string::npos) << why;
  // A whole sector is a single sync: not several.
  EXPECT_EQ(data_write_offset(one, 0, &why), std::nullopt);
  EXPECT_NE(why.find("no 2 consecutive"), std::string::npos) << why;
  // A span that can only hold two syncs at that position needs both, and two are enough.
  const auto two = data_stream(0, 2, 0, 1, 0);
  EXPECT_EQ(data_write_offset(two, 0, &why), 0) << why;
  const auto two_late = data_stream(0, 2, -1, 2, 48);  // syncs at 192 and 2544 of 4704 bytes
  EXPECT_EQ(data_write_offset(two_late, 0, &why), 48) << why;
  // Just long enough for a third header at that position: three are wanted again.
  auto three = data_stream(0, 3, 0, 2, 0);
  three.resize(2 * kSector + 15);
  EXPECT_EQ(data_write_offset(three, 0, &why), 0) << why;
  three[2 * kSector + 4] = 0;  // third sync damaged
  EXPECT_EQ(data_write_offset(three, 0, &why), std::nullopt);
}

TEST(DataWriteOffset, ArbitraryBytesNeverCrash) {
  std::mt19937 rng(7);
  const auto sector = scrambled_sector(16);
  for (int round = 0; round < 3000; ++round) {
    std::vector<uint8_t> v(rng() % (3 * kSector + 20));
    for (auto& b : v) b = static_cast<uint8_t>(rng() % 4 == 0 ? 0xFF : rng() % 3 == 0 ? 0 : rng());
    // Sprinkle real syncs and headers, some cut off by the end.
    for (int k = static_cast<int>(rng() % 4); k > 0 && !v.empty(); --k)
      place(v, std::span<const uint8_t>(sector).first(16), static_cast<int64_t>(rng() % v.size()));
    std::string why;
    const auto got = data_write_offset(v, static_cast<Lba>(rng()), &why);
    if (!got) {
      EXPECT_FALSE(why.empty());
    }
  }
  // Extremes of `first`: the offset would not fit; no overflow.
  const auto stream = data_stream(0, 10, 0, 9, 0);
  std::string why;
  EXPECT_EQ(data_write_offset(stream, std::numeric_limits<Lba>::min(), &why), std::nullopt);
  EXPECT_EQ(data_write_offset(stream, std::numeric_limits<Lba>::max(), &why), std::nullopt);
}

TEST(DataWriteOffset, ScansAFewHundredSectors) {
  const auto stream = data_stream(0, 500, 0, 499, -667);
  EXPECT_EQ(data_write_offset(stream, 0), -667);
}

// ---------------------------------------------------------------------------------------------
// Audio

// A loud tone: no sample anywhere near silence.
int16_t tone(int64_t x, int channel) {
  const int64_t v = 1000 + ((x * 7919 + channel * 104729) % 20000 + 20000) % 20000;
  return static_cast<int16_t>((x / 37 + channel) % 2 == 0 ? v : -v);
}

void put_sample(std::vector<uint8_t>& stream, int64_t p, int16_t left, int16_t right) {
  const auto l = static_cast<uint16_t>(left), r = static_cast<uint16_t>(right);
  uint8_t* q = stream.data() + p * 4;
  q[0] = static_cast<uint8_t>(l);
  q[1] = static_cast<uint8_t>(l >> 8);
  q[2] = static_cast<uint8_t>(r);
  q[3] = static_cast<uint8_t>(r >> 8);
}

// The disc as it should be, sample x counted from LBA `first`: tone, except `silent` sample
// ranges, which hold `quiet(x)` (both channels).
struct Disc {
  Lba first = 0;
  std::vector<std::pair<int64_t, int64_t>> silent;  // true samples, half-open
  std::function<int16_t(int64_t)> quiet = [](int64_t) { return int16_t{0}; };

  // The stream of `sectors` sectors as a drive returns it when the data is `shift` samples late.
  std::vector<uint8_t> read(int64_t sectors, int64_t shift) const {
    std::vector<uint8_t> stream(static_cast<size_t>(sectors * kSector));
    for (int64_t p = 0; p < sectors * kSpf; ++p) {
      const int64_t x = p - shift;
      bool in_silence = false;
      for (const auto& [b, e] : silent) in_silence |= x >= b && x < e;
      if (in_silence)
        put_sample(stream, p, quiet(x), static_cast<int16_t>(-quiet(x)));
      else
        put_sample(stream, p, tone(x, 0), tone(x, 1));
    }
    return stream;
  }
};

// Silence in true samples for LBA ranges counted from `first`.
std::vector<std::pair<int64_t, int64_t>> samples_of(Lba first, const std::vector<std::pair<Lba, Lba>>& ranges) {
  std::vector<std::pair<int64_t, int64_t>> out;
  for (const auto& [b, e] : ranges) out.emplace_back((b - first) * kSpf, (e - first) * kSpf);
  return out;
}

TEST(PerfectAudioOffset, RecoversKnownShifts) {
  // Three tracks; pregaps of 3 and 2 sectors before tracks 2 and 3.
  const std::vector<std::pair<Lba, Lba>> pregaps = {{20, 23}, {40, 42}};
  Disc disc{0, samples_of(0, pregaps)};
  for (const int64_t shift :
       {0, 1, -1, 48, -48, -667, 667, 587, 588, -588, 589, -3 * 588 - 5, 2 * 588 + 1, 6000, -9000}) {
    SCOPED_TRACE("shift " + std::to_string(shift));
    const auto stream = disc.read(60, shift);
    PerfectOffsetReport report;
    const auto got = perfect_audio_offset(stream, 0, pregaps, 150 * 588, &report);
    ASSERT_TRUE(got) << report.why;
    EXPECT_EQ(*got, shift);
    EXPECT_EQ(report.silence_level, 0);
    ASSERT_EQ(report.shifts.size(), 1u);
    EXPECT_EQ(report.shifts[0], std::make_pair(static_cast<int32_t>(shift), static_cast<int32_t>(shift)));
    EXPECT_EQ(report.why, "");
  }
}

TEST(PerfectAudioOffset, StreamStartingElsewhereAndTheShiftLimit) {
  // The stream starts at LBA -150 (track 1's pregap is read too, but not given as a range).
  const std::vector<std::pair<Lba, Lba>> pregaps = {{100, 250}};
  Disc disc{-150, samples_of(-150, pregaps)};
  for (const int64_t shift : {150 * 588, -150 * 588, 12345, -1}) {
    const auto stream = disc.read(600, shift);
    PerfectOffsetReport report;
    EXPECT_EQ(perfect_audio_offset(stream, -150, pregaps, 150 * 588, &report), shift) << report.why;
  }
  // One sample beyond the limit: not found.
  const auto beyond = disc.read(600, 150 * 588 + 1);
  PerfectOffsetReport report;
  EXPECT_EQ(perfect_audio_offset(beyond, -150, pregaps, 150 * 588, &report), std::nullopt);
  EXPECT_EQ(report.silence_level, -1);
  EXPECT_NE(report.why.find("no shift"), std::string::npos) << report.why;
  // A smaller limit.
  const auto stream = disc.read(600, 1000);
  EXPECT_EQ(perfect_audio_offset(stream, -150, pregaps, 999), std::nullopt);
  EXPECT_EQ(perfect_audio_offset(stream, -150, pregaps, 1000), 1000);
}

TEST(PerfectAudioOffset, ManyTracks) {
  std::vector<std::pair<Lba, Lba>> pregaps;
  for (Lba t = 0; t < 98; ++t) pregaps.emplace_back(20 + t * 22, 22 + t * 22);
  Disc disc{0, samples_of(0, pregaps)};
  const auto stream = disc.read(99 * 22, -667);
  PerfectOffsetReport report;
  EXPECT_EQ(perfect_audio_offset(stream, 0, pregaps, 150 * 588, &report), -667) << report.why;
}

TEST(PerfectAudioOffset, NoSilentShiftGivesNothing) {
  const std::vector<std::pair<Lba, Lba>> pregaps = {{20, 23}};
  Disc loud{0, {}};
  PerfectOffsetReport report;
  EXPECT_EQ(perfect_audio_offset(loud.read(60, 0), 0, pregaps, 150 * 588, &report), std::nullopt);
  EXPECT_EQ(report.silence_level, -1);
  EXPECT_TRUE(report.shifts.empty());

  // Two pregaps whose silences need different shifts (a sector apart): no one shift serves both.
  Disc split{0, {{20 * kSpf, 23 * kSpf}, {41 * kSpf, 43 * kSpf}}};
  const std::vector<std::pair<Lba, Lba>> both = {{20, 23}, {40, 42}};
  EXPECT_EQ(perfect_audio_offset(split.read(60, 0), 0, both, 150 * 588, &report), std::nullopt);
  EXPECT_NE(report.why.find("no shift"), std::string::npos) << report.why;

  // Near-silence above the threshold is not silence.
  Disc noisy{0, samples_of(0, pregaps)};
  noisy.quiet = [](int64_t x) { return static_cast<int16_t>(x % 2 ? 33 : -33); };
  EXPECT_EQ(perfect_audio_offset(noisy.read(60, 5), 0, pregaps), std::nullopt);
}

TEST(PerfectAudioOffset, NearSilenceCountsAndTheLevelIsReported) {
  const std::vector<std::pair<Lba, Lba>> pregaps = {{20, 23}};
  Disc disc{0, samples_of(0, pregaps)};
  disc.quiet = [](int64_t x) { return static_cast<int16_t>((x % 5 - 2) * 5); };  // -10..10
  PerfectOffsetReport report;
  EXPECT_EQ(perfect_audio_offset(disc.read(60, -300), 0, pregaps, 150 * 588, &report), -300) << report.why;
  EXPECT_EQ(report.silence_level, 10);
  disc.quiet = [](int64_t x) { return static_cast<int16_t>(x % 2 ? 32 : -32); };
  EXPECT_EQ(perfect_audio_offset(disc.read(60, 7), 0, pregaps, 150 * 588, &report), 7) << report.why;
  EXPECT_EQ(report.silence_level, 32);
}

TEST(PerfectAudioOffset, TheLowestSilenceLevelDecides) {
  // Exact zeros in the pregap, low noise (|s| <= 20) for 100 samples on each side: at level 32
  // 201 shifts qualify, at level 0 only the true one (redumper raises the level from 0).
  const std::vector<std::pair<Lba, Lba>> pregaps = {{20, 23}};
  Disc disc{0, {{20 * kSpf - 100, 23 * kSpf + 100}}};
  disc.quiet = [](int64_t x) { return x >= 20 * kSpf && x < 23 * kSpf ? int16_t{0} : static_cast<int16_t>(20); };
  PerfectOffsetReport report;
  EXPECT_EQ(perfect_audio_offset(disc.read(60, 48), 0, pregaps, 150 * 588, &report), 48) << report.why;
  EXPECT_EQ(report.silence_level, 0);
}

TEST(PerfectAudioOffset, SeveralQualifyingShiftsAreAmbiguous) {
  // The silence is one sector longer than the range: 589 shifts fit.
  const std::vector<std::pair<Lba, Lba>> pregaps = {{20, 23}};
  Disc longer{0, samples_of(0, {{20, 24}})};
  PerfectOffsetReport report;
  EXPECT_EQ(perfect_audio_offset(longer.read(60, 10), 0, pregaps, 150 * 588, &report), std::nullopt);
  EXPECT_EQ(report.silence_level, 0);
  ASSERT_EQ(report.shifts.size(), 1u);
  EXPECT_EQ(report.shifts[0], std::make_pair(10, 10 + 588));
  EXPECT_NE(report.why.find("ambiguous: 589 shifts"), std::string::npos) << report.why;

  // Two separate silences the range fits exactly: two single shifts, still ambiguous.
  Disc twice{0, samples_of(0, {{20, 23}, {30, 33}})};
  EXPECT_EQ(perfect_audio_offset(twice.read(60, 0), 0, pregaps, 150 * 588, &report), std::nullopt);
  ASSERT_EQ(report.shifts.size(), 2u);
  EXPECT_EQ(report.shifts[0], std::make_pair(0, 0));
  EXPECT_EQ(report.shifts[1], std::make_pair(10 * 588, 10 * 588));
}

TEST(PerfectAudioOffset, RangesOutsideTheStreamOrMalformed) {
  const std::vector<std::pair<Lba, Lba>> pregaps = {{20, 23}};
  const Disc disc{0, samples_of(0, pregaps)};
  const auto stream = disc.read(60, 0);
  PerfectOffsetReport report;
  const std::vector<std::pair<Lba, Lba>> outside = {{500, 503}};
  EXPECT_EQ(perfect_audio_offset(stream, 0, outside, 150 * 588, &report), std::nullopt);
  EXPECT_NE(report.why.find("do not fit"), std::string::npos) << report.why;
  const std::vector<std::pair<Lba, Lba>> before = {{-400, -397}};
  EXPECT_EQ(perfect_audio_offset(stream, 0, before, 150 * 588, &report), std::nullopt);
  const std::vector<std::pair<Lba, Lba>> longer_than_stream = {{0, 61}};
  EXPECT_EQ(perfect_audio_offset(stream, 0, longer_than_stream), std::nullopt);
  const std::vector<std::pair<Lba, Lba>> reversed = {{23, 20}};
  EXPECT_EQ(perfect_audio_offset(stream, 0, reversed, 150 * 588, &report), std::nullopt);
  EXPECT_NE(report.why.find("ends before"), std::string::npos) << report.why;
  EXPECT_EQ(perfect_audio_offset(stream, 0, {}, 150 * 588, &report), std::nullopt);
  const std::vector<std::pair<Lba, Lba>> empty = {{20, 20}};
  EXPECT_EQ(perfect_audio_offset(stream, 0, empty, 150 * 588, &report), std::nullopt);
  EXPECT_EQ(perfect_audio_offset(stream, 0, pregaps, -1, &report), std::nullopt);
  EXPECT_EQ(perfect_audio_offset({}, 0, pregaps), std::nullopt);
  const std::vector<std::pair<Lba, Lba>> extreme = {{std::numeric_limits<Lba>::min(), std::numeric_limits<Lba>::max()}};
  EXPECT_EQ(perfect_audio_offset(stream, std::numeric_limits<Lba>::max(), extreme), std::nullopt);
  // The stream may end with a partial sample; it is not read.
  auto odd = stream;
  odd.push_back(0);
  EXPECT_EQ(perfect_audio_offset(odd, 0, pregaps), 0);
}

// ---------------------------------------------------------------------------------------------
// Universal hash

std::span<const uint8_t> ascii(std::string_view s) { return {reinterpret_cast<const uint8_t*>(s.data()), s.size()}; }

std::vector<uint8_t> padded(std::span<const uint8_t> audio, size_t before, size_t after) {
  std::vector<uint8_t> v(before, 0);
  v.insert(v.end(), audio.begin(), audio.end());
  v.insert(v.end(), after, 0);
  return v;
}

TEST(UniversalHash, StandardVectorBetweenZeroPadding) {
  // FIPS 180 test vector (56 bytes = 14 samples, none zero): SHA-1 84983e44...
  const auto abc = ascii("abcdbcdecdefdefgefghfghighijhijkijkljklmklmnlmnomnopnopq");
  const std::vector<std::pair<size_t, size_t>> paddings = {{0, 0}, {4, 0}, {0, 8}, {4000, 4 * 588}};
  for (const auto& [before, after] : paddings) {
    EXPECT_EQ(to_hex(universal_hash(padded(abc, before, after))), "84983e441c3bd26ebaae4aa1f95129e5e54670f1");
  }
  // Nothing non-zero: SHA-1 of no bytes.
  EXPECT_EQ(to_hex(universal_hash({})), "da39a3ee5e6b4b0d3255bfef95601890afd80709");
  EXPECT_EQ(to_hex(universal_hash(std::vector<uint8_t>(4 * 588, 0))), "da39a3ee5e6b4b0d3255bfef95601890afd80709");
}

TEST(UniversalHash, SameAudioAtAnyOffset) {
  std::vector<uint8_t> audio(4 * 5000);
  for (int64_t p = 0; p < 5000; ++p) put_sample(audio, p, tone(p, 0), tone(p, 1));
  // Zero samples inside the audio are part of it.
  put_sample(audio, 100, 0, 0);
  put_sample(audio, 101, 0, 0);
  const auto h = universal_hash(padded(audio, 0, 0));
  for (const size_t shift : {1, 48, 588, 667, 2 * 588 + 3}) {
    EXPECT_EQ(universal_hash(padded(audio, 4 * shift, 4 * 2000)), h);
    EXPECT_EQ(universal_hash(padded(audio, 4 * 2000, 4 * shift)), h);
  }
  auto changed = audio;
  changed[4 * 200] ^= 1;
  EXPECT_NE(universal_hash(changed), h);
  // A non-zero byte anywhere in a sample keeps the whole sample.
  auto edge = padded(audio, 8, 8);
  edge[7] = 1;  // last byte of the sample before the audio
  EXPECT_EQ(universal_hash(edge), hash_bytes(std::span<const uint8_t>(edge).subspan(4, 4 + audio.size())).sha1);
  // A trailing partial sample is ignored.
  auto partial = padded(audio, 0, 4);
  partial.push_back(0x55);
  partial.push_back(0x66);
  EXPECT_EQ(universal_hash(partial), h);
}

TEST(UniversalHash, AgreesWithSha1sum) {
  std::vector<uint8_t> audio(4 * 3000);
  for (int64_t p = 0; p < 3000; ++p) put_sample(audio, p, tone(p, 1), tone(p, 0));
  namespace fs = std::filesystem;
  const fs::path path = fs::temp_directory_path() / ("dw-universal-hash-" + std::to_string(::getpid()));
  {
    std::ofstream out(path, std::ios::binary);
    out.write(reinterpret_cast<const char*>(audio.data()), static_cast<std::streamsize>(audio.size()));
  }
  std::string printed;
  if (FILE* p = ::popen(("sha1sum '" + path.string() + "' 2>/dev/null").c_str(), "r")) {
    char buf[128];
    while (std::fgets(buf, sizeof buf, p)) printed += buf;
    ::pclose(p);
  }
  fs::remove(path);
  if (printed.size() < 40) GTEST_SKIP() << "sha1sum is not available";
  EXPECT_EQ(to_hex(universal_hash(padded(audio, 4 * 777, 4 * 13))), printed.substr(0, 40));
}

TEST(NonzeroSampleRange, FirstAndOnePastTheLastNonZeroSample) {
  std::vector<uint8_t> s(40, 0);  // 10 samples
  EXPECT_EQ(nonzero_sample_range(s), (std::pair<size_t, size_t>{10, 10}));
  s[3 * 4 + 3] = 0x80;  // sample 3, right channel's high byte
  s[7 * 4] = 1;         // sample 7, left channel's low byte
  EXPECT_EQ(nonzero_sample_range(s), (std::pair<size_t, size_t>{3, 8}));
  s.push_back(9);  // a trailing partial sample does not count
  EXPECT_EQ(nonzero_sample_range(s), (std::pair<size_t, size_t>{3, 8}));
}

// Program area of a 1200-sector disc: track 1's pregap at -150, lead-out at 1200 (in samples).
constexpr int64_t kTocFirst = -150 * 588, kTocEnd = 1200 * 588;

// ---------------------------------------------------------------------------------------------
// Known discs' signatures

// The VideoNow marker placed `at` bytes from LBA 0 in a stream of noise-free zeros from LBA -2.
std::vector<uint8_t> with_signature(const AudioSignature& sig, std::initializer_list<int64_t> at, Lba first = -2,
                                    int64_t sectors = 12) {
  std::vector<uint8_t> stream(static_cast<size_t>(sectors * kSector), 0);
  for (const int64_t a : at) place(stream, sig.bytes, a - int64_t{first} * kSector);
  return stream;
}

TEST(FindSignature, SampleOfTheFirstAlignedOccurrence) {
  // At sample 12 after LBA 0 (byte 48), at sample 7 before it (byte -28), across a sector edge.
  EXPECT_EQ(find_signature(with_signature(kVideoNow, {48}), -2, 0, 10 * kSector, kVideoNow), 12);
  EXPECT_EQ(find_signature(with_signature(kVideoNow, {-28}), -2, -2 * kSector, 10 * kSector, kVideoNow), -7);
  EXPECT_EQ(find_signature(with_signature(kVideoNowColor, {3 * kSector - 4}), -2, 0, 10 * kSector, kVideoNowColor),
            3 * kSpf - 1);
  // The first of two counts; one off the sample grid (byte 50) is skipped for the next on it.
  EXPECT_EQ(find_signature(with_signature(kVideoNow, {400, 4000}), -2, 0, 10 * kSector, kVideoNow), 100);
  EXPECT_EQ(find_signature(with_signature(kVideoNow, {50, 4000}), -2, 0, 10 * kSector, kVideoNow), 1000);
}

TEST(FindSignature, BytesBeforeTheSignatureSetTheGrid) {
  // Atari Jaguar: "TAIRTAIR" two bytes into the track. Index 1 at LBA 5 with no write offset puts
  // it at byte 5 * 2352 + 2: sample 2940; 12 samples later: 2952. At 5 * 2352 (no two bytes
  // before it on the grid) it does not count.
  EXPECT_EQ(find_signature(with_signature(kAtariJaguar, {5 * kSector + 2}), -2, 4 * kSector, 6 * kSector, kAtariJaguar),
            2940);
  EXPECT_EQ(
      find_signature(with_signature(kAtariJaguar, {5 * kSector + 50}), -2, 4 * kSector, 6 * kSector, kAtariJaguar),
      2952);
  EXPECT_EQ(find_signature(with_signature(kAtariJaguar, {5 * kSector}), -2, 4 * kSector, 6 * kSector, kAtariJaguar),
            std::nullopt);
}

TEST(FindSignature, OnlyWholeOccurrencesInsideTheWindowAndTheStream) {
  const auto s = with_signature(kVideoNow, {2000});
  EXPECT_EQ(find_signature(s, -2, 0, 2008, kVideoNow), 500);           // ends exactly at the window's end
  EXPECT_EQ(find_signature(s, -2, 0, 2007, kVideoNow), std::nullopt);  // one byte short
  EXPECT_EQ(find_signature(s, -2, 2001, 10 * kSector, kVideoNow), std::nullopt);
  EXPECT_EQ(find_signature(s, -2, 20 * kSector, 30 * kSector, kVideoNow), std::nullopt);  // past the stream
  EXPECT_EQ(find_signature(s, -2, -9 * kSector, -3 * kSector, kVideoNow), std::nullopt);  // before it
  EXPECT_EQ(find_signature(s, -2, 10 * kSector, 0, kVideoNow), std::nullopt);             // reversed
  EXPECT_EQ(find_signature({}, 0, 0, 10 * kSector, kVideoNow), std::nullopt);
  // Cut off by the stream's end: the stream holds 10 sectors after LBA 0.
  const auto cut = with_signature(kVideoNow, {10 * kSector - 4});
  EXPECT_EQ(find_signature(cut, -2, 0, 20 * kSector, kVideoNow), std::nullopt);
}

TEST(ShiftOutOfEdges, DataPastTheLeadOutShiftsForward) {
  const EdgeShift e = shift_out_of_edges(12, kTocEnd + 12, kTocFirst, kTocEnd);
  EXPECT_EQ(e.offset, 12);
  EXPECT_EQ(e.how, "12 non-zero sample(s) past the lead-out: shifted out of the lead-out");
}

TEST(ShiftOutOfEdges, DataBeforeLbaZeroShiftsBack) {
  const EdgeShift e = shift_out_of_edges(-12, kTocEnd - 12, kTocFirst, kTocEnd);
  EXPECT_EQ(e.offset, -12);
  EXPECT_EQ(e.how, "12 non-zero sample(s) before LBA 0: shifted out of the lead-in");
  // Data before LBA 0 that would not end before the lead-out once moved there stays, unless it
  // lies before the first pregap: then it moves into the program area.
  const EdgeShift htoa = shift_out_of_edges(-100, kTocEnd - 1, kTocFirst, kTocEnd);
  EXPECT_FALSE(htoa.offset);
  EXPECT_EQ(htoa.how, "no non-zero sample before LBA 0 or past the lead-out");
  const EdgeShift far = shift_out_of_edges(kTocFirst - 5, kTocEnd - 10, kTocFirst, kTocEnd);
  EXPECT_EQ(far.offset, -5);
  EXPECT_EQ(far.how, "5 non-zero sample(s) before the first pregap: shifted into the program area");
}

TEST(ShiftOutOfEdges, NothingOutsideTooMuchOrTooFar) {
  EXPECT_FALSE(shift_out_of_edges(0, kTocEnd, kTocFirst, kTocEnd).offset);
  EXPECT_EQ(shift_out_of_edges(0, 0, kTocFirst, kTocEnd).how, "the dump holds no non-zero sample");
  const EdgeShift wide = shift_out_of_edges(kTocFirst - 1, kTocEnd + 1, kTocFirst, kTocEnd);
  EXPECT_FALSE(wide.offset);
  EXPECT_EQ(wide.how, "the non-zero samples (793802) do not fit between the first pregap and the lead-out (793800)");
  // 2 s = 88200 samples is the most a shift may be.
  EXPECT_EQ(shift_out_of_edges(88200, kTocEnd + 88200, kTocFirst, kTocEnd).offset, 88200);
  const EdgeShift over = shift_out_of_edges(88201, kTocEnd + 88201, kTocFirst, kTocEnd);
  EXPECT_FALSE(over.offset);
  EXPECT_EQ(over.how,
            "88201 non-zero sample(s) past the lead-out: shifted out of the lead-out would take +88201 samples, more "
            "than 88200 (2 s): not applied");
}

}  // namespace
}  // namespace dw::rip
