// The MMC response parsers fed responses of real drives, byte for byte as their sources published
// them. Each vector names its source (repository, path and commit, or address) and the drive.
// The expected values were decoded by hand from the bytes and the SPC/MMC layouts, or taken from
// the decoded form the source prints beside the hex; none was copied from these parsers' output.
// READ TOC formats 0, 2 and 5 of three pressed CDs, from one ripper's test data, are in
// mmc_captures_toc_test.cpp; READ DISC INFORMATION and READ TRACK INFORMATION in
// mmc_captures_disc_info_test.cpp. What was looked for and not found (GET CONFIGURATION, READ
// TOC format 4) is listed at the end of this file.
#include <gtest/gtest.h>

#include <algorithm>

#include "mmc_test_util.hpp"
#include "scsi/mmc_inquiry.hpp"
#include "scsi/mmc_mode.hpp"
#include "scsi/mmc_toc.hpp"

using namespace dw::scsi;
using B = std::vector<uint8_t>;

namespace {

// Every prefix of a capture parses or throws InputError (the shape a short transfer has).
template <typename Parse>
void sweep(const B& bytes, Parse parse) {
  dw::scsi::test::check_prefixes(bytes, 0, parse);
}

// A page's 2-byte header (code, page length) and its body.
B page(uint8_t code, const B& body) {
  B p(body.size() + 2);
  p[0] = code;
  p[1] = static_cast<uint8_t>(body.size());
  std::copy(body.begin(), body.end(), p.begin() + 2);
  return p;
}

}  // namespace

// ---------------------------------------------------------------------------------------------
// INQUIRY
// ---------------------------------------------------------------------------------------------

// PIONEER DVD-RW DVR-115D, firmware 1.13 (07/10/23), standard INQUIRY as printed by the author's
// capture tool getpages.c in github.com/sshoecraft/vscsi, scsi/rom/ref/old/pc1.log, commit
// 4f6dee4b7815b9b68f030ff511266c99b3f72f38:
//   inq page: std, length: 95
//   0000: 05 80 05 32 5B 00 00 00 50 49 4F 4E 45 45 52 20   ...2[...PIONEER.
//   0010: 44 56 44 2D 52 57 20 20 44 56 52 2D 31 31 35 44   DVD-RW..DVR-115D
//   0020: 31 2E 31 33 20 30 37 2F 31 30 2F 32 33 20 20 50   1.13.07/10/23..P
//   0030: 49 4F 4E 45 45 52 20 20 00 00 00 00 00 00 00 00   IONEER..........
//   0040: 00 00 00 00 00 00 00 00 00 00 00 00 00 00 00 00   ................
//   0050: 00 00 00 00 00 00 00 00 00 00 00 00 00 00 00      ...............
// That version of the tool printed additional length + 4 bytes, so the 96th byte is missing: a
// real response one byte short of what it announces. (The same repository's binary
// scsi/rom/ref/dvd_rw_std holds 96 bytes with byte 2 = 00; the printed capture is the one used.)
const B kInquiryDvr115d{0x05, 0x80, 0x05, 0x32, 0x5B, 0x00, 0x00, 0x00, 0x50, 0x49, 0x4F, 0x4E, 0x45, 0x45, 0x52, 0x20,
                        0x44, 0x56, 0x44, 0x2D, 0x52, 0x57, 0x20, 0x20, 0x44, 0x56, 0x52, 0x2D, 0x31, 0x31, 0x35, 0x44,
                        0x31, 0x2E, 0x31, 0x33, 0x20, 0x30, 0x37, 0x2F, 0x31, 0x30, 0x2F, 0x32, 0x33, 0x20, 0x20, 0x50,
                        0x49, 0x4F, 0x4E, 0x45, 0x45, 0x52, 0x20, 0x20, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00,
                        0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00,
                        0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00};

TEST(MmcCaptures, InquiryPioneerDvr115d) {
  ASSERT_EQ(kInquiryDvr115d.size(), 95u);
  const Inquiry q = parse_inquiry(kInquiryDvr115d);
  EXPECT_EQ(q.peripheral_qualifier, 0);
  EXPECT_EQ(q.peripheral_type, 5);  // byte 0 = 05: CD/DVD device
  EXPECT_TRUE(q.removable);         // byte 1 = 80: RMB
  EXPECT_EQ(q.version, 5);          // byte 2 = 05: SPC-3
  EXPECT_EQ(q.response_format, 2);  // byte 3 = 32: NormACA, HiSup, format 2
  EXPECT_EQ(q.additional_length, 0x5B);
  EXPECT_TRUE(q.truncated);  // 0x5B + 5 = 96 announced, 95 here
  EXPECT_EQ(q.vendor, "PIONEER");
  EXPECT_EQ(q.product, "DVD-RW  DVR-115D");  // the inner double space is the drive's
  EXPECT_EQ(q.revision, "1.13");
  // The 36 bytes a drive sends when asked for 36 give the same identity.
  const Inquiry q36 = parse_inquiry(std::span(kInquiryDvr115d).first(36));
  EXPECT_EQ(q36.vendor, "PIONEER");
  EXPECT_EQ(q36.product, "DVD-RW  DVR-115D");
  EXPECT_EQ(q36.revision, "1.13");
  EXPECT_TRUE(q36.truncated);
  sweep(kInquiryDvr115d, [](auto s) { (void)parse_inquiry(s); });
}

// PLDS DG-16D5S, firmware 1532 (the Xbox 360 slim's SATA DVD drive): the 36 bytes of standard
// INQUIRY data the xenon-emu/xenon emulator answers with, Xenon/Core/PCI/Devices/ODD/ODD.cpp
// (atapiInquiryDataBytes), commit 0ab6346476ef517f57a1355651a7755f3672de21. Its neighbour
// identifyDataBytes is commented "Data was pulled off of an PLDS DG-16D5S retail ODD", and that
// IDENTIFY PACKET DEVICE block names the same drive (model "LPSD    GD1-D6S5", firmware "5123"
// in ATA's byte-swapped words). The drive announces 96 bytes (additional length 0x5B) and 36
// were kept: the shape of every answer to a 36-byte allocation.
const B kInquiryDg16d5s{0x05, 0x80, 0x00, 0x32, 0x5B, 0x00, 0x00, 0x00, 0x50, 0x4C, 0x44, 0x53,
                        0x20, 0x20, 0x20, 0x20, 0x44, 0x47, 0x2D, 0x31, 0x36, 0x44, 0x35, 0x53,
                        0x20, 0x20, 0x20, 0x20, 0x20, 0x20, 0x20, 0x20, 0x31, 0x35, 0x33, 0x32};

TEST(MmcCaptures, InquiryPldsDg16d5s) {
  const Inquiry q = parse_inquiry(kInquiryDg16d5s);
  EXPECT_EQ(q.peripheral_type, 5);
  EXPECT_TRUE(q.removable);
  EXPECT_EQ(q.version, 0);  // byte 2 = 00, as most ATAPI drives
  EXPECT_EQ(q.response_format, 2);
  EXPECT_TRUE(q.truncated);
  EXPECT_EQ(q.vendor, "PLDS");
  EXPECT_EQ(q.product, "DG-16D5S");
  EXPECT_EQ(q.revision, "1532");
  sweep(kInquiryDg16d5s, [](auto s) { (void)parse_inquiry(s); });
}

// Memorex 48MAXX 2448AJ (a 48x CD-RW drive), firmware SWS3, captured with the same repository's
// getpages tool: github.com/sshoecraft/vscsi, commit 4f6dee4b7815b9b68f030ff511266c99b3f72f38.
// scsi/rom/ref/old/48MAXX_std holds 35 bytes (the tool's one-short copy, as with the DVR-115D);
// scsi/rom/ref/old/48MAXX, an earlier dump of the tool's whole buffer, begins with the same 35
// and the 36th, '3', that the additional length 1F announces (what follows there is the tool's
// own memory). These are the 36 bytes.
const B kInquiry48maxx{0x05, 0x80, 0x00, 0x32, 0x1F, 0x00, 0x00, 0x00, 0x4D, 0x65, 0x6D, 0x6F,
                       0x72, 0x65, 0x78, 0x20, 0x34, 0x38, 0x4D, 0x41, 0x58, 0x58, 0x20, 0x32,
                       0x34, 0x34, 0x38, 0x41, 0x4A, 0x20, 0x20, 0x20, 0x53, 0x57, 0x53, 0x33};

TEST(MmcCaptures, InquiryMemorex48maxx) {
  const Inquiry q = parse_inquiry(kInquiry48maxx);
  EXPECT_EQ(q.peripheral_type, 5);
  EXPECT_TRUE(q.removable);
  EXPECT_EQ(q.version, 0);
  EXPECT_EQ(q.response_format, 2);  // byte 3 = 32
  EXPECT_EQ(q.additional_length, 0x1F);
  EXPECT_FALSE(q.truncated);  // 0x1F + 5 = 36, all here
  EXPECT_EQ(q.vendor, "Memorex");
  EXPECT_EQ(q.product, "48MAXX 2448AJ");
  EXPECT_EQ(q.revision, "SWS3");
  // The 35 bytes of 48MAXX_std: one short, the revision cut to three characters.
  const Inquiry q35 = parse_inquiry(std::span(kInquiry48maxx).first(35));
  EXPECT_TRUE(q35.truncated);
  EXPECT_EQ(q35.product, "48MAXX 2448AJ");
  EXPECT_EQ(q35.revision, "SWS");
  sweep(kInquiry48maxx, [](auto s) { (void)parse_inquiry(s); });
}

// ---------------------------------------------------------------------------------------------
// MODE SENSE pages
// ---------------------------------------------------------------------------------------------

// The same PIONEER DVR-115D's mode pages, as the capture tool stored them in
// github.com/sshoecraft/vscsi (commit 4f6dee4b7815b9b68f030ff511266c99b3f72f38): one file per
// page holding the page's bytes after its 2-byte header. The header is restored here from the
// file's name (the page code) and size (the page length byte, which is how many bytes the tool
// copied); PS is taken as 0. scsi/rom/ref/dvd_rw_mode_2a, 74 bytes: page 2A with a DVD loaded.
const B kPage2aDvd =
    page(0x2A, {0x3F, 0x17, 0xF1, 0x73, 0x29, 0x23, 0x56, 0x90, 0x01, 0x00, 0x07, 0xD0, 0x56, 0x90, 0x00,
                0x00, 0x05, 0x69, 0x6C, 0x34, 0x00, 0x01, 0x00, 0x00, 0x00, 0x00, 0x6C, 0x34, 0x00, 0x06,
                0x00, 0x00, 0x6C, 0x34, 0x00, 0x00, 0x56, 0x90, 0x00, 0x00, 0x40, 0xEC, 0x00, 0x00, 0x2B,
                0x48, 0x00, 0x00, 0x20, 0x76, 0x00, 0x00, 0x15, 0xA4, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00,
                0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00});

// scsi/rom/ref/old/dvd_rw.c, array dvd_rw_mode_2a: an earlier capture of the same drive's page 2A
// (the tool's bin2src.c rendering of the page file), with a CD loaded - CD speeds throughout.
const B kPage2aCd =
    page(0x2A, {0x3F, 0x17, 0xF1, 0x73, 0x29, 0x23, 0x1B, 0x90, 0x01, 0x00, 0x07, 0xD0, 0x1B, 0x90, 0x00,
                0x00, 0x1B, 0x90, 0x16, 0x0C, 0x00, 0x01, 0x00, 0x00, 0x00, 0x00, 0x16, 0x0C, 0x00, 0x08,
                0x00, 0x00, 0x21, 0x13, 0x00, 0x00, 0x1B, 0x90, 0x00, 0x00, 0x16, 0x0C, 0x00, 0x00, 0x10,
                0x89, 0x00, 0x00, 0x0D, 0xC8, 0x00, 0x00, 0x0B, 0x06, 0x00, 0x00, 0x06, 0xE4, 0x00, 0x00,
                0x02, 0xC1, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00});

// Bytes 2-7, the same in both captures: 3F 17 F1 73 29 23.
void expect_dvr115d_capabilities(const CapabilitiesPage& c) {
  EXPECT_EQ(c.page_length, 0x4A);  // 74: the drive pads past its last descriptor
  // 3F: reads CD-R, CD-RW, method 2, DVD-ROM, DVD-R, DVD-RAM.
  EXPECT_TRUE(c.read_cd_r && c.read_cd_rw && c.method2 && c.read_dvd_rom && c.read_dvd_r && c.read_dvd_ram);
  // 17: writes CD-R, CD-RW, test write, DVD-R; not DVD-RAM.
  EXPECT_TRUE(c.write_cd_r && c.write_cd_rw && c.test_write && c.write_dvd_r);
  EXPECT_FALSE(c.write_dvd_ram);
  // F1: BUF, multisession, Mode 2 Form 2, Mode 2 Form 1, audio play.
  EXPECT_TRUE(c.buf && c.multisession && c.mode2_form2 && c.mode2_form1 && c.audio_play);
  // 73: UPC, ISRC, C2 pointers, CD-DA accurate, CD-DA; no R-W, no bar code.
  EXPECT_TRUE(c.upc && c.isrc && c.c2_pointers && c.cdda_accurate && c.cdda_supported);
  EXPECT_FALSE(c.rw_supported || c.rw_deinterleaved || c.read_bar_code);
  // 29: tray (001b), eject, lock; no prevent jumper, not locked.
  EXPECT_EQ(c.loading_mechanism, 1);
  EXPECT_TRUE(c.eject && c.lock);
  EXPECT_FALSE(c.prevent_jumper || c.lock_state);
  // 23: R-W in lead-in (bit 5), separate channel mute and volume.
  EXPECT_TRUE(c.rw_in_lead_in);
  EXPECT_EQ(c.volume_levels, 256);    // 01 00
  EXPECT_EQ(c.buffer_size_kb, 2000);  // 07 D0
  EXPECT_EQ(c.copy_management_revision, 1);
  EXPECT_EQ(c.rotation_control_selected, 0);  // CLV
}

TEST(MmcCaptures, CapabilitiesPagePioneerDvr115dWithDvd) {
  const CapabilitiesPage c = parse_capabilities_page(kPage2aDvd);
  expect_dvr115d_capabilities(c);
  EXPECT_EQ(c.max_read_speed, 22160);       // 56 90: 16x DVD (1385 kB/s each)
  EXPECT_EQ(c.current_read_speed, 22160);   // 56 90
  EXPECT_EQ(c.max_write_speed, 1385);       // 05 69, the obsolete field: 1x DVD
  EXPECT_EQ(c.current_write_speed, 27700);  // 6C 34, obsolete: 20x DVD
  EXPECT_EQ(c.current_write_speed_selected, 27700);
  const std::vector<WriteSpeedDescriptor> speeds{{0, 27700}, {0, 22160}, {0, 16620},
                                                 {0, 11080}, {0, 8310},  {0, 5540}};  // 20x..4x
  EXPECT_EQ(c.write_speeds, speeds);
  sweep(kPage2aDvd, [](auto s) { (void)parse_capabilities_page(s); });
}

TEST(MmcCaptures, CapabilitiesPagePioneerDvr115dWithCd) {
  const CapabilitiesPage c = parse_capabilities_page(kPage2aCd);
  expect_dvr115d_capabilities(c);
  EXPECT_EQ(c.max_read_speed, 7056);  // 1B 90: 40x CD (176.4 kB/s each)
  EXPECT_EQ(c.current_read_speed, 7056);
  EXPECT_EQ(c.max_write_speed, 7056);      // 1B 90
  EXPECT_EQ(c.current_write_speed, 5644);  // 16 0C: 32x
  EXPECT_EQ(c.current_write_speed_selected, 5644);
  const std::vector<WriteSpeedDescriptor> speeds{{0, 8467}, {0, 7056}, {0, 5644}, {0, 4233},
                                                 {0, 3528}, {0, 2822}, {0, 1764}, {0, 705}};  // 48x..4x
  EXPECT_EQ(c.write_speeds, speeds);
  sweep(kPage2aCd, [](auto s) { (void)parse_capabilities_page(s); });
}

// scsi/rom/ref/dvd_rw_mode_05, 50 bytes: the drive's write parameters page as it stood.
const B kPage05 =
    page(0x05, {0x60, 0xC7, 0x08, 0x10, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x96, 0x00, 0x00, 0x00,
                0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00,
                0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00});

TEST(MmcCaptures, WriteParametersPagePioneerDvr115d) {
  const WriteParametersPage w = parse_write_parameters_page(kPage05);
  EXPECT_EQ(w.page_length, 0x32);
  EXPECT_TRUE(w.bufe);  // byte 2 = 60: BUFE, LS_V, write type 0 (packet/incremental)
  EXPECT_TRUE(w.ls_v);
  EXPECT_FALSE(w.test_write);
  EXPECT_EQ(w.write_type, 0);
  EXPECT_EQ(w.multisession, 3);  // byte 3 = C7: multi-session 11b, FP 0, copy 0, track mode 7
  EXPECT_FALSE(w.fp);
  EXPECT_FALSE(w.copy);
  EXPECT_EQ(w.track_mode, 7);
  EXPECT_EQ(w.data_block_type, 8);  // byte 4 = 08: Mode 1
  EXPECT_EQ(w.link_size, 16);       // byte 5 = 10
  EXPECT_EQ(w.host_application_code, 0);
  EXPECT_EQ(w.session_format, 0);
  EXPECT_EQ(w.packet_size, 0u);
  EXPECT_EQ(w.audio_pause_length, 150);  // bytes 14-15 = 00 96
  EXPECT_FALSE(w.mcn_valid);
  EXPECT_FALSE(w.isrc_valid);
  EXPECT_EQ(w.subheader, (B{0, 0, 0, 0}));
  sweep(kPage05, [](auto s) { (void)parse_write_parameters_page(s); });
}

// The Memorex 48MAXX's pages 05 and 01 (scsi/rom/ref/old/48MAXX_mode_05, 50 bytes, and
// 48MAXX_mode_01, 10 bytes, same layout as the DVR-115D's files above): a CD-RW drive set up for
// track-at-once data.
TEST(MmcCaptures, ModePagesMemorex48maxx) {
  const B p05 =
      page(0x05, {0x41, 0x04, 0x08, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x96, 0x00, 0x00, 0x00,
                  0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00,
                  0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00});
  const WriteParametersPage w = parse_write_parameters_page(p05);
  EXPECT_EQ(w.page_length, 0x32);
  EXPECT_TRUE(w.bufe);  // byte 2 = 41: BUFE, no LS_V, no test write, write type 1 (TAO)
  EXPECT_FALSE(w.ls_v);
  EXPECT_FALSE(w.test_write);
  EXPECT_EQ(w.write_type, 1);
  EXPECT_EQ(w.multisession, 0);  // byte 3 = 04: single session, FP 0, copy 0, track mode 4 (data)
  EXPECT_FALSE(w.fp);
  EXPECT_FALSE(w.copy);
  EXPECT_EQ(w.track_mode, 4);
  EXPECT_EQ(w.data_block_type, 8);  // byte 4 = 08: Mode 1, 2048 bytes
  EXPECT_EQ(w.link_size, 0);
  EXPECT_EQ(w.session_format, 0);
  EXPECT_EQ(w.packet_size, 0u);
  EXPECT_EQ(w.audio_pause_length, 150);  // bytes 14-15 = 00 96
  EXPECT_FALSE(w.mcn_valid);
  EXPECT_FALSE(w.isrc_valid);
  sweep(p05, [](auto s) { (void)parse_write_parameters_page(s); });
  const B p01 = page(0x01, {0x00, 0x30, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00});
  const ReadErrorRecoveryPage r = parse_read_error_recovery_page(p01);
  EXPECT_EQ(r.error_recovery, 0x00);
  EXPECT_EQ(r.read_retry_count, 48);  // 0x30
  sweep(p01, [](auto s) { (void)parse_read_error_recovery_page(s); });
}

TEST(MmcCaptures, ReadErrorRecoveryPages) {
  // PIONEER DVR-115D, scsi/rom/ref/dvd_rw_mode_01 (10 bytes): no recovery bits, 3 retries.
  const B pioneer = page(0x01, {0x00, 0x03, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00});
  const ReadErrorRecoveryPage p = parse_read_error_recovery_page(pioneer);
  EXPECT_EQ(p.error_recovery, 0x00);
  EXPECT_EQ(p.read_retry_count, 3);
  // HL-DT-ST DVDRAM GSA-4040B, MODE SENSE(10) of all pages as printed by HDAT2 4.7.1 in
  // MODESENS.TXT, https://forum.hddguru.com/download/file.php?id=9992 - the mode header
  // 00 F4 41 00 00 00 00 00 and then page 01 with its header:
  //   0000  01 0A 80 13 00 00 00 00 03 00 00 00
  // HDAT2 decodes it as "Automatic write reallocation enabled" (AWRE, byte 2 bit 7).
  const B lg{0x01, 0x0A, 0x80, 0x13, 0x00, 0x00, 0x00, 0x00, 0x03, 0x00, 0x00, 0x00};
  const ReadErrorRecoveryPage r = parse_read_error_recovery_page(lg);
  EXPECT_EQ(r.error_recovery, 0x80);  // AWRE alone
  EXPECT_EQ(r.read_retry_count, 19);  // 0x13
  sweep(pioneer, [](auto s) { (void)parse_read_error_recovery_page(s); });
  sweep(lg, [](auto s) { (void)parse_read_error_recovery_page(s); });
}

// ---------------------------------------------------------------------------------------------
// READ TOC format 0
// ---------------------------------------------------------------------------------------------

// A 20-track audio CD's READ TOC (format 0, LBA form) as a ripper stored it in an MP3's ID3v2
// MCDI frame ("a binary dump of the Table Of Contents ... a header of 4 bytes and then 8
// bytes/track ... plus 8 bytes for the lead out", ID3v2.3 section 4.5): lameMCDI in
// github.com/majohn-r/mp3repair, internal/files/id3v2_test.go, commit
// 8fe1dd61a1a1713e9bd3292cc1928358822e43c1. Not a drive trace: the drive's answer as the ripper
// kept it, from a real disc. Two bytes past the announced length (0D 00) are the frame's and
// must be ignored. The source prints its own decoding beside the bytes, one address per track
// plus 150 ("track 1 logical block address 150" ... "leadout track logical block address
// 303176"), and the same disc's Windows Media Player MCDI string in that file, "14+96+3386+...
// +4A048", lists the same 21 addresses in hex; the expected starts below are those minus 150.
const B kToc20{0x00, 0xAA, 0x01, 0x14, 0x00, 0x10, 0x01, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x10, 0x02, 0x00,
               0x00, 0x00, 0x32, 0xF0, 0x00, 0x10, 0x03, 0x00, 0x00, 0x00, 0x5E, 0x93, 0x00, 0x10, 0x04, 0x00,
               0x00, 0x00, 0x91, 0xCE, 0x00, 0x10, 0x05, 0x00, 0x00, 0x00, 0xC6, 0x21, 0x00, 0x10, 0x06, 0x00,
               0x00, 0x00, 0xEB, 0x5D, 0x00, 0x10, 0x07, 0x00, 0x00, 0x01, 0x1C, 0x2C, 0x00, 0x10, 0x08, 0x00,
               0x00, 0x01, 0x47, 0x24, 0x00, 0x10, 0x09, 0x00, 0x00, 0x01, 0x71, 0xFF, 0x00, 0x10, 0x0A, 0x00,
               0x00, 0x01, 0xA2, 0x7E, 0x00, 0x10, 0x0B, 0x00, 0x00, 0x01, 0xCE, 0xF7, 0x00, 0x10, 0x0C, 0x00,
               0x00, 0x01, 0xF9, 0x3F, 0x00, 0x10, 0x0D, 0x00, 0x00, 0x02, 0x26, 0x70, 0x00, 0x10, 0x0E, 0x00,
               0x00, 0x02, 0x6B, 0xF6, 0x00, 0x10, 0x0F, 0x00, 0x00, 0x02, 0xB3, 0xE6, 0x00, 0x10, 0x10, 0x00,
               0x00, 0x03, 0x0B, 0xBD, 0x00, 0x10, 0x11, 0x00, 0x00, 0x03, 0x4D, 0x07, 0x00, 0x10, 0x12, 0x00,
               0x00, 0x03, 0x7C, 0xAC, 0x00, 0x10, 0x13, 0x00, 0x00, 0x03, 0xC6, 0xA1, 0x00, 0x10, 0x14, 0x00,
               0x00, 0x04, 0x0F, 0x19, 0x00, 0x10, 0xAA, 0x00, 0x00, 0x04, 0x9F, 0xB2, 0x0D, 0x00};

TEST(MmcCaptures, TocFormat0TwentyTrackAudioCd) {
  // The source's decoded addresses (track 1..20, then the lead-out), each less 150.
  const int32_t published[] = {150,    13190,  24361,  37476,  50871,  60403,  72898,  83898,  94869,  107284, 118669,
                               129493, 141062, 158860, 177276, 199763, 216477, 228674, 247607, 266159, 303176};
  const Toc t = parse_toc(kToc20, false);
  EXPECT_EQ(t.first_track, 1);
  EXPECT_EQ(t.last_track, 20);
  ASSERT_EQ(t.entries.size(), 21u);  // 0xAA = 170 = 2 + 21 * 8
  for (size_t i = 0; i < t.entries.size(); ++i) {
    const TocEntry& e = t.entries[i];
    EXPECT_EQ(size_t{e.track}, i < 20 ? i + 1 : 0xAA) << i;
    EXPECT_EQ(e.adr, 1) << i;  // 10: ADR 1, CONTROL 0 (audio, no pre-emphasis, copy prohibited)
    EXPECT_EQ(e.control, 0) << i;
    EXPECT_EQ(e.lba, published[i] - 150) << i;
    EXPECT_FALSE(e.msf);
  }
  const dw::Disc d = disc_from_toc(t);
  ASSERT_EQ(d.sessions.size(), 1u);
  ASSERT_EQ(d.sessions[0].tracks.size(), 20u);
  EXPECT_EQ(d.sessions[0].leadout, 303026);             // 00 04 9F B2
  EXPECT_EQ(d.sessions[0].tracks[13].start(), 158710);  // track 14: 00 02 6B F6
  for (const auto& tr : d.sessions[0].tracks) EXPECT_EQ(tr.mode, dw::TrackMode::Audio);
  // Without the two trailing bytes, and cut short: a short transfer throws, never misreads.
  EXPECT_EQ(parse_toc(std::span(kToc20).first(172), false).entries.size(), 21u);
  sweep(kToc20, [](auto s) { (void)parse_toc(s, false); });
}

// ---------------------------------------------------------------------------------------------
// Not found
// ---------------------------------------------------------------------------------------------
// No published capture (hex of the response bytes) of GET CONFIGURATION or READ TOC format 4
// (ATIP) from a real drive was found; their tests stay hand-built from MMC (mmc_config_test,
// mmc_toc_test). READ TOC formats 2 and 5 were found in a second round (github.com/simpkins/amass
// test/test_data.py: mmc_captures_toc_test.cpp), and real sense data (sense_captures_test.cpp);
// READ DISC INFORMATION in a third (a dvdisaster verbose log, mmc_captures_disc_info_test.cpp).
// Searched in the first round:
// - Aaru (aaru-dps/Aaru tests, Aaru.Tests.Devices, Aaru.Server, Aaru.Documentation): device
//   reports are JSON attachments on GitHub issues (not in any searchable store) and the
//   server database; the test suites hold no MMC responses.
// - sg3_utils inhex/ (disk and VPD examples only), libcdio, libburn (doc/cdtext.txt packs come
//   from Sony's examples), cdrdao, cdrkit, redumper, MPF (test logs are placeholders),
//   DiscImageCreator (prints "TOC (Binary)"/"FULL TOC (Binary)" hex into _mainInfo.txt, but no
//   such log with a CD's TOC was found published; its issues show decoded _disc.txt/_drive.txt).
// - Issue trackers (DiscImageCreator, redumper, MPF, Aaru, PiSCSI, ZuluIDE, haikuports): decoded
//   sg_get_config/DIC/redumper/aaru output only; DiscImageCreator #43 decodes a CD-RW's ATIP
//   without its bytes.
// - Forum and list pages (hddguru HDAT2 dumps, Debian bug mails with cdrskin SCSI logs, LKML
//   readcd -V output): only the first part of each page is searchable; what showed was the
//   mode header and page 01 used above, and a READ TOC that failed with sense 05/24/00.
// - Emulators that copy real drives (vscsi, xenon, sremu, usbode, 86Box, QEMU, MAME): INQUIRY
//   and mode pages at most; their GET CONFIGURATION / disc information answers are synthesised.
// Searched in the second round:
// - martinpitt/umockdev devices/ and tests/ (file lists): recordings of cameras, input devices,
//   hidraw, SPI, cros_ec and an MTP phone; no CD drive. systemd's cdrom_id and the programs that read its
//   ID_CDROM_* properties (udisks, GVfs, KDE Solid/TDE, Pragha, Thunar volman): no recorded
//   answers.
// - libcdio test/data/cdtext-krosis.cdt: added by commit 758338cf (John Ernberg, 2024-09-01,
//   "cdtext: Count empty fields as tracks") with the packs listed in the message but no word on
//   how or from what they were read, so it is not used as a drive capture here.
// - cdrecord -V logs in list and forum archives (LKML in ammarfaizi2/lore-inbox, forum copies):
//   "CDB: 51 ..." and "CDB: 46 ..." appear only with CHECK CONDITION answers (no medium) or no
//   data printed; the logs found show sense bytes, never the data of a good transfer. Searched
//   for libburn SCSI logs ("From drive:"), sg_raw -r and sg_get_config --hex output of
//   43/46/51, cdrdao CD-TEXT debug output: none with a real answer's bytes.
// - Aaru issues #352, #396, #469: the drives' binary responses (ATIP among them) are zip
//   attachments, not stored; the logs show command timings only. cdrdao #80, abcde #27,
//   vladkorotnev/cd-player #7, scsi2pi #92, ZuluIDE logs: decoded TOCs or emulated answers.
// - sshoecraft/vscsi scsi/rom/ref/old/ again: besides the DVR-115D it holds the Memorex 48MAXX's
//   INQUIRY and pages 01/05 (used above) and a "ZD5314A BZA195A" device (INQUIRY, pages 01, 0D,
//   0E, 1A, 2A) whose kind is not known, so it is left out; no GET CONFIGURATION in either.
// - Code searches for fixtures (hex literals of 51/46/format 4 answers, Rust/Python/C tests of
//   MMC parsers, Simics/QEMU/Bochs/v86 CD-ROM tests): synthesised answers only.
// Searched in the third round (found: dvdisaster's log above, and xorriso SCSI logs of READ TRACK
// INFORMATION in pali/udftools #44):
// - dvdisaster prints GET CONFIGURATION only decoded ("188 data len, 8 current"), and ATIP bytes
//   only for a blank CD; no such log was found published. cdrecord's "ATIP info:" hex (-V -atip)
//   was not found either.
// - Repositories that might commit dump outputs (redumper .atip/.fulltoc, DiscImageCreator
//   _mainInfo.txt, Aaru sidecars): john-stephens/redumper-cdda, aaru-dps/libaaruformat,
//   HomerSlated/accudisc (synthesised replies), MasterRit/liboptical, Deterous/RedumperReport,
//   hiddenpalaceorg/DVDRawBruteforce; exact-string searches for "ATIP (Binary)", "ATIP info:",
//   cdrecord's "Executing 'get configuration'", CDB hex of 43/46/51 and Aaru report field names.
// - Aaru device reports (DeviceReportV2 stores AtipData, FullTocData, TocData as bytes) attached
//   to aaru-dps/Aaru issues #745, #810, #841, #847, #897, #901, #902, #934: attachments are not
//   in any store reachable here.
// - Issue threads of udftools (#33), DiscImageCreator (#39, #43, #47, #61, #128), qpxtool, MPF,
//   redumper, ZuluIDE, PiSCSI, scsi2pi; pages of bug-xorriso and Debian libburnia mail, the
//   redump forum, dvd+rw-mediainfo examples, usbmon captures (first parts only).
