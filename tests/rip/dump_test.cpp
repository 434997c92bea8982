#include "rip/dump.hpp"

#include <gtest/gtest.h>
#include <unistd.h>

#include <algorithm>
#include <filesystem>
#include <fstream>
#include <iterator>

#include "disc/error.hpp"
#include "disc/full_toc.hpp"
#include "disc/subchannel.hpp"
#include "disc/subchannel_synth.hpp"
#include "rip/dump_source.hpp"
#include "rip/dumper.hpp"
#include "support/test_discs.hpp"

namespace dw::rip {
namespace {

namespace fs = std::filesystem;

class DumpTest : public ::testing::Test {
 protected:
  void SetUp() override {
    dir_ = fs::temp_directory_path() / ("dw-dump-" + std::to_string(::getpid()) + "-" +
                                        ::testing::UnitTest::GetInstance()->current_test_info()->name());
    fs::remove_all(dir_);
  }
  void TearDown() override { fs::remove_all(dir_); }
  static DumpManifest manifest() {
    DumpManifest m;
    m.device = "virtual:x.cue";
    m.vendor = "PLEXTOR";
    m.product = "DVDR PX-760A";
    m.revision = "1.07";
    m.read_offset = 30;
    m.offset_source = "quirks table";
    m.first = -75;
    m.end = 25;
    m.leadout = 20;
    return m;
  }
  // Sectors of a counting pattern that is never zero.
  static std::vector<uint8_t> pattern(size_t sectors) {
    std::vector<uint8_t> main(sectors * kMainSize);
    for (size_t i = 0; i < main.size(); ++i) main[i] = static_cast<uint8_t>(i % 251 + 1);
    return main;
  }
  // A dump from -75 cut at LBA 10 of a disc whose TOC (READ TOC format 0: one audio track at LBA
  // 0, lead-out at 20) goes on to 20; LBA 0-9 stored as `main`, the last one read as data when
  // `last_as_data`.
  Dump cut_dump(const std::vector<uint8_t>& main, bool last_as_data) const {
    DumpManifest m = manifest();
    m.read_offset = 0;
    m.end = 10;
    Dump d = Dump::create(dir_, m);
    const std::vector<uint8_t> toc{0x00, 0x12, 0x01, 0x01, 0x00, 0x10, 0x01, 0x00, 0x00, 0x00,
                                   0x00, 0x00, 0x00, 0x10, 0xAA, 0x00, 0x00, 0x00, 0x00, 0x14};
    d.save_response("toc", toc);
    const std::vector<uint8_t> sub(10 * kSubSize, 0);
    std::vector<DumpState> st(10, DumpState{DumpQuality::Good, 0, 1});
    if (last_as_data) st[9].flags = DumpState::kReadAsData;
    d.store(0, 10, main, sub, st);
    return d;
  }
  fs::path dir_;
};

TEST_F(DumpTest, StoresSectorsAndStatesAndReopens) {
  std::vector<uint8_t> main(2 * kMainSize), sub(2 * kSubSize);
  for (size_t i = 0; i < main.size(); ++i) main[i] = static_cast<uint8_t>(i * 7);
  for (size_t i = 0; i < sub.size(); ++i) sub[i] = static_cast<uint8_t>(i + 1);
  {
    Dump d = Dump::create(dir_, manifest());
    EXPECT_EQ(d.states().size(), 100u);
    const DumpState st[2] = {{DumpQuality::Good, 0, 1}, {DumpQuality::C2Error, DumpState::kReadAsData, 300}};
    d.store(-1, 2, main, sub, st);
  }
  EXPECT_EQ(fs::file_size(dir_ / "state.bin"), 400u);
  // LBA -1 and 0 are sectors 74 and 75 of a dump from -75: the file ends after 76 sectors.
  EXPECT_EQ(fs::file_size(dir_ / "main.bin"), 76u * kMainSize);
  Dump d = Dump::open(dir_);
  EXPECT_EQ(d.manifest().product, "DVDR PX-760A");
  EXPECT_EQ(d.manifest().read_offset, 30);
  EXPECT_EQ(d.state(-1), (DumpState{DumpQuality::Good, 0, 1}));
  EXPECT_EQ(d.state(0), (DumpState{DumpQuality::C2Error, DumpState::kReadAsData, 300}));
  EXPECT_EQ(d.state(1).quality, DumpQuality::Unread);
  std::vector<uint8_t> m2(3 * kMainSize, 0xEE), s2(3 * kSubSize, 0xEE);
  d.load(-1, 3, m2, s2);
  EXPECT_TRUE(std::equal(main.begin(), main.end(), m2.begin()));
  EXPECT_TRUE(std::equal(sub.begin(), sub.end(), s2.begin()));
  // Never stored: zeros, not garbage.
  EXPECT_TRUE(std::all_of(m2.begin() + 2 * kMainSize, m2.end(), [](uint8_t b) { return b == 0; }));
  EXPECT_THROW((void)d.state(25), std::out_of_range);
  EXPECT_THROW(d.store(24, 2, std::span<const uint8_t>(m2).first(0), {}, {}), std::out_of_range);
}

TEST_F(DumpTest, RefusesToOverwriteAndRejectsBrokenFolders) {
  { Dump d = Dump::create(dir_, manifest()); }
  EXPECT_THROW(Dump::create(dir_, manifest()), InputError);
  fs::resize_file(dir_ / "state.bin", 10);
  try {
    Dump::open(dir_);
    FAIL();
  } catch (const InputError& e) {
    EXPECT_NE(std::string(e.what()).find("state.bin"), std::string::npos) << e.what();
    EXPECT_NE(std::string(e.what()).find("needs 400"), std::string::npos) << e.what();
  }
  std::ofstream(dir_ / "dump.json") << "{\"format\": \"discwright dump\", \"version\": 1}";
  EXPECT_THROW(Dump::open(dir_), InputError);
  std::ofstream(dir_ / "dump.json") << "not json";
  EXPECT_THROW(Dump::open(dir_), InputError);
  EXPECT_THROW(Dump::open(dir_ / "nothing"), InputError);
}

// Manifest values that would make the split allocate without bound, and a lead-in that overlaps
// the dumped range, are refused with the manifest named.
TEST_F(DumpTest, RejectsImpossibleOffsetsAndLeadIns) {
  DumpManifest m = manifest();
  m.read_offset = kMaxOffsetSamples + 1;
  { Dump d = Dump::create(dir_, m); }
  try {
    Dump::open(dir_);
    FAIL();
  } catch (const InputError& e) {
    EXPECT_NE(std::string(e.what()).find("read offset 100001 is not a drive's"), std::string::npos) << e.what();
  }
  fs::remove_all(dir_);
  m = manifest();
  m.leadin_first = -100;
  m.leadin_sectors = 26;  // reaches -74, past the dump's first LBA -75
  { Dump d = Dump::create(dir_, m); }
  EXPECT_THROW(Dump::open(dir_), InputError);
  fs::remove_all(dir_);
  m.leadin_sectors = 25;
  { Dump d = Dump::create(dir_, m); }
  const Dump d = Dump::open(dir_);
  EXPECT_EQ(d.manifest().leadin_first, -100);
  EXPECT_EQ(d.manifest().leadin_sectors, 25u);
}

// The tracks that open sessions 2.. (three or more sessions without the full TOC) come back as
// written; a list that is not rising track numbers 2..99 is refused with the manifest named.
TEST_F(DumpTest, KeepsTheSessionsFirstTracks) {
  DumpManifest m = manifest();
  m.session_first_tracks = {3, 5};
  { Dump d = Dump::create(dir_, m); }
  EXPECT_EQ(Dump::open(dir_).manifest().session_first_tracks, (std::vector<uint8_t>{3, 5}));
  for (const char* bad : {"[5, 3]", "[1]", "[3, 300]", "[3, 3]"}) {
    fs::remove_all(dir_);
    { Dump d = Dump::create(dir_, manifest()); }
    std::ifstream in(dir_ / "dump.json");
    std::string text((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
    in.close();
    text.insert(text.rfind('}'), std::string(", \"session_first_tracks\": ") + bad);
    std::ofstream(dir_ / "dump.json") << text;
    try {
      Dump::open(dir_);
      ADD_FAILURE() << bad << " accepted";
    } catch (const InputError& e) {
      EXPECT_NE(std::string(e.what()).find("dump.json"), std::string::npos) << e.what();
      EXPECT_NE(std::string(e.what()).find("session_first_tracks"), std::string::npos) << e.what();
    }
  }
}

TEST_F(DumpTest, KeepsTheDrivesAnswers) {
  Dump d = Dump::create(dir_, manifest());
  const std::vector<uint8_t> toc = {0, 0x12, 1, 1, 0, 0x14, 1, 0, 0, 0, 0, 0};
  d.save_response("toc", toc);
  EXPECT_EQ(d.response("toc"), toc);
  EXPECT_FALSE(d.response("cdtext"));
}

}  // namespace
}  // namespace dw::rip

namespace dw::rip {
namespace {

// A dump cut short of the disc (edited, or from another tool): the sectors it lacks read as
// unread placeholders and count as unread, never as an error or an out-of-range access.
TEST_F(DumpTest, ADumpCutShortOfTheDiscSplitsWithItsTailUnread) {
  const std::vector<uint8_t> main = pattern(10);
  Dump d = cut_dump(main, false);
  SplitLayout layout;
  auto src = open_dump_source(d, {}, layout);
  ASSERT_EQ(src->end(), 20);
  std::vector<uint8_t> out(20 * kMainSize);
  std::vector<SectorState> states(20);
  src->read(0, 20, out, {}, states);
  EXPECT_TRUE(std::equal(main.begin(), main.end(), out.begin()));
  for (int i = 0; i < 20; ++i) EXPECT_EQ(states[i].quality, i < 10 ? SectorQuality::Good : SectorQuality::Unread) << i;
  EXPECT_TRUE(std::all_of(out.begin() + 10 * kMainSize, out.end(), [](uint8_t b) { return b == 0; }));
  const DumpTally t = Dumper::tally(d, disc_from_responses(d));
  EXPECT_EQ(t.good, 10u);
  EXPECT_EQ(t.unread, 10u);
}

// The same cut dump whose last sector was read as data: a run reaching past the dump's end loads
// only the sectors the dump holds (found by fuzz-dump: it threw std::out_of_range).
TEST_F(DumpTest, ARunPastTheDumpsEndWithASectorReadAsData) {
  const std::vector<uint8_t> main = pattern(10);
  Dump d = cut_dump(main, true);
  SplitLayout layout;
  auto src = open_dump_source(d, {}, layout);
  std::vector<uint8_t> out(10 * kMainSize, 0xEE);
  std::vector<SectorState> states(10);
  src->read(5, 10, out, {}, states);
  EXPECT_TRUE(std::equal(main.begin() + 5 * kMainSize, main.end(), out.begin()));  // LBA 5-9 as stored
  for (int i = 0; i < 10; ++i) EXPECT_EQ(states[i].quality, i < 5 ? SectorQuality::Good : SectorQuality::Unread) << i;
  EXPECT_TRUE(std::all_of(out.begin() + 5 * kMainSize, out.end(), [](uint8_t b) { return b == 0; }));
}

}  // namespace
}  // namespace dw::rip

namespace dw::rip {
namespace {

// Between two sessions (session 1's lead-out, session 2's lead-in) no drive reads: the dump holds
// those sectors unread, the split makes their main channel a generated gap, and their subchannel
// is what the disc carries there (as `convert` of an image gives), not zeros that are no Q at all.
TEST_F(DumpTest, TheUnreadSessionGapGetsTheDiscsSubchannel) {
  Disc disc = test::two_session_disc(TrackMode::Mode1);
  disc.cdtext = {};
  DumpManifest m = manifest();
  m.read_offset = 0;
  m.first = 0;
  m.end = m.leadout = 11630;
  Dump d = Dump::create(dir_, m);
  d.save_response("fulltoc", build_full_toc(disc));
  // What the drive reads: session 1 (0..199) and session 2 from its pregap (11450..11629).
  const SubchannelSynthesizer synth(disc);
  for (auto [first, end] : {std::pair<Lba, Lba>{0, 200}, {11450, 11630}}) {
    const auto n = static_cast<uint32_t>(end - first);
    std::vector<uint8_t> main(n * kMainSize, 0), sub(n * kSubSize);
    synth.synthesize_run(first, n, sub);
    d.store(first, n, main, sub, std::vector<DumpState>(n, DumpState{DumpQuality::Good, 0, 1}));
  }
  SplitLayout layout;
  auto src = open_dump_source(d, {}, layout);
  std::vector<uint8_t> sub(3 * kSubSize);
  std::vector<SectorState> states(3);
  src->read(199, 3, {}, sub, states);
  const auto q = [&](size_t i) {
    return extract_channel(std::span<const uint8_t, kSubchannelSize>(sub.data() + i * kSubSize, kSubSize), Channel::Q);
  };
  // Reference (cd-physical.md, Q ADR 1): lead-out = track AA index 01, relative time from the
  // lead-out start, absolute MSF = LBA + 150 (200 = 00:04:50), CRC-16/GSM big-endian.
  EXPECT_EQ(q(1), (std::array<uint8_t, 12>{0x01, 0xAA, 0x01, 0x00, 0x00, 0x00, 0x00, 0x00, 0x04, 0x50, 0xB6, 0x8E}));
  EXPECT_EQ(q(2), (std::array<uint8_t, 12>{0x01, 0xAA, 0x01, 0x00, 0x00, 0x01, 0x00, 0x00, 0x04, 0x51, 0x0C, 0xFE}));
  EXPECT_EQ(q(0), synth.q_at(199));  // read by the drive: kept as read
  EXPECT_FALSE(states[0].provenance & SectorState::kSubSynthesized);
  EXPECT_TRUE(states[1].provenance & SectorState::kSubSynthesized);
  EXPECT_TRUE(states[1].provenance & SectorState::kGapGenerated);
  // The last lead-in sector of session 2 as well: the whole gap, nothing left zero.
  std::vector<uint8_t> gap(size_t{11450 - 200} * kSubSize), made(gap.size());
  src->read(200, 11450 - 200, {}, gap, {});
  synth.synthesize_run(200, 11450 - 200, made);
  EXPECT_EQ(gap, made);
}

}  // namespace
}  // namespace dw::rip
