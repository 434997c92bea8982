// What the virtual drive says about recordable media and the work on it, byte for byte from
// MMC-5: GET EVENT STATUS NOTIFICATION's media status (6.7), GET CONFIGURATION's current bits
// (5.2, 5.3), READ BUFFER CAPACITY (6.24).
#include <gtest/gtest.h>

#include <chrono>
#include <optional>
#include <thread>

#include "cd_recording_fixture.hpp"
#include "scsi/virtual/dvd_recordable_media.hpp"

using namespace dw;
using namespace dw::test;

namespace {

// GET EVENT STATUS NOTIFICATION, polled, media class (byte 4 bit 4), 8 bytes.
const std::vector<uint8_t> kMediaEvent{0x4A, 0x01, 0, 0, 0x10, 0, 0, 0, 8, 0};

// Lead-in and pregap generated (data form 01), track 1 audio (data form 00) from 00:02:00 (LBA 0),
// lead-out at 00:04:00 (LBA 150).
const std::vector<uint8_t> kAudioCueSheet{0x01, 0x00, 0x00, 0x01, 0, 0, 0, 0,  //
                                          0x01, 0x01, 0x00, 0x01, 0, 0, 0, 0,  //
                                          0x01, 0x01, 0x01, 0x00, 0, 0, 2, 0,  //
                                          0x01, 0xAA, 0x01, 0x00, 0, 0, 4, 0};

// The audio track of kAudioCueSheet in SAO: page 05, the cue sheet, 150 blocks.
void write_audio_track(vdrive::VirtualDrive& d) {
  ASSERT_EQ(code(mode_select(d, page05(2, 0))), "GOOD");
  ASSERT_EQ(code(cue_sheet(d, kAudioCueSheet)), "GOOD") << d.last_refusal();
  for (Lba l = 0; l < 150; l += 10)
    ASSERT_EQ(code(write(d, l, 10, std::vector<uint8_t>(10 * 2352, 0x5A))), "GOOD") << l;
}

// Fixed sense (reference/mmc.md "Sense data"): 70h, key, additional length 0Ah, ASC, ASCQ and,
// when given, the progress indication (byte 15 bit 7 SKSV, bytes 16-17).
std::vector<uint8_t> fixed_sense(uint8_t key, uint8_t asc, uint8_t ascq, std::optional<uint16_t> progress = {}) {
  std::vector<uint8_t> s{0x70, 0, key, 0, 0, 0, 0, 0x0A, 0, 0, 0, 0, asc, ascq, 0, 0, 0, 0};
  if (progress) {
    s[15] = 0x80;
    s[16] = uint8_t(*progress >> 8);
    s[17] = uint8_t(*progress);
  }
  return s;
}

// READ BUFFER CAPACITY, Block bit as given, 12 bytes.
std::vector<uint8_t> buffer_capacity(vdrive::VirtualDrive& d, bool block) {
  return send(d, {0x5C, uint8_t(block ? 1 : 0), 0, 0, 0, 0, 0, 0, 12, 0}, 12).data;
}

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

// The generic recorder's 2 MiB buffer (200000h) during a SAO run of audio blocks (2352 bytes).
// Block 0: data length 000Ah, 2 reserved bytes, length of buffer, blank length (bytes). Block 1:
// data length 000Ah, reserved, byte 3 = 01h (Block), 4 reserved bytes, available length in blocks.
// The write speed is set to 1 kB/s (1000 bytes a second: a sector of 2352 bytes every 2.352 s) so
// that what the drive records while the test waits is known, with over 2 s to spare on a busy host.
TEST(RecorderStatus, ReadBufferCapacityFollowsTheWriteBuffer) {
  auto d = blank_drive(RecordableMedia::Kind::CdR, 1000);
  // Nothing written: empty, 2 MiB free = 1024 blocks of 2048 bytes (no WRITE has said otherwise).
  EXPECT_EQ(buffer_capacity(*d, false),
            (std::vector<uint8_t>{0x00, 0x0A, 0x00, 0x00, 0x00, 0x20, 0x00, 0x00, 0x00, 0x20, 0x00, 0x00}));
  EXPECT_EQ(buffer_capacity(*d, true),
            (std::vector<uint8_t>{0x00, 0x0A, 0x00, 0x01, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x04, 0x00}));
  ASSERT_EQ(send(*d, {0xBB, 0, 0xFF, 0xFF, 0x00, 0x01, 0, 0, 0, 0, 0, 0}, 0).code(), "GOOD");
  ASSERT_EQ(code(mode_select(*d, page05(2, 0))), "GOOD");
  ASSERT_EQ(code(cue_sheet(*d, kAudioCueSheet)), "GOOD") << d->last_refusal();
  ASSERT_EQ(code(write(*d, 0, 10, std::vector<uint8_t>(10 * 2352))), "GOOD");
  // Just after a WRITE the host has topped the buffer up: full, nothing free.
  EXPECT_EQ(buffer_capacity(*d, false),
            (std::vector<uint8_t>{0x00, 0x0A, 0x00, 0x00, 0x00, 0x20, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00}));
  EXPECT_EQ(buffer_capacity(*d, true),
            (std::vector<uint8_t>{0x00, 0x0A, 0x00, 0x01, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00}));
  // 2.5 s later one sector has been recorded (the second would take until 4.70 s): 2352 bytes
  // (930h) free, one block of the WRITE's 2352 bytes.
  std::this_thread::sleep_for(std::chrono::milliseconds(2500));
  EXPECT_EQ(buffer_capacity(*d, false),
            (std::vector<uint8_t>{0x00, 0x0A, 0x00, 0x00, 0x00, 0x20, 0x00, 0x00, 0x00, 0x00, 0x09, 0x30}));
  EXPECT_EQ(buffer_capacity(*d, true),
            (std::vector<uint8_t>{0x00, 0x0A, 0x00, 0x01, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x01}));
  // The rest of the track and SYNCHRONIZE CACHE: the run is over, the buffer empty again - 891
  // (37Bh) whole blocks of 2352 bytes.
  for (Lba l = 10; l < 150; l += 10) ASSERT_EQ(code(write(*d, l, 10, std::vector<uint8_t>(10 * 2352))), "GOOD") << l;
  ASSERT_EQ(code(out(*d, {0x35, 0, 0, 0, 0, 0, 0, 0, 0, 0}, {})), "GOOD") << d->last_refusal();
  EXPECT_EQ(buffer_capacity(*d, false),
            (std::vector<uint8_t>{0x00, 0x0A, 0x00, 0x00, 0x00, 0x20, 0x00, 0x00, 0x00, 0x20, 0x00, 0x00}));
  EXPECT_EQ(buffer_capacity(*d, true),
            (std::vector<uint8_t>{0x00, 0x0A, 0x00, 0x01, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x03, 0x7B}));
}

// IMMED: BLANK (A1h, byte 1 bit 4) and SYNCHRONIZE CACHE (35h, byte 1 bit 1) return GOOD at once;
// the next 3 polls (TEST UNIT READY, REQUEST SENSE) find the operation in progress - 02/04/07
// with the progress indication 0, 5555h (21845) and AAAAh (43690) of 65536 - and so does any
// command that needs the medium, without counting as a poll; INQUIRY is answered. Then ready, and
// REQUEST SENSE says NO SENSE. Without IMMED the drive is ready at once.
TEST(RecorderStatus, ImmedOperationsAreInProgressForThreePolls) {
  const std::vector<uint8_t> tur{0, 0, 0, 0, 0, 0}, request_sense{0x03, 0, 0, 0, 18, 0};
  const std::vector<uint8_t> disc_information{0x51, 0, 0, 0, 0, 0, 0, 0, 34, 0};
  auto d = blank_drive(RecordableMedia::Kind::CdRw, 1000);
  write_audio_track(*d);
  ASSERT_EQ(send(*d, {0x35, 0, 0, 0, 0, 0, 0, 0, 0, 0}, 0).code(), "GOOD");  // no IMMED
  EXPECT_EQ(send(*d, tur, 0).code(), "GOOD");
  ASSERT_TRUE(d->recorded());

  EXPECT_EQ(send(*d, {0xA1, 0x11, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0}, 0).code(), "GOOD");  // minimal, IMMED
  EXPECT_FALSE(d->recorded());
  auto poll1 = send(*d, tur, 0);
  EXPECT_EQ(poll1.reply.status, 2);
  EXPECT_EQ(poll1.reply.sense, fixed_sense(0x02, 0x04, 0x07, 0x0000));
  auto poll2 = send(*d, request_sense, 18);
  EXPECT_EQ(poll2.reply.status, 0);
  EXPECT_EQ(poll2.data, fixed_sense(0x02, 0x04, 0x07, 0x5555));
  auto other = send(*d, disc_information, 34);
  EXPECT_EQ(other.reply.status, 2);
  EXPECT_EQ(other.reply.sense, fixed_sense(0x02, 0x04, 0x07, 0xAAAA));
  EXPECT_EQ(send(*d, {0x12, 0, 0, 0, 36, 0}, 36).code(), "GOOD");
  auto poll3 = send(*d, tur, 0);
  EXPECT_EQ(poll3.reply.sense, fixed_sense(0x02, 0x04, 0x07, 0xAAAA));
  EXPECT_EQ(send(*d, tur, 0).code(), "GOOD");
  EXPECT_EQ(send(*d, request_sense, 18).data, fixed_sense(0x00, 0x00, 0x00));
  EXPECT_EQ(send(*d, disc_information, 34).data[2], 0x10);  // erasable, empty disc, empty session

  // SYNCHRONIZE CACHE with IMMED after the next recording: the disc is finalised at once, and
  // the drive is busy for three polls.
  write_audio_track(*d);
  EXPECT_EQ(send(*d, {0x35, 0x02, 0, 0, 0, 0, 0, 0, 0, 0}, 0).code(), "GOOD");
  EXPECT_TRUE(d->recorded());
  for (uint16_t progress : {uint16_t{0x0000}, uint16_t{0x5555}, uint16_t{0xAAAA}})
    EXPECT_EQ(send(*d, tur, 0).reply.sense, fixed_sense(0x02, 0x04, 0x07, progress)) << progress;
  EXPECT_EQ(send(*d, tur, 0).code(), "GOOD");
}
