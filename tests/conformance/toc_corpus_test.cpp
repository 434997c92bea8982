// cdrdao TOC files: every cdrdao test TOC laid out as cdrdao's own `show-toc` prints it
// (gold/*.showtoc: modes, copy and pre-emphasis flags, ISRC, pregap, START and END of each
// track); libcdio's bad-*.toc refused with the problem named; isofs-m1.toc read byte-exact; and
// the Ladyhawke TOC whipper keeps giving the track starts of the corpus README.
#include <gtest/gtest.h>

#include <fstream>
#include <regex>

#include "disc/error.hpp"
#include "formats/image_verify.hpp"
#include "formats/toc_reader.hpp"
#include "support/corpus.hpp"

namespace dw {
namespace {

namespace fs = std::filesystem;

std::string text_of(const fs::path& p) {
  const auto b = test::read_file(p);
  return {b.begin(), b.end()};
}

struct GoldTrack {
  int number = 0;
  std::string mode;
  bool copy = false, pre = false, has_pre_line = false;
  std::string isrc;
  Lba pregap = 0, start = 0, end = 0;
};

std::vector<GoldTrack> read_gold(const fs::path& p) {
  std::vector<GoldTrack> out;
  std::ifstream in(p);
  std::string line;
  const std::regex track(R"(^TRACK\s+(\d+)\s+Mode (.+):$)"),
      time(R"(^\s+(PREGAP|START|END)\s+\d+:\d+:\d+\(\s*(\d+)\))");
  std::smatch m;
  while (std::getline(in, line)) {
    if (std::regex_match(line, m, track)) {
      out.push_back({});
      out.back().number = std::stoi(m[1]);
      out.back().mode = m[2];
    } else if (out.empty()) {
      continue;
    } else if (std::regex_search(line, m, time)) {
      const Lba v = std::stoi(m[2]);
      (m[1] == "PREGAP" ? out.back().pregap : m[1] == "START" ? out.back().start : out.back().end) = v;
    } else if (line.find("COPY PERMITTED") != std::string::npos && line.find("NOT") == std::string::npos) {
      out.back().copy = true;
    } else if (line.find("PRE-EMPHASIS") != std::string::npos) {
      out.back().has_pre_line = true;
      out.back().pre = line.find("NO PRE-EMPHASIS") == std::string::npos;
    } else if (line.find("ISRC ") != std::string::npos && line.find('"') == std::string::npos) {
      std::string code = line.substr(line.find("ISRC ") + 5);
      code.erase(std::remove(code.begin(), code.end(), ' '), code.end());
      out.back().isrc = code;
    }
  }
  return out;
}

TEST(TocCorpus, CdrdaoTestTocsMatchShowToc) {
  DW_REQUIRE_CORPUS_FILE(dir, "cdrdao/testtocs");
  int compared = 0;
  for (const auto& e : fs::directory_iterator(dir)) {
    if (e.path().extension() != ".toc") continue;
    const fs::path gold = dir / "gold" / (e.path().stem().string() + ".showtoc");
    if (!fs::exists(gold)) continue;  // pregap1/pregap2 have no gold output
    const std::string name = e.path().filename().string();
    const TocSheet sheet = parse_toc(text_of(e.path()), name);
    const CueLayout l = layout_toc(
        sheet, [](const std::string&, int) { return std::nullopt; }, name);
    const auto want = read_gold(gold);
    ASSERT_EQ(l.disc.track_count(), want.size()) << name;
    for (const GoldTrack& g : want) {
      const Track& t = *l.disc.find_track(static_cast<uint8_t>(g.number));
      const TocTrack& tt = sheet.tracks[g.number - 1];
      EXPECT_EQ(tt.mode_name + (tt.sub.empty() ? "" : " " + tt.sub), g.mode) << name << " track " << g.number;
      EXPECT_EQ(t.start(), g.start) << name << " track " << g.number;
      EXPECT_EQ(l.disc.track_end(t.number), g.end) << name << " track " << g.number;
      EXPECT_EQ(t.start() - t.pregap_start(), g.pregap) << name << " track " << g.number;
      EXPECT_EQ(t.control.copy_permitted(), g.copy) << name << " track " << g.number;
      if (g.has_pre_line) {
        EXPECT_EQ(t.control.pre_emphasis(), g.pre) << name << " track " << g.number;
      }
      EXPECT_EQ(t.isrc, g.isrc) << name << " track " << g.number;
    }
    ++compared;
  }
  EXPECT_EQ(compared, 20);
}

TEST(TocCorpus, CdTextOfThreeEncodingsAndEscapes) {
  DW_REQUIRE_CORPUS_FILE(dir, "cdrdao/testtocs");
  const TocSheet three = parse_toc(text_of(dir / "3encodings.toc"), "3encodings.toc");
  ASSERT_EQ(three.cdtext.blocks.size(), 3u);
  EXPECT_EQ(three.cdtext.blocks[0].language, 9);
  EXPECT_EQ(three.cdtext.blocks[1].language, 15);
  EXPECT_EQ(three.cdtext.blocks[2].language, 105);
  EXPECT_EQ(three.cdtext.blocks[0].text.at({0x80, 0}), "The Water");  // gold: TITLE "The Water"
  EXPECT_EQ(three.cdtext.blocks[1].text.at({0x80, 1}), "Canicule");   // gold, track 1
  EXPECT_EQ(three.cdtext.blocks[2].character_code, 0x80);             // ENCODING_MS_JIS
  const TocSheet esc = parse_toc(text_of(dir / "cdtext.toc"), "cdtext.toc");
  EXPECT_EQ(esc.cdtext.blocks[0].text.at({0x81, 0}), "Perf\\ormer");      // gold prints "Perf\\ormer"
  EXPECT_EQ(esc.cdtext.blocks[0].text.at({0x80, 1}), "Track \"Title\"");  // gold: "Track \"Title\""
  EXPECT_EQ(esc.cdtext.blocks[0].text.at({0x8E, 1}), "US-XX1-98-01234");  // gold: UPC_EAN (ISRC) as written
}

TEST(TocCorpus, LibcdioBadTocsAreRefused) {
  DW_REQUIRE_CORPUS_FILE(dir, "libcdio/test/data");
  const std::pair<const char*, const char*> bad[] = {
      {"bad-cat1.toc", "6: CATALOG needs a quoted 13-digit number"},
      {"bad-cat2.toc", "4: CATALOG needs a quoted 13-digit number"},
      {"bad-cat3.toc", "4: CATALOG \"123456789A123\" must be 13 digits"},
      {"bad-mode1.toc", "4: unknown track mode 'MODE1_FORM45'"},
      {"bad-msf-1.toc", "6: FILE start time 0:0:75 has frames >= 75"},
      {"bad-msf-2.toc", "6: FILE start time 0:60:0 has seconds >= 60"},
      {"bad-msf-3.toc", "6: FILE start time 'xx:yy:zz' is not MM:SS:FF in digits"}};
  for (const auto& [file, why] : bad) {
    try {
      read_toc(dir / file);
      ADD_FAILURE() << file << " accepted";
    } catch (const InputError& e) {
      EXPECT_EQ(std::to_string(e.line().value_or(0)) + ": " + e.problem(), why) << file;
    }
  }
  try {
    read_toc(dir / "bad-file.toc");
    ADD_FAILURE() << "bad-file.toc accepted";
  } catch (const InputError& e) {
    EXPECT_NE(e.problem().find("file \"foo.bin\" not found"), std::string::npos) << e.problem();
  }
  // The good ones parse.
  for (const char* f : {"t1.toc", "t2.toc", "t3.toc", "t4.toc", "t5.toc", "t6.toc", "t7.toc", "t8.toc", "t9.toc",
                        "t10.toc", "data1.toc", "data2.toc", "data5.toc", "data6.toc", "data7.toc", "vcd2.toc",
                        "vcd_demo.toc", "cdtext.toc", "cdda.toc"})
    EXPECT_NO_THROW(parse_toc(text_of(dir / f), f)) << f;
}

TEST(TocCorpus, IsofsTocReadsTheBinByteForByte) {
  DW_REQUIRE_CORPUS_FILE(toc, "libcdio/test/data/isofs-m1.toc");
  Image image = read_toc(toc);
  EXPECT_EQ(image.disc().leadout(), 302);
  std::vector<uint8_t> main(302 * 2352);
  image.source->read(0, 302, main, {}, {});
  EXPECT_EQ(main, test::read_file(toc.parent_path() / "isofs-m1.bin"));
  EXPECT_TRUE(verify_image(*image.source).clean());
}

TEST(TocCorpus, LadyhawkeTrackStarts) {
  DW_REQUIRE_CORPUS_FILE(toc, "whipper/whipper/test/ladyhawke.toc");
  const TocSheet sheet = parse_toc(text_of(toc), "ladyhawke.toc");
  const CueLayout l = layout_toc(
      sheet, [](const std::string&, int) { return std::nullopt; }, "ladyhawke.toc");
  // corpus README: 0, 15537, 31691, 50866, 66466, 81202, 99409, 115920, 133093, 149847, 161560, 177682.
  const Lba starts[] = {0, 15537, 31691, 50866, 66466, 81202, 99409, 115920, 133093, 149847, 161560, 177682};
  ASSERT_EQ(l.disc.track_count(), 13u);
  for (uint8_t n = 1; n <= 12; ++n) EXPECT_EQ(l.disc.find_track(n)->start(), starts[n - 1]) << int(n);
  EXPECT_EQ(l.disc.find_track(13)->mode, TrackMode::Mode2Xa);
}

}  // namespace
}  // namespace dw
