// The host's Drive against the virtual drive: the real MMC code path (builders, transport,
// parsers) end to end, per personality.
#include "scsi/drive.hpp"

#include <gtest/gtest.h>

#include "disc/subchannel_synth.hpp"
#include "scsi/virtual/virtual_transport.hpp"
#include "vdrive_fixture.hpp"

using namespace dw;
using namespace dw::test;

namespace {

struct Bench {
  std::shared_ptr<vdrive::VirtualDrive> drive;
  std::unique_ptr<vdrive::VirtualTransport> transport;
  std::unique_ptr<scsi::Drive> host;
};

Bench bench(const char* personality, vdrive::FaultPlan faults = {}) {
  Bench b;
  b.drive = std::make_shared<vdrive::VirtualDrive>(*vdrive::find_personality(personality), vdrive::TimingMode::Instant,
                                                   std::move(faults));
  b.drive->insert(std::make_shared<vdrive::PressedMedia>(mixed_source()));
  b.transport = std::make_unique<vdrive::VirtualTransport>(b.drive, "virtual:test");
  b.host = std::make_unique<scsi::Drive>(*b.transport);
  EXPECT_TRUE(b.host->probe().ok());
  EXPECT_TRUE(b.host->wait_ready().ok());
  return b;
}

}  // namespace

TEST(Drive, IdentityCapabilitiesAndQuirksPerPersonality) {
  auto plextor = bench("plextor");
  EXPECT_EQ(plextor.host->identity(), (scsi::DriveIdentity{"PLEXTOR", "DVDR   PX-760A", "1.07", "DW0000000002"}));
  EXPECT_TRUE(plextor.host->capabilities().c2);
  EXPECT_TRUE(plextor.host->capabilities().sao);
  EXPECT_TRUE(plextor.host->quirks().known);
  EXPECT_EQ(plextor.host->quirks().read_offset, 30);
  EXPECT_EQ(plextor.host->quirks().c2_shift, 295);
  auto cheap = bench("cheap");
  EXPECT_FALSE(cheap.host->capabilities().c2);
  EXPECT_FALSE(cheap.host->capabilities().cdtext);
  EXPECT_FALSE(cheap.host->quirks().known);  // an unknown drive gets the safe defaults
  auto lg = bench("lg");
  EXPECT_EQ(lg.host->quirks().sector_order, scsi::SectorOrder::MainSubC2);
  const auto media = bench("generic").host->media();
  EXPECT_TRUE(media.present);
  EXPECT_EQ(media.profile, 0x0008);
}

TEST(Drive, ReadDiscGivesTheImagesToc) {
  const Disc expected = mixed_disc();
  // The full TOC has each track's index 1, CONTROL and (from the first sector's header) mode;
  // MCN and ISRCs come from READ SUB-CHANNEL; index 0 is in the subchannel, which the ripper
  // reads. The cheap drive has no format 2: the format 0 TOC gives the same tracks.
  for (const char* name : {"generic", "cheap"}) {
    auto b = bench(name);
    auto disc = b.host->read_disc();
    ASSERT_TRUE(disc) << name;
    ASSERT_EQ(disc->sessions.size(), 1u);
    const Session &got = disc->sessions[0], &want = expected.sessions[0];
    ASSERT_EQ(got.tracks.size(), want.tracks.size());
    for (size_t i = 0; i < got.tracks.size(); ++i) {
      EXPECT_EQ(got.tracks[i].number, want.tracks[i].number) << name;
      EXPECT_EQ(got.tracks[i].mode, want.tracks[i].mode) << name;
      EXPECT_EQ(got.tracks[i].control, want.tracks[i].control) << name;
      EXPECT_EQ(got.tracks[i].start(), want.tracks[i].start()) << name;
      EXPECT_EQ(got.tracks[i].isrc, want.tracks[i].isrc) << name;
    }
    EXPECT_EQ(got.leadout, want.leadout) << name;
    EXPECT_EQ(got.a0_control, want.a0_control) << name;
    EXPECT_EQ(got.a2_control, want.a2_control) << name;
    EXPECT_EQ(disc->mcn, expected.mcn) << name;
  }
  EXPECT_EQ(bench("generic").host->read_disc()->cdtext, expected.cdtext);
  EXPECT_TRUE(bench("cheap").host->read_disc()->cdtext.empty());  // no CD-Text reading
}

TEST(Drive, RecordableMediaThroughTheParsers) {
  auto drive =
      std::make_shared<vdrive::VirtualDrive>(*vdrive::find_personality("generic"), vdrive::TimingMode::Instant);
  drive->insert_blank(std::make_shared<vdrive::RecordableMedia>(vdrive::RecordableMedia::Kind::CdRw));
  vdrive::VirtualTransport t(drive, "virtual:blank");
  scsi::Drive host(t);
  ASSERT_TRUE(host.probe().ok());
  ASSERT_TRUE(host.wait_ready().ok());
  EXPECT_EQ(host.media().profile, 0x000A);
  const auto atip = host.atip();
  ASSERT_TRUE(atip);
  EXPECT_TRUE(atip->cd_rw);
  EXPECT_EQ(atip->lead_in_lba(), -11634);
  EXPECT_EQ(msf_to_lba(atip->last_lead_out_start), 359849);
  const auto info = host.disc_information();
  ASSERT_TRUE(info);
  EXPECT_EQ(info->status, scsi::DiscStatus::Empty);
  EXPECT_TRUE(info->erasable);
  EXPECT_EQ(info->lead_in_lba(), -11634);
  scsi::CommandResult r;
  EXPECT_FALSE(host.read_disc(&r));
  EXPECT_EQ(scsi::code_string(r.sense), "05/24/00");
  // Pressed media has no ATIP.
  EXPECT_FALSE(bench("generic").host->atip());
}

TEST(Drive, ReadCdUndoesSectorOrderAndC2Shift) {
  vdrive::FaultPlan plan;
  plan.c2.push_back({{480, 1}, 12});
  // What the damage looks like from a drive with neither quirk.
  auto plain = bench("generic", plan);
  std::vector<uint8_t> truth_c2(294), truth_main(2352), truth_sub(96);
  scsi::ReadCdRequest raw{scsi::SectorType::CdDa,
                          scsi::ReadCdSelection::raw(scsi::C2Mode::C2, scsi::SubchannelMode::Raw)};
  ASSERT_TRUE(plain.host->read_cd(480, 1, raw, truth_main, truth_c2, truth_sub).ok());
  EXPECT_GT(std::count_if(truth_c2.begin(), truth_c2.end(), [](uint8_t v) { return v != 0; }), 0);
  for (const char* name : {"lg", "plextor"}) {
    auto b = bench(name, plan);
    std::vector<uint8_t> main(3 * 2352), c2(3 * 294), sub(3 * 96);
    bool tail = true;
    ASSERT_TRUE(b.host->read_cd(479, 3, raw, main, c2, sub, &tail).ok()) << name;
    EXPECT_FALSE(tail);
    EXPECT_EQ(std::vector<uint8_t>(c2.begin() + 294, c2.begin() + 588), truth_c2) << name;
    EXPECT_EQ(std::count(c2.begin(), c2.begin() + 294, 0), 294) << name;
    EXPECT_EQ(std::count(c2.begin() + 588, c2.end(), 0), 294) << name;
    EXPECT_EQ(std::vector<uint8_t>(sub.begin() + 96, sub.begin() + 192), truth_sub) << name;
    const int offset = std::string(name) == "plextor" ? 30 : 6;
    const auto expected = expected_audio(mixed_main(), 481, offset);
    EXPECT_TRUE(std::equal(expected.begin(), expected.end(), main.begin() + 2 * 2352)) << name;
  }
  // At the end of what the Plextor reads, the C2 of the last sector cannot be realigned.
  auto p = bench("plextor");
  std::vector<uint8_t> main(2352), c2(294);
  bool tail = false;
  ASSERT_TRUE(p.host->read_cd(600 + 74, 1, raw, main, c2, {}, &tail).ok());
  EXPECT_TRUE(tail);
}

TEST(Drive, ReadCdKeepsASectorWhoseLateC2LiesInAnUnreadableOne) {
  // Plextor C2 arrives 295 bytes late: sector 498's pointers come with 499 and 500. When 500 does
  // not read, 498 itself still does (its C2 tail is reported missing); 500 itself fails.
  vdrive::FaultPlan plan;
  plan.unreadable.push_back({{500, 1}, 0});
  auto p = bench("plextor", plan);
  const scsi::ReadCdRequest raw{scsi::SectorType::CdDa,
                                scsi::ReadCdSelection::raw(scsi::C2Mode::C2, scsi::SubchannelMode::Raw)};
  std::vector<uint8_t> main(2352), c2(294), sub(96);
  bool tail = false;
  ASSERT_TRUE(p.host->read_cd(498, 1, raw, main, c2, sub, &tail).ok());
  EXPECT_TRUE(tail);
  const auto expected = expected_audio(mixed_main(), 498, 30);
  EXPECT_TRUE(std::equal(expected.begin(), expected.end(), main.begin()));
  EXPECT_EQ(p.host->read_cd(500, 1, raw, main, c2, sub, &tail).sense.asc, 0x11);
}

TEST(Drive, AFlakySectorCostsOneFailurePerReadCd) {
  // A read error carries the failing LBA (VALID + INFORMATION): the Plextor's host read of 500
  // with its two extra C2 sectors fails at 500 itself, so the host does not take it for an error
  // beyond the run and re-read without them - one command, one of the two failures used.
  auto p = bench("plextor", vdrive::parse_faults(R"({"faults":[{"type":"flaky","lba":500,"failures":2}]})", "f"));
  const scsi::ReadCdRequest raw{scsi::SectorType::CdDa, scsi::ReadCdSelection::raw(scsi::C2Mode::C2)};
  std::vector<uint8_t> main(2352), c2(294);
  for (int failure = 0; failure < 2; ++failure) {
    const uint64_t before = p.drive->commands();
    const auto r = p.host->read_cd(500, 1, raw, main, c2, {});
    EXPECT_EQ(p.drive->commands() - before, 1u) << failure;
    EXPECT_EQ(scsi::code_string(r.sense), "03/11/05") << failure;
    EXPECT_EQ(r.sense.information, 500u) << failure;
  }
  EXPECT_TRUE(p.host->read_cd(500, 1, raw, main, c2, {}).ok());
}

TEST(Drive, ReadCdWholeDiscInRunsAgreesWithTheImage) {
  auto b = bench("generic");
  std::vector<uint8_t> main(600 * 2352), sub(600 * 96);
  scsi::ReadCdRequest raw{scsi::SectorType::Any,
                          scsi::ReadCdSelection::raw(scsi::C2Mode::None, scsi::SubchannelMode::Raw)};
  ASSERT_TRUE(b.host->read_cd(0, 600, raw, main, {}, sub).ok());
  const auto image = mixed_main();
  EXPECT_TRUE(std::equal(main.begin(), main.begin() + 300 * 2352, image.begin()));
  SubchannelSynthesizer synth(mixed_disc());
  std::vector<uint8_t> expected_sub(600 * 96);
  synth.synthesize_run(0, 600, expected_sub);
  EXPECT_EQ(sub, expected_sub);
}

TEST(Drive, TrayLockAndSpeed) {
  auto b = bench("generic");
  EXPECT_TRUE(b.host->lock(true).ok());
  auto refused = b.host->eject();  // eject unlocks first, as users expect of an eject command
  EXPECT_TRUE(refused.ok());
  EXPECT_EQ(scsi::code_string(b.host->test_unit_ready().sense), "02/3A/02");  // tray open
  EXPECT_TRUE(b.host->load().ok());
  EXPECT_TRUE(b.host->wait_ready().ok());
  EXPECT_TRUE(b.host->lock(true).ok());
  EXPECT_EQ(scsi::code_string(b.host->send({0x1B, 0, 0, 0, 0x02, 0}).sense), "05/53/02");  // locked
  EXPECT_TRUE(b.host->set_speed(8).ok());
}
