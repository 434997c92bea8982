#include "scsi/mmc_inquiry.hpp"

#include <gtest/gtest.h>

#include "mmc_test_util.hpp"

using namespace dw::scsi;
using B = std::vector<uint8_t>;

// Real drive: TSSTcorp BDDVDW SE-506CB, 96 bytes as printed by mtflash in the coastermelt
// project's README.md (Micah Elizabeth Scott; mirrored at github.com/rbdixon/coastermelt).
// Additional length 0x1F: only 36 bytes are data, the rest is the allocation's padding.
// More real drives' INQUIRY data (PIONEER DVR-115D, PLDS DG-16D5S): mmc_captures_test.cpp.
const B kSe506cb{0x05, 0x80, 0x00, 0x32, 0x1f, 0x00, 0x00, 0x00, 0x54, 0x53, 0x53, 0x54, 0x63, 0x6f, 0x72, 0x70,
                 0x42, 0x44, 0x44, 0x56, 0x44, 0x57, 0x20, 0x53, 0x45, 0x2d, 0x35, 0x30, 0x36, 0x43, 0x42, 0x20,
                 0x54, 0x53, 0x30, 0x31, 0x20, 0x20, 0x30, 0x35, 0x32, 0x38, 0x20, 0x20, 0x20, 0x20, 0x20, 0x20,
                 0x20, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00,
                 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00,
                 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00};

TEST(MmcInquiry, RealDriveSe506cb) {
  Inquiry q = parse_inquiry(kSe506cb);
  EXPECT_EQ(q.peripheral_type, 5);
  EXPECT_EQ(q.peripheral_qualifier, 0);
  EXPECT_TRUE(q.removable);
  EXPECT_EQ(q.version, 0);
  EXPECT_EQ(q.response_format, 2);
  EXPECT_EQ(q.vendor, "TSSTcorp");
  EXPECT_EQ(q.product, "BDDVDW SE-506CB");
  EXPECT_EQ(q.revision, "TS01");
  EXPECT_FALSE(q.truncated);
  // The 36 bytes a drive sends when asked for 36 give the same identity.
  Inquiry q36 = parse_inquiry(std::span(kSe506cb).first(36));
  EXPECT_EQ(q36.product, q.product);
  EXPECT_EQ(q36.revision, "TS01");
}

// Linux scsi_debug (a kernel SCSI target, not an optical drive): sg3_utils inhex/inq_standard.hex.
// Additional length 0x5B (96 bytes), version 7 (SPC-5).
const B kScsiDebug{0x00, 0x00, 0x07, 0x02, 0x5b, 0x00, 0x10, 0x0a, 0x4c, 0x69, 0x6e, 0x75, 0x78, 0x20, 0x20, 0x20,
                   0x73, 0x63, 0x73, 0x69, 0x5f, 0x64, 0x65, 0x62, 0x75, 0x67, 0x20, 0x20, 0x20, 0x20, 0x20, 0x20,
                   0x30, 0x31, 0x39, 0x31, 0x32, 0x30, 0x32, 0x31, 0x30, 0x35, 0x32, 0x30, 0x00, 0x00, 0x00, 0x00,
                   0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0xc0, 0x05, 0xc0, 0x06, 0x00,
                   0x21, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00,
                   0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00};

TEST(MmcInquiry, ScsiDebugStandardData) {
  Inquiry q = parse_inquiry(kScsiDebug);
  EXPECT_EQ(q.peripheral_type, 0);
  EXPECT_FALSE(q.removable);
  EXPECT_EQ(q.version, 7);
  EXPECT_EQ(q.vendor, "Linux");
  EXPECT_EQ(q.product, "scsi_debug");
  EXPECT_EQ(q.revision, "0191");
  EXPECT_FALSE(q.truncated);
  // Asked for 36 bytes: the announced 96 are not all there.
  EXPECT_TRUE(parse_inquiry(std::span(kScsiDebug).first(36)).truncated);
}

TEST(MmcInquiry, ShortAndTruncated) {
  dw::scsi::test::check_prefixes(kSe506cb, 5, [](auto s) { (void)parse_inquiry(s); });
  dw::scsi::test::expect_input_error({}, "INQUIRY response", [](auto s) { (void)parse_inquiry(s); });
  // A 20-byte answer: vendor complete, product cut.
  Inquiry q = parse_inquiry(std::span(kSe506cb).first(20));
  EXPECT_EQ(q.vendor, "TSSTcorp");
  EXPECT_EQ(q.product, "BDDV");
  EXPECT_TRUE(q.truncated);
}

TEST(MmcInquiry, UnitSerialNumber) {
  // Hand-built from SPC-3 7.6.10: page 80h, length 12, serial right-aligned with spaces.
  const B page{0x05, 0x80, 0x00, 0x0C, ' ', ' ', 'K', 'Z', '1', '2', '3', '4', '5', '6', '7', '8'};
  EXPECT_EQ(parse_unit_serial_number(page), "KZ12345678");
  dw::scsi::test::check_prefixes(page, page.size(), [](auto s) { (void)parse_unit_serial_number(s); });
  B wrong = page;
  wrong[1] = 0x83;
  dw::scsi::test::expect_input_error(wrong, "INQUIRY VPD 80h response",
                                     [](auto s) { (void)parse_unit_serial_number(s); });
}
