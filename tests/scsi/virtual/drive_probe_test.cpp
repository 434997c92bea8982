// The host's Drive against the virtual drive where the drive or the path to it misbehaves: GET
// CONFIGURATION refused or malformed (capabilities then come from mode page 2A), and reads that
// end GOOD with bytes missing (the short_transfer fault: a USB bridge dropping a transfer's tail). The speeds come from
// page 2A: the personalities' factors of 1x CD (176.4 kB/s, MMC's kB/s unit rounded).
#include <gtest/gtest.h>

#include <algorithm>

#include "scsi/drive.hpp"
#include "scsi/virtual/virtual_transport.hpp"
#include "vdrive_fixture.hpp"

using namespace dw;
using namespace dw::test;

namespace {

// Passes every command to the virtual drive, except that `opcode` is answered with `reply` (a
// drive whose answer is malformed in a way the virtual drive never is).
class Bridge final : public scsi::Transport {
 public:
  explicit Bridge(std::shared_ptr<vdrive::VirtualDrive> drive) : inner_(std::move(drive), "virtual:test") {}
  uint8_t opcode = 0;
  std::optional<std::vector<uint8_t>> reply;
  scsi::CommandResult execute(const scsi::Command& c) override {
    if (!reply || c.cdb.empty() || c.cdb[0] != opcode) return inner_.execute(c);
    const size_t n = std::min(reply->size(), c.data.size());
    std::copy_n(reply->begin(), n, c.data.begin());
    scsi::CommandResult answer;
    answer.residual = static_cast<uint32_t>(c.data.size() - n);
    return answer;
  }
  [[nodiscard]] std::string name() const override { return inner_.name(); }
  [[nodiscard]] size_t max_transfer() const override { return inner_.max_transfer(); }

 private:
  vdrive::VirtualTransport inner_;
};

std::shared_ptr<vdrive::VirtualDrive> pressed(const char* personality, vdrive::FaultPlan faults = {}) {
  auto d = std::make_shared<vdrive::VirtualDrive>(*vdrive::find_personality(personality), vdrive::TimingMode::Instant,
                                                  std::move(faults));
  d->insert(std::make_shared<vdrive::PressedMedia>(mixed_source()));
  return d;
}

bool noted(const scsi::DriveCapabilities& c, const std::string& start) {
  return std::any_of(c.notes.begin(), c.notes.end(), [&](const std::string& n) { return n.rfind(start, 0) == 0; });
}

}  // namespace

TEST(DriveProbe, SpeedsFromPage2A) {
  Bridge plextor(pressed("plextor"));
  scsi::Drive p(plextor);
  ASSERT_TRUE(p.probe().ok());
  // 48x reading and writing; the write speeds offered are 48x, 24x and 4x.
  EXPECT_EQ(p.capabilities().max_read_kbps, 8467);  // 48 * 176.4 = 8467.2
  EXPECT_EQ(p.capabilities().max_write_kbps, 8467);
  EXPECT_EQ(p.capabilities().write_speeds_kbps, (std::vector<uint16_t>{8467, 4234, 706}));  // 4233.6, 705.6
  EXPECT_TRUE(p.capabilities().notes.empty());
  Bridge lg(pressed("lg"));
  scsi::Drive l(lg);
  ASSERT_TRUE(l.probe().ok());
  EXPECT_EQ(l.capabilities().max_read_kbps, 8467);
  EXPECT_EQ(l.capabilities().write_speeds_kbps, (std::vector<uint16_t>{4234, 2117, 706}));  // 24x, 12x, 4x
  Bridge asus(pressed("asus"));                                                             // a reader: no write speeds
  scsi::Drive a(asus);
  ASSERT_TRUE(a.probe().ok());
  EXPECT_EQ(a.capabilities().max_read_kbps, 7056);  // 40x
  EXPECT_EQ(a.capabilities().max_write_kbps, 0);
  EXPECT_TRUE(a.capabilities().write_speeds_kbps.empty());
}

TEST(DriveProbe, RefusedGetConfigurationFallsBackToPage2A) {
  vdrive::FaultPlan f;
  vdrive::FaultPlan::Hang hang;
  hang.opcode = 0x46;  // never answers: the host times out
  f.hangs.push_back(hang);
  Bridge t(pressed("generic", f));
  scsi::Drive d(t);
  ASSERT_TRUE(d.probe().ok());
  const auto& c = d.capabilities();
  EXPECT_TRUE(noted(c, "GET CONFIGURATION: timeout"));
  EXPECT_TRUE(noted(c, "capabilities from mode page 2A"));
  // The generic drive's page 2A: C2 pointers, CD-R/RW writing, test write, BUFE; it has no SAO
  // or RAW bits, so those stay unknown (false); no profile list.
  EXPECT_TRUE(c.cd_read);
  EXPECT_TRUE(c.c2);
  EXPECT_TRUE(c.cd_write);
  EXPECT_TRUE(c.test_write);
  EXPECT_TRUE(c.bufe);
  EXPECT_FALSE(c.sao);
  EXPECT_FALSE(c.raw);
  EXPECT_TRUE(c.profiles.empty());
  EXPECT_TRUE(c.accurate_stream);
  Bridge cheap_t(pressed("cheap", f));
  scsi::Drive cheap(cheap_t);
  ASSERT_TRUE(cheap.probe().ok());
  EXPECT_FALSE(cheap.capabilities().c2);  // the cheap drive's page 2A has no C2 bit
}

TEST(DriveProbe, MalformedFeatureFallsBackToPage2A) {
  Bridge t(pressed("generic"));
  t.opcode = 0x46;
  // Header (data length 16, current profile 0008), feature 0000 with profile 0008, and feature
  // 001E CD Read with additional length 0 where its layout has 4 bytes.
  t.reply = std::vector<uint8_t>{0x00, 0x00, 0x00, 0x10, 0x00, 0x00, 0x00, 0x08, 0x00, 0x00,
                                 0x03, 0x04, 0x00, 0x08, 0x01, 0x00, 0x00, 0x1E, 0x0B, 0x00};
  scsi::Drive d(t);
  ASSERT_TRUE(d.probe().ok());  // drive-info still works
  EXPECT_TRUE(noted(d.capabilities(), "GET CONFIGURATION answer does not parse"));
  EXPECT_TRUE(d.capabilities().c2);  // from page 2A
  EXPECT_EQ(d.identity().vendor, "DISCWRT");
}

TEST(DriveProbe, ReadWithBytesMissingFails) {
  // The virtual drive's short_transfer fault: reads touching LBA 471 end GOOD with their last
  // 2352 bytes undelivered, twice; then they arrive whole.
  vdrive::FaultPlan f;
  vdrive::FaultPlan::ShortTransfer st;
  st.range = {471, 1};
  st.bytes = 2352;
  st.times = 2;
  f.short_transfers.push_back(st);
  Bridge t(pressed("generic", f));
  scsi::Drive d(t);
  ASSERT_TRUE(d.probe().ok());
  ASSERT_TRUE(d.wait_ready().ok());
  std::vector<uint8_t> main(2 * 2352), c2, sub;
  ASSERT_TRUE(d.read_cd(460, 2, {}, main, c2, sub).ok());  // fills the host's reply buffer
  const scsi::CommandResult r = d.read_cd(470, 2, {}, main, c2, sub);
  EXPECT_FALSE(r.ok());  // before, the tail still holding LBA 461 came back as LBA 471
  EXPECT_EQ(r.transport, scsi::TransportError::HostError);
  EXPECT_NE(r.describe().find("short transfer"), std::string::npos) << r.describe();
  vdrive::FaultPlan g;
  g.short_transfers.push_back(st);
  g.short_transfers.back().range = {460, 1};
  g.short_transfers.back().bytes = 96;
  Bridge pt(pressed("plextor", g));  // D8, the Plextor read, loses the last sector's P-W
  scsi::Drive p(pt);
  ASSERT_TRUE(p.probe().ok());
  ASSERT_TRUE(p.wait_ready().ok());
  std::vector<uint8_t> audio(2352), pw(96);
  EXPECT_EQ(p.read_cdda(460, 1, audio, pw).transport, scsi::TransportError::HostError);
  EXPECT_EQ(d.read_cd(470, 2, {}, main, c2, sub).transport, scsi::TransportError::HostError);  // second time
  EXPECT_TRUE(d.read_cd(470, 2, {}, main, c2, sub).ok());                                      // the bridge recovered
}
