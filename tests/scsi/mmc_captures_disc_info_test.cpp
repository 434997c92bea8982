// READ DISC INFORMATION and READ TRACK INFORMATION as real drives answered them, with the TOC of
// the same disc, byte for byte as two programs' logs printed them. Each answer was cut short by
// the host's allocation length (the length field announces more than arrived), as real hosts
// ask: the parsers read such a prefix as far as it goes. Expected values are the logs' own
// decoding where they print one, and otherwise decoded by hand from MMC-5 6.22.3 (disc
// information), 6.27.3 (track information) and 6.26 (READ TOC); none was copied from the
// parsers' output.
#include <gtest/gtest.h>

#include "mmc_test_util.hpp"
#include "scsi/mmc_disc_info.hpp"
#include "scsi/mmc_toc.hpp"

using namespace dw::scsi;
using B = std::vector<uint8_t>;

// ---------------------------------------------------------------------------------------------
// ASUS DRW-24B3ST 1.00, a finished one-track data CD: dvdisaster 0.79.10's verbose log of
// 2022-01-15 (Windows, drive E:), posted in github.com/speed47/dvdisaster issue #43 ("RS03
// algorithm does not completely recover the data"). dvdisaster (src/scsi-layer.c, query_type
// and query_cd) first asks for the length field, then for that many bytes - so it asked for 32
// of the 34 bytes of disc information - and hex-dumps what came back. Its log also says
// "# 188 data len, 8 current / -> profile 8: CD-ROM" of GET CONFIGURATION (no bytes printed).
// ---------------------------------------------------------------------------------------------

const B kDiscInfoAsus{0x00, 0x20, 0x0e, 0x01, 0x01, 0x01, 0x01, 0x80, 0x00, 0x00, 0x00, 0x00, 0x00, 0x99, 0x24, 0x15,
                      0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00};

TEST(MmcCapturesDiscInfo, FinishedCdOnAsusDrw24b3st) {
  ASSERT_EQ(kDiscInfoAsus.size(), 32u);  // "# size returned is 32": 0x0020, without the 2 bytes of the field
  const DiscInformation d = parse_disc_information(kDiscInfoAsus);
  // The log: "# status is e, disc type 0" (byte 2, byte 8).
  EXPECT_EQ(d.status, DiscStatus::Complete);                // 0E: bits 1-0 = 10b
  EXPECT_EQ(d.last_session_state, SessionState::Complete);  // bits 3-2 = 11b
  EXPECT_FALSE(d.erasable);                                 // bit 4: a CD-R or a pressed disc
  EXPECT_EQ(d.disc_type, 0x00);                             // CD-DA or CD-ROM
  // By hand: one session, track 1 first and last; DID_V (byte 7 = 80) with disc id 00992415;
  // no bar code, no application code; lead-in and last lead-out FF:FF:FF as for a finished disc.
  EXPECT_EQ(d.first_track, 1);
  EXPECT_EQ(d.sessions, 1);
  EXPECT_EQ(d.first_track_last_session, 1);
  EXPECT_EQ(d.last_track_last_session, 1);
  EXPECT_EQ(d.disc_id, 0x00992415u);
  EXPECT_FALSE(d.dbc_valid);
  EXPECT_FALSE(d.uru);
  EXPECT_FALSE(d.dac_valid);
  EXPECT_EQ(d.bg_format_status, 0);
  EXPECT_EQ(d.last_session_lead_in, (dw::Msf{0xff, 0xff, 0xff}));
  EXPECT_FALSE(d.lead_in_lba());
  EXPECT_EQ(d.last_possible_lead_out, (dw::Msf{0xff, 0xff, 0xff}));
  EXPECT_EQ(d.opc_tables, 0);  // byte 33 was not asked for
  dw::scsi::test::check_prefixes(kDiscInfoAsus, 24, [](auto s) { (void)parse_disc_information(s); });
}

// The same log's READ TOC format 0 ("#CD: control is 0x14"), in LBA form: track 1 at 0 and the
// lead-out at 0x00057B7F.
const B kTocAsus{0x00, 0x12, 0x01, 0x01, 0x00, 0x14, 0x01, 0x00, 0x00, 0x00,
                 0x00, 0x00, 0x00, 0x14, 0xaa, 0x00, 0x00, 0x05, 0x7b, 0x7f};

// And its format 2 ("#CD: 1 sessions"): A0 first track 1 (disc type 00), A1 last track 1, A2
// lead-out 79:52:45, track 1 at 00:02:00, every point with ADR 1 and CONTROL 4 (data).
const B kFullTocAsus{0x00, 0x2e, 0x01, 0x01,                                            //
                     0x01, 0x14, 0x00, 0xa0, 0x00, 0x00, 0x00, 0x00, 0x01, 0x00, 0x00,  //
                     0x01, 0x14, 0x00, 0xa1, 0x00, 0x00, 0x00, 0x00, 0x01, 0x00, 0x00,  //
                     0x01, 0x14, 0x00, 0xa2, 0x00, 0x00, 0x00, 0x00, 0x4f, 0x34, 0x2d,  //
                     0x01, 0x14, 0x00, 0x01, 0x00, 0x00, 0x00, 0x00, 0x00, 0x02, 0x00};

TEST(MmcCapturesDiscInfo, TocAndFullTocOfTheSameDisc) {
  const Toc t = parse_toc(kTocAsus, false);
  EXPECT_EQ(t.first_track, 1);
  EXPECT_EQ(t.last_track, 1);
  ASSERT_EQ(t.entries.size(), 2u);
  EXPECT_EQ(t.entries[0].track, 1);
  EXPECT_EQ(t.entries[0].adr, 1);
  EXPECT_EQ(t.entries[0].control, 4);  // 0x14, as the log says
  EXPECT_EQ(t.entries[0].lba, 0);
  EXPECT_EQ(t.entries[1].track, 0xAA);
  EXPECT_EQ(t.entries[1].lba, 359295);  // 0x00057B7F

  ASSERT_EQ(kFullTocAsus.size(), 0x2eu + 2);  // 4 descriptors of 11 bytes
  const dw::Disc d = parse_toc_full(kFullTocAsus);
  ASSERT_EQ(d.sessions.size(), 1u);
  const dw::Session& s = d.sessions[0];
  EXPECT_EQ(s.type, dw::DiscType::CdDaOrCdRom);
  ASSERT_EQ(s.tracks.size(), 1u);
  EXPECT_EQ(s.tracks[0].number, 1);
  EXPECT_EQ(s.tracks[0].start(), 0);  // 00:02:00
  EXPECT_EQ(s.tracks[0].control.bits, 4);
  EXPECT_TRUE(s.tracks[0].is_data());
  // 79:52:45 = (79 * 60 + 52) * 75 + 45 - 150 = 359295: the two formats agree, and the disc
  // information's one session and one track agree with both.
  EXPECT_EQ(s.leadout, 359295);
  EXPECT_EQ(s.leadout, t.entries[1].lba);
  EXPECT_FALSE(s.next_program_area);  // finished: no B0
  dw::scsi::test::check_prefixes(kTocAsus, 4, [](auto b) { (void)parse_toc(b, false); });
  dw::scsi::test::check_prefixes(kFullTocAsus, 4, [](auto b) { (void)parse_toc_full(b); });
}

// ---------------------------------------------------------------------------------------------
// READ TRACK INFORMATION of track 1 of two CD-RWs, from "xorriso -scsi_log on" (libburn's SCSI
// log: the CDB "52 01 00 00 00 01 00 00 22 00", then "From drive: 34b" and the bytes), posted by
// Thomas Schmitt (libburn's author) on 2021-01-02 in github.com/pali/udftools pull request #44
// ("cdrwtool: Fix FORMAT UNIT"). The drive is not named there. libburn asks for 34 bytes; the
// length field (0x22) announces 36.
// ---------------------------------------------------------------------------------------------

// A CD-RW formatted for packet writing.
const B kTrackInfoFormattedCdrw{0x00, 0x22, 0x01, 0x01, 0x00, 0x07, 0xb2, 0x00, 0x00, 0x00, 0x00, 0x00,
                                0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x20,
                                0x00, 0x04, 0x81, 0x60, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00};
// An unformatted CD-RW, written and closed.
const B kTrackInfoClosedCdrw{0x00, 0x22, 0x01, 0x01, 0x00, 0x04, 0x01, 0x00, 0x00, 0x00, 0x00, 0x00,
                             0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00,
                             0x00, 0x00, 0x85, 0x81, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00};

TEST(MmcCapturesDiscInfo, TrackInformationOfTwoCdrws) {
  ASSERT_EQ(kTrackInfoFormattedCdrw.size(), 34u);
  const TrackInformation f = parse_track_information(kTrackInfoFormattedCdrw);
  // The post: "FP is bit4 in byte 6 = 0xb2, i.e. set to 1"; byte 5 says "Data track, recorded
  // increment" (track mode 7). By hand: RT and Packet set too, data mode 2, fixed packets of
  // 0x20 = 32 blocks, track size 0x00048160, no valid next writable or last recorded address;
  // the MSBs at 32-33 are 0.
  EXPECT_TRUE(f.fixed_packet);
  EXPECT_TRUE(f.packet);
  EXPECT_TRUE(f.rt);
  EXPECT_FALSE(f.blank);
  EXPECT_EQ(f.track_mode, 7);
  EXPECT_EQ(f.data_mode, 2);
  EXPECT_EQ(f.track, 1);
  EXPECT_EQ(f.session, 1);
  EXPECT_EQ(f.start, 0u);
  EXPECT_FALSE(f.next_writable);
  EXPECT_EQ(f.free_blocks, 0u);
  EXPECT_EQ(f.fixed_packet_size, 32u);
  EXPECT_EQ(f.size, 295264u);
  EXPECT_FALSE(f.last_recorded);

  const TrackInformation c = parse_track_information(kTrackInfoClosedCdrw);
  // The post: "FP is not set", byte 5 "Data track, recorded uninterupted" (track mode 4). By
  // hand: not packet, not RT, data mode 1, track size 0x8581.
  EXPECT_FALSE(c.fixed_packet);
  EXPECT_FALSE(c.packet);
  EXPECT_FALSE(c.rt);
  EXPECT_EQ(c.track_mode, 4);
  EXPECT_EQ(c.data_mode, 1);
  EXPECT_EQ(c.track, 1);
  EXPECT_EQ(c.size, 34177u);
  EXPECT_EQ(c.fixed_packet_size, 0u);
  dw::scsi::test::check_prefixes(kTrackInfoFormattedCdrw, 28, [](auto s) { (void)parse_track_information(s); });
  dw::scsi::test::check_prefixes(kTrackInfoClosedCdrw, 28, [](auto s) { (void)parse_track_information(s); });
}
