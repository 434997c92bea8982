// Commands other people's programs send that the ripper does not (cdrdao, wodim, libburn, sg3-utils),
// answered byte for byte as MMC-2/MMC-6 lay them out.
#include <gtest/gtest.h>

#include "vdrive_fixture.hpp"

using namespace dw;
using namespace dw::test;
using vdrive::VirtualDrive;

namespace {

std::vector<uint8_t> read_header(Lba lba, bool msf) {
  const auto u = static_cast<uint32_t>(lba);
  return {0x44, uint8_t(msf ? 2 : 0), uint8_t(u >> 24), uint8_t(u >> 16), uint8_t(u >> 8), uint8_t(u), 0, 0, 8, 0};
}

}  // namespace

// READ HEADER (44h): byte 0 the data mode of the sector's header, bytes 4-7 its address (LBA, or
// 0 M S F with the MSF bit). The fixture's track 1 is Mode 1 over [0, 300), track 2 audio.
TEST(ToolCommands, ReadHeaderOfDataSectors) {
  auto d = ready_drive();
  EXPECT_EQ(send(*d, read_header(5, false), 8).data, (std::vector<uint8_t>{1, 0, 0, 0, 0, 0, 0, 5}));
  // LBA 299 = 150 + 299 = 449 frames = 00:05:74.
  EXPECT_EQ(send(*d, read_header(299, true), 8).data, (std::vector<uint8_t>{1, 0, 0, 0, 0, 0, 5, 74}));
  EXPECT_EQ(send(*d, read_header(299, false), 8).data, (std::vector<uint8_t>{1, 0, 0, 0, 0, 0, 0x01, 0x2B}));
  // The allocation length cuts the answer.
  EXPECT_EQ(send(*d, {0x44, 0, 0, 0, 0, 5, 0, 0, 4, 0}, 8).data, (std::vector<uint8_t>{1, 0, 0, 0}));
  // Audio sectors have no header; past the lead-out is out of range.
  EXPECT_EQ(send(*d, read_header(450, false), 8).code(), "05/64/00");
  EXPECT_EQ(send(*d, read_header(600, false), 8).code(), "05/21/00");
  VirtualDrive empty(*vdrive::find_personality("generic"), vdrive::TimingMode::Instant);
  EXPECT_EQ(send(empty, read_header(5, false), 8).code(), "02/3A/01");
}

// REZERO UNIT (01h): a seek to LBA 0 with no data; READ SUB-CHANNEL's current position follows it.
TEST(ToolCommands, RezeroUnitSeeksToTheStart) {
  auto d = ready_drive();
  ASSERT_EQ(send(*d, {0x28, 0, 0, 0, 0, 100, 0, 0, 1, 0}, 2048).code(), "GOOD");
  const std::vector<uint8_t> position{0x42, 0, 0x40, 0x01, 0, 0, 0, 0, 16, 0};
  auto before = send(*d, position, 16);
  ASSERT_EQ(before.data.size(), 16u);
  EXPECT_EQ(before.data[11], 101);  // the head is past the sector read
  auto r = send(*d, {0x01, 0, 0, 0, 0, 0}, 0);
  EXPECT_EQ(r.code(), "GOOD");
  EXPECT_EQ(r.reply.transferred, 0u);
  auto after = send(*d, position, 16);
  EXPECT_EQ(std::vector<uint8_t>(after.data.begin() + 8, after.data.end()),
            (std::vector<uint8_t>{0, 0, 0, 0, 0, 0, 0, 0}));  // absolute and track-relative LBA 0
  VirtualDrive empty(*vdrive::find_personality("generic"), vdrive::TimingMode::Instant);
  EXPECT_EQ(send(empty, {0x01, 0, 0, 0, 0, 0}, 0).code(), "02/3A/01");
}

// READ BUFFER (3Ch, SPC-3 6.15): CDB byte 1 mode, byte 2 buffer ID, 3-5 offset, 6-8 allocation
// length. The buffer is the drive's write buffer: 2048 KiB = 0x200000 bytes on `generic`, 1024 KiB
// = 0x100000 on `cheap`. wodim sends mode 0 with 4 bytes (3C 00 00 00 00 00 00 00 04 00) to learn
// the size before timing 100 reads of it.
TEST(ToolCommands, ReadBufferDescribesTheDriveBuffer) {
  auto d = ready_drive();
  // Mode 0, combined header and data: byte 0 reserved, 1-3 the buffer capacity.
  EXPECT_EQ(send(*d, {0x3C, 0x00, 0, 0, 0, 0, 0, 0, 4, 0}, 4).data, (std::vector<uint8_t>{0x00, 0x20, 0x00, 0x00}));
  auto whole = send(*d, {0x3C, 0x00, 0, 0, 0, 0, 0, 0x10, 0x04, 0}, 0x1004);  // header + 4 KiB of data
  ASSERT_EQ(whole.code(), "GOOD");
  EXPECT_EQ(whole.data.size(), 0x1004u);
  // Mode 3, descriptor: offset boundary 0 (any byte offset), buffer capacity.
  EXPECT_EQ(send(*d, {0x3C, 0x03, 0, 0, 0, 0, 0, 0, 4, 0}, 4).data, (std::vector<uint8_t>{0x00, 0x20, 0x00, 0x00}));
  auto cheap = ready_drive("cheap");
  EXPECT_EQ(send(*cheap, {0x3C, 0x03, 0, 0, 0, 0, 0, 0, 4, 0}, 4).data, (std::vector<uint8_t>{0x00, 0x10, 0x00, 0x00}));
  // Mode 2, data from an offset: the allocation length, or what is left of the buffer.
  EXPECT_EQ(send(*d, {0x3C, 0x02, 0, 0x00, 0x10, 0x00, 0, 0x02, 0x00, 0}, 0x200).data.size(), 0x200u);
  EXPECT_EQ(send(*d, {0x3C, 0x02, 0, 0x1F, 0xFF, 0x00, 0, 0x10, 0x00, 0}, 0x1000).data.size(), 0x100u);
  // Another buffer ID, an offset past the buffer, an offset in mode 0, other modes: 05/24/00.
  EXPECT_EQ(send(*d, {0x3C, 0x02, 1, 0, 0, 0, 0, 0, 4, 0}, 4).code(), "05/24/00");
  EXPECT_EQ(send(*d, {0x3C, 0x02, 0, 0x20, 0x00, 0x01, 0, 0, 4, 0}, 4).code(), "05/24/00");
  EXPECT_EQ(send(*d, {0x3C, 0x00, 0, 0, 0, 1, 0, 0, 4, 0}, 4).code(), "05/24/00");
  for (uint8_t mode : {uint8_t{0x01}, uint8_t{0x05}, uint8_t{0x0A}, uint8_t{0x0B}, uint8_t{0x1C}})
    EXPECT_EQ(send(*d, {0x3C, mode, 0, 0, 0, 0, 0, 0, 4, 0}, 4).code(), "05/24/00") << int(mode);
}
