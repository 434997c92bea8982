// FORMAT UNIT of the virtual drive's blank BD-R (profile 0041h): spare areas, with Pseudo-Overwrite
// or without. The parameter lists are what libburn sends (mmc.c mmc_format_unit: FOV and IMMED in
// byte 1, one 8-byte descriptor with the type in byte 8 bits 7-2 and the subtype in bits 1-0 -
// 00b SRM+POW, 01b SRM without POW, as MMC-6 6.5.4.2 and the Pioneer BDR-203 command reference
// 4.3.1.1.2/4.3.1.3 list them - and for type 00h the block length 000800h as its type dependent
// parameter). Expected figures are worked out by hand from the 25 GB disc's format descriptors as
// a real drive lists them (dvd+rw-mediainfo, HL-DT-ST WH16NS40: 12,219,392 blocks unformatted; the
// default, most and fewest spares 12288, 200704 and 4096 clusters of 32 blocks).
#include <gtest/gtest.h>

#include "dvd_recording_fixture.hpp"

using namespace dw;
using namespace dw::test;
using vdrive::DvdRecordableMedia;

namespace {

constexpr uint32_t kCluster = 32;
constexpr uint32_t kBd25 = 12219392;  // BA7400h

std::unique_ptr<vdrive::VirtualDrive> blank_bd_r_25() {
  auto d = std::make_unique<vdrive::VirtualDrive>(*vdrive::find_personality("generic"), vdrive::TimingMode::Instant);
  d->insert_blank_dvd(std::make_shared<DvdRecordableMedia>(kBd25, DvdRecordableMedia::Kind::BdR));
  send(*d, {0, 0, 0, 0, 0, 0}, 0);
  return d;
}

std::vector<uint8_t> pow_feature(vdrive::VirtualDrive& d) {
  return send(d, {0x46, 0x02, 0x00, 0x38, 0, 0, 0, 0, 16, 0}, 16).data;
}

}  // namespace

// Type 00h with subtype 01b (what libburn sends for xorriso -format as_needed: "00 82 00 08 00 B4
// 74 00 01 00 08 00"): the default spare areas, 12288 clusters = 393,216 blocks, leave 12,219,392 -
// 393,216 = 11,826,176 (B47400h) blocks - the figure of the 00h descriptor. READ FORMAT CAPACITIES
// then says formatted media (10b) of that size, with nothing left to format (MMC-6 6.24.3.2); the
// invisible track and the last possible lead-out shrink to the user area, the disc is still blank,
// written at the NWA, and 0038h stays not current.
TEST(BdRFormat, DefaultSparesWithoutPow) {
  auto d = blank_bd_r_25();
  EXPECT_EQ(code(format_unit(*d, 11826176, 0x00, 0b01, 0x000800)), "GOOD");
  EXPECT_EQ(format_capacities(*d), (std::vector<uint8_t>{0, 0, 0, 8, 0x00, 0xB4, 0x74, 0x00, 0x02, 0x00, 0x08, 0x00}));
  EXPECT_EQ(track_info(*d, 1), track_reply(1, 1, 0x05, 0x61, 0x01, 0, 0, 11826176, 11826176, 0, kCluster));
  const auto di = disc_info(*d);
  EXPECT_EQ(di[2], 0x00);  // blank, last session empty
  EXPECT_EQ(std::vector<uint8_t>(di.begin() + 20, di.begin() + 24), (std::vector<uint8_t>{0x00, 0xB4, 0x74, 0x00}));
  EXPECT_EQ(pow_feature(*d), (std::vector<uint8_t>{0, 0, 0, 12, 0, 0, 0x00, 0x41, 0x00, 0x38, 0x00, 4, 0, 0, 0, 0}));
  EXPECT_EQ(code(write(*d, 0, 32)), "GOOD");
  EXPECT_EQ(close(*d, 1, 1), "GOOD");
  EXPECT_EQ(close(*d, 6, 0), "GOOD");
  EXPECT_EQ(send(*d, {0x28, 0, 0, 0, 0, 3, 0, 0, 2, 0}, 2 * 2048).data, blocks_from(3, 2));
}

// Type 32h, subtype 00b (SRM+POW), for at least 12,088,001 blocks: the user area is whole
// clusters, 377,751 (12,088,032 blocks, B872E0h), and the spares the remaining (381,856 - 377,751)
// = 4,105 clusters. Feature 0038h is then current (byte 2 bit 0). On another disc, 12,088,000
// blocks are 377,750 clusters exactly (B872C0h), 4,106 clusters of spares.
TEST(BdRFormat, SparesBySizeWithPow) {
  auto d = blank_bd_r_25();
  EXPECT_EQ(code(format_unit(*d, 12088001, 0x32, 0b00, 0)), "GOOD");
  EXPECT_EQ(format_capacities(*d), (std::vector<uint8_t>{0, 0, 0, 8, 0x00, 0xB8, 0x72, 0xE0, 0x02, 0x00, 0x08, 0x00}));
  EXPECT_EQ(pow_feature(*d), (std::vector<uint8_t>{0, 0, 0, 12, 0, 0, 0x00, 0x41, 0x00, 0x38, 0x01, 4, 0, 0, 0, 0}));
  auto exact = blank_bd_r_25();
  EXPECT_EQ(code(format_unit(*exact, 12088000, 0x32, 0b00, 0)), "GOOD");
  EXPECT_EQ(format_capacities(*exact),
            (std::vector<uint8_t>{0, 0, 0, 8, 0x00, 0xB8, 0x72, 0xC0, 0x02, 0x00, 0x08, 0x00}));
}

// The most and the fewest spares the descriptors offer are taken: 200,704 clusters leave 181,152
// clusters = 5,796,864 blocks (587400h; 5,796,833 rounds up to it), 4096 leave 12,088,320 (B87400h).
// One cluster more of spares (5,796,832 blocks: 200,705) or less (12,088,321 blocks: 377,761 clusters
// of user area, 4,095 of spares) is refused, and so are a subtype the drive does not model (10b,
// Random Recording Mode), a format type of BD-RE (30h), a second format of a formatted disc and a
// format after writing: 05/26/00 (the descriptor is none the drive offers). A descriptor length
// other than 8 also answers 05/26/00.
TEST(BdRFormat, LimitsAndRefusals) {
  auto most = blank_bd_r_25();
  EXPECT_EQ(code(format_unit(*most, 5796832, 0x32, 0b01, 0)), "05/26/00");
  EXPECT_EQ(code(format_unit(*most, 5796833, 0x32, 0b01, 0)), "GOOD");
  EXPECT_EQ(format_capacities(*most),
            (std::vector<uint8_t>{0, 0, 0, 8, 0x00, 0x58, 0x74, 0x00, 0x02, 0x00, 0x08, 0x00}));
  EXPECT_EQ(code(format_unit(*most, 5796864, 0x32, 0b01, 0)), "05/26/00");  // formatted once
  auto fewest = blank_bd_r_25();
  EXPECT_EQ(code(format_unit(*fewest, 12088321, 0x32, 0b01, 0)), "05/26/00");
  EXPECT_EQ(code(format_unit(*fewest, 12088320, 0x32, 0b10, 0)), "05/26/00");
  EXPECT_EQ(code(format_unit(*fewest, 12088320, 0x30, 0b01, 0)), "05/26/00");
  EXPECT_EQ(code(format_unit(*fewest, 12088320, 0x32, 0b01, 0)), "GOOD");
  EXPECT_EQ(format_capacities(*fewest),
            (std::vector<uint8_t>{0, 0, 0, 8, 0x00, 0xB8, 0x74, 0x00, 0x02, 0x00, 0x08, 0x00}));
  auto written = blank_bd_r_25();
  ASSERT_EQ(code(write(*written, 0, 32)), "GOOD");
  EXPECT_EQ(code(format_unit(*written, 11826176, 0x00, 0b01, 0x000800)), "05/26/00");
  auto d = blank_bd_r_25();
  EXPECT_EQ(code(out(*d, {0x04, 0x11, 0, 0, 0, 0}, {0x00, 0x82, 0x00, 0x10, 0, 0, 0, 0, 0, 0, 0, 0})), "05/26/00");
}

// GET PERFORMANCE's write speed descriptors (type 03h) end at the last LBA of the user area: a
// blank 25 GB BD-R 12,219,391 (BA73FFh), formatted with the fewest spares 12,088,319 (B873FFh) -
// what dvd+rw-mediainfo shows for a WH16NS40 ("Speed Descriptor#0: 08/12219391" blank,
// "08/12088319" on the disc formatted so).
TEST(BdRFormat, PerformanceEndsAtTheUserArea) {
  auto d = blank_bd_r_25();
  auto perf = send(*d, {0xAC, 0, 0, 0, 0, 0, 0, 0, 0, 1, 0x03, 0}, 24).data;
  ASSERT_EQ(perf.size(), 24u);
  EXPECT_EQ(std::vector<uint8_t>(perf.begin() + 12, perf.begin() + 16), (std::vector<uint8_t>{0x00, 0xBA, 0x73, 0xFF}));
  ASSERT_EQ(code(format_unit(*d, 12088320, 0x32, 0b01, 0)), "GOOD");
  perf = send(*d, {0xAC, 0, 0, 0, 0, 0, 0, 0, 0, 1, 0x03, 0}, 24).data;
  EXPECT_EQ(std::vector<uint8_t>(perf.begin() + 12, perf.begin() + 16), (std::vector<uint8_t>{0x00, 0xB8, 0x73, 0xFF}));
}
