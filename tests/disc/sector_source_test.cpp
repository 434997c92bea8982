#include "disc/sector_source.hpp"

#include <gtest/gtest.h>

#include "disc/subchannel_synth.hpp"
#include "support/test_discs.hpp"

namespace dw {
namespace {

Disc one_track(Lba leadout) {
  Disc d;
  Session s;
  s.tracks.push_back(test::track(1, TrackMode::Audio, {{1, 0}}));
  s.leadout = leadout;
  d.sessions.push_back(s);
  return d;
}

std::vector<uint8_t> pattern(size_t sectors) {
  std::vector<uint8_t> v(sectors * kRawSectorSize);
  for (size_t i = 0; i < v.size(); ++i) v[i] = static_cast<uint8_t>(i * 7 + i / kRawSectorSize);
  return v;
}

TEST(MemorySectorSource, ReadsRunsWithSynthesisedSubchannel) {
  const auto main = pattern(100);
  MemorySectorSource src(one_track(100), 0, main);
  EXPECT_EQ(src.begin(), 0);
  EXPECT_EQ(src.end(), 100);
  EXPECT_EQ(src.subchannel_origin(), SubchannelOrigin::Synthesized);
  std::vector<uint8_t> out(3 * kRawSectorSize), sub(3 * kSubchannelSize);
  std::vector<SectorState> st(3);
  src.read(10, 3, out, sub, st);
  EXPECT_TRUE(std::equal(out.begin(), out.end(), main.begin() + 10 * kRawSectorSize));
  SubchannelSynthesizer syn(src.disc());
  for (int i = 0; i < 3; ++i) {
    std::array<uint8_t, kSubchannelSize> want{};
    syn.synthesize(10 + i, want);
    EXPECT_TRUE(std::equal(want.begin(), want.end(), sub.begin() + i * kSubchannelSize));
    EXPECT_EQ(st[i].quality, SectorQuality::Good);
    EXPECT_EQ(st[i].provenance, SectorState::kSubSynthesized);
  }
  // Main channel only.
  src.read(99, 1, out, {}, {});
  EXPECT_TRUE(std::equal(out.begin(), out.begin() + kRawSectorSize, main.begin() + 99 * kRawSectorSize));
}

TEST(MemorySectorSource, StoredSubchannelAndStates) {
  std::vector<uint8_t> sub(2 * kSubchannelSize, 0x5A);
  std::vector<SectorState> states{{SectorQuality::Good, 0, 1}, {SectorQuality::C2Error, 0, 4}};
  MemorySectorSource src(one_track(2), 0, pattern(2), sub, states);
  EXPECT_EQ(src.subchannel_origin(), SubchannelOrigin::Source);
  std::vector<uint8_t> s(2 * kSubchannelSize);
  std::vector<SectorState> st(2);
  src.read(0, 2, {}, s, st);
  EXPECT_EQ(s, sub);
  EXPECT_EQ(st[1], (SectorState{SectorQuality::C2Error, 0, 4}));
}

TEST(MemorySectorSource, RejectsBadRunsAndSizes) {
  MemorySectorSource src(one_track(10), 0, pattern(10));
  std::vector<uint8_t> out(kRawSectorSize * 2);
  EXPECT_THROW(src.read(9, 2, out, {}, {}), std::out_of_range);
  EXPECT_THROW(src.read(-1, 1, out, {}, {}), std::out_of_range);
  EXPECT_THROW(src.read(0, 3, out, {}, {}), std::out_of_range);  // buffer holds 2
  EXPECT_THROW(MemorySectorSource(one_track(10), 0, std::vector<uint8_t>(100)), std::invalid_argument);
  EXPECT_THROW(MemorySectorSource(one_track(10), 0, pattern(2), std::vector<uint8_t>(5)), std::invalid_argument);
}

}  // namespace
}  // namespace dw
