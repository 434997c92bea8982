// The SAO recorder and verify against the virtual drive's blank media: the burned disc must be the
// image (the drive's own model of what was recorded, the TOC read back, every sector re-read), and
// every refusal and failure must say what happened in words. Faults the virtual drive has no
// switch for (a picky cue sheet parser, a power calibration error, a disc pulled out during the
// burn) are made by a transport between the recorder and the drive.
#include "burn/recorder.hpp"

#include <gtest/gtest.h>

#include <thread>

#include "burn/verify.hpp"
#include "burn_discs.hpp"
#include "scsi/virtual/virtual_drive.hpp"
#include "scsi/virtual/virtual_transport.hpp"

using namespace dw;
using namespace dw::burn;
using namespace dw::test;
using vdrive::RecordableMedia;

namespace {

// Passes commands to the virtual drive unless `hook` answers them itself; `after` may change the
// drive's answer.
class HookTransport final : public scsi::Transport {
 public:
  explicit HookTransport(std::shared_ptr<vdrive::VirtualDrive> d) : inner_(d, "virtual:blank"), drive_(std::move(d)) {}
  scsi::CommandResult execute(const scsi::Command& c) override {
    if (hook)
      if (auto r = hook(c, *drive_)) return *r;
    scsi::CommandResult r = inner_.execute(c);
    if (after) after(c, r);
    return r;
  }
  [[nodiscard]] std::string name() const override { return inner_.name(); }
  [[nodiscard]] size_t max_transfer() const override { return inner_.max_transfer(); }
  std::function<std::optional<scsi::CommandResult>(const scsi::Command&, vdrive::VirtualDrive&)> hook;
  std::function<void(const scsi::Command&, scsi::CommandResult&)> after;

 private:
  vdrive::VirtualTransport inner_;
  std::shared_ptr<vdrive::VirtualDrive> drive_;
};

scsi::CommandResult check_condition(uint8_t key, uint8_t asc, uint8_t ascq) {
  scsi::CommandResult r;
  r.status = scsi::kStatusCheckCondition;
  r.sense_bytes = scsi::build_fixed_sense(key, asc, ascq);
  r.sense = scsi::parse_sense(r.sense_bytes);
  return r;
}

struct Bench {
  std::shared_ptr<vdrive::VirtualDrive> vd;
  std::unique_ptr<HookTransport> transport;
  std::unique_ptr<scsi::Drive> drive;
  std::vector<std::string> log;
  Log logger() {
    return [this](LogLevel, const std::string& line) { log.push_back(line); };
  }
  [[nodiscard]] bool logged(const std::string& what) const {
    return std::any_of(log.begin(), log.end(), [&](const std::string& l) { return l.find(what) != std::string::npos; });
  }
};

Bench bench(RecordableMedia::Kind kind = RecordableMedia::Kind::CdR, int64_t capacity = 10000,
            const char* personality = "generic") {
  Bench b;
  b.vd = std::make_shared<vdrive::VirtualDrive>(*vdrive::find_personality(personality), vdrive::TimingMode::Instant);
  b.vd->insert_blank(std::make_shared<RecordableMedia>(kind, capacity));
  b.transport = std::make_unique<HookTransport>(b.vd);
  b.drive = std::make_unique<scsi::Drive>(*b.transport);
  EXPECT_TRUE(b.drive->probe().ok());
  return b;
}

std::string burn_error(Bench& b, SectorSource& src, const RecorderOptions& opt = {},
                       BurnError::Kind kind = BurnError::Kind::Failed) {
  const BurnPlan plan = make_sao_plan(src);
  Recorder rec(*b.drive, b.logger());
  try {
    rec.burn(plan, src, opt);
  } catch (const BurnError& e) {
    EXPECT_EQ(static_cast<int>(e.kind()), static_cast<int>(kind)) << e.what();
    return e.what();
  }
  ADD_FAILURE() << "the burn succeeded";
  return {};
}

}  // namespace

TEST(BurnRecorder, AudioDiscBurnsAndVerifies) {
  auto b = bench();
  Disc disc = audio_disc();
  MemorySectorSource src(disc, 0, audio_pattern(1575));
  const BurnPlan plan = make_sao_plan(src);
  Recorder rec(*b.drive, b.logger());
  const BurnResult res = rec.burn(plan, src, {});
  EXPECT_FALSE(res.simulated);
  EXPECT_TRUE(res.bufe);
  EXPECT_EQ(res.block_type, 3);  // CD-Text in the lead-in: block type 3 first
  EXPECT_EQ(res.leadin_start, RecordableMedia::kDefaultLeadIn);
  EXPECT_EQ(res.last_leadout, 10000);
  // Lead-in R-W from -11634 to -151, then LBA 0..1574 (track 1's pregap is the drive's silence).
  EXPECT_EQ(res.blocks_written, uint64_t(11634 - 150 + 1575));
  ASSERT_TRUE(res.recorded);
  EXPECT_EQ(res.recorded->mcn, disc.mcn);
  EXPECT_EQ(res.recorded->cdtext, disc.cdtext);
  // The drive's own model of what it recorded: the image's disc, sector for sector.
  ASSERT_TRUE(b.vd->recorded());
  EXPECT_EQ(b.vd->recorded()->disc(), disc);
  std::vector<uint8_t> got(1575 * 2352);
  b.vd->recorded()->read(0, 1575, got, {}, {});
  EXPECT_EQ(got, audio_pattern(1575));
  EXPECT_TRUE(b.logged("SEND CUE SHEET (standard): GOOD"));

  const VerifyResult v = verify_burn(*b.drive, src, plan, {}, b.logger());
  EXPECT_TRUE(v.ok());
  EXPECT_EQ(v.audio_sectors, 1575u);
  EXPECT_EQ(v.audio_mismatches, 0u);
  // The recorder writes without an offset and the generic drive (read offset +6) delivers audio
  // 6 samples early: what it returns as sample k is the image's sample k - 6.
  ASSERT_TRUE(v.audio_offset);
  EXPECT_EQ(*v.audio_offset, -6);
  EXPECT_TRUE(b.logged("combined write+read offset"));
}

TEST(BurnRecorder, MixedModeDiscBurnsAndVerifiesDataExactly) {
  auto b = bench();
  Disc disc = mixed_disc();
  MemorySectorSource src(disc, 0, mixed_main());
  const BurnPlan plan = make_sao_plan(src);
  Recorder rec(*b.drive, b.logger());
  const BurnResult res = rec.burn(plan, src, {});
  EXPECT_EQ(res.block_type, 0);
  EXPECT_EQ(res.blocks_written, 900u);
  ASSERT_TRUE(b.vd->recorded());
  EXPECT_EQ(b.vd->recorded()->disc(), disc);
  const VerifyResult v = verify_burn(*b.drive, src, plan, {}, b.logger());
  EXPECT_TRUE(v.ok());
  EXPECT_EQ(v.data_sectors, 300u);
  EXPECT_EQ(v.data_mismatches, 0u);
  EXPECT_EQ(v.audio_sectors, 600u);
}

TEST(BurnRecorder, VerifyFindsAChangedSector) {
  auto b = bench();
  MemorySectorSource src(mixed_disc(), 0, mixed_main());
  const BurnPlan plan = make_sao_plan(src);
  Recorder(*b.drive, b.logger()).burn(plan, src, {});
  auto other_main = mixed_main();
  other_main[size_t(100) * 2352 + 500] ^= 1;  // data
  other_main[size_t(700) * 2352 + 500] ^= 1;  // audio
  MemorySectorSource other(mixed_disc(), 0, other_main);
  const VerifyResult v = verify_burn(*b.drive, other, plan, {}, b.logger());
  EXPECT_FALSE(v.ok());
  EXPECT_EQ(v.data_mismatches, 1u);
  EXPECT_EQ(v.audio_mismatches, 1u);
  EXPECT_EQ(v.first_bad, (std::vector<Lba>{100, 700}));
}

TEST(BurnRecorder, SimulationLeavesTheBlankBlank) {
  auto b = bench();
  MemorySectorSource src(audio_disc(), 0, audio_pattern(1575));
  const BurnPlan plan = make_sao_plan(src);
  RecorderOptions opt;
  opt.simulate = true;
  const BurnResult res = Recorder(*b.drive, b.logger()).burn(plan, src, opt);
  EXPECT_TRUE(res.simulated);
  EXPECT_FALSE(res.recorded);
  EXPECT_FALSE(b.vd->recorded());
  EXPECT_EQ(b.vd->recordable()->state(), RecordableMedia::State::Blank);
  EXPECT_TRUE(b.logged("the disc is still blank"));
  // ... and the real burn can follow.
  Recorder(*b.drive, b.logger()).burn(plan, src, {});
  EXPECT_TRUE(b.vd->recorded());
}

// A CD-Extra burned session by session: session 1 leaves the disc open (the drive then reports it
// appendable, with its next writable address at session 2's index 1), session 2 closes it. The
// drive's recording is the image's disc plus the B0 pointer a multisession lead-in carries.
TEST(BurnRecorder, MultisessionDiscBurnsSessionBySession) {
  auto b = bench(RecordableMedia::Kind::CdR, 20000);
  const Disc disc = two_session_disc(TrackMode::Mode1);
  std::vector<uint8_t> main = audio_pattern(11630);
  std::vector<uint8_t> user(2048, 0x33);
  for (Lba l = 11450; l < 11630; ++l)
    encode_sector(SectorKind::Mode1, l, user, std::span<uint8_t, 2352>(main.data() + size_t(l) * 2352, 2352));
  MemorySectorSource src(disc, 0, main);
  const std::vector<BurnPlan> plans = make_sao_plans(src);
  const BurnResult res = Recorder(*b.drive, b.logger()).burn(plans, src, {});
  EXPECT_TRUE(b.logged("multisession 11 (open next)): GOOD"));
  EXPECT_TRUE(b.logged("multisession 00 (close)): GOOD"));
  // With SAO set, the drive's next writable address is the end of the new lead-in: LBA 11450.
  EXPECT_TRUE(b.logged("session 2: the disc is open (session 2 empty), next writable address LBA 11450"));
  EXPECT_TRUE(b.logged("read back as planned"));
  EXPECT_EQ(b.vd->recordable()->state(), RecordableMedia::State::Complete);
  ASSERT_TRUE(res.recorded);
  EXPECT_EQ(res.recorded->sessions.size(), 2u);
  ASSERT_TRUE(b.vd->recorded());
  Disc want = disc;
  // B0: the next session may start at LBA 11450 (02:34:50); the last lead-out is the capacity's.
  want.sessions[0].next_program_area = NextProgramArea{Msf{2, 34, 50}, 1, *lba_to_msf(20000)};
  EXPECT_EQ(b.vd->recorded()->disc(), want);
  std::vector<uint8_t> got(180 * 2352);
  b.vd->recorded()->read(11450, 180, got, {}, {});
  EXPECT_TRUE(std::equal(got.begin() + 150 * 2352, got.end(), main.begin() + 11600 * 2352));
  const VerifyResult v = verify_burn(*b.drive, src, plans, {}, b.logger());
  EXPECT_TRUE(v.ok());
  EXPECT_EQ(v.audio_sectors, 200u);
  EXPECT_EQ(v.data_sectors, 30u);
}

// A drive that would put session 2 anywhere but where the image has it: the burn stops with the
// disc open and says why - in RAW when READ DISC INFORMATION gives another lead-in start, in SAO
// when the next writable address is elsewhere.
TEST(BurnRecorder, MultisessionStopsWhereTheDriveDisagrees) {
  auto b = bench(RecordableMedia::Kind::CdR, 20000);
  const Disc disc = two_session_disc(TrackMode::Mode1);
  MemorySectorSource src(disc, 0, audio_pattern(11630));
  const std::vector<BurnPlan> plans = make_sao_plans(src);
  RecorderOptions raw;
  raw.raw = true;
  b.transport->after = [](const scsi::Command& c, scsi::CommandResult&) {
    // READ DISC INFORMATION of the open disc (status 01): the next lead-in one block later.
    if (c.cdb[0] == 0x51 && c.data.size() >= 20 && (c.data[2] & 0x03) == 0x01) ++c.data[19];
  };
  try {
    Recorder(*b.drive, b.logger()).burn(plans, src, raw);
    ADD_FAILURE() << "burned session 2 in RAW from the wrong lead-in start";
  } catch (const BurnError& e) {
    EXPECT_EQ(e.kind(), BurnError::Kind::Failed);
    EXPECT_NE(std::string(e.what()).find("would start session 2's lead-in at LBA 6951, but the image has its first "
                                         "pregap at LBA 11450, which needs the lead-in (4500 blocks) from LBA 6950"),
              std::string::npos)
        << e.what();
  }
  EXPECT_EQ(b.vd->recordable()->state(), RecordableMedia::State::Appendable);
  b = bench(RecordableMedia::Kind::CdR, 20000);
  b.transport->after = [](const scsi::Command& c, scsi::CommandResult&) {
    if (c.cdb[0] == 0x52 && c.data.size() >= 16) ++c.data[15];  // READ TRACK INFORMATION: NWA one block later
  };
  try {
    Recorder(*b.drive, b.logger()).burn(plans, src, {});
    ADD_FAILURE() << "burned session 2 at the wrong address";
  } catch (const BurnError& e) {
    EXPECT_EQ(e.kind(), BurnError::Kind::Failed);
    EXPECT_NE(std::string(e.what()).find("would start session 2 at LBA 11451, but the image has its first pregap "
                                         "at LBA 11450 (index 1 at LBA 11600)"),
              std::string::npos)
        << e.what();
  }
  EXPECT_EQ(b.vd->recordable()->state(), RecordableMedia::State::Appendable);
}

TEST(BurnRecorder, AnImageThatDoesNotFitIsRefused) {
  auto b = bench(RecordableMedia::Kind::CdR, 1500);
  MemorySectorSource src(audio_disc(), 0, audio_pattern(1575));
  const std::string e = burn_error(b, src, {}, BurnError::Kind::Media);
  // Lead-out 1575 against a last possible lead-out of 1500: 75 sectors too many.
  EXPECT_NE(e.find("needs 1725 sectors, the disc holds 1650 (75 sectors too many)"), std::string::npos) << e;
  EXPECT_EQ(b.vd->recordable()->state(), RecordableMedia::State::Blank);
}

TEST(BurnRecorder, AWrittenDiscIsRefused) {
  auto b = bench();
  MemorySectorSource src(mixed_disc(), 0, mixed_main());
  Recorder(*b.drive, b.logger()).burn(make_sao_plan(src), src, {});
  const std::string e = burn_error(b, src, {}, BurnError::Kind::Media);
  EXPECT_NE(e.find("not blank (it is written and finalised)"), std::string::npos) << e;
}

TEST(BurnRecorder, ARefusedCueSheetGetsTheNextVariant) {
  auto b = bench();
  int sheets = 0;
  b.transport->hook = [&](const scsi::Command& c, vdrive::VirtualDrive&) -> std::optional<scsi::CommandResult> {
    if (c.cdb[0] == 0x5D && sheets++ == 0) return check_condition(5, 0x26, 0);
    return std::nullopt;
  };
  MemorySectorSource src(audio_disc(), 0, audio_pattern(1575));
  const BurnResult res = Recorder(*b.drive, b.logger()).burn(make_sao_plan(src), src, {});
  EXPECT_EQ(sheets, 2);
  EXPECT_EQ(res.cue_variant, CueVariant::IsrcWithoutCtl);
  EXPECT_TRUE(b.logged("SEND CUE SHEET (standard): CHECK CONDITION 05/26/00"));
  // Every variant refused: nothing written, and no success.
  auto c = bench();
  c.transport->hook = [&](const scsi::Command& cmd, vdrive::VirtualDrive&) -> std::optional<scsi::CommandResult> {
    if (cmd.cdb[0] == 0x5D) return check_condition(5, 0x26, 0);
    return std::nullopt;
  };
  const std::string e = burn_error(c, src, {}, BurnError::Kind::Drive);
  EXPECT_NE(e.find("refused every cue sheet variant"), std::string::npos) << e;
  EXPECT_EQ(c.vd->recordable()->state(), RecordableMedia::State::Blank);
  // A drive that wants the CD-Text lead-in entry at the lead-in start's time (cdrdao's first
  // choice): the third variant, 97:26:66 for the ATIP's LBA -11634; the CD-Text still records.
  auto d = bench();
  std::vector<std::vector<uint8_t>> sent;
  d.transport->hook = [&](const scsi::Command& cmd, vdrive::VirtualDrive&) -> std::optional<scsi::CommandResult> {
    if (cmd.cdb[0] != 0x5D) return std::nullopt;
    sent.emplace_back(cmd.data.begin(), cmd.data.end());
    if (sent.back()[16 + 5] != 97) return check_condition(5, 0x26, 0);  // the lead-in entry after the MCN pair
    return std::nullopt;
  };
  const BurnResult third = Recorder(*d.drive, d.logger()).burn(make_sao_plan(src), src, {});
  EXPECT_EQ(third.cue_variant, CueVariant::CdTextAtLeadInStart);
  ASSERT_EQ(sent.size(), 3u);
  EXPECT_EQ(std::vector<uint8_t>(sent[2].begin() + 16, sent[2].begin() + 24),
            (std::vector<uint8_t>{0x11, 0x00, 0x00, 0x41, 0x00, 97, 26, 66}));
  ASSERT_TRUE(d.vd->recorded());
  EXPECT_EQ(d.vd->recorded()->disc().cdtext, audio_disc().cdtext);
  // A drive that takes only a sheet with a pregap before every track (wodim's retry, the fourth
  // variant): track 3 gets index 0 at LBA 1199 on the disc, its index 1 stays at 1200, and the
  // block at 1199 holds the image's audio.
  auto w = bench();
  int refused = 0;
  w.transport->hook = [&](const scsi::Command& cmd, vdrive::VirtualDrive&) -> std::optional<scsi::CommandResult> {
    if (cmd.cdb[0] == 0x5D && refused < 3) return ++refused, check_condition(5, 0x26, 0);
    return std::nullopt;
  };
  const BurnResult fourth = Recorder(*w.drive, w.logger()).burn(make_sao_plan(src), src, {});
  EXPECT_EQ(fourth.cue_variant, CueVariant::PregapOfOneBlock);
  EXPECT_TRUE(w.logged("a pregap of one block before track(s) 3:"));
  ASSERT_TRUE(w.vd->recorded());
  const Track* t3 = w.vd->recorded()->disc().find_track(3);
  ASSERT_NE(t3, nullptr);
  EXPECT_EQ(t3->index(0), std::optional<Lba>(1199));
  EXPECT_EQ(t3->start(), 1200);
  std::vector<uint8_t> block(2352);
  w.vd->recorded()->read(1199, 1, block, {}, {});
  const std::vector<uint8_t> pattern = audio_pattern(1575);
  EXPECT_TRUE(std::equal(block.begin(), block.end(), pattern.begin() + 1199 * 2352));
}

TEST(BurnRecorder, UnderrunWithoutBurnFreeFails) {
  auto b = bench();
  MemorySectorSource src(mixed_disc(), 0, mixed_main());
  RecorderOptions opt;
  opt.bufe = false;
  bool paused = false;
  // The host stalls once: 2 MiB at 48x last about 0.25 s.
  opt.progress = [&](const BurnProgress& p) {
    if (!paused && p.blocks_done > 100) {
      paused = true;
      std::this_thread::sleep_for(std::chrono::milliseconds(400));
    }
  };
  const std::string e = burn_error(b, src, opt);
  EXPECT_NE(e.find("buffer underrun at LBA"), std::string::npos) << e;
  EXPECT_TRUE(b.logged("[sense 70 00 03"));
  EXPECT_FALSE(b.vd->recorded());
  // With BURN-Free on, the same stall is harmless.
  auto c = bench();
  paused = false;
  opt.bufe = true;
  Recorder(*c.drive, c.logger()).burn(make_sao_plan(src), src, opt);
  EXPECT_TRUE(c.vd->recorded());
}

TEST(BurnRecorder, PowerCalibrationErrorAndRemovalAreReported) {
  MemorySectorSource src(mixed_disc(), 0, mixed_main());
  auto b = bench();
  b.transport->hook = [](const scsi::Command& c, vdrive::VirtualDrive&) -> std::optional<scsi::CommandResult> {
    if (c.cdb[0] == 0x2A) return check_condition(3, 0x73, 0x03);
    return std::nullopt;
  };
  std::string e = burn_error(b, src);
  EXPECT_NE(e.find("power calibration error at LBA 0"), std::string::npos) << e;

  auto c = bench();
  int writes = 0;
  c.transport->hook = [&](const scsi::Command& cmd, vdrive::VirtualDrive& vd) -> std::optional<scsi::CommandResult> {
    if (cmd.cdb[0] == 0x2A && ++writes == 5) vd.remove();
    return std::nullopt;
  };
  e = burn_error(c, src);
  EXPECT_NE(e.find("removed during the burn"), std::string::npos) << e;
}

// OPC: SEND OPC INFORMATION (DoOpc) runs before the first block; a power calibration error there
// refuses the disc with nothing written; a drive without the command calibrates by itself.
TEST(BurnRecorder, PowerCalibrationBeforeWriting) {
  MemorySectorSource src(mixed_disc(), 0, mixed_main());
  auto good = bench();
  const BurnResult res = Recorder(*good.drive, good.logger()).burn(make_sao_plan(src), src, {});
  EXPECT_EQ(res.opc, "done");
  EXPECT_TRUE(good.logged("power calibration (SEND OPC INFORMATION, DoOpc): GOOD"));

  auto bad = bench();
  int writes = 0;
  bad.transport->hook = [&](const scsi::Command& c, vdrive::VirtualDrive&) -> std::optional<scsi::CommandResult> {
    writes += c.cdb[0] == 0x2A;
    if (c.cdb[0] == 0x54 && c.cdb[1] == 0x01) return check_condition(3, 0x73, 0x03);
    return std::nullopt;
  };
  const std::string e = burn_error(bad, src, {}, BurnError::Kind::Media);
  EXPECT_NE(e.find("power calibration failed"), std::string::npos) << e;
  EXPECT_EQ(writes, 0);
  EXPECT_EQ(bad.vd->recordable()->state(), RecordableMedia::State::Blank);

  auto old = bench();
  old.transport->hook = [](const scsi::Command& c, vdrive::VirtualDrive&) -> std::optional<scsi::CommandResult> {
    if (c.cdb[0] == 0x54) return check_condition(5, 0x20, 0x00);
    return std::nullopt;
  };
  const BurnResult r = Recorder(*old.drive, old.logger()).burn(make_sao_plan(src), src, {});
  EXPECT_EQ(r.opc, "not supported");
  EXPECT_TRUE(old.logged("it calibrates when writing starts"));
  ASSERT_TRUE(old.vd->recorded());

  auto sim = bench();  // a simulation sends no OPC
  RecorderOptions opt;
  opt.simulate = true;
  EXPECT_EQ(Recorder(*sim.drive, sim.logger()).burn(make_sao_plan(src), src, opt).opc, "");
}

TEST(BurnRecorder, CdRwBlankThenBurnAgain) {
  auto b = bench(RecordableMedia::Kind::CdRw);
  // SYNCHRONIZE CACHE and BLANK go with IMMED: the recorder polls TEST UNIT READY through the
  // drive's three "operation in progress" answers (docs/virtual-drive.md "IMMED") each time.
  int in_progress = 0;
  b.transport->after = [&](const scsi::Command& c, scsi::CommandResult& r) {
    if (c.cdb[0] == 0x00 && scsi::code_string(r.sense) == "02/04/07") ++in_progress;
  };
  MemorySectorSource src(mixed_disc(), 0, mixed_main());
  const BurnPlan plan = make_sao_plan(src);
  Recorder rec(*b.drive, b.logger());
  rec.burn(plan, src, {});
  EXPECT_EQ(in_progress, 3);
  std::vector<double> progress;
  rec.blank(true, [&](double p) { progress.push_back(p); });
  EXPECT_EQ(in_progress, 6);
  EXPECT_EQ(progress, (std::vector<double>{0.0, 21845 / 65536.0, 43690 / 65536.0}));
  EXPECT_FALSE(b.vd->recorded());
  EXPECT_TRUE(b.logged("the disc is blank"));
  rec.burn(plan, src, {});
  EXPECT_TRUE(verify_burn(*b.drive, src, plan, {}, b.logger()).ok());
  // A CD-R cannot be blanked.
  auto c = bench();
  try {
    Recorder(*c.drive, c.logger()).blank(true);
    ADD_FAILURE() << "blanked a CD-R";
  } catch (const BurnError& err) {
    EXPECT_EQ(err.kind(), BurnError::Kind::Media);
    EXPECT_NE(std::string(err.what()).find("not rewritable"), std::string::npos) << err.what();
  }
}

TEST(BurnRecorder, DriveWithoutBurnFreeBurnsWithoutIt) {
  auto b = bench(RecordableMedia::Kind::CdR, 10000, "cheap");
  MemorySectorSource src(mixed_disc(), 0, mixed_main());
  const BurnResult res = Recorder(*b.drive, b.logger()).burn(make_sao_plan(src), src, {});
  EXPECT_FALSE(res.bufe);
  EXPECT_TRUE(b.logged("no buffer-underrun protection"));
  EXPECT_TRUE(b.vd->recorded());
}

TEST(BurnRecorder, PageAndWriteFallbacks) {
  // A drive that refuses block type 3 with CD-Text and BUFE on, and whose buffer is full once.
  auto b = bench();
  int writes = 0;
  b.transport->hook = [&](const scsi::Command& c, vdrive::VirtualDrive&) -> std::optional<scsi::CommandResult> {
    if (c.cdb[0] == 0x55 && c.data.size() > 8 + 4) {
      const uint8_t* page = c.data.data() + 8;
      if ((page[2] & 0x40) || page[4] == 3) return check_condition(5, 0x26, 0);
    }
    if (c.cdb[0] == 0x2A && ++writes == 3) return check_condition(2, 0x04, 0x08);  // long write in progress
    return std::nullopt;
  };
  MemorySectorSource src(audio_disc(), 0, audio_pattern(1575));
  const BurnResult res = Recorder(*b.drive, b.logger()).burn(make_sao_plan(src), src, {});
  EXPECT_EQ(res.block_type, 0);
  EXPECT_FALSE(res.bufe);
  EXPECT_TRUE(b.logged("trying without it"));
  EXPECT_TRUE(b.logged("02/04/08"));
  EXPECT_TRUE(b.vd->recorded());
  EXPECT_EQ(b.vd->recorded()->disc(), audio_disc());
}

TEST(BurnRecorder, AudioThenDataWithAStoredDataPregap) {
  // Track 1 audio [0, 300); track 2 Mode 1 with its 150-sector pregap stored as empty Mode 1
  // sectors (index 0 at 300, index 1 at 450); lead-out 600.
  Disc d;
  Session s;
  s.tracks.push_back(track(1, TrackMode::Audio, {{1, 0}}));
  s.tracks.push_back(track(2, TrackMode::Mode1, {{0, 300}, {1, 450}}));
  s.leadout = 600;
  d.sessions.push_back(s);
  set_point_controls(d);
  auto main = audio_pattern(600);
  std::vector<uint8_t> user(2048);
  for (Lba l = 300; l < 600; ++l) {
    for (size_t k = 0; k < user.size(); ++k) user[k] = l < 450 ? 0 : static_cast<uint8_t>(k ^ size_t(l));
    encode_sector(SectorKind::Mode1, l, user, std::span<uint8_t, 2352>(main.data() + size_t(l) * 2352, 2352));
  }
  MemorySectorSource src(d, 0, main);
  const BurnPlan plan = make_sao_plan(src);
  const std::vector<uint8_t> expected{
      0x01, 0x00, 0x00, 0x01, 0x00, 0x00, 0x00, 0x00,  // lead-in
      0x01, 0x01, 0x00, 0x01, 0x00, 0x00, 0x00, 0x00,  // track 1 pregap, drive silence
      0x01, 0x01, 0x01, 0x00, 0x00, 0x00, 0x02, 0x00,  // track 1 index 1
      0x41, 0x02, 0x00, 0x10, 0x00, 0x00, 0x06, 0x00,  // track 2 index 0 at LBA 300, Mode 1 sent
      0x41, 0x02, 0x01, 0x10, 0x00, 0x00, 0x08, 0x00,  // track 2 index 1 at LBA 450
      0x41, 0xAA, 0x01, 0x10, 0x00, 0x00, 0x0A, 0x00,  // lead-out at LBA 600
  };
  EXPECT_EQ(plan.cue_sheet(), expected);
  auto b = bench();
  Recorder(*b.drive, b.logger()).burn(plan, src, {});
  ASSERT_TRUE(b.vd->recorded());
  EXPECT_EQ(b.vd->recorded()->disc(), d);
  std::vector<uint8_t> got(600 * 2352);
  b.vd->recorded()->read(0, 600, got, {}, {});
  EXPECT_EQ(got, main);  // the pregap's empty sectors too
  const VerifyResult v = verify_burn(*b.drive, src, plan, {}, b.logger());
  EXPECT_TRUE(v.ok());
  EXPECT_EQ(v.data_sectors, 150u);
  EXPECT_EQ(v.audio_sectors, 300u);
}

TEST(BurnRecorder, RecorderWriteOffsetShowsInVerify) {
  // The lg personality writes audio 24 samples late and reads with offset +6: the disc's sample k
  // is the image's k - 24, and the drive delivers as sample k the disc's k - 6, the image's k - 30.
  auto b = bench(RecordableMedia::Kind::CdR, 10000, "lg");
  Disc disc = audio_disc();
  MemorySectorSource src(disc, 0, audio_pattern(1575));
  const BurnPlan plan = make_sao_plan(src);
  Recorder rec(*b.drive, b.logger());
  rec.burn(plan, src, {});
  const VerifyResult v = verify_burn(*b.drive, src, plan, {}, b.logger());
  EXPECT_TRUE(v.ok());
  EXPECT_EQ(v.audio_mismatches, 0u);
  ASSERT_TRUE(v.audio_offset);
  EXPECT_EQ(*v.audio_offset, -30);
}
