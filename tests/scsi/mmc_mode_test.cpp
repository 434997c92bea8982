#include "scsi/mmc_mode.hpp"

#include <gtest/gtest.h>

#include "mmc_test_util.hpp"

using namespace dw::scsi;
using B = std::vector<uint8_t>;

// Hand-built from MMC-3 5.5.10 and MMC-5 7.3, to reach every field and error path: header, page 01
// and an MMC-3 page 2A with two write speed descriptors. Real drives' pages 2A, 05 and 01 (PIONEER
// DVR-115D, HL-DT-ST GSA-4040B) are tested in mmc_captures_test.cpp.
const B kModeSense{
    0x00, 0x3A, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00,                          // mode data length 58
    0x81, 0x0A, 0x25, 0x05, 0,    0,    0,    0,    0,    0,    0,    0,     // page 01 (PS): AWRE-less, 5 retries
    0x2A, 0x26, 0x3F, 0x37, 0xF1, 0x7F, 0x29, 0x03, 0x1B, 0x90, 0x01, 0x00,  // page 2A bytes 0-11
    0x08, 0x00, 0x1B, 0x90, 0x00, 0x10, 0x1B, 0x90, 0x1B, 0x90, 0x00, 0x01,  // 12-23
    0x00, 0x00, 0x00, 0x00, 0x1B, 0x90, 0x00, 0x02,                          // 24-31
    0x00, 0x00, 0x1B, 0x90, 0x00, 0x01, 0x0B, 0x08,                          // CLV 7056, CAV 2824
};

TEST(MmcMode, HeaderAndPages) {
  ModeSense m = parse_mode_sense10(kModeSense);
  EXPECT_EQ(m.mode_data_length, 58);
  ASSERT_EQ(m.pages.size(), 2u);
  EXPECT_EQ(m.pages[0].code, 0x01);
  EXPECT_TRUE(m.pages[0].ps);
  EXPECT_EQ(m.pages[1].offset, 20u);
  auto r = parse_read_error_recovery_page(m.find(0x01)->bytes);
  EXPECT_EQ(r.error_recovery, 0x25);
  EXPECT_EQ(r.read_retry_count, 5);
  // Padding after the mode data (allocation larger than the answer) is ignored.
  B padded = kModeSense;
  padded.resize(256);
  EXPECT_EQ(parse_mode_sense10(padded).pages.size(), 2u);
}

TEST(MmcMode, CapabilitiesPage) {
  ModeSense m = parse_mode_sense10(kModeSense);
  CapabilitiesPage c = parse_capabilities_page(m.find(0x2A)->bytes);
  EXPECT_TRUE(c.read_cd_r && c.read_cd_rw && c.method2 && c.read_dvd_rom && c.read_dvd_r && c.read_dvd_ram);
  EXPECT_TRUE(c.write_cd_r && c.write_cd_rw && c.test_write && c.write_dvd_r && c.write_dvd_ram);
  EXPECT_TRUE(c.buf && c.multisession && c.mode2_form1 && c.mode2_form2 && c.audio_play);
  EXPECT_FALSE(c.read_bar_code);
  EXPECT_TRUE(c.upc && c.isrc && c.c2_pointers && c.rw_deinterleaved && c.rw_supported && c.cdda_accurate &&
              c.cdda_supported);
  EXPECT_EQ(c.loading_mechanism, 1);
  EXPECT_TRUE(c.eject && c.lock);
  EXPECT_FALSE(c.lock_state);
  EXPECT_EQ(c.max_read_speed, 7056);
  EXPECT_EQ(c.volume_levels, 256);
  EXPECT_EQ(c.buffer_size_kb, 2048);
  EXPECT_EQ(c.current_read_speed, 7056);
  EXPECT_EQ(c.max_write_speed, 7056);
  EXPECT_EQ(c.current_write_speed_selected, 7056);
  ASSERT_EQ(c.write_speeds.size(), 2u);
  EXPECT_EQ(c.write_speeds[0], (WriteSpeedDescriptor{0, 7056}));
  EXPECT_EQ(c.write_speeds[1], (WriteSpeedDescriptor{1, 2824}));
  // An MMC-1 page of 20 bytes: capability bits and speeds up to byte 19, no descriptors.
  B mmc1(m.find(0x2A)->bytes.begin(), m.find(0x2A)->bytes.begin() + 20);
  mmc1[1] = 0x12;
  CapabilitiesPage old = parse_capabilities_page(mmc1);
  EXPECT_TRUE(old.c2_pointers);
  EXPECT_EQ(old.current_read_speed, 7056);
  EXPECT_EQ(old.max_write_speed, 7056);
  EXPECT_EQ(old.current_write_speed, 0);
  EXPECT_TRUE(old.write_speeds.empty());
}

TEST(MmcMode, WriteParametersRoundTrip) {
  WriteParametersPage w;
  w.bufe = true;
  w.test_write = true;
  w.write_type = 2;
  w.multisession = 0;
  w.track_mode = 0;
  w.data_block_type = 0;
  w.session_format = 0x00;
  w.audio_pause_length = 150;
  w.mcn_valid = true;
  w.mcn = "0724384260927";
  w.isrc_valid = true;
  w.isrc = "USRC17607839";
  const B p = build_write_parameters_page(w);
  ASSERT_EQ(p.size(), 52u);
  EXPECT_EQ(p[0], 0x05);
  EXPECT_EQ(p[1], 0x32);
  EXPECT_EQ(p[2], 0x52);  // BUFE | Test Write | SAO
  EXPECT_EQ(p[14], 0x00);
  EXPECT_EQ(p[15], 150);
  EXPECT_EQ(p[16], 0x80);
  EXPECT_EQ(p[17], '0');
  EXPECT_EQ(p[29], '7');
  EXPECT_EQ(p[32], 0x80);
  EXPECT_EQ(p[33], 'U');
  EXPECT_EQ(p[44], '9');
  EXPECT_EQ(parse_write_parameters_page(p), w);
  // RAW with 96-byte raw P-W, multisession open, copy bit, a Mode 2 XA session.
  WriteParametersPage raw;
  raw.write_type = 3;
  raw.data_block_type = 3;
  raw.multisession = 3;
  raw.copy = true;
  raw.track_mode = 4;
  raw.session_format = 0x20;
  raw.subheader = {0, 0, 8, 0};
  const B q = build_write_parameters_page(raw);
  EXPECT_EQ(q[2], 0x03);
  EXPECT_EQ(q[3], 0xD4);
  EXPECT_EQ(q[4], 0x03);
  EXPECT_EQ(q[8], 0x20);
  EXPECT_EQ(q[50], 0x08);
  EXPECT_EQ(parse_write_parameters_page(q), raw);
  const B sel = mode_select_parameters(q);
  ASSERT_EQ(sel.size(), 60u);
  EXPECT_EQ(sel[8], 0x05);
  EXPECT_EQ(B(sel.begin(), sel.begin() + 8), B(8, 0));
  w.mcn = "123";
  EXPECT_THROW(build_write_parameters_page(w), std::invalid_argument);
}

TEST(MmcMode, Malformed) {
  auto parse = [](auto s) { (void)parse_mode_sense10(s); };
  dw::scsi::test::check_prefixes(kModeSense, kModeSense.size(), parse);
  B bdl = kModeSense;
  bdl[7] = 0x40;  // block descriptors beyond the mode data
  dw::scsi::test::expect_input_error(bdl, "MODE SENSE response", parse);
  B page_over = kModeSense;
  page_over[9] = 0x30;  // page 01 runs past the end
  dw::scsi::test::expect_input_error(page_over, "MODE SENSE response", parse);
  ModeSense m = parse_mode_sense10(kModeSense);
  B caps = m.find(0x2A)->bytes;
  caps[31] = 9;  // nine descriptors do not fit
  dw::scsi::test::expect_input_error(caps, "mode page 2A", [](auto s) { (void)parse_capabilities_page(s); });
  dw::scsi::test::check_prefixes(m.find(0x2A)->bytes, 6, [](auto s) { (void)parse_capabilities_page(s); });
  dw::scsi::test::expect_input_error(caps, "mode page 05", [](auto s) { (void)parse_write_parameters_page(s); });
  const B p05 = build_write_parameters_page({});
  dw::scsi::test::check_prefixes(p05, p05.size(), [](auto s) { (void)parse_write_parameters_page(s); });
}
