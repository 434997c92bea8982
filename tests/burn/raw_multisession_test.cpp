// RAW burning of a multisession disc, session by session. The lead-in Q frames are checked against
// bytes written out by hand from reference/cd-physical.md "Full TOC" and "Subchannel": session 1
// cycles 01 02 A0 A1 A2 B0 C0 (3 frames each) from the ATIP's lead-in start, B0 = ADR 5, next
// program area (MSF, BCD), ZERO = number of ADR-5 pointers (B0 and C0: 2), PMSF = the ATIP's last
// possible lead-out; C0 = ADR 5, MIN SEC FRAME = ATIP special information (bytes 4-6), PMSF = the
// first lead-in; session 2 (the last) cycles 03 A0 A1 A2 from its own lead-in start (session 1's
// lead-out + 6750), with no B0. CRC-16 0x1021, inverted, big-endian.
#include <gtest/gtest.h>

#include <array>
#include <optional>
#include <stdexcept>

#include "burn/raw_plan.hpp"
#include "burn/recorder.hpp"
#include "burn_discs.hpp"
#include "disc/scrambler.hpp"
#include "disc/sector.hpp"
#include "disc/subchannel.hpp"
#include "disc/subchannel_synth.hpp"
#include "scsi/mmc_cdb.hpp"
#include "scsi/mmc_mode.hpp"
#include "scsi/virtual/virtual_drive.hpp"
#include "scsi/virtual/virtual_transport.hpp"

using namespace dw;
using namespace dw::burn;
using namespace dw::test;

namespace {

using Q = std::array<uint8_t, 12>;

constexpr Lba kLeadIn = -11634;  // 97:26:66, the virtual blank's ATIP lead-in start
// The virtual blank of 20,000 sectors: ATIP bytes 4-6 = 50 (writing power 5), 40 (URU), 80 (CD-R).
const RawMedium kMedium{kLeadIn, 20000, {0x50, 0x40, 0x80}};

Q q_at(RawStream& s, Lba lba) {
  std::vector<uint8_t> blk(kRawBlockSize);
  s.read(lba, 1, blk);
  return extract_channel(std::span<const uint8_t, 96>(blk.data() + 2352, 96), Channel::Q);
}

// two_session_disc(Mode1): audio tracks 1-2 (lead-out 200), data track 3 at 11600 (pregap from
// 11450), lead-out 11630; the image holds LBA 0..11629, data sectors of track 3 its own.
std::vector<uint8_t> two_session_main() {
  std::vector<uint8_t> main = audio_pattern(11630);
  std::vector<uint8_t> user(2048);
  for (Lba l = 11450; l < 11630; ++l) {
    for (size_t k = 0; k < user.size(); ++k) user[k] = static_cast<uint8_t>(k * 7 + size_t(l));
    encode_sector(SectorKind::Mode1, l, user, std::span<uint8_t, 2352>(main.data() + size_t(l) * 2352, 2352));
  }
  return main;
}

}  // namespace

TEST(RawMultisession, EachLeadInCarriesItsSessionsTocWithB0AndC0) {
  MemorySectorSource src(two_session_disc(TrackMode::Mode1), 0, two_session_main());
  const std::vector<BurnPlan> plans = make_sao_plans(src);
  ASSERT_EQ(plans.size(), 2u);
  RawStream s1(plans[0], src, kLeadIn, kMedium);
  EXPECT_EQ(s1.first(), -11634);
  EXPECT_EQ(s1.end(), 200 + 6750);  // session 1's lead-out: 6750 blocks
  // Track 1 (CONTROL 2, copy permitted) at 00:02:00, in the lead-in's first frame 97:26:66.
  EXPECT_EQ(q_at(s1, -11634), (Q{0x21, 0x00, 0x01, 0x97, 0x26, 0x66, 0x00, 0x00, 0x02, 0x00, 0x61, 0x70}));
  // B0 (point 6 of 7: frames 15-17): session 2's first pregap LBA 11450 = 02:34:50, 2 ADR-5
  // pointers, the last possible lead-out LBA 20000 = 04:28:50.
  const Q b0{0x05, 0x00, 0xB0, 0x02, 0x34, 0x50, 0x02, 0x04, 0x28, 0x50, 0x3E, 0x3C};
  EXPECT_EQ(q_at(s1, -11619), b0);
  EXPECT_EQ(q_at(s1, -11617), b0);  // the same frame three times: it is not a running time
  // C0 (frames 18-20): ATIP special information 50 40 80, the first lead-in 97:26:66.
  EXPECT_EQ(q_at(s1, -11616), (Q{0x05, 0x00, 0xC0, 0x50, 0x40, 0x80, 0x00, 0x97, 0x26, 0x66, 0xC9, 0x00}));
  // 21 frames on, the cycle starts again with track 1.
  EXPECT_EQ(q_at(s1, -11613)[2], 0x01);
  EXPECT_EQ(s1.disc().sessions[0].next_program_area->mode5_pointers, 2);

  // Session 2 from its lead-in at 200 + 6750 = 6950 (01:34:50) through its 2250-block lead-out.
  RawStream s2(plans[1], src, 6950, kMedium);
  EXPECT_EQ(s2.first(), 6950);
  EXPECT_EQ(s2.end(), 11630 + 2250);
  // Track 3 (data, CONTROL 4) at 11600 = 02:36:50.
  EXPECT_EQ(q_at(s2, 6950), (Q{0x41, 0x00, 0x03, 0x01, 0x34, 0x50, 0x00, 0x02, 0x36, 0x50, 0x35, 0x0D}));
  // A0: first track 03, disc type 00.
  EXPECT_EQ(q_at(s2, 6953), (Q{0x41, 0x00, 0xA0, 0x01, 0x34, 0x53, 0x00, 0x03, 0x00, 0x00, 0x57, 0xB5}));
  // A2: this session's lead-out 11630 = 02:37:05. No B0 after it: the cycle has 4 points.
  EXPECT_EQ(q_at(s2, 6959), (Q{0x41, 0x00, 0xA2, 0x01, 0x34, 0x59, 0x00, 0x02, 0x37, 0x05, 0x65, 0x2A}));
  EXPECT_EQ(q_at(s2, 6962)[2], 0x03);
  for (Lba l = 6950; l < 11450; ++l) ASSERT_NE(q_at(s2, l)[2], 0xB0) << l;
  // The image holds the blocks between the sessions (LBA 200..11449): in session 2's lead-in its
  // bytes are written as they are, scrambled (the session's first track is data).
  const auto main = two_session_main();
  std::vector<uint8_t> blk(kRawBlockSize);
  s2.read(7000, 1, blk);
  std::vector<uint8_t> sec(blk.begin(), blk.begin() + 2352);
  scramble(sec);
  EXPECT_TRUE(std::equal(sec.begin(), sec.end(), main.begin() + 7000 * 2352));
  // Its lead-out, which the image does not hold: empty Mode 1 sectors of their own address.
  s2.read(11700, 1, blk);
  sec.assign(blk.begin(), blk.begin() + 2352);
  scramble(sec);
  EXPECT_EQ(read_header(std::span<const uint8_t, 2352>(sec.data(), 2352)).mode, 1);
  EXPECT_EQ(bcd_msf_to_lba(read_header(std::span<const uint8_t, 2352>(sec.data(), 2352)).address), 11700);
  // Its program area: the image's sectors, scrambled (track 3's pregap and index 1).
  s2.read(11600, 1, blk);
  std::vector<uint8_t> back(blk.begin(), blk.begin() + 2352);
  scramble(back);
  EXPECT_TRUE(std::equal(back.begin(), back.end(), main.begin() + 11600 * 2352));
  // The lead-out: track AA, relative 00:00:00 at 11630, absolute 02:37:05.
  EXPECT_EQ(q_at(s2, 11630)[1], 0xAA);
  EXPECT_THROW(s2.read(6949, 1, blk), std::out_of_range);

  // A multisession stream needs the ATIP's facts, and a lead-in before the session's pregap.
  EXPECT_THROW(RawStream(plans[1], src, 6950), PlanError);
  EXPECT_THROW(RawStream(plans[1], src, 11450, kMedium), PlanError);
}

// Both sessions burned in RAW onto a virtual blank CD-R: the recorder starts session 2 where READ
// DISC INFORMATION puts its lead-in, the drive takes RAW blocks for it there only, and the
// recorded disc has the image's layout, its own subchannel in the program areas (an unusual frame
// included) and the B0/C0 pointers the lead-in carried.
TEST(RawMultisession, RecorderBurnsBothSessionsOntoTheVirtualBlank) {
  const Disc disc = two_session_disc(TrackMode::Mode1);
  const auto main = two_session_main();
  std::vector<uint8_t> sub(size_t{11630} * 96, 0);
  SubchannelSynthesizer synth(disc);
  synth.synthesize_run(0, 200 + 6750, std::span(sub).first(size_t{6950} * 96));
  synth.synthesize_run(11450, 180, std::span(sub).subspan(size_t{11450} * 96));
  sub[50 * 96 + 20] ^= 0x40;  // session 1: a bad Q CRC
  for (size_t k = 0; k < 96; ++k) sub[11610 * 96 + k] = uint8_t((sub[11610 * 96 + k] & 0xC0) | (k & 0x3F));  // R-W
  MemorySectorSource src(disc, 0, main, sub);
  auto vd = std::make_shared<vdrive::VirtualDrive>(*vdrive::find_personality("generic"), vdrive::TimingMode::Instant);
  vd->insert_blank(std::make_shared<vdrive::RecordableMedia>(vdrive::RecordableMedia::Kind::CdR, 20000));
  vdrive::VirtualTransport transport(vd, "virtual:blank");
  scsi::Drive drive(transport);
  ASSERT_TRUE(drive.probe().ok());
  std::vector<std::string> log;
  const auto logged = [&](const std::string& what) {
    return std::any_of(log.begin(), log.end(), [&](const std::string& l) { return l.find(what) != l.npos; });
  };
  RecorderOptions opt;
  opt.raw = true;
  const std::vector<BurnPlan> plans = make_sao_plans(src);
  const BurnResult res =
      Recorder(drive, [&](LogLevel, const std::string& l) { log.push_back(l); }).burn(plans, src, opt);
  EXPECT_TRUE(res.raw);
  EXPECT_TRUE(res.own_subchannel);
  EXPECT_EQ(res.blocks_written, uint64_t(11634 + 200 + 6750) + (11630 + 2250 - 6950));
  EXPECT_TRUE(logged("MODE SELECT page 05 (RAW, block type 3, BUF"));
  EXPECT_TRUE(logged("multisession 11 (open next)): GOOD"));
  EXPECT_TRUE(logged("multisession 00 (close)): GOOD"));
  EXPECT_TRUE(logged("session 2: the disc is open (session 2 empty), its lead-in starts at LBA 6950"));
  EXPECT_TRUE(logged("writing RAW from the lead-in start (LBA 6950): no cue sheet"));
  EXPECT_TRUE(logged("TOC (2 sessions), MCN, ISRCs and CD-Text read back as planned"));
  EXPECT_FALSE(logged("CUE SHEET"));
  ASSERT_TRUE(vd->recorded());
  const Disc& got = vd->recorded()->disc();
  ASSERT_EQ(got.sessions.size(), 2u);
  EXPECT_EQ(got.sessions[0].tracks, disc.sessions[0].tracks);
  EXPECT_EQ(got.sessions[1].tracks, disc.sessions[1].tracks);
  EXPECT_EQ(got.sessions[0].leadout, 200);
  EXPECT_EQ(got.sessions[1].leadout, 11630);
  EXPECT_EQ(got.mcn, disc.mcn);
  EXPECT_EQ(got.cdtext, disc.cdtext);
  ASSERT_TRUE(got.sessions[0].next_program_area);
  EXPECT_EQ(*got.sessions[0].next_program_area, (NextProgramArea{Msf{2, 34, 50}, 2, Msf{4, 28, 50}}));
  ASSERT_TRUE(got.sessions[0].recording_info);
  EXPECT_EQ(*got.sessions[0].recording_info, (RecordingInfo{0x50, 0x40, 0x80, Msf{97, 26, 66}}));
  EXPECT_FALSE(got.sessions[1].next_program_area);
  std::vector<uint8_t> got_main(200 * 2352), got_sub(200 * 96);
  vd->recorded()->read(0, 200, got_main, got_sub, {});
  EXPECT_TRUE(std::equal(got_main.begin(), got_main.end(), main.begin()));
  EXPECT_TRUE(std::equal(got_sub.begin(), got_sub.end(), sub.begin()));
  got_main.resize(180 * 2352);
  got_sub.resize(180 * 96);
  vd->recorded()->read(11450, 180, got_main, got_sub, {});
  for (Lba l = 11450; l < 11630; ++l)
    ASSERT_TRUE(std::equal(got_main.begin() + (l - 11450) * 2352, got_main.begin() + (l - 11449) * 2352,
                           main.begin() + l * 2352))
        << l;  // descrambled again
  EXPECT_TRUE(std::equal(got_sub.begin(), got_sub.end(), sub.begin() + 11450 * 96));
}

// The drive's lead-in start for session 2 must be where the image needs it; and the drive takes
// a later session's RAW blocks at that lead-in start only (05/21/02 elsewhere).
TEST(RawMultisession, Session2StartsAtTheDrivesLeadInOnly) {
  MemorySectorSource src(two_session_disc(TrackMode::Mode1), 0, two_session_main());
  const std::vector<BurnPlan> plans = make_sao_plans(src);
  auto vd = std::make_shared<vdrive::VirtualDrive>(*vdrive::find_personality("generic"), vdrive::TimingMode::Instant);
  auto media = std::make_shared<vdrive::RecordableMedia>(vdrive::RecordableMedia::Kind::CdR, 20000);
  vd->insert_blank(media);
  vdrive::VirtualTransport transport(vd, "virtual:blank");
  scsi::Drive drive(transport);
  ASSERT_TRUE(drive.probe().ok());
  RecorderOptions opt;
  opt.raw = true;
  // Stop the burn before session 2's first WRITE: the disc is left open after session 1.
  bool in_session2 = false;
  opt.progress = [&](const BurnProgress& p) { in_session2 = in_session2 || p.phase == BurnProgress::Phase::Finalise; };
  opt.cancelled = [&] { return in_session2; };
  EXPECT_THROW(Recorder(drive, {}).burn(plans, src, opt), BurnError);
  ASSERT_EQ(media->state(), vdrive::RecordableMedia::State::Appendable);
  EXPECT_EQ(media->next_leadin(), 6950);
  // Page 05 is still RAW (the recorder set it for session 2): a block one after the lead-in
  // start is refused, the lead-in start itself is taken.
  std::vector<uint8_t> block(kRawBlockSize);
  RawStream s2(plans[1], src, 6950, kMedium);
  s2.read(6950, 1, block);
  scsi::CommandResult r = drive.send(scsi::cdb::write10(6951, 1), scsi::Direction::ToDevice, block);
  EXPECT_EQ(r.sense.key, 0x05);
  EXPECT_EQ(r.sense.asc, 0x21);
  EXPECT_EQ(r.sense.ascq, 0x02);
  r = drive.send(scsi::cdb::write10(6950, 1), scsi::Direction::ToDevice, block);
  EXPECT_TRUE(r.ok()) << r.describe();
}

// A recorder that writes RAW for one session only (its CD Mastering feature without raw
// multisession): a multisession image is refused in RAW before anything is written; the drive
// itself refuses page 05 with RAW and multisession 11b.
TEST(RawMultisession, ADriveWithoutRawMultisessionIsRefused) {
  MemorySectorSource src(two_session_disc(TrackMode::Mode1), 0, two_session_main());
  vdrive::Personality p = *vdrive::find_personality("generic");
  p.raw_multisession = false;
  auto vd = std::make_shared<vdrive::VirtualDrive>(p, vdrive::TimingMode::Instant);
  auto media = std::make_shared<vdrive::RecordableMedia>(vdrive::RecordableMedia::Kind::CdR, 20000);
  vd->insert_blank(media);
  vdrive::VirtualTransport transport(vd, "virtual:blank");
  scsi::Drive drive(transport);
  ASSERT_TRUE(drive.probe().ok());
  EXPECT_TRUE(drive.capabilities().raw);
  EXPECT_FALSE(drive.capabilities().raw_multisession);
  RecorderOptions opt;
  opt.raw = true;
  try {
    Recorder(drive, {}).burn(make_sao_plans(src), src, opt);
    ADD_FAILURE() << "burned RAW multisession on a drive without it";
  } catch (const BurnError& e) {
    EXPECT_EQ(e.kind(), BurnError::Kind::Drive);
    EXPECT_NE(std::string(e.what()).find("the drive writes RAW but not RAW multisession"), std::string::npos)
        << e.what();
  }
  EXPECT_EQ(media->state(), vdrive::RecordableMedia::State::Blank);
  scsi::WriteParametersPage page;
  page.write_type = 3;
  page.data_block_type = 3;
  page.multisession = 3;
  auto params = scsi::mode_select_parameters(scsi::build_write_parameters_page(page));
  const scsi::CommandResult r =
      drive.send(scsi::cdb::mode_select10(static_cast<uint16_t>(params.size())), scsi::Direction::ToDevice, params);
  EXPECT_EQ(r.sense.asc, 0x26);
  page.multisession = 0;  // one session: taken
  params = scsi::mode_select_parameters(scsi::build_write_parameters_page(page));
  EXPECT_TRUE(
      drive.send(scsi::cdb::mode_select10(static_cast<uint16_t>(params.size())), scsi::Direction::ToDevice, params)
          .ok());
}
