// The virtual recorder's temporary files: what is written reads back at its offset, gaps and
// bytes past the end read as zeros, resize makes zeros, the reader crosses its runs, and the
// spill source serves main channel and subchannel from their offsets (or synthesises P-W).
#include "scsi/virtual/spill_file.hpp"

#include <gtest/gtest.h>

#include <vector>

using namespace dw;
using namespace dw::vdrive;

namespace {

std::vector<uint8_t> bytes(size_t n, uint8_t seed) {
  std::vector<uint8_t> v(n);
  for (size_t i = 0; i < n; ++i) v[i] = static_cast<uint8_t>(seed + i * 13);
  return v;
}

}  // namespace

TEST(SpillFile, WritesReadBackAndGapsAreZero) {
  SpillFile f;
  EXPECT_EQ(f.size(), 0U);
  const auto a = bytes(5000, 1), b = bytes(300, 77);
  f.write(0, a);
  f.write(10000, b);
  EXPECT_EQ(f.size(), 10300U);
  std::vector<uint8_t> out(10400, 0xEE);
  f.read(0, out);
  EXPECT_TRUE(std::equal(a.begin(), a.end(), out.begin()));
  EXPECT_TRUE(std::all_of(out.begin() + 5000, out.begin() + 10000, [](uint8_t x) { return x == 0; }));
  EXPECT_TRUE(std::equal(b.begin(), b.end(), out.begin() + 10000));
  EXPECT_TRUE(std::all_of(out.begin() + 10300, out.end(), [](uint8_t x) { return x == 0; }));  // past the end
  f.resize(100);
  EXPECT_EQ(f.size(), 100U);
  f.resize(200);
  std::vector<uint8_t> small(200);
  f.read(0, small);
  EXPECT_TRUE(std::equal(a.begin(), a.begin() + 100, small.begin()));
  EXPECT_TRUE(std::all_of(small.begin() + 100, small.end(), [](uint8_t x) { return x == 0; }));
}

TEST(SpillFile, ReaderCrossesRuns) {
  SpillFile f;
  const auto data = bytes(96 * 50, 5);
  f.write(96 * 3, data);  // records 3.. of a file based at 96 * 3
  SpillReader r(f, 96 * 3, 96, 7);
  for (uint64_t i : {0U, 6U, 7U, 49U, 20U, 1U}) {
    const auto rec = r.at(i);
    ASSERT_EQ(rec.size(), 96U);
    EXPECT_TRUE(std::equal(rec.begin(), rec.end(), data.begin() + static_cast<long>(i * 96))) << i;
  }
}

TEST(SpillFile, SourceServesFromOffsets) {
  Disc disc;
  Session s;
  Track t;
  t.number = 1;
  t.indices = {{1, 0}};
  s.tracks = {t};
  s.leadout = 10;
  disc.sessions = {s};
  auto main = std::make_shared<SpillFile>();
  auto sub = std::make_shared<SpillFile>();
  const auto m = bytes(160 * 2352, 9), q = bytes(160 * 96, 3);
  main->write(2352 * 2, m);  // two blocks before LBA -150
  sub->write(96 * 2, q);
  SpillSectorSource src(disc, -150, 10, main, 2352 * 2, sub, 96 * 2);
  EXPECT_EQ(src.begin(), -150);
  EXPECT_EQ(src.end(), 10);
  EXPECT_EQ(src.subchannel_origin(), SubchannelOrigin::Source);
  std::vector<uint8_t> mo(2 * 2352), so(2 * 96);
  std::vector<SectorState> st(2);
  src.read(5, 2, mo, so, st);
  EXPECT_TRUE(std::equal(mo.begin(), mo.end(), m.begin() + 155 * 2352));
  EXPECT_TRUE(std::equal(so.begin(), so.end(), q.begin() + 155 * 96));
  EXPECT_EQ(st[0], SectorState{});
  EXPECT_THROW(src.read(9, 2, mo, so, st), std::out_of_range);

  SpillSectorSource synth(disc, -150, 10, main, 2352 * 2, nullptr, 0);
  EXPECT_EQ(synth.subchannel_origin(), SubchannelOrigin::Synthesized);
  std::vector<uint8_t> expect(2 * 96);
  SubchannelSynthesizer(disc).synthesize_run(5, 2, expect);
  synth.read(5, 2, {}, so, st);
  EXPECT_EQ(so, expect);
  EXPECT_EQ(st[1].provenance, SectorState::kSubSynthesized);
}
