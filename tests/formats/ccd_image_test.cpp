// CloneCD: the control file text for a known disc (entries worked out from the full-TOC rules in
// reference/cd-physical.md and the CloneCD section of image-formats.md), round trips with the
// subchannel kept, scrambled data tracks, and malformed control files.
#include "formats/ccd_image.hpp"

#include <gtest/gtest.h>

#include <fstream>

#include "disc/error.hpp"
#include "disc/scrambler.hpp"
#include "disc/sector.hpp"
#include "disc/subchannel_synth.hpp"
#include "support/test_discs.hpp"

namespace dw {
namespace {

namespace fs = std::filesystem;

Disc one_audio_track() {
  Disc d;
  Session s;
  s.tracks.push_back(test::track(1, TrackMode::Audio, {{1, 0}}));
  s.tracks[0].control.bits = Control::kCopyPermitted;
  s.a0_control = s.a1_control = s.a2_control = s.tracks[0].control;  // as pressed discs have them
  s.leadout = 302;
  d.sessions.push_back(s);
  return d;
}

TEST(CcdImage, ControlFileText) {
  // A0: first track 1, disc type 0; A1: last track 1; A2: lead-out 302 + 150 = 452 frames =
  // 00:06:02; track 1 at 00:02:00 (LBA 0). CONTROL 2 (copy permitted) on every point.
  EXPECT_EQ(make_ccd(one_audio_track()),
            "[CloneCD]\nVersion=3\n[Disc]\nTocEntries=4\nSessions=1\nDataTracksScrambled=0\nCDTextLength=0\n"
            "[Session 1]\nPreGapMode=0\nPreGapSubC=0\n"
            "[Entry 0]\nSession=1\nPoint=0xa0\nADR=0x01\nControl=0x02\nTrackNo=0\nAMin=0\nASec=0\nAFrame=0\nALBA=-150\n"
            "Zero=0\nPMin=1\nPSec=0\nPFrame=0\nPLBA=4350\n"
            "[Entry 1]\nSession=1\nPoint=0xa1\nADR=0x01\nControl=0x02\nTrackNo=0\nAMin=0\nASec=0\nAFrame=0\nALBA=-150\n"
            "Zero=0\nPMin=1\nPSec=0\nPFrame=0\nPLBA=4350\n"
            "[Entry 2]\nSession=1\nPoint=0xa2\nADR=0x01\nControl=0x02\nTrackNo=0\nAMin=0\nASec=0\nAFrame=0\nALBA=-150\n"
            "Zero=0\nPMin=0\nPSec=6\nPFrame=2\nPLBA=302\n"
            "[Entry 3]\nSession=1\nPoint=0x01\nADR=0x01\nControl=0x02\nTrackNo=0\nAMin=0\nASec=0\nAFrame=0\nALBA=-150\n"
            "Zero=0\nPMin=0\nPSec=2\nPFrame=0\nPLBA=0\n"
            "[TRACK 1]\nMODE=0\nFLAGS=DCP\nINDEX 1=0\n");
}

Disc two_sessions() { return test::two_session_disc(TrackMode::Mode2Xa); }

std::vector<uint8_t> sectors_of(const Disc& d) {
  std::vector<uint8_t> main(size_t(d.leadout()) * 2352);
  for (Lba l = 0; l < d.leadout(); ++l) {
    auto* s = main.data() + size_t(l) * 2352;
    const auto pos = d.locate(l);
    if (pos.area == Position::Area::Program && d.find_track(pos.track)->is_data()) {
      std::vector<uint8_t> user(2048, uint8_t(l));
      encode_sector(SectorKind::Mode2Form1, l, user, std::span<uint8_t, 2352>(s, 2352), {0, 0, 8, 0});
    } else if (pos.area == Position::Area::Program) {
      for (size_t i = 0; i < 2352; ++i) s[i] = uint8_t(l + i);
    }
  }
  return main;
}

TEST(CcdImage, RoundTripKeepsDiscSectorsAndSubchannel) {
  const Disc disc = two_sessions();
  // A source with its own subchannel, one Q frame deliberately damaged: it must survive.
  SubchannelSynthesizer synth(disc);
  std::vector<uint8_t> sub(size_t(disc.leadout()) * 96);
  synth.synthesize_run(0, static_cast<uint32_t>(disc.leadout()), sub);
  sub[50 * 96 + 7] ^= 0x40;
  MemorySectorSource src(disc, 0, sectors_of(disc), sub);
  const fs::path dir = fs::temp_directory_path() / ("dw-ccd-" + std::to_string(::getpid()));
  fs::create_directories(dir);
  const auto files = write_ccd(src, dir / "Disc.ccd", false);
  ASSERT_EQ(files.size(), 3u);
  EXPECT_EQ(fs::file_size(dir / "Disc.img"), 11630u * 2352);
  EXPECT_EQ(fs::file_size(dir / "Disc.sub"), 11630u * 96);
  for (const char* open_as : {"Disc.ccd", "Disc.img", "Disc.sub"}) {
    Image back = read_ccd(dir / open_as);
    EXPECT_EQ(back.format, "ccd");
    Disc want = disc;  // CD-Text comes back canonical (parse of the packs)
    want.cdtext = parse_cdtext(cdtext_bytes(build_cdtext_packs(disc.cdtext)), "x");
    EXPECT_EQ(back.disc(), want);
    EXPECT_EQ(back.disc().mcn, disc.mcn);
    EXPECT_EQ(back.disc().cdtext, parse_cdtext(cdtext_bytes(build_cdtext_packs(disc.cdtext)), "x"));
    for (const Track* t : disc.tracks()) {
      EXPECT_EQ(back.disc().find_track(t->number)->indices, t->indices);
      EXPECT_EQ(back.disc().find_track(t->number)->mode, t->mode);
      EXPECT_EQ(back.disc().find_track(t->number)->isrc, t->isrc);
    }
    EXPECT_EQ(back.source->subchannel_origin(), SubchannelOrigin::Source);
    std::vector<uint8_t> m(11630 * 2352), s(11630 * 96);
    back.source->read(0, 11630, m, s, {});
    EXPECT_EQ(m, sectors_of(disc));
    EXPECT_EQ(s, sub);
  }
  EXPECT_THROW(write_ccd(src, dir / "Disc.ccd", false), InputError);
  fs::remove_all(dir);
}

TEST(CcdImage, ScrambledDataTracksAreDescrambled) {
  const Disc disc = two_sessions();
  MemorySectorSource src(disc, 0, sectors_of(disc));
  const fs::path dir = fs::temp_directory_path() / ("dw-ccds-" + std::to_string(::getpid()));
  fs::create_directories(dir);
  write_ccd(src, dir / "S.ccd", false);
  fs::remove(dir / "S.sub");
  // Scramble the data track's sectors (pregap included) in the .img and say so in the control file.
  {
    std::fstream img(dir / "S.img", std::ios::in | std::ios::out | std::ios::binary);
    std::vector<uint8_t> s(2352);
    for (Lba l = 11450; l < 11630; ++l) {  // the data track and its pregap, as a drive reads them
      img.seekg(std::streamoff(l) * 2352);
      img.read(reinterpret_cast<char*>(s.data()), 2352);
      scramble(s);
      img.seekp(std::streamoff(l) * 2352);
      img.write(reinterpret_cast<const char*>(s.data()), 2352);
    }
    std::ifstream in(dir / "S.ccd");
    std::string text((std::istreambuf_iterator<char>(in)), {});
    text.replace(text.find("DataTracksScrambled=0"), 21, "DataTracksScrambled=1");
    std::ofstream(dir / "S.ccd") << text;
  }
  Image back = read_ccd(dir / "S.ccd");
  EXPECT_EQ(back.source->subchannel_origin(), SubchannelOrigin::Synthesized);
  std::vector<uint8_t> m(11630 * 2352);
  back.source->read(0, 11630, m, {}, {});
  EXPECT_EQ(m, sectors_of(disc));
  fs::remove_all(dir);
}

std::string ccd_error(const std::string& text) {
  try {
    parse_ccd(text, "t.ccd");
  } catch (const InputError& e) {
    return std::to_string(e.line().value_or(0)) + ": " + e.problem();
  }
  return "(accepted)";
}

TEST(CcdImage, MalformedControlFiles) {
  EXPECT_EQ(ccd_error("[Disc]\nTocEntries=0\n"), "1: no [CloneCD] section: not a CloneCD control file");
  EXPECT_EQ(ccd_error("[CloneCD]\nVersion=3\n[Disc]\nTocEntries=1\nSessions=1\n"),
            "5: [Disc] TocEntries=1 but there is no [Entry 0]");
  EXPECT_EQ(ccd_error("[CloneCD]\nVersion=x\n"), "2: [CloneCD] version='x' is not a number");
  EXPECT_EQ(ccd_error("[CloneCD]\nVersion=3\n[Disc]\nTocEntries=0\nSessions=1\nCATALOG=12\n"),
            "6: CATALOG '12' must be 13 digits");
  EXPECT_EQ(ccd_error("[CloneCD\n"), "1: section header '[CloneCD' has no closing ']'");
  EXPECT_EQ(ccd_error("[CloneCD]\nVersion=3\n[Disc]\nTocEntries=0\nSessions=1\n[CDText]\nEntries=1\nEntry 0=80 00\n"),
            "8: [CDText] Entry 0 must be 16 hex bytes, has 2");
  EXPECT_EQ(ccd_error("[CloneCD]\nVersion=3\n[Disc]\nTocEntries=0\nSessions=1\n[TRACK 1]\nMODE=3\nINDEX 1=0\n"),
            "7: [track 1] mode=3 is outside 0..2");
  // A full TOC without A2: the disc cannot be built.
  const CcdSheet s = parse_ccd(
      "[CloneCD]\nVersion=3\n[Disc]\nTocEntries=1\nSessions=1\n[Entry "
      "0]\nSession=1\nPoint=0x01\nADR=0x01\nControl=0x00\n"
      "TrackNo=0\nAMin=0\nASec=0\nAFrame=0\nZero=0\nPMin=0\nPSec=2\nPFrame=0\n",
      "t.ccd");
  EXPECT_THROW(ccd_disc(s, "t.ccd"), InputError);
}

}  // namespace
}  // namespace dw
