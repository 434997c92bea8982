// Hand-built from MMC-5 (6.8, 6.24, 6.25, 6.29, 6.30) and SBC READ CAPACITY; no hex captures of
// real drives were found for these commands.
#include "scsi/mmc_misc.hpp"

#include <gtest/gtest.h>

#include "mmc_test_util.hpp"

using namespace dw::scsi;
using B = std::vector<uint8_t>;

TEST(MmcMisc, SubchannelPositionMcnIsrc) {
  const B pos{0x00, 0x15, 0x00, 0x0C, 0x01, 0x10, 0x02, 0x01, 0, 0, 0x3C, 0xB1, 0, 0, 0x01, 0x00};
  SubchannelPosition p = parse_subchannel_position(pos, false);
  EXPECT_EQ(p.audio_status, 0x15);
  EXPECT_EQ(p.adr, 1);
  EXPECT_EQ(p.track, 2);
  EXPECT_EQ(p.index, 1);
  EXPECT_EQ(p.absolute, 15537);
  EXPECT_EQ(p.relative, 256);
  const B msf{0x00, 0x15, 0x00, 0x0C, 0x01, 0x10, 0x02, 0x01, 0, 3, 29, 12, 0, 0, 3, 25};
  EXPECT_EQ(parse_subchannel_position(msf, true).absolute, (3 * 60 + 29) * 75 + 12 - 150);
  EXPECT_EQ(parse_subchannel_position(msf, true).relative, 3 * 75 + 25);
  dw::scsi::test::check_prefixes(pos, pos.size(), [](auto s) { (void)parse_subchannel_position(s, false); });
  B mcn{0x00, 0x00, 0x00, 0x14, 0x02, 0, 0, 0, 0x80};
  for (char c : std::string("0724384260927")) mcn.push_back(static_cast<uint8_t>(c));
  mcn.insert(mcn.end(), {0, 0x12});
  SubchannelCode m = parse_subchannel_mcn(mcn);
  EXPECT_TRUE(m.valid);
  EXPECT_EQ(m.code, "0724384260927");
  dw::scsi::test::check_prefixes(mcn, mcn.size(), [](auto s) { (void)parse_subchannel_mcn(s); });
  dw::scsi::test::expect_input_error(mcn, "READ SUB-CHANNEL response", [](auto s) { (void)parse_subchannel_isrc(s); });
  B isrc{0x00, 0x00, 0x00, 0x14, 0x03, 0x10, 0x05, 0, 0x80};
  for (char c : std::string("USRC17607839")) isrc.push_back(static_cast<uint8_t>(c));
  isrc.insert(isrc.end(), {0, 0x20, 0});
  SubchannelCode i = parse_subchannel_isrc(isrc);
  EXPECT_TRUE(i.valid);
  EXPECT_EQ(i.code, "USRC17607839");
  EXPECT_EQ(i.track, 5);
}

TEST(MmcMisc, Performance) {
  const B perf{0, 0, 0, 0x14, 0x00, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0x1B, 0x90, 0, 0x05, 0x7D, 0xA8, 0, 0, 0x1B, 0x90};
  Performance p = parse_performance(perf);
  ASSERT_EQ(p.descriptors.size(), 1u);
  EXPECT_EQ(p.descriptors[0], (PerformanceDescriptor{0, 7056, 359848, 7056}));
  dw::scsi::test::check_prefixes(perf, perf.size(), [](auto s) { (void)parse_performance(s); });
  const B ws{0, 0, 0, 0x14, 0, 0, 0, 0, 0x12, 0, 0, 0, 0, 0x05, 0x7D, 0xA8, 0, 0, 0x1B, 0x90, 0, 0, 0x0B, 0x08};
  auto w = parse_write_speeds(ws);
  ASSERT_EQ(w.size(), 1u);
  EXPECT_EQ(w[0], (WriteSpeed{2, false, true, false, 359848, 7056, 2824}));
}

TEST(MmcMisc, EventBufferStructureCapacity) {
  const B ev{0x00, 0x06, 0x04, 0x5E, 0x02, 0x02, 0x00, 0x00};
  MediaEvent e = parse_media_event(ev);
  EXPECT_EQ(e.event_code, 2);
  EXPECT_TRUE(e.media_present);
  EXPECT_FALSE(e.tray_open);
  EXPECT_TRUE(parse_media_event(B{0x00, 0x02, 0x80, 0x5E}).no_event_available);
  dw::scsi::test::check_prefixes(ev, ev.size(), [](auto s) { (void)parse_media_event(s); });
  const B buf{0x00, 0x0A, 0, 0, 0x00, 0x20, 0x00, 0x00, 0x00, 0x1F, 0x80, 0x00};
  EXPECT_EQ(parse_buffer_capacity(buf).buffer_length, 0x200000u);
  EXPECT_EQ(parse_buffer_capacity(buf).blank_length, 0x1F8000u);
  dw::scsi::test::check_prefixes(buf, buf.size(), [](auto s) { (void)parse_buffer_capacity(s); });
  // DVD-ROM, single layer, 120 mm: data area 0x30000..0x26053F, BCA absent.
  B phys{0x08, 0x02, 0,    0,    0x01, 0x02, 0x01, 0x10, 0x00, 0x03, 0x00,
         0x00, 0x00, 0x26, 0x05, 0x3F, 0x00, 0x00, 0x00, 0x00, 0x00};
  phys.resize(0x804, 0);
  DvdPhysicalFormat f = parse_dvd_physical_format(phys);
  EXPECT_EQ(f.book_type, 0);
  EXPECT_EQ(f.part_version, 1);
  EXPECT_EQ(f.max_rate, 2);
  EXPECT_EQ(f.layers, 1);
  EXPECT_EQ(f.layer_type, 1);
  EXPECT_EQ(f.data_start, 0x30000u);
  EXPECT_EQ(f.data_end, 0x26053Fu);
  EXPECT_FALSE(f.bca);
  EXPECT_THROW(parse_dvd_physical_format(std::span(phys).first(20)), dw::InputError);
  const B cr{0x00, 0x06, 0, 0, 0x01, 0xFE, 0, 0};
  EXPECT_EQ(parse_dvd_copyright(cr).protection_system, 1);
  EXPECT_EQ(parse_dvd_copyright(cr).region_mask, 0xFE);
  const B cap{0x00, 0x05, 0x7D, 0xA8, 0x00, 0x00, 0x08, 0x00};
  EXPECT_EQ(parse_capacity(cap).last_lba, 359848u);
  EXPECT_EQ(parse_capacity(cap).block_length, 2048u);
  dw::scsi::test::check_prefixes(cap, cap.size(), [](auto s) { (void)parse_capacity(s); });
}
