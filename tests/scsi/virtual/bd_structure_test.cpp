// READ DISC STRUCTURE of the virtual drive's blank BD media (media type 1). Every expected byte is
// laid out by hand: the DI unit's fields where MMC-6 (T10/1836-D 6.22.3, format 00h for BD: the
// Disc Information of the BD physical format books) puts them, as redumper (scsi/mmc.ixx
// READ_DISC_STRUCTURE_DIUnit*) and Aaru (Decoders/Bluray/DI.cs) read them and libburn
// (mmc.c mmc_get_media_product_id) takes the manufacturer from them; Spare Area Information (format
// 0Ah) as MMC-6 6.22.3 lays it out (libburn mmc_get_bd_spare_info, Aaru Decoders/Bluray/Spare.cs),
// with the figure a real drive reports for a BD-R formatted with the fewest spares
// (dvd+rw-mediainfo, HL-DT-ST WH16NS40: "Spare Area: 36672/65536", 65,536 allocated).
#include <gtest/gtest.h>

#include <algorithm>
#include <string>

#include "dvd_recording_fixture.hpp"

using namespace dw;
using namespace dw::test;
using vdrive::DvdRecordableMedia;

namespace {

constexpr uint32_t kBd25 = 12219392;  // BA7400h blocks: a 25 GB single-layer disc

std::unique_ptr<vdrive::VirtualDrive> blank_bd(DvdRecordableMedia::Kind kind) {
  auto d = std::make_unique<vdrive::VirtualDrive>(*vdrive::find_personality("generic"), vdrive::TimingMode::Instant);
  d->insert_blank_dvd(std::make_shared<DvdRecordableMedia>(kBd25, kind));
  send(*d, {0, 0, 0, 0, 0, 0}, 0);
  return d;
}

Answer structure(vdrive::VirtualDrive& d, uint8_t format, uint8_t media_type = 1, uint16_t alloc = 4100) {
  return send(d, {0xAD, media_type, 0, 0, 0, 0, 0, format, uint8_t(alloc >> 8), uint8_t(alloc), 0, 0}, alloc);
}

// FORMAT UNIT type 32h, subtype 01b (SRM without POW), for `blocks` of user data area.
std::string format(vdrive::VirtualDrive& d, uint32_t blocks) {
  return code(out(d, {0x04, 0x11, 0, 0, 0, 0},
                  {0x00, 0x82, 0x00, 0x08, uint8_t(blocks >> 24), uint8_t(blocks >> 16), uint8_t(blocks >> 8),
                   uint8_t(blocks), 0x32 << 2 | 0x01, 0, 0, 0}));
}

// The DI unit of a 25 GB single-layer disc whose type identifier is `type`.
std::vector<uint8_t> di_unit(const char* type) {
  const std::vector<uint8_t> head = {
      'D',
      'I',   // DI unit identifier
      0x01,  // DI format 1
      0x08,  // bits 7-3: one DI unit in each DI block; bits 2-0: layer 0
      0x00,  // legacy
      0x00,  // DI unit sequence number
      0x70,  // bit 7: not a continuation; bits 6-0: 112 bytes in the unit
      0x00,  // reserved
      uint8_t(type[0]),
      uint8_t(type[1]),
      uint8_t(type[2]),  // disc type identifier
      0x01,              // bits 7-6 disc size 120 mm, 5-4 class 0, 3-0 version 1
      0x10,              // bits 7-4: one layer
      0x01,              // no DVD layer, no CD layer; channel bit length 1 (74.5 nm)
      0x00,
      0x00,  // push-pull polarity, recorded mark polarity
      0x00,
      0x00,
      0x00,
      0x00,  // no BCA; no maximum transfer rate; reserved
      0x00,
      0xCA,
      0x73,
      0xFF,  // last user data PSN: 100000h + BA7400h - 1
      0x00,
      0x10,
      0x00,
      0x00,  // first AUN of the data zone: 100000h (LBA 0)
      0x00,
      0xCA,
      0x73,
      0xFE,  // last AUN of the data zone: the last pair of sectors
  };
  std::vector<uint8_t> u(112, 0);  // bytes 32-99, format-dependent contents (write strategies): none
  std::copy(head.begin(), head.end(), u.begin());
  const std::string ids = "DWRITEVD1";  // disc manufacturer ID (6), media type ID (3)
  std::copy(ids.begin(), ids.end(), u.begin() + 100);
  u[111] = 0x01;  // bytes 109-110 time stamp 0; product revision number 1
  return u;
}

}  // namespace

// Format 00h: a 4100-byte reply (data length 1002h = 4098), the one DI unit of a BD-R ("BDR") or a
// BD-RE ("BDW"), zeros for the rest of the 4096-byte DI block. The DI describes the disc's data
// zone, spare areas included: formatting a BD-R changes nothing in it.
TEST(BdStructure, DiscInformation) {
  auto r = blank_bd(DvdRecordableMedia::Kind::BdR);
  auto di = structure(*r, 0x00).data;
  ASSERT_EQ(di.size(), 4100u);
  EXPECT_EQ(std::vector<uint8_t>(di.begin(), di.begin() + 4), (std::vector<uint8_t>{0x10, 0x02, 0, 0}));
  EXPECT_EQ(std::vector<uint8_t>(di.begin() + 4, di.begin() + 116), di_unit("BDR"));
  EXPECT_TRUE(std::all_of(di.begin() + 116, di.end(), [](uint8_t b) { return b == 0; }));
  ASSERT_EQ(format(*r, 11826176), "GOOD");
  EXPECT_EQ(structure(*r, 0x00).data, di);
  auto re = blank_bd(DvdRecordableMedia::Kind::BdRe);
  di = structure(*re, 0x00).data;
  ASSERT_EQ(di.size(), 4100u);
  EXPECT_EQ(std::vector<uint8_t>(di.begin() + 4, di.begin() + 116), di_unit("BDW"));
  // libburn reads the DI with an allocation length of 4 first, then what the header announces.
  EXPECT_EQ(structure(*re, 0x00, 1, 4).data, (std::vector<uint8_t>{0x10, 0x02, 0, 0}));
}

// Format 0Ah: refused on an unformatted BD-R (05/24/00, as the WH16NS40 answers a blank one:
// "READ BD SPARE INFORMATION failed with SK=5h/INVALID FIELD IN CDB"). Formatted with the fewest
// spares, 4096 clusters (user area 12,088,320 blocks): 65,536 (10000h) spare blocks allocated, all
// free; with the default 12,288 clusters (11,826,176 blocks): 196,608 (30000h). Data length 000Eh.
TEST(BdStructure, SpareAreaInformation) {
  auto d = blank_bd(DvdRecordableMedia::Kind::BdR);
  EXPECT_EQ(structure(*d, 0x0A, 1, 16).code(), "05/24/00");
  ASSERT_EQ(format(*d, 12088320), "GOOD");
  EXPECT_EQ(structure(*d, 0x0A, 1, 16).data,
            (std::vector<uint8_t>{0, 0x0E, 0, 0, 0, 0, 0, 0, 0x00, 0x01, 0x00, 0x00, 0x00, 0x01, 0x00, 0x00}));
  auto def = blank_bd(DvdRecordableMedia::Kind::BdR);
  ASSERT_EQ(format(*def, 11826176), "GOOD");
  EXPECT_EQ(structure(*def, 0x0A, 1, 16).data,
            (std::vector<uint8_t>{0, 0x0E, 0, 0, 0, 0, 0, 0, 0x00, 0x03, 0x00, 0x00, 0x00, 0x03, 0x00, 0x00}));
}

// Format FFh lists the structures the disc has (format code, RDS bit 6, length): the DI (1004h
// bytes), on a formatted BD-R the spare areas (16), and the list itself. Media type 0 (DVD) on BD
// media, another layer than 0 and structures the disc has not (03h BCA) answer 05/24/00.
TEST(BdStructure, ListAndRefusals) {
  auto d = blank_bd(DvdRecordableMedia::Kind::BdR);
  EXPECT_EQ(structure(*d, 0xFF, 1, 64).data,
            (std::vector<uint8_t>{0, 10, 0, 0, 0x00, 0x40, 0x10, 0x04, 0xFF, 0x40, 0x00, 0x0C}));
  ASSERT_EQ(format(*d, 11826176), "GOOD");
  EXPECT_EQ(structure(*d, 0xFF, 1, 64).data, (std::vector<uint8_t>{0, 14, 0, 0, 0x00, 0x40, 0x10, 0x04, 0x0A, 0x40,
                                                                   0x00, 0x10, 0xFF, 0x40, 0x00, 0x10}));
  EXPECT_EQ(structure(*d, 0x00, 0).code(), "05/24/00");
  EXPECT_EQ(send(*d, {0xAD, 1, 0, 0, 0, 0, 1, 0, 0x10, 0x04, 0, 0}, 4100).code(), "05/24/00");
  EXPECT_EQ(structure(*d, 0x03).code(), "05/24/00");
}
