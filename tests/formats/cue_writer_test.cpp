// BIN/CUE writing: the exact sheet text for known discs (redump's line order and naming, from
// reference/image-formats.md), and round trips through both styles giving the same Disc and
// the same sector bytes.
#include "formats/cue_writer.hpp"

#include <gtest/gtest.h>

#include <fstream>

#include "disc/error.hpp"
#include "disc/sector.hpp"
#include "formats/cue_reader.hpp"
#include "support/test_discs.hpp"

namespace dw {
namespace {

namespace fs = std::filesystem;

Disc two_session_disc() { return test::two_session_disc(TrackMode::Mode1); }

MemorySectorSource source_of(const Disc& d) {
  const Lba end = d.leadout();
  std::vector<uint8_t> main(size_t(end) * 2352);
  for (Lba l = 0; l < end; ++l) {
    const auto pos = d.locate(l);
    auto* s = main.data() + size_t(l) * 2352;
    if (pos.area != Position::Area::Program) continue;
    if (d.find_track(pos.track)->is_data()) {
      std::vector<uint8_t> user(2048, uint8_t(l));
      encode_sector(SectorKind::Mode1, l, user, std::span<uint8_t, 2352>(s, 2352));
    } else {
      for (size_t i = 0; i < 2352; ++i) s[i] = uint8_t(l * 31 + i);
    }
  }
  return MemorySectorSource(d, 0, std::move(main));
}

TEST(CueWriter, RedumpSheetText) {
  const CuePlan p = plan_cue(two_session_disc(), "Disc", CueStyle::Redump);
  EXPECT_EQ(p.sheet,
            "CATALOG 0724384260927\n"
            "TITLE \"Album\"\n"
            "PERFORMER \"Band\"\n"
            "REM SESSION 01\n"
            "FILE \"Disc (Track 1).bin\" BINARY\n"
            "  TRACK 01 AUDIO\n"
            "    ISRC USSM19922509\n"
            "    FLAGS DCP\n"
            "    INDEX 01 00:00:00\n"
            "FILE \"Disc (Track 2).bin\" BINARY\n"
            "  TRACK 02 AUDIO\n"
            "    TITLE \"Second\"\n"
            "    INDEX 00 00:00:00\n"
            "    INDEX 01 00:00:50\n"
            "    INDEX 02 00:00:70\n"
            "REM LEAD-OUT 01:30:00\n"
            "REM SESSION 02\n"
            "REM LEAD-IN 01:00:00\n"
            "REM PREGAP 00:02:00\n"
            "FILE \"Disc (Track 3).bin\" BINARY\n"
            "  TRACK 03 MODE1/2352\n"
            "    INDEX 01 00:00:00\n");
  ASSERT_EQ(p.files.size(), 3u);
  EXPECT_EQ(p.files[1].first, 100);
  EXPECT_EQ(p.files[1].end, 200);
  EXPECT_EQ(p.files[2].first, 11600);
  EXPECT_TRUE(p.cdtext_file.empty());
}

TEST(CueWriter, SingleFileSheetText) {
  const CuePlan p = plan_cue(two_session_disc(), "Disc", CueStyle::Single);
  EXPECT_NE(p.sheet.find("FILE \"Disc.bin\" BINARY\n  TRACK 01 AUDIO\n"), std::string::npos);
  EXPECT_NE(p.sheet.find("    INDEX 00 00:01:25\n    INDEX 01 00:02:00\n    INDEX 02 00:02:20\n"), std::string::npos);
  // Session 1 ends at file frame 200 = 00:02:50; track 3 follows in the file at the same frame.
  EXPECT_NE(p.sheet.find("REM LEAD-OUT 00:02:50\nREM SESSION 02\n  TRACK 03 MODE1/2352\n    INDEX 01 00:02:50\n"),
            std::string::npos)
      << p.sheet;
}

TEST(CueWriter, RoundTripsGiveTheSameDiscAndBytes) {
  const Disc disc = two_session_disc();
  MemorySectorSource src = source_of(disc);
  for (CueStyle style : {CueStyle::Redump, CueStyle::Single}) {
    const fs::path dir = fs::temp_directory_path() / ("dw-cuew-" + std::to_string(::getpid()));
    fs::create_directories(dir);
    const auto written = write_cue(src, dir / "Disc.cue", style, false);
    EXPECT_EQ(written.size(), style == CueStyle::Redump ? 4u : 2u);
    Image back = read_cue(dir / "Disc.cue");
    EXPECT_EQ(back.disc(), disc);
    for (Lba l : {0, 99, 100, 199, 11600, 11629}) {
      std::vector<uint8_t> a(2352), b(2352);
      src.read(l, 1, a, {}, {});
      back.source->read(l, 1, b, {}, {});
      EXPECT_EQ(a, b) << "LBA " << l;
    }
    // No overwriting without force; with force it works.
    EXPECT_THROW(write_cue(src, dir / "Disc.cue", style, false), InputError);
    EXPECT_NO_THROW(write_cue(src, dir / "Disc.cue", style, true));
    for (const auto& e : fs::directory_iterator(dir))
      EXPECT_EQ(e.path().extension(), e.path().extension() == ".cue" ? ".cue" : ".bin");
    fs::remove_all(dir);
  }
}

TEST(CueWriter, CdTextTheSheetCannotHoldGoesToACdtFile) {
  Disc d = two_session_disc();
  d.cdtext.blocks[0].text[{0x80, 1}] = "Say \"hi\"";  // a quote cannot be written in a sheet
  EXPECT_FALSE(cdtext_fits_sheet(d.cdtext, d));
  MemorySectorSource src = source_of(d);
  const fs::path dir = fs::temp_directory_path() / ("dw-cuet-" + std::to_string(::getpid()));
  fs::create_directories(dir);
  write_cue(src, dir / "X.cue", CueStyle::Redump, false);
  EXPECT_TRUE(fs::exists(dir / "X.cdt"));
  const Image back = read_cue(dir / "X.cue");
  EXPECT_EQ(back.disc().cdtext, parse_cdtext(cdtext_bytes(build_cdtext_packs(d.cdtext)), "x"));
  EXPECT_EQ(back.disc().cdtext.blocks[0].text.at({0x80, 1}), "Say \"hi\"");
  fs::remove_all(dir);
}

TEST(CueWriter, DataBeforeLba0GoesToTrackZero) {
  Disc d;
  Session s;
  s.tracks.push_back(test::track(1, TrackMode::Audio, {{1, 0}}));
  s.leadout = 10;
  d.sessions.push_back(s);
  test::set_point_controls(d);
  const fs::path dir = fs::temp_directory_path() / ("dw-cue0-" + std::to_string(::getpid()));
  fs::create_directories(dir);
  // Silence before LBA 0 is not kept; sound is, in "(Track 0).bin", outside the sheet.
  MemorySectorSource quiet(d, -150, std::vector<uint8_t>(160 * 2352, 0));
  EXPECT_EQ(write_cue(quiet, dir / "Q.cue", CueStyle::Redump, false).size(), 2u);
  EXPECT_FALSE(fs::exists(dir / "Q (Track 0).bin"));
  std::vector<uint8_t> main(160 * 2352, 0);
  main[100 * 2352 + 7] = 0x55;
  MemorySectorSource hidden(d, -150, main);
  EXPECT_EQ(write_cue(hidden, dir / "H.cue", CueStyle::Redump, false).size(), 3u);
  ASSERT_EQ(fs::file_size(dir / "H (Track 0).bin"), 150u * 2352);
  std::ifstream in(dir / "H (Track 0).bin", std::ios::binary);
  std::vector<uint8_t> zero((std::istreambuf_iterator<char>(in)), {});
  EXPECT_TRUE(std::equal(zero.begin(), zero.end(), main.begin()));
  std::ifstream sheet(dir / "H.cue");
  const std::string text((std::istreambuf_iterator<char>(sheet)), {});
  EXPECT_EQ(text.find("Track 0"), std::string::npos);
  fs::remove_all(dir);
}

}  // namespace
}  // namespace dw
