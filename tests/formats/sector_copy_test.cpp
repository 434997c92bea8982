// read_padded: the part of a range the source holds is read, the rest is filled; ranges that lie
// wholly before or after the source (a writer's first chunk in a long first pregap, or small
// chunks) included.
#include "formats/sector_copy.hpp"

#include <gtest/gtest.h>

#include "support/test_discs.hpp"

namespace dw {
namespace {

// A Mode 1 disc from LBA 0 to 20 whose source holds LBAs 0..9, byte i of the source being
// i % 251 + 1 (never 0, so a filled sector is told from a read one).
MemorySectorSource ten_sectors() {
  Disc d;
  Session s;
  s.tracks.push_back(test::track(1, TrackMode::Mode1, {{1, 0}}));
  s.leadout = 20;
  d.sessions.push_back(s);
  test::set_point_controls(d);
  std::vector<uint8_t> main(10 * 2352);
  for (size_t i = 0; i < main.size(); ++i) main[i] = static_cast<uint8_t>(i % 251 + 1);
  return MemorySectorSource(d, 0, main);
}

TEST(ReadPadded, RangesBeforeAcrossAndAfterTheSource) {
  MemorySectorSource src = ten_sectors();
  const auto source_byte = [](Lba lba, size_t at) { return static_cast<uint8_t>((size_t(lba) * 2352 + at) % 251 + 1); };
  for (const auto& [first, count] : std::vector<std::pair<Lba, uint32_t>>{{-150, 100}, {-3, 5}, {8, 4}, {12, 3}}) {
    std::vector<uint8_t> main(size_t{count} * 2352, 0xEE);
    std::vector<SectorState> states(count);
    read_padded(src, first, count, main, {}, nullptr, SectorKind::Audio, states);
    for (uint32_t i = 0; i < count; ++i) {
      const Lba lba = first + static_cast<Lba>(i);
      const bool held = lba >= 0 && lba < 10;
      for (size_t b = 0; b < 2352; b += 97)
        ASSERT_EQ(main[i * 2352 + b], held ? source_byte(lba, b) : 0) << "LBA " << lba << " byte " << b;
      EXPECT_EQ(states[i].provenance & SectorState::kGapGenerated, held ? 0 : SectorState::kGapGenerated)
          << "LBA " << lba;
    }
  }
}

// Filled data sectors are empty sectors of the kind at their own address: LBA -150 is MSF
// 00:00:00, LBA -1 is 00:01:74 (BCD 00 01 74), mode 1.
TEST(ReadPadded, FilledDataSectorsCarryTheirAddress) {
  MemorySectorSource src = ten_sectors();
  std::vector<uint8_t> main(150 * 2352);
  read_padded(src, -150, 150, main, {}, nullptr, SectorKind::Mode1);
  const std::vector<uint8_t> sync = {0x00, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0x00};
  EXPECT_TRUE(std::equal(sync.begin(), sync.end(), main.begin()));
  EXPECT_EQ(std::vector<uint8_t>(main.begin() + 12, main.begin() + 16), (std::vector<uint8_t>{0x00, 0x00, 0x00, 0x01}));
  const size_t last = 149 * 2352;
  EXPECT_TRUE(std::equal(sync.begin(), sync.end(), main.begin() + last));
  EXPECT_EQ(std::vector<uint8_t>(main.begin() + last + 12, main.begin() + last + 16),
            (std::vector<uint8_t>{0x00, 0x01, 0x74, 0x01}));
}

}  // namespace
}  // namespace dw
