// Burning onto the virtual drive's blank DVD-R (profile 0011h) and DVD+R (001Bh): the answers
// libburn reads before and after writing, Disc-at-once (RESERVE TRACK) and Incremental (CLOSE
// TRACK/SESSION) writing, and the finished disc read back. Expected bytes are laid out from MMC-5
// (5.3.13 feature 0021h, 5.3.22 feature 002Bh, 5.3.25 feature 002Fh, 6.3 CLOSE TRACK SESSION, 6.22 READ DISC
// INFORMATION, 6.24 READ FORMAT CAPACITIES, 6.27 READ TRACK INFORMATION), not copied from the drive's answers.
#include <gtest/gtest.h>

#include "dvd_recording_fixture.hpp"

using namespace dw;
using namespace dw::test;
using vdrive::DvdRecordableMedia;

TEST(DvdRecording, ConfigurationOfBlankDvdR) {
  auto d = blank_dvd();
  // Current profile 0011h; with RT=2 one feature: 0021h Incremental Streaming Writable, version 1,
  // current: data block type 8 (bit 8), BUF, one link size of 16.
  EXPECT_EQ(send(*d, {0x46, 0x02, 0x00, 0x21, 0, 0, 0, 0, 64, 0}, 64).data,
            (std::vector<uint8_t>{0,    0,    0,    16,   0,    0,    0x00, 0x11,  //
                                  0x00, 0x21, 0x05, 0x08, 0x01, 0x00, 0x01, 0x01, 0x10, 0x00, 0x00, 0x00}));
  // 002Fh DVD-R/-RW Write, version 1, current: BUF, Test Write, not DVD-RW.
  EXPECT_EQ(send(*d, {0x46, 0x02, 0x00, 0x2F, 0, 0, 0, 0, 64, 0}, 64).data,
            (std::vector<uint8_t>{0, 0, 0, 12, 0, 0, 0x00, 0x11, 0x00, 0x2F, 0x05, 0x04, 0x44, 0x00, 0x00, 0x00}));
  // The profile list names 0011h as current, beside DVD-ROM and the CD profiles.
  const auto list = send(*d, {0x46, 0x02, 0x00, 0x00, 0, 0, 0, 0, 64, 0}, 64).data;
  EXPECT_EQ(std::vector<uint8_t>(list.begin() + 8, list.end()),
            (std::vector<uint8_t>{0x00, 0x00, 0x03, 20,                                                    //
                                  0x00, 0x10, 0x00, 0x00, 0x00, 0x11, 0x01, 0x00, 0x00, 0x09, 0x00, 0x00,  //
                                  0x00, 0x0A, 0x00, 0x00, 0x00, 0x08, 0x00, 0x00}));
}

TEST(DvdRecording, BlankDiscTrackAndFormatCapacities) {
  auto d = blank_dvd();
  // Empty disc, empty last session, not erasable; first track 1, one session, tracks 1..1,
  // unrestricted use; last possible lead-out start = the capacity.
  std::vector<uint8_t> di(34, 0);
  di[1] = 0x20;
  di[3] = di[4] = di[5] = di[6] = 1;
  di[7] = 0x20;
  di[22] = 0x03;
  di[23] = 0xE8;
  EXPECT_EQ(disc_info(*d), di);
  // The invisible track: incremental, blank, data mode 1, NWA valid at 0, all blocks free.
  EXPECT_EQ(track_info(*d, 1), track_reply(1, 1, 0x05, 0x61, 0x01, 0, 0, kCapacity, kCapacity, 0));
  EXPECT_EQ(track_info(*d, 0xFF), track_info(*d, 1));
  // One current/maximum capacity descriptor: unformatted media, 2048-byte blocks.
  EXPECT_EQ(send(*d, {0x23, 0, 0, 0, 0, 0, 0, 0, 12, 0}, 12).data,
            (std::vector<uint8_t>{0, 0, 0, 8, 0, 0, 0x03, 0xE8, 0x01, 0x00, 0x08, 0x00}));
  // Nothing to read yet.
  EXPECT_EQ(send(*d, {0x28, 0, 0, 0, 0, 0, 0, 0, 1, 0}, 2048).code(), "05/21/00");
  EXPECT_EQ(send(*d, {0x25, 0, 0, 0, 0, 0, 0, 0, 0, 0}, 8).data, (std::vector<uint8_t>{0, 0, 0, 0, 0, 0, 0x08, 0x00}));
}

TEST(DvdRecording, WriteParametersAreDvdOnes) {
  auto d = blank_dvd();
  EXPECT_EQ(code(write_parameters(*d, 1)), "05/26/00");                // TAO is a CD write type
  EXPECT_EQ(code(write_parameters(*d, 2, 0, false, 10)), "05/26/00");  // Mode 2 blocks
  EXPECT_EQ(code(write_parameters(*d, 0)), "GOOD");                    // incremental
  EXPECT_EQ(code(write_parameters(*d, 2)), "GOOD");                    // DAO
}

TEST(DvdRecording, DiscAtOnceReservedTrackFinalisesAtTheLastBlock) {
  auto d = blank_dvd();
  ASSERT_EQ(code(write_parameters(*d, 2)), "GOOD");
  EXPECT_EQ(code(write(*d, 0, 16)), "05/2C/00");                                       // DAO needs RESERVE TRACK first
  EXPECT_EQ(send(*d, {0x53, 0, 0, 0, 0, 0, 0, 0x04, 0x00, 0}, 0).code(), "05/24/00");  // more than the disc holds
  ASSERT_EQ(send(*d, {0x53, 0, 0, 0, 0, 0, 0, 0, 20, 0}, 0).code(), "GOOD");           // 20 blocks: two ECC blocks
  EXPECT_EQ(send(*d, {0x53, 0, 0, 0, 0, 0, 0, 0, 20, 0}, 0).code(), "05/2C/00");
  // The reserved track: RT and blank, 32 blocks.
  EXPECT_EQ(track_info(*d, 1), track_reply(1, 1, 0x04, 0xC1, 0x01, 0, 0, 32, 32, 0));
  EXPECT_EQ(code(write(*d, 1, 1)), "05/21/02");  // not at the next writable address
  ASSERT_EQ(code(write(*d, 0, 12)), "GOOD");
  ASSERT_EQ(code(write(*d, 12, 8)), "GOOD");
  EXPECT_EQ(code(write(*d, 20, 13)), "05/21/00");  // past the reservation
  EXPECT_EQ(track_info(*d, 1), track_reply(1, 1, 0x04, 0x81, 0x03, 0, 20, 12, 32, 19));
  EXPECT_EQ(disc_info(*d)[2], 0x05);  // incomplete session, incomplete disc
  EXPECT_EQ(d->recorded(), nullptr);
  ASSERT_EQ(send(*d, {0x35, 0, 0, 0, 0, 0, 0, 0, 0, 0}, 0).code(), "GOOD");
  // Finalised: complete session and disc, still profile 0011h, one data track of 32 blocks.
  ASSERT_NE(d->recorded(), nullptr);
  EXPECT_EQ(d->recorded()->disc().media, MediaKind::Dvd);
  EXPECT_EQ(disc_info(*d)[2], 0x0E);
  EXPECT_EQ(send(*d, {0x46, 0x02, 0, 0, 0, 0, 0, 0, 8, 0}, 8).data, (std::vector<uint8_t>{0, 0, 0, 28, 0, 0, 0, 0x11}));
  EXPECT_EQ(send(*d, {0x25, 0, 0, 0, 0, 0, 0, 0, 0, 0}, 8).data, (std::vector<uint8_t>{0, 0, 0, 31, 0, 0, 0x08, 0x00}));
  EXPECT_EQ(send(*d, {0x43, 0, 0, 0, 0, 0, 0, 0, 20, 0}, 20).data,
            (std::vector<uint8_t>{0, 18, 1, 1, 0, 0x14, 1, 0, 0, 0, 0, 0, 0, 0x14, 0xAA, 0, 0, 0, 0, 32}));
  EXPECT_EQ(send(*d, {0x28, 0, 0, 0, 0, 0, 0, 0, 20, 0}, 20 * 2048).data, blocks_from(0, 20));
  EXPECT_EQ(send(*d, {0x28, 0, 0, 0, 0, 20, 0, 0, 12, 0}, 12 * 2048).data, std::vector<uint8_t>(12 * 2048, 0));
  EXPECT_EQ(track_info(*d, 1), track_reply(1, 1, 0x04, 0x01, 0x02, 0, 0, 0, 32, 31));
  EXPECT_EQ(code(write(*d, 32, 1)), "05/2C/00");
}

TEST(DvdRecording, IncrementalTrackClosedIntoAnAppendableDisc) {
  auto d = blank_dvd();
  ASSERT_EQ(code(write_parameters(*d, 0, 3)), "GOOD");  // incremental, next session allowed
  ASSERT_EQ(code(write(*d, 0, 40)), "GOOD");
  EXPECT_EQ(track_info(*d, 1), track_reply(1, 1, 0x05, 0x21, 0x03, 0, 40, kCapacity - 40, kCapacity, 39));
  ASSERT_EQ(send(*d, {0x35, 0, 0, 0, 0, 0, 0, 0, 0, 0}, 0).code(), "GOOD");
  EXPECT_EQ(d->recorded(), nullptr);  // incremental: SYNCHRONIZE CACHE closes nothing
  EXPECT_EQ(send(*d, {0x5B, 0, 0x01, 0, 0, 2, 0, 0, 0, 0}, 0).code(), "05/24/00");  // no track 2 to close
  ASSERT_EQ(send(*d, {0x5B, 0, 0x01, 0, 0, 1, 0, 0, 0, 0}, 0).code(), "GOOD");
  // Track 1 padded to whole ECC blocks (48), the invisible track 2 after it.
  EXPECT_EQ(track_info(*d, 1), track_reply(1, 1, 0x05, 0x21, 0x02, 0, 0, 0, 48, 47));
  EXPECT_EQ(track_info(*d, 0xFF), track_reply(2, 1, 0x05, 0x61, 0x01, 48, 48, kCapacity - 48, kCapacity - 48, 0));
  ASSERT_EQ(send(*d, {0x5B, 0, 0x02, 0, 0, 0, 0, 0, 0, 0}, 0).code(), "GOOD");
  // Appendable disc, its empty last session 2 with the invisible track 2.
  const auto info = disc_info(*d);
  EXPECT_EQ(std::vector<uint8_t>(info.begin(), info.begin() + 9),
            (std::vector<uint8_t>{0, 0x20, 0x01, 1, 2, 2, 2, 0x20, 0}));
  EXPECT_EQ(track_info(*d, 2)[3], 2);
  ASSERT_NE(d->recorded(), nullptr);
  EXPECT_EQ(d->recorded()->disc().leadout(), 48);
  EXPECT_EQ(send(*d, {0x28, 0, 0, 0, 0, 0, 0, 0, 40, 0}, 40 * 2048).data, blocks_from(0, 40));
  EXPECT_EQ(code(write(*d, 40, 16)), "05/21/02");  // the next session starts at the NWA, 48
}

// A second session on the appendable disc (xorriso -dev on a disc left open): WRITE at the
// invisible track's NWA opens track 2 in session 2; CLOSE TRACK 2, CLOSE SESSION: the disc reads
// back with two sessions of one track each (READ TOC format 0: tracks 1 at 0 and 2 at 48, lead-out
// 80; format 1: last session 2, its first track 2 at 48), both sessions' blocks readable.
TEST(DvdRecording, SecondSessionOnAnAppendableDisc) {
  auto d = blank_dvd();
  ASSERT_EQ(code(write_parameters(*d, 0, 3)), "GOOD");
  ASSERT_EQ(code(write(*d, 0, 40)), "GOOD");
  ASSERT_EQ(close(*d, 1, 1), "GOOD");
  ASSERT_EQ(close(*d, 2, 0), "GOOD");
  ASSERT_EQ(code(write_parameters(*d, 0, 0)), "GOOD");  // this one finalises
  ASSERT_EQ(code(write(*d, 48, 20)), "GOOD");
  // Incomplete disc and session 2 (status 01b, last session 01b), tracks 1..2, session 2 holds track 2.
  auto info = disc_info(*d);
  EXPECT_EQ(std::vector<uint8_t>(info.begin(), info.begin() + 9),
            (std::vector<uint8_t>{0, 0x20, 0x05, 1, 2, 2, 2, 0x20, 0}));
  EXPECT_EQ(track_info(*d, 1), track_reply(1, 1, 0x05, 0x21, 0x02, 0, 0, 0, 48, 47));
  EXPECT_EQ(track_info(*d, 2), track_reply(2, 2, 0x05, 0x21, 0x03, 48, 68, kCapacity - 68, kCapacity - 48, 67));
  EXPECT_EQ(close(*d, 1, 1), "05/24/00");  // track 1 is closed
  ASSERT_EQ(close(*d, 1, 2), "GOOD");
  ASSERT_EQ(close(*d, 2, 0), "GOOD");
  info = disc_info(*d);
  EXPECT_EQ(std::vector<uint8_t>(info.begin(), info.begin() + 9),
            (std::vector<uint8_t>{0, 0x20, 0x0E, 1, 2, 2, 2, 0x20, 0}));
  // READ TOC format 0 (LBA): header, track 1 (ADR 1, data) at 0, track 2 at 48, lead-out at 80.
  EXPECT_EQ(send(*d, {0x43, 0, 0, 0, 0, 0, 1, 0, 100, 0}, 100).data,
            (std::vector<uint8_t>{0, 26,   1,    2,               //
                                  0, 0x14, 1,    0, 0, 0, 0, 0,   //
                                  0, 0x14, 2,    0, 0, 0, 0, 48,  //
                                  0, 0x14, 0xAA, 0, 0, 0, 0, 80}));
  // Format 1: first and last session, the last session's first track.
  EXPECT_EQ(send(*d, {0x43, 0, 1, 0, 0, 0, 0, 0, 12, 0}, 12).data,
            (std::vector<uint8_t>{0, 10, 1, 2, 0, 0x14, 2, 0, 0, 0, 0, 48}));
  EXPECT_EQ(send(*d, {0x25, 0, 0, 0, 0, 0, 0, 0, 0, 0}, 8).data, (std::vector<uint8_t>{0, 0, 0, 79, 0, 0, 0x08, 0x00}));
  EXPECT_EQ(send(*d, {0x28, 0, 0, 0, 0, 0, 0, 0, 40, 0}, 40 * 2048).data, blocks_from(0, 40));
  EXPECT_EQ(send(*d, {0x28, 0, 0, 0, 0, 48, 0, 0, 20, 0}, 20 * 2048).data, blocks_from(48, 20));
  EXPECT_EQ(send(*d, {0x28, 0, 0, 0, 0, 68, 0, 0, 12, 0}, 12 * 2048).data, std::vector<uint8_t>(12 * 2048, 0));
}

TEST(DvdRecording, IncrementalSessionClosedWithoutNextSessionFinalises) {
  auto d = blank_dvd();
  ASSERT_EQ(code(write_parameters(*d, 0, 0)), "GOOD");
  ASSERT_EQ(code(write(*d, 0, 16)), "GOOD");
  ASSERT_EQ(send(*d, {0x5B, 0, 0x01, 0, 0, 1, 0, 0, 0, 0}, 0).code(), "GOOD");
  ASSERT_EQ(send(*d, {0x5B, 0, 0x02, 0, 0, 0, 0, 0, 0, 0}, 0).code(), "GOOD");
  const auto info = disc_info(*d);
  EXPECT_EQ(std::vector<uint8_t>(info.begin(), info.begin() + 9),
            (std::vector<uint8_t>{0, 0x20, 0x0E, 1, 1, 1, 1, 0x20, 0}));
}

TEST(DvdRecording, TestWriteLeavesTheDiscBlank) {
  auto d = blank_dvd();
  ASSERT_EQ(code(write_parameters(*d, 2, 0, true)), "GOOD");
  ASSERT_EQ(send(*d, {0x53, 0, 0, 0, 0, 0, 0, 0, 16, 0}, 0).code(), "GOOD");
  ASSERT_EQ(code(write(*d, 0, 16)), "GOOD");
  ASSERT_EQ(send(*d, {0x35, 0, 0, 0, 0, 0, 0, 0, 0, 0}, 0).code(), "GOOD");
  EXPECT_EQ(d->recorded(), nullptr);
  EXPECT_EQ(disc_info(*d)[2], 0x00);
  EXPECT_EQ(track_info(*d, 1), track_reply(1, 1, 0x05, 0x61, 0x01, 0, 0, kCapacity, kCapacity, 0));
}

TEST(DvdRecording, SetStreamingTakesAPerformanceDescriptor) {
  auto d = blank_dvd();
  std::vector<uint8_t> pd(28, 0);
  pd[11] = 0xFF;                 // end LBA
  pd[14] = 0x2B, pd[15] = 0x48;  // read 11080 kB
  pd[18] = 0x03, pd[19] = 0xE8;  // in 1000 ms
  pd[22] = 0x15, pd[23] = 0xA4;  // write 5540 kB (4x DVD)
  pd[26] = 0x03, pd[27] = 0xE8;  // in 1000 ms
  EXPECT_EQ(code(out(*d, {0xB6, 0, 0, 0, 0, 0, 0, 0, 0, 0, 28, 0}, pd)), "GOOD");
  EXPECT_EQ(code(out(*d, {0xB6, 0, 0, 0, 0, 0, 0, 0, 0, 0, 20, 0}, std::vector<uint8_t>(20, 0))), "05/1A/00");
  // Page 2A's current write speed: 5540 kB/s (31.4x CD), in kB/s of CD speed as the page counts it.
  const auto page = send(*d, {0x5A, 0, 0x2A, 0, 0, 0, 0, 0, 64, 0}, 64).data;
  EXPECT_EQ(page[8 + 28] << 8 | page[8 + 29], 5540);
}

TEST(DvdRecording, PreRecordedLeadInNamesTheMediaManufacturer) {
  auto d = blank_dvd();
  // Format 0Eh: fields 1-5 of 8 bytes; field 1's last recordable address 030000h + 1000 - 1 =
  // 0303E7h; fields 3 and 4 carry the manufacturer ID in 6-byte halves.
  std::vector<uint8_t> want(44, 0);
  want[1] = 42;
  want[4] = 1, want[7] = 0x03, want[8] = 0x03, want[9] = 0xE7;
  want[12] = 2;
  want[20] = 3;
  std::copy_n("DWRITE", 6, want.begin() + 21);
  want[28] = 4;
  std::copy_n("VDR001", 6, want.begin() + 29);
  want[36] = 5;
  EXPECT_EQ(send(*d, {0xAD, 0, 0, 0, 0, 0, 0, 0x0E, 0, 44, 0, 0}, 44).data, want);
  // Format 0: book type DVD-R (2), part version 5; recordable layer; the data area to the capacity.
  const auto pfi = send(*d, {0xAD, 0, 0, 0, 0, 0, 0, 0x00, 0x08, 0x04, 0, 0}, 2052).data;
  EXPECT_EQ(std::vector<uint8_t>(pfi.begin() + 4, pfi.begin() + 20),
            (std::vector<uint8_t>{0x25, 0x02, 0x02, 0x00, 0, 0x03, 0, 0, 0, 0x03, 0x03, 0xE7, 0, 0, 0, 0}));
}

// DVD+R: current profile 001Bh and feature 002Bh DVD+R (version 0, current, Write bit); the DVD-R
// writing features 0021h and 002Fh are listed but not current.
TEST(DvdPlusR, ConfigurationOfBlankDvdPlusR) {
  auto d = blank_dvd(DvdRecordableMedia::Kind::PlusR);
  EXPECT_EQ(send(*d, {0x46, 0x02, 0x00, 0x2B, 0, 0, 0, 0, 64, 0}, 64).data,
            (std::vector<uint8_t>{0, 0, 0, 12, 0, 0, 0x00, 0x1B, 0x00, 0x2B, 0x01, 0x04, 0x01, 0x00, 0x00, 0x00}));
  EXPECT_EQ(send(*d, {0x46, 0x02, 0x00, 0x2F, 0, 0, 0, 0, 64, 0}, 64).data,
            (std::vector<uint8_t>{0, 0, 0, 12, 0, 0, 0x00, 0x1B, 0x00, 0x2F, 0x04, 0x04, 0x44, 0x00, 0x00, 0x00}));
  EXPECT_EQ(send(*d, {0x46, 0x02, 0x00, 0x21, 0, 0, 0, 0, 64, 0}, 64).data[10], 0x04);
  const auto list = send(*d, {0x46, 0x02, 0x00, 0x00, 0, 0, 0, 0, 64, 0}, 64).data;
  EXPECT_EQ(std::vector<uint8_t>(list.begin() + 8, list.end()),
            (std::vector<uint8_t>{0x00, 0x00, 0x03, 20,                                                    //
                                  0x00, 0x10, 0x00, 0x00, 0x00, 0x1B, 0x01, 0x00, 0x00, 0x09, 0x00, 0x00,  //
                                  0x00, 0x0A, 0x00, 0x00, 0x00, 0x08, 0x00, 0x00}));
  // READ DISC STRUCTURE format 0: book type DVD+R (Ah), part version 1.
  const auto pfi = send(*d, {0xAD, 0, 0, 0, 0, 0, 0, 0x00, 0x08, 0x04, 0, 0}, 2052).data;
  EXPECT_EQ(std::vector<uint8_t>(pfi.begin() + 4, pfi.begin() + 8), (std::vector<uint8_t>{0xA1, 0x02, 0x02, 0x00}));
  // No DVD-R pre-recorded lead-in on DVD+R.
  EXPECT_EQ(send(*d, {0xAD, 0, 0, 0, 0, 0, 0, 0x0E, 0, 44, 0, 0}, 44).code(), "05/24/00");
}

// As libburn writes DVD+R (cdrskin -sao): RESERVE TRACK, WRITE from the next writable address
// with no write parameters page, SYNCHRONIZE CACHE (which closes nothing), CLOSE TRACK (001b),
// CLOSE SESSION with 101b, "finalise with minimum radius": a complete disc holding the blocks.
TEST(DvdPlusR, ReservedTrackFinalisedByCloseSession101b) {
  auto d = blank_dvd(DvdRecordableMedia::Kind::PlusR);
  EXPECT_EQ(code(send(*d, {0x53, 0, 0, 0, 0, 0, 0, 0, 32, 0}, 0).reply), "GOOD");
  EXPECT_EQ(code(write(*d, 0, 32)), "GOOD");
  EXPECT_EQ(code(send(*d, {0x35, 0x02, 0, 0, 0, 0, 0, 0, 0, 0}, 0).reply), "GOOD");
  EXPECT_EQ(poll_while_in_progress(*d), 3);  // IMMED
  // Still an incomplete disc (status 01b, last session incomplete 01b): nothing finalised it.
  EXPECT_EQ(disc_info(*d)[2], 0x05);
  EXPECT_EQ(close(*d, 1, 1), "GOOD");
  EXPECT_EQ(close(*d, 5, 1), "GOOD");
  EXPECT_EQ(disc_info(*d)[2], 0x0E);  // complete disc, complete session
  EXPECT_EQ(send(*d, {0x25, 0, 0, 0, 0, 0, 0, 0, 0, 0}, 8).data, (std::vector<uint8_t>{0, 0, 0, 31, 0, 0, 0x08, 0x00}));
  EXPECT_EQ(send(*d, {0x28, 0, 0, 0, 0, 5, 0, 0, 3, 0}, 3 * 2048).data, blocks_from(5, 3));
}

// xorriso -outdev (multi-session): WRITE into the invisible track, CLOSE TRACK, CLOSE SESSION
// 010b: the disc is appendable (status 01b, last session empty, 2 sessions). A write parameters
// page asking for a simulation is ignored: DVD+R has none.
TEST(DvdPlusR, CloseSession010bLeavesTheDiscAppendable) {
  auto d = blank_dvd(DvdRecordableMedia::Kind::PlusR);
  EXPECT_EQ(code(write_parameters(*d, 0, 0, true)), "GOOD");
  EXPECT_EQ(code(write(*d, 0, 20)), "GOOD");
  EXPECT_EQ(close(*d, 1, 1), "GOOD");
  EXPECT_EQ(close(*d, 2, 0), "GOOD");
  const auto di = disc_info(*d);
  EXPECT_EQ(di[2], 0x01);
  EXPECT_EQ(di[4], 2);
  // Track 1 padded to two ECC blocks: the last LBA 31; its first 20 blocks as written.
  EXPECT_EQ(send(*d, {0x25, 0, 0, 0, 0, 0, 0, 0, 0, 0}, 8).data, (std::vector<uint8_t>{0, 0, 0, 31, 0, 0, 0x08, 0x00}));
  EXPECT_EQ(send(*d, {0x28, 0, 0, 0, 0, 0, 0, 0, 20, 0}, 20 * 2048).data, blocks_from(0, 20));
}

// The finalising functions are DVD+R ones: on DVD-R 101b answers 05/24/00.
TEST(DvdPlusR, FinaliseFunctionsAreRefusedOnDvdR) {
  auto d = blank_dvd();
  ASSERT_EQ(code(write_parameters(*d, 0)), "GOOD");
  ASSERT_EQ(code(write(*d, 0, 16)), "GOOD");
  EXPECT_EQ(close(*d, 5, 1), "05/24/00");
}

// DVD-RW in Sequential Recording mode: current profile 0014h, feature 002Fh with the DVD-RW bit
// (byte 4 bit 1), READ DISC INFORMATION erasable (byte 2 bit 4), book type DVD-RW (3) version 2
// on a rewritable layer (layer type bit 2).
TEST(DvdRw, ConfigurationAndDiscInformation) {
  auto d = blank_dvd(DvdRecordableMedia::Kind::DashRw);
  EXPECT_EQ(send(*d, {0x46, 0x02, 0x00, 0x2F, 0, 0, 0, 0, 64, 0}, 64).data,
            (std::vector<uint8_t>{0, 0, 0, 12, 0, 0, 0x00, 0x14, 0x00, 0x2F, 0x05, 0x04, 0x46, 0x00, 0x00, 0x00}));
  EXPECT_EQ(disc_info(*d)[2], 0x10);  // erasable, empty disc, empty session
  const auto pfi = send(*d, {0xAD, 0, 0, 0, 0, 0, 0, 0x00, 0x08, 0x04, 0, 0}, 2052).data;
  EXPECT_EQ(std::vector<uint8_t>(pfi.begin() + 4, pfi.begin() + 8), (std::vector<uint8_t>{0x32, 0x02, 0x04, 0x00}));
}

// BLANK (A1h) as libburn sends it (byte 1: IMMED 10h | type 0 full or 1 minimal) empties a
// written DVD-RW: blank again, nothing to read, writable from LBA 0. Other types 05/24/00; DVD-R
// and DVD+R cannot be blanked (05/30/05).
TEST(DvdRw, BlankEmptiesTheDisc) {
  for (uint8_t type : {uint8_t{0}, uint8_t{1}}) {
    auto d = blank_dvd(DvdRecordableMedia::Kind::DashRw);
    ASSERT_EQ(code(write_parameters(*d, 0)), "GOOD");
    ASSERT_EQ(code(write(*d, 0, 16)), "GOOD");
    ASSERT_EQ(close(*d, 2), "GOOD");
    ASSERT_EQ(disc_info(*d)[2], 0x1E);  // erasable, complete
    EXPECT_EQ(send(*d, {0xA1, uint8_t(0x10 | type), 0, 0, 0, 0, 0, 0, 0, 0, 0, 0}, 0).code(), "GOOD");
    EXPECT_EQ(poll_while_in_progress(*d), 3);  // IMMED
    EXPECT_EQ(disc_info(*d)[2], 0x10);
    EXPECT_EQ(send(*d, {0x28, 0, 0, 0, 0, 0, 0, 0, 1, 0}, 2048).code(), "05/21/00");
    EXPECT_EQ(track_info(*d, 1), track_reply(1, 1, 0x05, 0x61, 0x01, 0, 0, kCapacity, kCapacity, 0));
    EXPECT_EQ(code(write(*d, 0, 16)), "GOOD");
  }
  auto rw = blank_dvd(DvdRecordableMedia::Kind::DashRw);
  EXPECT_EQ(send(*rw, {0xA1, 0x12, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0}, 0).code(), "05/24/00");
  EXPECT_EQ(send(*blank_dvd(), {0xA1, 0x11, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0}, 0).code(), "05/30/05");
  EXPECT_EQ(send(*blank_dvd(DvdRecordableMedia::Kind::PlusR), {0xA1, 0x11, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0}, 0).code(),
            "05/30/05");
}

// DVD+RW (profile 001Ah, MMC-5 4.10): feature 002Ah current, blank until FORMAT UNIT (FmtData,
// format code 001b, one descriptor of type 26h as libburn sends it: FOV|IMMED, all blocks), then
// a complete disc whose background format is complete (READ DISC INFORMATION byte 7 = 23h),
// READ FORMAT CAPACITIES saying formatted, and every block writable any number of times and
// readable at once; blocks never written read as zeros. What save= keeps ends at the last
// written ECC block.
TEST(DvdPlusRw, FormatThenWriteAnywhereAndReadBack) {
  auto d = blank_dvd(DvdRecordableMedia::Kind::PlusRw);
  EXPECT_EQ(send(*d, {0x46, 0x02, 0x00, 0x2A, 0, 0, 0, 0, 64, 0}, 64).data,
            (std::vector<uint8_t>{0, 0, 0, 12, 0, 0, 0x00, 0x1A, 0x00, 0x2A, 0x05, 0x04, 0x01, 0x00, 0x00, 0x00}));
  auto info = disc_info(*d);
  EXPECT_EQ(info[2], 0x10);  // erasable, empty
  EXPECT_EQ(info[7], 0x20);  // unrestricted use, background format not started
  const std::vector<uint8_t> unformatted{0,    0, 0, 16, 0,    0,    0x03, 0xE8, 0x01, 0,
                                         0x08, 0, 0, 0,  0x03, 0xE8, 0x98, 0,    0,    0};
  EXPECT_EQ(send(*d, {0x23, 0, 0, 0, 0, 0, 0, 0, 20, 0}, 20).data, unformatted);
  EXPECT_EQ(send(*d, {0x28, 0, 0, 0, 0, 0, 0, 0, 1, 0}, 2048).code(), "05/21/00");  // nothing to read yet
  const std::vector<uint8_t> format{0, 0x82, 0, 8, 0xFF, 0xFF, 0xFF, 0xFF, 0x98, 0, 0, 0};
  auto bad_type = format;
  bad_type[8] = 0x00;
  EXPECT_EQ(code(out(*d, {0x04, 0x11, 0, 0, 0, 0}, bad_type)), "05/26/00");
  EXPECT_EQ(code(out(*d, {0x04, 0x10, 0, 0, 0, 0}, format)), "05/24/00");  // format code 000b
  ASSERT_EQ(code(out(*d, {0x04, 0x11, 0, 0, 0, 0}, format)), "GOOD");
  info = disc_info(*d);
  EXPECT_EQ(info[2], 0x1E);  // erasable, complete session, complete disc
  EXPECT_EQ(info[7], 0x23);  // background format complete
  auto formatted = unformatted;
  formatted[8] = 0x02;
  EXPECT_EQ(send(*d, {0x23, 0, 0, 0, 0, 0, 0, 0, 20, 0}, 20).data, formatted);
  EXPECT_EQ(send(*d, {0x25, 0, 0, 0, 0, 0, 0, 0, 0, 0}, 8).data,
            (std::vector<uint8_t>{0, 0, 0x03, 0xE7, 0, 0, 0x08, 0}));  // last LBA 999, 2048-byte blocks
  ASSERT_EQ(code(write(*d, 100, 16)), "GOOD");
  ASSERT_EQ(code(write(*d, 0, 16)), "GOOD");
  EXPECT_EQ(send(*d, {0x28, 0, 0, 0, 0, 100, 0, 0, 16, 0}, 16 * 2048).data, blocks_from(100, 16));
  EXPECT_EQ(send(*d, {0x28, 0, 0, 0, 0, 50, 0, 0, 1, 0}, 2048).data, std::vector<uint8_t>(2048, 0));
  // The same blocks again, other bytes: the new ones read back.
  auto again = blocks_from(7, 16);
  ASSERT_EQ(code(out(*d, {0x2A, 0, 0, 0, 0, 100, 0, 0, 16, 0}, again)), "GOOD");
  EXPECT_EQ(send(*d, {0x28, 0, 0, 0, 0, 100, 0, 0, 16, 0}, 16 * 2048).data, again);
  ASSERT_TRUE(d->recorded());
  EXPECT_EQ(d->recorded()->end(), 128);             // blocks 100-115 written: up to the ECC block ending at 128
  EXPECT_EQ(code(write(*d, 990, 16)), "05/21/00");  // past the disc
  EXPECT_EQ(close(*d, 2), "GOOD");                  // nothing to close
  EXPECT_EQ(close(*d, 5), "05/24/00");
  EXPECT_EQ(send(*d, {0xA1, 0x11, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0}, 0).code(), "05/30/05");  // not by BLANK
  const auto pfi = send(*d, {0xAD, 0, 0, 0, 0, 0, 0, 0x00, 0x08, 0x04, 0, 0}, 2052).data;
  EXPECT_EQ(std::vector<uint8_t>(pfi.begin() + 4, pfi.begin() + 8), (std::vector<uint8_t>{0x92, 0x02, 0x04, 0x00}));
}

// DVD-RW to Restricted Overwrite and back (MMC-5 4.4.3, 6.5.4.2.1/.5/.10, 6.24.3.3): READ FORMAT
// CAPACITIES of a DVD-RW offers format types 00h, 10h and 15h for the whole disc; FORMAT UNIT
// with 15h (what libburn sends for cdrskin blank=format_overwrite) makes profile 0013h current
// with feature 002Ch (rigid restricted overwrite) current and the disc overwritable; 13h (quick
// grow, what libburn sends before writing) changes nothing; BLANK makes it an empty Sequential
// Recording disc again. GET CONFIGURATION lists its features in ascending code.
TEST(DvdRw, RestrictedOverwriteAndBack) {
  auto d = blank_dvd(DvdRecordableMedia::Kind::DashRw);
  // Header, the current/maximum descriptor (1000 blocks, unformatted, 2048-byte blocks), then
  // 1000 blocks of type 00h, 10h (40h in byte 4) and 15h (54h).
  const std::vector<uint8_t> blank_capacities{0,    0, 0,    32,   0,    0, 0x03, 0xE8, 0x01, 0, 0x08, 0,
                                              0,    0, 0x03, 0xE8, 0x00, 0, 0,    0,    0,    0, 0x03, 0xE8,
                                              0x40, 0, 0,    0,    0,    0, 0x03, 0xE8, 0x54, 0, 0,    0};
  EXPECT_EQ(send(*d, {0x23, 0, 0, 0, 0, 0, 0, 0, 36, 0}, 36).data, blank_capacities);
  const auto format = [&](uint8_t type) {
    return code(out(*d, {0x04, 0x11, 0, 0, 0, 0}, {0, 0x82, 0, 8, 0, 0, 0x03, 0xE8, uint8_t(type << 2), 0, 0, 0}));
  };
  EXPECT_EQ(format(0x26), "05/26/00");  // the DVD+RW format type
  ASSERT_EQ(format(0x15), "GOOD");
  EXPECT_EQ(send(*d, {0x46, 0x02, 0x00, 0x2C, 0, 0, 0, 0, 64, 0}, 64).data,
            (std::vector<uint8_t>{0, 0, 0, 12, 0, 0, 0x00, 0x13, 0x00, 0x2C, 0x05, 0x04, 0x03, 0x00, 0x00, 0x00}));
  const auto config = send(*d, {0x46, 0x00, 0, 0, 0, 0, 0, 0x10, 0, 0}, 4096).data;
  std::vector<uint16_t> codes;
  for (size_t at = 8; at + 4 <= config.size() && at + 4 + config[at + 3] <= config.size(); at += 4 + config[at + 3])
    codes.push_back(uint16_t(config[at] << 8 | config[at + 1]));
  EXPECT_TRUE(std::is_sorted(codes.begin(), codes.end()));
  EXPECT_NE(std::find(codes.begin(), codes.end(), 0x0023), codes.end());  // formattable
  // The profile list names both modes, 0013h current.
  const std::vector<uint8_t> ro{0x00, 0x13, 0x01, 0x00}, seq{0x00, 0x14, 0x00, 0x00};
  EXPECT_NE(std::search(config.begin(), config.end(), ro.begin(), ro.end()), config.end());
  EXPECT_NE(std::search(config.begin(), config.end(), seq.begin(), seq.end()), config.end());
  auto info = disc_info(*d);
  EXPECT_EQ(info[2], 0x1E);  // erasable, complete
  EXPECT_EQ(info[7], 0x20);  // no background format status on DVD-RW
  auto formatted_capacities = blank_capacities;
  formatted_capacities[8] = 0x02;  // formatted
  EXPECT_EQ(send(*d, {0x23, 0, 0, 0, 0, 0, 0, 0, 36, 0}, 36).data, formatted_capacities);
  ASSERT_EQ(code(write(*d, 64, 16)), "GOOD");
  EXPECT_EQ(format(0x13), "GOOD");  // quick grow: nothing to grow, nothing lost
  EXPECT_EQ(send(*d, {0x28, 0, 0, 0, 0, 64, 0, 0, 16, 0}, 16 * 2048).data, blocks_from(64, 16));
  EXPECT_EQ(send(*d, {0xA1, 0x10, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0}, 0).code(), "GOOD");
  EXPECT_EQ(poll_while_in_progress(*d), 3);  // IMMED
  EXPECT_EQ(send(*d, {0x46, 0x02, 0x00, 0x2F, 0, 0, 0, 0, 8, 0}, 8).data,
            (std::vector<uint8_t>{0, 0, 0, 12, 0, 0, 0x00, 0x14}));
  EXPECT_EQ(disc_info(*d)[2], 0x10);
  EXPECT_EQ(send(*d, {0x28, 0, 0, 0, 0, 64, 0, 0, 1, 0}, 2048).code(), "05/21/00");
  EXPECT_EQ(send(*d, {0x23, 0, 0, 0, 0, 0, 0, 0, 36, 0}, 36).data, blank_capacities);
}

// A WRITE(10) whose LBA field is past 2^31 (a negative LBA) or whose blocks run past the disc is
// refused with 05/21/00, and the drive keeps answering; a write ending in a partial last ECC block
// saves no block past the disc's end.
TEST(DvdPlusRw, WritesOffTheDiscAreRefused) {
  auto d = blank_dvd(DvdRecordableMedia::Kind::PlusRw);
  EXPECT_EQ(code(out(*d, {0x2A, 0, 0xFF, 0xFF, 0xFF, 0xF0, 0, 0, 1, 0}, blocks_from(0, 1))), "05/21/00");
  EXPECT_EQ(code(out(*d, {0x2A, 0, 0x80, 0, 0, 0, 0, 0, 1, 0}, blocks_from(0, 1))), "05/21/00");
  ASSERT_EQ(code(write(*d, 999, 1)), "GOOD");  // the last block of 1000 (not whole ECC blocks)
  ASSERT_TRUE(d->recorded());
  EXPECT_EQ(d->recorded()->end(), 1000);
  EXPECT_EQ(send(*d, {0x28, 0, 0, 0, 0x03, 0xE7, 0, 0, 1, 0}, 2048).data, blocks_from(999, 1));
}

// BD-RE (profile 0043h): formatted as it comes, so readable (zeros) and writable anywhere at
// once; features 0040h BD Read and 0041h BD Write current; READ FORMAT CAPACITIES formatted, with
// types 00h, 30h (C0h in byte 4) and 31h (C4h); FORMAT UNIT 30h reformats keeping the blocks,
// 26h is refused; its spare areas are not modelled: READ DISC STRUCTURE 0Ah answers 05/24/00
// (the Disc Information, format 00h: bd_structure_test.cpp).
TEST(BdRe, FormattedAndOverwritable) {
  auto d = blank_dvd(DvdRecordableMedia::Kind::BdRe);
  EXPECT_EQ(send(*d, {0x46, 0x02, 0x00, 0x41, 0, 0, 0, 0, 64, 0}, 64).data,
            (std::vector<uint8_t>{0, 0,    0, 28, 0, 0, 0x00, 0x43, 0x00, 0x41, 0x09, 20, 0, 0, 0, 0,
                                  0, 0x02, 0, 0,  0, 0, 0,    0,    0,    0x02, 0,    0,  0, 0, 0, 0}));
  EXPECT_EQ(send(*d, {0x46, 0x02, 0x00, 0x1F, 0, 0, 0, 0, 64, 0}, 64).data[10] & 0x01, 0);  // DVD read: not current
  EXPECT_EQ(
      send(*d, {0x23, 0, 0, 0, 0, 0, 0, 0, 36, 0}, 36).data,
      (std::vector<uint8_t>{0, 0, 0, 32, 0,    0,    0x03, 0xE8, 0x02, 0, 0x08, 0, 0,    0,    0x03, 0xE8, 0x00, 0,
                            0, 0, 0, 0,  0x03, 0xE8, 0xC0, 0,    0,    0, 0,    0, 0x03, 0xE8, 0xC4, 0,    0,    0}));
  EXPECT_EQ(send(*d, {0x25, 0, 0, 0, 0, 0, 0, 0, 0, 0}, 8).data,
            (std::vector<uint8_t>{0, 0, 0x03, 0xE7, 0, 0, 0x08, 0}));
  EXPECT_EQ(send(*d, {0x28, 0, 0, 0, 0, 5, 0, 0, 1, 0}, 2048).data, std::vector<uint8_t>(2048, 0));
  const auto info = disc_info(*d);
  EXPECT_EQ(info[2], 0x1E);
  EXPECT_EQ(info[7], 0x20);
  ASSERT_EQ(code(write(*d, 32, 16)), "GOOD");
  const auto format = [&](uint8_t type) {
    return code(out(*d, {0x04, 0x11, 0, 0, 0, 0}, {0, 0x82, 0, 8, 0, 0, 0x03, 0xE8, uint8_t(type << 2), 0, 0, 0}));
  };
  EXPECT_EQ(format(0x26), "05/26/00");
  EXPECT_EQ(format(0x30), "GOOD");
  EXPECT_EQ(send(*d, {0x28, 0, 0, 0, 0, 32, 0, 0, 16, 0}, 16 * 2048).data, blocks_from(32, 16));
  EXPECT_EQ(send(*d, {0xAD, 0x01, 0, 0, 0, 0, 0, 0x0A, 0x00, 0x10, 0, 0}, 16).code(), "05/24/00");
}
