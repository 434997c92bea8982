// Burning onto the virtual drive's blank BD-R (profile 0041h, Sequential Recording Mode, unformatted):
// the answers libburn reads before and after writing and the two ways it writes a BD-R (write.c
// treats "DVD+R , DVD+R/DL , BD-R SRM" alike): a reserved track (cdrskin -sao) or the invisible
// track (xorriso), each track closed with its own session. Expected bytes are laid out by hand from
// MMC-5 (5.3.1 feature 0000h, 5.3.3 feature 0010h, 5.3.34-35 features 0040h/0041h, 6.3 CLOSE TRACK
// SESSION, 6.22 READ DISC INFORMATION, 6.24 READ FORMAT CAPACITIES, 6.27 READ TRACK INFORMATION) and,
// for the blank disc's format capacities, from a real drive (dvd+rw-mediainfo on a blank 25 GB BD-R
// in an HL-DT-ST WH16NS40) - not copied from the virtual drive's answers.
#include <gtest/gtest.h>

#include "dvd_recording_fixture.hpp"

using namespace dw;
using namespace dw::test;
using vdrive::DvdRecordableMedia;

namespace {

constexpr uint32_t kCluster = 32;  // BD: 32 blocks of 2048 bytes a cluster

std::unique_ptr<vdrive::VirtualDrive> blank_bd_r() { return blank_dvd(DvdRecordableMedia::Kind::BdR); }

std::vector<uint8_t> feature(vdrive::VirtualDrive& d, uint8_t code) {
  return send(d, {0x46, 0x02, 0x00, code, 0, 0, 0, 0, 64, 0}, 64).data;
}

vdrive::Reply reserve(vdrive::VirtualDrive& d, uint32_t blocks) {
  return send(
             d,
             {0x53, 0, 0, 0, 0, uint8_t(blocks >> 24), uint8_t(blocks >> 16), uint8_t(blocks >> 8), uint8_t(blocks), 0},
             0)
      .reply;
}

std::vector<uint8_t> read_capacity(vdrive::VirtualDrive& d) {
  return send(d, {0x25, 0, 0, 0, 0, 0, 0, 0, 0, 0}, 8).data;
}

}  // namespace

// GET CONFIGURATION: current profile 0041h; the profile list of a BD writer (BD-RE 0043h, BD-R SRM
// 0041h current, BD-ROM 0040h, then DVD-ROM and the CD profiles); 0040h BD Read (version 1) and
// 0041h BD Write (version 2) current, their class 0 bitmaps with version 1 (bit 1) for BD-RE, BD-R
// (and BD-ROM for reading); Random Readable with a blocking of 32 (a cluster), not current on a
// blank disc; 0038h BD-R Pseudo-Overwrite (MMC-6: version 0, 4 reserved bytes) listed but not
// current - the disc is not formatted SRM+POW (libburn, drive.c burn_drive_get_bd_r_pow, refuses a
// BD-R on which it is current); the DVD+R and DVD-R write features not current.
TEST(BdR, ConfigurationOfBlankBdR) {
  auto d = blank_bd_r();
  const auto list = feature(*d, 0x00);
  EXPECT_EQ(list,
            (std::vector<uint8_t>{0,    0,    0,    36,   0,    0,    0x00, 0x41, 0x00, 0x00, 0x03, 28,   0x00, 0x43,
                                  0x00, 0x00, 0x00, 0x41, 0x01, 0x00, 0x00, 0x40, 0x00, 0x00, 0x00, 0x10, 0x00, 0x00,
                                  0x00, 0x09, 0x00, 0x00, 0x00, 0x0A, 0x00, 0x00, 0x00, 0x08, 0x00, 0x00}));
  EXPECT_EQ(feature(*d, 0x40), (std::vector<uint8_t>{0,    0,    0,    36, 0, 0, 0x00, 0x41,  // header
                                                     0x00, 0x40, 0x05, 28,                    // version 1, current
                                                     0,    0,    0,    0,                     // reserved
                                                     0,    0x02, 0,    0,  0, 0, 0,    0,     // BD-RE class 0..3
                                                     0,    0x02, 0,    0,  0, 0, 0,    0,     // BD-R
                                                     0,    0x02, 0,    0,  0, 0, 0,    0}));  // BD-ROM
  EXPECT_EQ(feature(*d, 0x41),
            (std::vector<uint8_t>{0, 0,    0, 28, 0, 0, 0x00, 0x41, 0x00, 0x41, 0x09, 20, 0, 0, 0, 0,
                                  0, 0x02, 0, 0,  0, 0, 0,    0,    0,    0x02, 0,    0,  0, 0, 0, 0}));
  EXPECT_EQ(feature(*d, 0x10), (std::vector<uint8_t>{0,    0, 0,    16,   0,    0,    0x00, 0x41, 0x00, 0x10,
                                                     0x00, 8, 0x00, 0x00, 0x08, 0x00, 0x00, 0x20, 0x00, 0x00}));
  EXPECT_EQ(feature(*d, 0x38), (std::vector<uint8_t>{0, 0, 0, 12, 0, 0, 0x00, 0x41, 0x00, 0x38, 0x00, 4, 0, 0, 0, 0}));
  EXPECT_EQ(feature(*d, 0x2B)[10] & 0x01, 0);
  EXPECT_EQ(feature(*d, 0x2F)[10] & 0x01, 0);
  EXPECT_EQ(feature(*d, 0x21)[10] & 0x01, 0);
  EXPECT_EQ(feature(*d, 0x1F)[10] & 0x01, 0);  // DVD Read
}

// A blank BD-R: READ DISC INFORMATION blank (status 00b, last session empty, not erasable), first
// track 1, one session whose first and last track is 1 (dvd+rw-mediainfo on a blank BD-R: "Disc
// status: blank, Number of Sessions: 1, State of Last Session: empty, "Next" Track: 1, Number of
// Tracks: 1"), the last possible lead-out at the capacity; track 1 the invisible incremental track
// from 0 over the whole disc with its NWA at 0 ("invisible incremental", start, NWA 0, free blocks
// and track size the capacity); READ CAPACITY 0 (nothing readable); BLANK refused (write-once).
TEST(BdR, BlankDiscAndInvisibleTrack) {
  auto d = blank_bd_r();
  EXPECT_EQ(disc_info(*d),
            (std::vector<uint8_t>{0, 32, 0x00, 1,    1, 1, 1, 0x20,              // status, track 1, 1 session
                                  0, 0,  0,    0,    0, 0, 0, 0,    0, 0, 0, 0,  // disc id, lead-in start 0
                                  0, 0,  0x03, 0xE8,                             // last possible lead-out
                                  0, 0,  0,    0,    0, 0, 0, 0,    0, 0}));
  EXPECT_EQ(track_info(*d, 1), track_reply(1, 1, 0x05, 0x61, 0x01, 0, 0, kCapacity, kCapacity, 0, kCluster));
  EXPECT_EQ(read_capacity(*d), (std::vector<uint8_t>{0, 0, 0, 0, 0, 0, 0x08, 0x00}));
  EXPECT_EQ(send(*d, {0xA1, 0x11, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0}, 0).code(), "05/30/05");
}

// READ FORMAT CAPACITIES of a blank 25 GB BD-R, as the real drive answers: the current descriptor
// unformatted (01b) with 12,219,392 blocks (BA7400h) of 2048; then 00h with 11,826,176 blocks
// (B47400h) and type dependent parameter 003000h, and three 32h (C8h in byte 4) with 11,826,176,
// 5,796,864 (587400h) and 12,088,320 (B87400h) blocks, parameter 0. Once written, none are left.
TEST(BdR, FormatCapacitiesOfTheBlankDisc) {
  auto d = std::make_unique<vdrive::VirtualDrive>(*vdrive::find_personality("generic"), vdrive::TimingMode::Instant);
  d->insert_blank_dvd(
      std::make_shared<DvdRecordableMedia>(DvdRecordableMedia::kDefaultBdCapacity, DvdRecordableMedia::Kind::BdR));
  send(*d, {0, 0, 0, 0, 0, 0}, 0);
  EXPECT_EQ(send(*d, {0x23, 0, 0, 0, 0, 0, 0, 0, 252, 0}, 252).data,
            (std::vector<uint8_t>{0,    0,    0,    40,   0x00, 0xBA, 0x74, 0x00, 0x01, 0x00, 0x08, 0x00,  //
                                  0x00, 0xB4, 0x74, 0x00, 0x00, 0x00, 0x30, 0x00,                          //
                                  0x00, 0xB4, 0x74, 0x00, 0xC8, 0x00, 0x00, 0x00,                          //
                                  0x00, 0x58, 0x74, 0x00, 0xC8, 0x00, 0x00, 0x00,                          //
                                  0x00, 0xB8, 0x74, 0x00, 0xC8, 0x00, 0x00, 0x00}));
  // The invisible track of the 25 GB disc: 12,219,392 free blocks.
  EXPECT_EQ(track_info(*d, 1), track_reply(1, 1, 0x05, 0x61, 0x01, 0, 0, 12219392, 12219392, 0, kCluster));
  ASSERT_EQ(code(write(*d, 0, 16)), "GOOD");
  EXPECT_EQ(send(*d, {0x23, 0, 0, 0, 0, 0, 0, 0, 252, 0}, 252).data[3], 8);
}

// As cdrskin -sao writes a BD-R: RESERVE TRACK of 40 blocks takes two clusters (64 blocks) - the
// reserved track, blank, NWA 0 - then WRITE from the NWA with no write parameters page,
// SYNCHRONIZE CACHE (which closes nothing: the disc stays incomplete, status 01b with an
// incomplete last session), CLOSE TRACK (001b), and CLOSE SESSION 110b finalises: a complete
// disc (status 10b, session complete 11b), readable to LBA 63 (the track padded to its cluster).
// 101b, DVD+R's "finalise with minimum radius", is not a BD-R function.
TEST(BdR, ReservedTrackFinalisedByCloseSession110b) {
  auto d = blank_bd_r();
  EXPECT_EQ(code(reserve(*d, 40)), "GOOD");
  EXPECT_EQ(track_info(*d, 1), track_reply(1, 1, 0x04, 0xC1, 0x01, 0, 0, 64, 64, 0, kCluster));
  EXPECT_EQ(code(write(*d, 0, 40)), "GOOD");
  EXPECT_EQ(code(send(*d, {0x35, 0x02, 0, 0, 0, 0, 0, 0, 0, 0}, 0).reply), "GOOD");
  EXPECT_EQ(poll_while_in_progress(*d), 3);  // IMMED
  EXPECT_EQ(disc_info(*d)[2], 0x05);
  EXPECT_EQ(close(*d, 1, 1), "GOOD");
  EXPECT_EQ(close(*d, 5, 0), "05/24/00");
  EXPECT_EQ(close(*d, 6, 0), "GOOD");
  const auto di = disc_info(*d);
  EXPECT_EQ(std::vector<uint8_t>(di.begin() + 2, di.begin() + 8), (std::vector<uint8_t>{0x0E, 1, 1, 1, 1, 0x20}));
  EXPECT_EQ(read_capacity(*d), (std::vector<uint8_t>{0, 0, 0, 63, 0, 0, 0x08, 0x00}));
  EXPECT_EQ(send(*d, {0x28, 0, 0, 0, 0, 5, 0, 0, 3, 0}, 3 * 2048).data, blocks_from(5, 3));
  EXPECT_EQ(send(*d, {0x28, 0, 0, 0, 0, 50, 0, 0, 1, 0}, 2048).data, std::vector<uint8_t>(2048, 0));  // padding
}

// As xorriso writes two sessions: WRITE into the invisible track (a simulation asked for in page
// 05 is ignored: BD-R has none), CLOSE TRACK, CLOSE SESSION 010b: appendable (status 01b, the next
// session empty), two sessions, the first and last track of the last session 2; track 1 closed
// (20 blocks padded to one cluster: size 32, LRA 31, no NWA), track 2 the invisible track from
// 32. The second session only at its NWA (anywhere else 05/21/02, invalid address for write), then
// 110b: complete with two sessions; BD Write no longer current, and no more writing (05/2C/00).
TEST(BdR, TwoSessionsThenFinalised) {
  auto d = blank_bd_r();
  EXPECT_EQ(code(write_parameters(*d, 0, 0, true)), "GOOD");
  EXPECT_EQ(code(write(*d, 0, 20)), "GOOD");
  EXPECT_EQ(close(*d, 1, 1), "GOOD");
  EXPECT_EQ(close(*d, 2, 0), "GOOD");
  auto di = disc_info(*d);
  EXPECT_EQ(std::vector<uint8_t>(di.begin() + 2, di.begin() + 8), (std::vector<uint8_t>{0x01, 1, 2, 2, 2, 0x20}));
  EXPECT_EQ(track_info(*d, 1), track_reply(1, 1, 0x05, 0x21, 0x02, 0, 0, 0, 32, 31, kCluster));
  EXPECT_EQ(track_info(*d, 2),
            track_reply(2, 2, 0x05, 0x61, 0x01, 32, 32, kCapacity - 32, kCapacity - 32, 0, kCluster));
  EXPECT_EQ(read_capacity(*d), (std::vector<uint8_t>{0, 0, 0, 31, 0, 0, 0x08, 0x00}));
  EXPECT_EQ(send(*d, {0x28, 0, 0, 0, 0, 0, 0, 0, 20, 0}, 20 * 2048).data, blocks_from(0, 20));

  EXPECT_EQ(code(write(*d, 64, 16)), "05/21/02");
  EXPECT_EQ(code(write(*d, 32, 16)), "GOOD");
  EXPECT_EQ(close(*d, 1, 2), "GOOD");
  EXPECT_EQ(close(*d, 6, 0), "GOOD");
  di = disc_info(*d);
  EXPECT_EQ(std::vector<uint8_t>(di.begin() + 2, di.begin() + 8), (std::vector<uint8_t>{0x0E, 1, 2, 2, 2, 0x20}));
  EXPECT_EQ(track_info(*d, 2), track_reply(2, 2, 0x05, 0x21, 0x02, 32, 0, 0, 32, 63, kCluster));
  EXPECT_EQ(read_capacity(*d), (std::vector<uint8_t>{0, 0, 0, 63, 0, 0, 0x08, 0x00}));
  EXPECT_EQ(send(*d, {0x28, 0, 0, 0, 0, 32, 0, 0, 16, 0}, 16 * 2048).data, blocks_from(32, 16));
  EXPECT_EQ(feature(*d, 0x41)[10], 0x08);
  EXPECT_EQ(code(write(*d, 64, 16)), "05/2C/00");
}
