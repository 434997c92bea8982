// The rest of the command set: the virtual drive's answers, built from the target's side of the
// layouts, read back through the host's builders and parsers (two independent codings of the
// same MMC tables must agree), with values fixed by the personality and the disc.
#include <gtest/gtest.h>

#include <cmath>

#include "disc/sector.hpp"
#include "scsi/drive.hpp"
#include "scsi/mmc_cdb.hpp"
#include "scsi/mmc_misc.hpp"
#include "scsi/mmc_mode.hpp"
#include "scsi/virtual/virtual_transport.hpp"
#include "vdrive_fixture.hpp"

using namespace dw;
using namespace dw::test;
namespace cdb = dw::scsi::cdb;

namespace {

struct Host {
  std::shared_ptr<vdrive::VirtualDrive> drive;
  std::unique_ptr<vdrive::VirtualTransport> transport;
  std::unique_ptr<scsi::Drive> host;
  std::vector<uint8_t> in(std::vector<uint8_t> c, size_t alloc, scsi::CommandResult* r = nullptr) {
    std::vector<uint8_t> buf(alloc);
    auto res = host->send(std::move(c), scsi::Direction::FromDevice, buf);
    if (r) *r = res;
    EXPECT_TRUE(res.ok()) << res.describe();
    buf.resize(alloc - res.residual);
    return buf;
  }
};

Host host(const char* personality, std::shared_ptr<SectorSource> source = mixed_source()) {
  Host h;
  h.drive = std::make_shared<vdrive::VirtualDrive>(*vdrive::find_personality(personality), vdrive::TimingMode::Instant);
  h.drive->insert(std::make_shared<vdrive::PressedMedia>(source));
  h.transport = std::make_unique<vdrive::VirtualTransport>(h.drive, "virtual:test");
  h.host = std::make_unique<scsi::Drive>(*h.transport);
  h.host->wait_ready();
  return h;
}

}  // namespace

TEST(ParsersVsVirtualDrive, ModePages01And2A) {
  auto h = host("plextor");
  const auto sense = scsi::parse_mode_sense10(h.in(cdb::mode_sense10(0x3F, cdb::PageControl::Current, 0xFFFF), 0xFFFF));
  ASSERT_TRUE(sense.find(0x01) && sense.find(0x2A) && sense.find(0x05));
  EXPECT_EQ(scsi::parse_read_error_recovery_page(sense.find(0x01)->bytes).read_retry_count, 0x20);
  const auto caps = scsi::parse_capabilities_page(sense.find(0x2A)->bytes);
  EXPECT_TRUE(caps.c2_pointers);
  EXPECT_TRUE(caps.cdda_accurate);
  EXPECT_TRUE(caps.write_cd_r && caps.write_cd_rw && caps.test_write && caps.buf);
  EXPECT_EQ(caps.loading_mechanism, 1);  // tray
  EXPECT_EQ(caps.max_read_speed, 8467);  // 48 x 176.4 kB/s
  EXPECT_EQ(caps.buffer_size_kb, 2048);
  ASSERT_EQ(caps.write_speeds.size(), 3u);
  EXPECT_EQ(caps.write_speeds[0].write_speed, 8467);
  const auto cheap = scsi::parse_capabilities_page(
      scsi::parse_mode_sense10(h.in(cdb::mode_sense10(0x2A, cdb::PageControl::Current, 0xFFFF), 0xFFFF))
          .find(0x2A)
          ->bytes);
  EXPECT_TRUE(cheap.c2_pointers);
  auto c = host("cheap");
  const auto cc = scsi::parse_capabilities_page(
      scsi::parse_mode_sense10(c.in(cdb::mode_sense10(0x2A, cdb::PageControl::Current, 0xFFFF), 0xFFFF))
          .find(0x2A)
          ->bytes);
  EXPECT_FALSE(cc.c2_pointers);
  EXPECT_FALSE(cc.cdda_accurate);
  EXPECT_EQ(cc.max_read_speed, 4234);  // 24x
}

TEST(ParsersVsVirtualDrive, ModeSelectPage05RoundTrip) {
  auto h = host("generic");
  scsi::WriteParametersPage p;
  p.write_type = 2;
  p.data_block_type = 0;
  p.bufe = true;
  p.session_format = 0x20;
  const auto params = scsi::mode_select_parameters(scsi::build_write_parameters_page(p));
  std::vector<uint8_t> data(params.begin(), params.end());
  ASSERT_TRUE(
      h.host->send(cdb::mode_select10(static_cast<uint16_t>(data.size())), scsi::Direction::ToDevice, data).ok());
  const auto back = scsi::parse_write_parameters_page(
      scsi::parse_mode_sense10(h.in(cdb::mode_sense10(0x05, cdb::PageControl::Current, 0xFFFF), 0xFFFF))
          .find(0x05)
          ->bytes);
  EXPECT_EQ(back.write_type, 2);
  EXPECT_TRUE(back.bufe);
  EXPECT_EQ(back.session_format, 0x20);
  p.write_type = 3;  // RAW with block type 0: refused
  const auto bad = scsi::mode_select_parameters(scsi::build_write_parameters_page(p));
  std::vector<uint8_t> bad_data(bad.begin(), bad.end());
  auto r =
      h.host->send(cdb::mode_select10(static_cast<uint16_t>(bad_data.size())), scsi::Direction::ToDevice, bad_data);
  EXPECT_EQ(scsi::code_string(r.sense), "05/26/00");
}

TEST(ParsersVsVirtualDrive, PerformanceSpeedEventsBufferCapacity) {
  auto h = host("generic");
  const auto perf = scsi::parse_performance(h.in(cdb::get_performance(0, 8), 8 + 8 * 16));
  ASSERT_EQ(perf.descriptors.size(), 1u);
  EXPECT_EQ(perf.descriptors[0].end_lba, 599u);
  EXPECT_EQ(perf.descriptors[0].end_performance,
            static_cast<uint32_t>(std::lround(vdrive::TimingModel::speed_at(599, 48, true) * 176.4)));
  const auto speeds = scsi::parse_write_speeds(h.in(cdb::get_write_speeds(8), 8 + 8 * 16));
  ASSERT_EQ(speeds.size(), 3u);
  EXPECT_EQ(speeds[0].write_speed, 9173u);  // 52x (the generic recorder), 52 * 176.4 rounded
  EXPECT_EQ(speeds[2].write_speed, 706u);   // 4x
  // SET CD SPEED shows in page 2A's current read speed.
  ASSERT_TRUE(h.host->set_speed(8).ok());
  const auto caps = scsi::parse_capabilities_page(
      scsi::parse_mode_sense10(h.in(cdb::mode_sense10(0x2A, cdb::PageControl::Current, 0xFFFF), 0xFFFF))
          .find(0x2A)
          ->bytes);
  EXPECT_EQ(caps.current_read_speed, 1411);
  // Media events: the insert was reported by the unit attention; GESN still has "new media".
  auto ev = scsi::parse_media_event(h.in(cdb::get_event_status(cdb::kEventClassMedia), 8));
  EXPECT_EQ(ev.event_code, 2);
  EXPECT_TRUE(ev.media_present);
  ev = scsi::parse_media_event(h.in(cdb::get_event_status(cdb::kEventClassMedia), 8));
  EXPECT_EQ(ev.event_code, 0);
  ASSERT_TRUE(h.host->eject().ok());
  ev = scsi::parse_media_event(h.in(cdb::get_event_status(cdb::kEventClassMedia), 8));
  EXPECT_EQ(ev.event_code, 3);
  EXPECT_TRUE(ev.tray_open);
  EXPECT_FALSE(ev.media_present);  // the disc is on the open tray, not in the drive
  const auto buffer = scsi::parse_buffer_capacity(h.in(cdb::read_buffer_capacity(), 12));
  EXPECT_EQ(buffer.buffer_length, 2048u * 1024);
}

TEST(ParsersVsVirtualDrive, SubchannelPositionCapacityAndRead12Fua) {
  auto h = host("generic");
  std::vector<uint8_t> main(2352);
  ASSERT_TRUE(h.host->read_cd(455, 1, {}, main, {}, {}).ok());
  const auto pos = scsi::parse_subchannel_position(
      h.in(cdb::read_subchannel(cdb::SubchannelFormat::Position, false, 0, 16), 16), false);
  EXPECT_EQ(pos.track, 2);
  EXPECT_EQ(pos.index, 1);
  EXPECT_EQ(pos.absolute, 456);  // the head is after the sector read
  EXPECT_EQ(pos.relative, 6);
  const auto cap = scsi::parse_capacity(h.in(cdb::read_capacity(), 8));
  EXPECT_EQ(cap.last_lba, 599u);
  EXPECT_EQ(cap.block_length, 2048u);
  const auto user = h.in(cdb::read12(7, 1, true), 2048);
  const auto image = mixed_main();
  EXPECT_TRUE(std::equal(user.begin(), user.end(), image.begin() + 7 * 2352 + 16));
}

TEST(ParsersVsVirtualDrive, DvdMediaStructures) {
  // A DVD-size disc: one Mode 1 track of user data, as the ISO reader makes it.
  Disc d;
  Session s;
  s.tracks.push_back(track(1, TrackMode::Mode1, {{1, 0}}));
  s.leadout = 500000;
  d.sessions = {s};
  d.media = MediaKind::Dvd;
  set_point_controls(d);
  class Dvd final : public SectorSource {
   public:
    explicit Dvd(Disc disc) : disc_(std::move(disc)) {}
    const Disc& disc() const override { return disc_; }
    Lba begin() const override { return 0; }
    Lba end() const override { return 500000; }
    SubchannelOrigin subchannel_origin() const override { return SubchannelOrigin::Synthesized; }
    void read(Lba first, uint32_t count, std::span<uint8_t> main, std::span<uint8_t> sub,
              std::span<SectorState> states) override {
      check_run(first, count, main, sub, states);
      std::fill(main.begin(), main.end(), uint8_t{0});
      for (uint32_t i = 0; i < count && !main.empty(); ++i)
        std::fill_n(main.begin() + i * 2352 + 16, 2048, static_cast<uint8_t>(first + static_cast<Lba>(i)));
      std::fill(sub.begin(), sub.end(), uint8_t{0});
    }

   private:
    Disc disc_;
  };
  auto h = host("generic", std::make_shared<Dvd>(d));
  EXPECT_EQ(h.host->media().profile, 0x0010);
  // Physical format information (ECMA-267; after the 4-byte header: data length 0802h):
  // book type DVD-ROM, part version 1; 120 mm, 10.08 Mbit/s; one layer, parallel track path,
  // embossed; linear density 0 (0.267 um/bit) and track density 0 (0.74 um/track); the data area
  // from PSN 030000h to 030000h + 499999 = 0AA11Fh; no end of layer 0; no BCA.
  const auto pfi = h.in(cdb::read_disc_structure(0, 0, 0, 0, 2052), 2052);
  ASSERT_EQ(pfi.size(), 2052u);
  EXPECT_EQ(std::vector<uint8_t>(pfi.begin(), pfi.begin() + 21),
            (std::vector<uint8_t>{0x08, 0x02, 0x00, 0x00, 0x01, 0x02, 0x01, 0x00, 0x00, 0x03, 0x00,
                                  0x00, 0x00, 0x0A, 0xA1, 0x1F, 0x00, 0x00, 0x00, 0x00, 0x00}));
  const auto phys = scsi::parse_dvd_physical_format(pfi);
  EXPECT_EQ(phys.book_type, 0);  // DVD-ROM
  EXPECT_EQ(phys.layers, 1);
  EXPECT_EQ(phys.linear_density, 0);
  EXPECT_EQ(phys.track_density, 0);
  EXPECT_EQ(phys.data_start, 0x030000u);
  EXPECT_EQ(phys.data_end, 0x030000u + 499999);
  const auto copy = scsi::parse_dvd_copyright(h.in(cdb::read_disc_structure(0, 1, 0, 0, 8), 8));
  EXPECT_EQ(copy.protection_system, 0);
  const auto block = h.in(cdb::read10(1234, 1), 2048);
  EXPECT_EQ(std::count(block.begin(), block.end(), static_cast<uint8_t>(1234 & 0xFF)), 2048);
  // READ CD has no meaning on DVD media.
  std::vector<uint8_t> main(2352);
  EXPECT_EQ(scsi::code_string(h.host->read_cd(0, 1, {}, main, {}, {}).sense), "05/64/00");
}
