#include "scsi/mmc_config.hpp"

#include <gtest/gtest.h>

#include "mmc_test_util.hpp"

using namespace dw::scsi;
using B = std::vector<uint8_t>;

// Hand-built from MMC-5 5.2/5.3 (no published capture of a real drive's GET CONFIGURATION was
// found; the end of mmc_captures_test.cpp says where we looked): a CD-RW writer with a CD-ROM
// loaded.
const B kConfig{
    0x00, 0x00, 0x00, 0x40, 0x00, 0x00, 0x00, 0x08,  // data length 0x40, current profile CD-ROM
    0x00, 0x00, 0x03, 0x0C,                          // 0000 profile list, persistent + current, 12 bytes
    0x00, 0x0A, 0x00, 0x00, 0x00, 0x09, 0x00, 0x00, 0x00, 0x08, 0x01, 0x00,  // CD-RW, CD-R, CD-ROM (current)
    0x00, 0x1E, 0x09, 0x04, 0x83, 0x00, 0x00, 0x00,  // 001E CD Read v2, current: DAP, C2, CD-Text
    0x00, 0x2D, 0x08, 0x04, 0x5E, 0x00, 0x00, 0x7F,  // 002D TAO v2: BUF, R-W raw, pack, test, CD-RW; types
    0x00, 0x2E, 0x08, 0x04, 0x7E, 0x00, 0x0F, 0x00,  // 002E Mastering: BUF SAO RawMS Raw Test CD-RW; cue 0xF00
    0x00, 0x2F, 0x04, 0x04, 0x4E, 0x00, 0x00, 0x00,  // 002F DVD-R write v1: BUF, RDL, test, DVD-RW SL
    0x01, 0x07, 0x0D, 0x04, 0x1F, 0x00, 0x00, 0x00,  // 0107 RT streaming v3 current: all five bits
    0x01, 0x08, 0x03, 0x00,                          // 0108 serial number, empty
};

TEST(MmcConfig, ParsesProfilesAndFeatures) {
  Configuration c = parse_configuration(kConfig);
  EXPECT_FALSE(c.truncated);
  EXPECT_EQ(c.current_profile, 0x0008);
  ASSERT_EQ(c.profiles.size(), 3u);
  EXPECT_EQ(c.profiles[0], (Profile{0x000A, false}));
  EXPECT_EQ(c.profiles[2], (Profile{0x0008, true}));
  EXPECT_TRUE(c.has_profile(0x0009));
  EXPECT_FALSE(c.has_profile(0x0010));
  ASSERT_EQ(c.features.size(), 7u);
  EXPECT_EQ(c.features[1].code, 0x001E);
  EXPECT_EQ(c.features[1].version, 2);
  EXPECT_FALSE(c.features[1].persistent);
  EXPECT_TRUE(c.features[1].current);
  ASSERT_TRUE(c.cd_read);
  EXPECT_TRUE(c.cd_read->dap && c.cd_read->c2_flags && c.cd_read->cd_text);
  ASSERT_TRUE(c.cd_tao);
  EXPECT_TRUE(c.cd_tao->buf && c.cd_tao->rw_raw && c.cd_tao->rw_pack && c.cd_tao->test_write && c.cd_tao->cd_rw);
  EXPECT_FALSE(c.cd_tao->rw_subcode);
  EXPECT_EQ(c.cd_tao->data_types, 0x7F);
  ASSERT_TRUE(c.cd_mastering);
  EXPECT_TRUE(c.cd_mastering->buf && c.cd_mastering->sao && c.cd_mastering->raw_multisession && c.cd_mastering->raw &&
              c.cd_mastering->test_write && c.cd_mastering->cd_rw);
  EXPECT_FALSE(c.cd_mastering->rw);
  EXPECT_EQ(c.cd_mastering->max_cue_sheet_length, 0x0F00u);
  ASSERT_TRUE(c.dvd_r_write);
  EXPECT_TRUE(c.dvd_r_write->buf && c.dvd_r_write->rdl && c.dvd_r_write->test_write && c.dvd_r_write->dvd_rw_sl);
  ASSERT_TRUE(c.real_time_streaming);
  EXPECT_TRUE(c.real_time_streaming->rbcb && c.real_time_streaming->scs && c.real_time_streaming->mp2a &&
              c.real_time_streaming->wspd && c.real_time_streaming->sw);
  ASSERT_NE(c.find(0x0108), nullptr);
  EXPECT_TRUE(c.find(0x0108)->data.empty());
  EXPECT_EQ(c.find(0x0100), nullptr);
  EXPECT_STREQ(profile_name(c.current_profile), "CD-ROM");
  EXPECT_STREQ(profile_name(0x002B), "DVD+R DL");
}

TEST(MmcConfig, TruncatedByAllocationKeepsWholeFeatures) {
  // A drive asked for 36 bytes keeps its full data length: the cut 002D feature is dropped.
  Configuration c = parse_configuration(std::span(kConfig).first(36));
  EXPECT_TRUE(c.truncated);
  ASSERT_EQ(c.features.size(), 2u);
  EXPECT_TRUE(c.cd_read);
  EXPECT_FALSE(c.cd_tao);
  // The 8-byte header alone (what Drive asks first for the current profile).
  Configuration h = parse_configuration(std::span(kConfig).first(8));
  EXPECT_EQ(h.current_profile, 0x0008);
  EXPECT_TRUE(h.features.empty());
}

TEST(MmcConfig, Malformed) {
  dw::scsi::test::check_prefixes(kConfig, 8, [](auto s) { (void)parse_configuration(s); });
  const char* src = "GET CONFIGURATION response";
  auto parse = [](auto s) { (void)parse_configuration(s); };
  B overrun = kConfig;
  overrun[3] = 0x3E;  // a complete response that ends inside the 0108 header
  overrun.resize(0x42);
  dw::scsi::test::expect_input_error(overrun, src, parse);
  B odd_profiles = kConfig;
  odd_profiles[11] = 0x0A;  // profile list of 10 bytes
  dw::scsi::test::expect_input_error(odd_profiles, src, parse);
  B short_mastering = kConfig;
  short_mastering[3] = 0x28;  // ends after 002E with length 0
  short_mastering.resize(0x2C);
  short_mastering[0x2B] = 0x00;
  dw::scsi::test::expect_input_error(short_mastering, src, parse);
  B tiny_length = kConfig;
  tiny_length[3] = 0x02;
  dw::scsi::test::expect_input_error(tiny_length, src, parse);
}
