// Hand-built from MMC-5 6.22.3 and 6.27.3. Real drives' answers to both commands are in
// mmc_captures_disc_info_test.cpp.
#include "scsi/mmc_disc_info.hpp"

#include <gtest/gtest.h>

#include "mmc_test_util.hpp"

using namespace dw::scsi;
using B = std::vector<uint8_t>;

// A blank 80-minute CD-R: status empty, lead-in 97:26:66, last lead-out 79:59:74.
const B kBlank{0x00, 0x20, 0x00, 0x01, 0x01, 0x01, 0x01, 0x20, 0x00, 0, 0, 0, 0, 0, 0, 0, 0x00,
               97,   26,   66,   0x00, 79,   59,   74,   0,    0,    0, 0, 0, 0, 0, 0, 0, 0};

TEST(MmcDiscInfo, BlankCdR) {
  DiscInformation d = parse_disc_information(kBlank);
  EXPECT_EQ(d.status, DiscStatus::Empty);
  EXPECT_EQ(d.last_session_state, SessionState::Empty);
  EXPECT_FALSE(d.erasable);
  EXPECT_EQ(d.sessions, 1);
  EXPECT_TRUE(d.uru);
  EXPECT_FALSE(d.disc_id);
  EXPECT_EQ(d.last_session_lead_in, (dw::Msf{97, 26, 66}));
  EXPECT_EQ(d.lead_in_lba(), -11634);
  EXPECT_EQ(d.last_possible_lead_out, (dw::Msf{79, 59, 74}));
  // Below 24 bytes the lead-out field is missing; from 24 on, a prefix is what a smaller
  // allocation length gets (byte 33 then reads as no OPC tables).
  dw::scsi::test::check_prefixes(kBlank, 24, [](auto s) { (void)parse_disc_information(s); });
  EXPECT_EQ(parse_disc_information(std::span(kBlank).first(24)).last_possible_lead_out, (dw::Msf{79, 59, 74}));
}

TEST(MmcDiscInfo, CompleteRewritable) {
  B b = kBlank;
  b[2] = 0x1E;  // erasable, session complete, disc complete
  b[4] = 2;
  b[7] = 0x80;  // DID_V
  b[8] = 0x20;
  b[12] = 0x12, b[13] = 0x34, b[14] = 0x56, b[15] = 0x78;
  for (int i = 16; i < 24; ++i) b[i] = 0xFF;
  DiscInformation d = parse_disc_information(b);
  EXPECT_EQ(d.status, DiscStatus::Complete);
  EXPECT_EQ(d.last_session_state, SessionState::Complete);
  EXPECT_TRUE(d.erasable);
  EXPECT_EQ(d.disc_type, 0x20);
  EXPECT_EQ(d.disc_id, 0x12345678u);
  EXPECT_FALSE(d.lead_in_lba());
  b[33] = 2;  // two OPC tables follow
  EXPECT_EQ(parse_disc_information(b).opc_tables, 2);
  EXPECT_EQ(parse_disc_information(std::span(b).first(33)).opc_tables, 0);  // byte 33 not received
  // OPC table entries announced after byte 33 but not received (asked for 34 bytes): fine.
  b[1] = 0x28;
  EXPECT_NO_THROW(parse_disc_information(b));
  b[1] = 0x10;
  dw::scsi::test::expect_input_error(b, "READ DISC INFORMATION response",
                                     [](auto s) { (void)parse_disc_information(s); });
  b[1] = 0x20;
  b[2] = 0x40;  // data type 2 (track resources)
  dw::scsi::test::expect_input_error(b, "READ DISC INFORMATION response",
                                     [](auto s) { (void)parse_disc_information(s); });
}

TEST(MmcTrackInfo, BlankTrack) {
  // Track 1 of a blank CD-R: blank, NWA valid at 0, 359849 free blocks.
  const B b{0x00, 0x2A, 0x01, 0x01, 0x00, 0x04, 0x4F, 0x01, 0, 0, 0, 0, 0, 0, 0, 0, 0x00, 0x05, 0x7D, 0xA9, 0, 0,
            0,    0,    0x00, 0x05, 0x7D, 0xA9, 0,    0,    0, 0, 0, 0, 0, 0, 0, 0, 0,    0,    0,    0,    0, 0};
  TrackInformation t = parse_track_information(b);
  EXPECT_EQ(t.track, 1);
  EXPECT_EQ(t.session, 1);
  EXPECT_EQ(t.track_mode, 4);
  EXPECT_TRUE(t.blank);
  EXPECT_FALSE(t.packet);
  EXPECT_EQ(t.data_mode, 0x0F);
  EXPECT_EQ(t.next_writable, 0u);
  EXPECT_EQ(t.free_blocks, 359849u);
  EXPECT_EQ(t.size, 359849u);
  EXPECT_FALSE(t.last_recorded);
  // From 28 bytes on, a prefix is what a smaller allocation length gets.
  dw::scsi::test::check_prefixes(b, 28, [](auto s) { (void)parse_track_information(s); });
  EXPECT_EQ(parse_track_information(std::span(b).first(28)).track, 1);
  // MMC-1 length (28 bytes) still parses.
  B old(b.begin(), b.begin() + 28);
  old[1] = 26;
  EXPECT_EQ(parse_track_information(old).free_blocks, 359849u);
  old[1] = 25;  // announces less than the MMC-1 block
  dw::scsi::test::expect_input_error(old, "READ TRACK INFORMATION response",
                                     [](auto s) { (void)parse_track_information(s); });
}
