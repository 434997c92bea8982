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
