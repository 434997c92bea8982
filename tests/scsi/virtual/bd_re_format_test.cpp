// An unformatted BD-RE in the virtual drive (virtual:blank?media=bdre&formatted=no) and FORMAT UNIT
// of it. The formattable descriptors expected are those of a real blank BD-RE (dvd+rw-mediainfo
// on an LG BE06LU10, quoted in libburn's mmc.c: 00h 11826176 (3000h), 30h 11826176 (3000h),
// 11564032 (5000h), 12088320 (1000h), 31h 12219392 (800h)); the descriptors sent are libburn's
// (mmc.c mmc_format_unit: xorriso's automatic "-format fast" sends type 00h, subtype 00b, block
// length 000800h); the spare limits those of dvd+rw-tools' Blu-ray notes (ISA0 256 MB = 4096
// clusters, the OSA up to 1 GB = 16384 more). Figures worked out by hand.
#include <gtest/gtest.h>

#include "dvd_recording_fixture.hpp"

using namespace dw;
using namespace dw::test;
using vdrive::DvdRecordableMedia;

namespace {

constexpr uint32_t kBd25 = 12219392;  // BA7400h

std::unique_ptr<vdrive::VirtualDrive> unformatted_bd_re() {
  auto d = std::make_unique<vdrive::VirtualDrive>(*vdrive::find_personality("generic"), vdrive::TimingMode::Instant);
  auto media = std::make_shared<DvdRecordableMedia>(kBd25, DvdRecordableMedia::Kind::BdRe);
  media->unformat_bd_re();
  d->insert_blank_dvd(media);
  send(*d, {0, 0, 0, 0, 0, 0}, 0);
  return d;
}

std::string format(vdrive::VirtualDrive& d, uint32_t blocks, uint8_t type, uint8_t subtype, uint32_t parameter) {
  return code(format_unit(d, blocks, type, subtype, parameter));
}

std::vector<uint8_t> random_writable(vdrive::VirtualDrive& d) {
  return send(d, {0x46, 0x02, 0x00, 0x20, 0, 0, 0, 0, 20, 0}, 20).data;
}

}  // namespace

// Unformatted: READ FORMAT CAPACITIES unformatted (01b) with the whole disc and the real BD-RE's
// five descriptors (types in byte 4: 00h, 30h = C0h, 31h = C4h); feature 0020h Random Writable
// not current; READ DISC INFORMATION erasable and empty (10h); READ CAPACITY 0; a WRITE answers
// 05/30/10 (medium not formatted).
TEST(BdReFormat, Unformatted) {
  auto d = unformatted_bd_re();
  EXPECT_EQ(format_capacities(*d), (std::vector<uint8_t>{0,    0,    0,    48,   0x00, 0xBA, 0x74, 0x00,  //
                                                         0x01, 0x00, 0x08, 0x00, 0x00, 0xB4, 0x74, 0x00,  //
                                                         0x00, 0x00, 0x30, 0x00, 0x00, 0xB4, 0x74, 0x00,  //
                                                         0xC0, 0x00, 0x30, 0x00, 0x00, 0xB0, 0x74, 0x00,  //
                                                         0xC0, 0x00, 0x50, 0x00, 0x00, 0xB8, 0x74, 0x00,  //
                                                         0xC0, 0x00, 0x10, 0x00, 0x00, 0xBA, 0x74, 0x00,  //
                                                         0xC4, 0x00, 0x08, 0x00}));
  EXPECT_EQ(random_writable(*d)[10] & 0x01, 0);
  EXPECT_EQ(disc_info(*d)[2], 0x10);
  EXPECT_EQ(send(*d, {0x25, 0, 0, 0, 0, 0, 0, 0, 0, 0}, 8).data, (std::vector<uint8_t>{0, 0, 0, 0, 0, 0, 0x08, 0}));
  EXPECT_EQ(code(write(*d, 0, 32)), "05/30/10");
}

// Type 00h (subtype 00b, block length 000800h: xorriso's automatic format): the default spares,
// 12288 clusters, leave 11,826,176 blocks (B47400h): formatted, 0020h current with the last LBA
// 11,826,175 (B473FFh), the disc complete (1Eh), written anywhere and read back.
TEST(BdReFormat, DefaultFormat) {
  auto d = unformatted_bd_re();
  EXPECT_EQ(format(*d, 11826176, 0x00, 0b00, 0x000800), "GOOD");
  const auto caps = format_capacities(*d);
  EXPECT_EQ(std::vector<uint8_t>(caps.begin() + 4, caps.begin() + 12),
            (std::vector<uint8_t>{0x00, 0xB4, 0x74, 0x00, 0x02, 0x00, 0x08, 0x00}));
  const auto rw = random_writable(*d);
  EXPECT_EQ(rw[10] & 0x01, 0x01);
  EXPECT_EQ(std::vector<uint8_t>(rw.begin() + 12, rw.begin() + 16), (std::vector<uint8_t>{0x00, 0xB4, 0x73, 0xFF}));
  EXPECT_EQ(disc_info(*d)[2], 0x1E);
  EXPECT_EQ(code(write(*d, 640, 32)), "GOOD");
  EXPECT_EQ(send(*d, {0x28, 0, 0, 0, 0x02, 0x80, 0, 0, 2, 0}, 2 * 2048).data, blocks_from(640, 2));
  EXPECT_EQ(format(*d, 11826176, 0x00, 0b00, 0x000800), "GOOD");  // a reformat keeps the blocks
  EXPECT_EQ(send(*d, {0x28, 0, 0, 0, 0x02, 0x80, 0, 0, 2, 0}, 2 * 2048).data, blocks_from(640, 2));
}

// Type 30h for at least N blocks: 11,564,032 (B07400h) leaves 20,480 spare clusters, the most;
// 11,564,000 would leave 20,481: refused. 12,088,321 blocks would leave 4,095, fewer than the
// 4,096 of ISA0: refused; 12,088,320 (B87400h) is taken. Type 31h: the whole disc, no spares.
// Type 32h (BD-R's) is refused on BD-RE.
TEST(BdReFormat, SparesBySizeAndNone) {
  auto most = unformatted_bd_re();
  EXPECT_EQ(format(*most, 11564000, 0x30, 0b01, 0), "05/26/00");
  EXPECT_EQ(format(*most, 11564032, 0x30, 0b01, 0), "GOOD");
  EXPECT_EQ(format_capacities(*most)[5], 0xB0);
  auto fewest = unformatted_bd_re();
  EXPECT_EQ(format(*fewest, 12088321, 0x30, 0b00, 0), "05/26/00");
  EXPECT_EQ(format(*fewest, 12088320, 0x32, 0b01, 0), "05/26/00");
  EXPECT_EQ(format(*fewest, 12088320, 0x30, 0b00, 0), "GOOD");
  EXPECT_EQ(format_capacities(*fewest)[5], 0xB8);
  auto none = unformatted_bd_re();
  EXPECT_EQ(format(*none, 0, 0x31, 0b00, 0x000800), "GOOD");
  const auto caps = format_capacities(*none);
  EXPECT_EQ(std::vector<uint8_t>(caps.begin() + 4, caps.begin() + 12),
            (std::vector<uint8_t>{0x00, 0xBA, 0x74, 0x00, 0x02, 0x00, 0x08, 0x00}));
}
