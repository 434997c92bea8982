// What the virtual drive says about recordable media and the work on it, byte for byte from
// MMC-5: GET EVENT STATUS NOTIFICATION's media status (6.7), GET CONFIGURATION's current bits
// (5.2, 5.3).
#include <gtest/gtest.h>

#include "cd_recording_fixture.hpp"
#include "scsi/virtual/dvd_recordable_media.hpp"

using namespace dw;
using namespace dw::test;

namespace {

// GET EVENT STATUS NOTIFICATION, polled, media class (byte 4 bit 4), 8 bytes.
const std::vector<uint8_t> kMediaEvent{0x4A, 0x01, 0, 0, 0x10, 0, 0, 0, 8, 0};

// GET CONFIGURATION of one feature (RT 10b), 32 bytes allowed.
std::vector<uint8_t> feature(vdrive::VirtualDrive& d, uint16_t code) {
  return send(d, {0x46, 0x02, uint8_t(code >> 8), uint8_t(code), 0, 0, 0, 0, 32, 0}, 32).data;
}

}  // namespace

// Event header: length 0006h, class 4 (media), supported classes 10h; then the media event
// (2 new media, 0 none) and the media status: bit 1 media present, bit 0 door open.
TEST(RecorderStatus, BlankAndWrittenMediaArePresent) {
  auto cdr = blank_drive();
  EXPECT_EQ(send(*cdr, kMediaEvent, 8).data, (std::vector<uint8_t>{0x00, 0x06, 0x04, 0x10, 0x02, 0x02, 0x00, 0x00}));
  EXPECT_EQ(send(*cdr, kMediaEvent, 8).data, (std::vector<uint8_t>{0x00, 0x06, 0x04, 0x10, 0x00, 0x02, 0x00, 0x00}));
  auto burned = burn_mixed();
  send(*burned, kMediaEvent, 8);  // the new-media event
  EXPECT_EQ(send(*burned, kMediaEvent, 8).data, (std::vector<uint8_t>{0x00, 0x06, 0x04, 0x10, 0x00, 0x02, 0x00, 0x00}));
  vdrive::VirtualDrive dvd(*vdrive::find_personality("generic"), vdrive::TimingMode::Instant);
  dvd.insert_blank_dvd(std::make_shared<vdrive::DvdRecordableMedia>(1000, vdrive::DvdRecordableMedia::Kind::DashR));
  EXPECT_EQ(send(dvd, kMediaEvent, 8).data, (std::vector<uint8_t>{0x00, 0x06, 0x04, 0x10, 0x02, 0x02, 0x00, 0x00}));
}

// The generic recorder on CD-R (current profile 0009h), one feature each: header (data length,
// current profile), then code, version << 2 | current, additional length, and the body -
// 002Dh TAO version 2: BUF 40h, test write 04h, CD-RW 02h, data type supported 007Fh; 002Eh CD
// Mastering version 0: BUF, SAO 20h, raw multisession 10h, raw 08h, test write, CD-RW, R-W 01h,
// maximum cue sheet length 0FFFh; 0010h Random Readable version 0: 2048-byte blocks, blocking 1.
TEST(RecorderStatus, WritingFeaturesAreCurrentUntilTheDiscIsFinalised) {
  auto d = blank_drive();
  EXPECT_EQ(feature(*d, 0x002D), (std::vector<uint8_t>{0x00, 0x00, 0x00, 0x0C, 0x00, 0x00, 0x00, 0x09,  //
                                                       0x00, 0x2D, 0x09, 0x04, 0x46, 0x00, 0x00, 0x7F}));
  EXPECT_EQ(feature(*d, 0x002E), (std::vector<uint8_t>{0x00, 0x00, 0x00, 0x0C, 0x00, 0x00, 0x00, 0x09,  //
                                                       0x00, 0x2E, 0x01, 0x04, 0x7F, 0x00, 0x0F, 0xFF}));
  EXPECT_EQ(feature(*d, 0x0010), (std::vector<uint8_t>{0x00, 0x00, 0x00, 0x10, 0x00, 0x00, 0x00, 0x09, 0x00, 0x10,  //
                                                       0x00, 0x08, 0x00, 0x00, 0x08, 0x00, 0x00, 0x01, 0x00, 0x00}));
  // SAO burn and SYNCHRONIZE CACHE: finalised (READ DISC INFORMATION complete, WRITE 05/2C/00).
  auto burned = burn_mixed();
  EXPECT_EQ(feature(*burned, 0x002D), (std::vector<uint8_t>{0x00, 0x00, 0x00, 0x0C, 0x00, 0x00, 0x00, 0x09,  //
                                                            0x00, 0x2D, 0x08, 0x04, 0x46, 0x00, 0x00, 0x7F}));
  EXPECT_EQ(feature(*burned, 0x002E), (std::vector<uint8_t>{0x00, 0x00, 0x00, 0x0C, 0x00, 0x00, 0x00, 0x09,  //
                                                            0x00, 0x2E, 0x00, 0x04, 0x7F, 0x00, 0x0F, 0xFF}));
  EXPECT_EQ(feature(*burned, 0x0010),
            (std::vector<uint8_t>{0x00, 0x00, 0x00, 0x10, 0x00, 0x00, 0x00, 0x09, 0x00, 0x10,  //
                                  0x01, 0x08, 0x00, 0x00, 0x08, 0x00, 0x00, 0x01, 0x00, 0x00}));
}
