// Cue sheets with their files, read as discs and compared with what other tools say about them:
// libcdio's cd-info output (*.right), the raw bytes of the .bin files, and EAC's five ways of
// writing one disc's gaps (whipper's surferrosa.eac.*.cue), which must give one layout.
#include <gtest/gtest.h>

#include <fstream>
#include <regex>

#include "disc/error.hpp"
#include "disc/sector.hpp"
#include "formats/cue_reader.hpp"
#include "support/corpus.hpp"

namespace dw {
namespace {

namespace fs = std::filesystem;

// The "CD-ROM Track List" of a cd-info report: number -> (LSN, type, copy permitted).
struct RightTrack {
  int number;
  Lba lsn;
  std::string type;
  std::string copy;
};
struct RightReport {
  std::vector<RightTrack> tracks;
  Lba leadout = -1;
  std::string mcn;
  std::vector<std::pair<std::string, std::string>> cdtext;  // ("Disc"|"Track  1", "TITLE: ...")
};

RightReport read_right(const fs::path& p) {
  RightReport r;
  std::ifstream in(p);
  std::string line, section;
  const std::regex track(R"(^\s*(\d+): \d\d:\d\d:\d\d\s+(\d+) (\w+)\s+(?:true|false)?\s*(yes|no)?.*)");
  const std::regex mcn(R"(^Media Catalog Number \(MCN\): (\d{13}).*)");
  const std::regex cdtext_head(R"(^CD-TEXT for (Disc|Track\s+\d+):)");
  std::smatch m;
  while (std::getline(in, line)) {
    if (std::regex_match(line, m, track)) {
      if (m[1] == "170")
        r.leadout = std::stoi(m[2]);
      else
        r.tracks.push_back({std::stoi(m[1]), std::stoi(m[2]), m[3], m[4]});
    } else if (std::regex_match(line, m, mcn)) {
      r.mcn = m[1];
    } else if (std::regex_search(line, m, cdtext_head)) {
      section = m[1];
    } else if (!section.empty() && !line.empty() && line[0] == '\t') {
      r.cdtext.push_back({section, line.substr(1)});
    } else {
      section.clear();
    }
  }
  return r;
}

std::string cdtext_name(uint8_t type) {
  switch (type) {
    case 0x80: return "TITLE";
    case 0x81: return "PERFORMER";
    case 0x82: return "SONGWRITER";
    case 0x83: return "COMPOSER";
    case 0x84: return "ARRANGER";
    case 0x85: return "MESSAGE";
    default: return "?";
  }
}

void expect_matches_cd_info(const std::string& cue, const std::string& right) {
  const auto cue_path = test::corpus_file(cue), right_path = test::corpus_file(right);
  if (cue_path.empty() || right_path.empty()) GTEST_SKIP() << cue << " or " << right << " not found (corpus absent)";
  const Image image = read_cue(cue_path);
  const RightReport want = read_right(right_path);
  const Disc& d = image.disc();
  ASSERT_EQ(d.track_count(), want.tracks.size()) << cue;
  for (const RightTrack& w : want.tracks) {
    const Track* t = d.find_track(static_cast<uint8_t>(w.number));
    ASSERT_NE(t, nullptr) << cue << " track " << w.number;
    EXPECT_EQ(t->start(), w.lsn) << cue << " track " << w.number;
    EXPECT_EQ(t->is_data() ? "data" : "audio", w.type) << cue << " track " << w.number;
    if (!w.copy.empty()) {
      EXPECT_EQ(t->control.copy_permitted(), w.copy == "yes") << cue << " track " << w.number;
    }
  }
  EXPECT_EQ(d.leadout(), want.leadout) << cue;
  EXPECT_EQ(d.mcn, want.mcn) << cue;
  // CD-Text lines cd-info printed for the disc and each track, as "FIELD: value".
  std::vector<std::pair<std::string, std::string>> ours;
  if (!d.cdtext.empty()) {
    for (const auto& [key, value] : d.cdtext.blocks[0].text)
      ours.push_back(
          {key.second == 0 ? "Disc" : "Track  " + std::to_string(key.second), cdtext_name(key.first) + ": " + value});
  }
  auto sorted = want.cdtext;
  std::sort(sorted.begin(), sorted.end());
  std::sort(ours.begin(), ours.end());
  EXPECT_EQ(ours, sorted) << cue;
}

TEST(CueLayoutCorpus, CddaMatchesCdInfo) {
  expect_matches_cd_info("libcdio/test/data/cdda.cue", "libcdio/test/cdda.right");
}
TEST(CueLayoutCorpus, FirstTrackFourMatchesCdInfo) {
  expect_matches_cd_info("libcdio/test/data/cdda_4_5.cue", "libcdio/test/cdda_4_5.right");
}
TEST(CueLayoutCorpus, IsofsMatchesCdInfo) {
  expect_matches_cd_info("libcdio/test/data/isofs-m1.cue", "libcdio/test/isofs-m1.right");
}

TEST(CueLayoutCorpus, SheetNamesInOtherCaseOrOtherNamesAreFound) {
  // cdda.cue says "CDDA.BIN" (the file is cdda.bin); p1.cue says "BOING.BIN" (the file is p1.bin).
  DW_REQUIRE_CORPUS_FILE(p1, "libcdio/test/data/p1.cue");
  const Image image = read_cue(p1);
  const Disc& d = image.disc();
  ASSERT_EQ(d.track_count(), 2u);
  // INDEX 00 00:00:00, 01 00:01:00; INDEX 00 00:02:00, 01 00:03:00; lead-out = 710304 / 2352.
  EXPECT_EQ(d.find_track(1)->index(0), 0);
  EXPECT_EQ(d.find_track(1)->start(), 75);
  EXPECT_EQ(d.find_track(2)->index(0), 150);
  EXPECT_EQ(d.find_track(2)->start(), 225);
  EXPECT_EQ(d.leadout(), 302);
  EXPECT_TRUE(std::any_of(image.notes.begin(), image.notes.end(),
                          [](const std::string& n) { return n.find("BOING.BIN") != std::string::npos; }));
}

TEST(CueLayoutCorpus, IsofsSectorsComeBackByteForByte) {
  DW_REQUIRE_CORPUS_FILE(cue, "libcdio/test/data/isofs-m1.cue");
  const auto raw = test::read_file(cue.parent_path() / "isofs-m1.bin");
  Image image = read_cue(cue);
  ASSERT_EQ(image.source->begin(), 0);
  ASSERT_EQ(image.source->end(), 302);
  std::vector<uint8_t> main(302 * 2352);
  image.source->read(0, 302, main, {}, {});
  EXPECT_EQ(main, raw);
  for (Lba l = 0; l < 302; ++l)
    EXPECT_TRUE(verify_sector(std::span<const uint8_t, 2352>(main.data() + l * 2352, 2352), l).faults.ok()) << l;
}

TEST(CueLayoutCorpus, ParanoiaLayouts) {
  DW_REQUIRE_CORPUS_FILE(dir, "libcdio-paranoia/test/data");
  // Hidden track one audio: INDEX 00 at 00:00:00, INDEX 01 at 00:02:00.
  const Image htoa = read_cue(dir / "hidden-track.cue");
  EXPECT_EQ(htoa.disc().find_track(1)->index(0), 0);
  EXPECT_EQ(htoa.disc().find_track(1)->start(), 150);
  // Mixed mode: data track 1, audio track 2 at 00:02:00.
  const Image mixed = read_cue(dir / "mixed-mode-cd.cue");
  EXPECT_EQ(mixed.disc().find_track(1)->mode, TrackMode::Mode1);
  EXPECT_EQ(mixed.disc().find_track(2)->mode, TrackMode::Audio);
  EXPECT_EQ(mixed.disc().find_track(2)->start(), 150);
  EXPECT_EQ(mixed.disc().leadout(), 302);
  // cdda.cue names BOING.BIN: found as cdda.bin, the sheet's own name.
  EXPECT_EQ(read_cue(dir / "cdda.cue").disc().leadout(), 302);
}

// EAC writes one disc's gaps five ways; all must give the index positions of the single-file
// sheet (the reference). File sizes are derived from the reference so that each file holds
// what its sheet says it holds; no audio is needed to lay out a disc.
TEST(CueLayoutCorpus, EacGapStylesGiveOneLayout) {
  DW_REQUIRE_CORPUS_FILE(dir, "whipper/whipper/test");
  const auto sheet_of = [&](const std::string& name) {
    const auto bytes = test::read_file(dir / name);
    return parse_cue_sheet(std::string(bytes.begin(), bytes.end()), name);
  };
  constexpr int32_t kLastTrackLength = 1000;
  const CueSheet single = sheet_of("surferrosa.eac.single.cue");
  std::map<std::pair<int, int>, Lba> want;  // (track, index) -> LBA
  for (const CueTrack& t : single.tracks)
    for (const CueIndex& x : t.indices) want[{t.number, x.number}] = x.frames;
  const int32_t total = single.tracks.back().indices.back().frames + kLastTrackLength;
  const CueLayout reference = layout_cue(single, {CueFileData{nullptr, 0, uint64_t(total) * 2352}}, "single");
  ASSERT_EQ(reference.disc.track_count(), 21u);

  for (const char* variant : {"noncompliant", "currentgap", "leftout", "corrected"}) {
    const std::string name = std::string("surferrosa.eac.") + variant + ".cue";
    const CueSheet s = sheet_of(name);
    // Each file starts where its first index lands on the reference disc, minus that index's
    // offset into the file; it ends where the next file starts, less a generated PREGAP between.
    std::vector<CueFileData> files(s.files.size());
    std::vector<Lba> starts(s.files.size(), -1), gap_before(s.files.size(), 0);
    for (const CueTrack& t : s.tracks)
      for (const CueIndex& x : t.indices)
        if (starts[x.file] < 0) {
          starts[x.file] = want.at({t.number, x.number}) - x.frames;
          if (&x == &t.indices.front()) gap_before[x.file] = t.pregap;
        }
    for (size_t f = 0; f < files.size(); ++f) {
      const Lba end = f + 1 < files.size() ? starts[f + 1] - gap_before[f + 1] : total;
      files[f].size = uint64_t(end - starts[f]) * 2352;
    }
    const CueLayout l = layout_cue(s, files, name);
    ASSERT_EQ(l.disc.track_count(), 21u) << name;
    for (const Track* t : l.disc.tracks())
      for (const Index& x : t->indices)
        EXPECT_EQ(x.lba, want.at({t->number, x.number}))
            << name << " track " << int(t->number) << " index " << int(x.number);
    for (const Track* t : reference.disc.tracks())
      EXPECT_EQ(l.disc.find_track(t->number)->indices.size(), t->indices.size()) << name << " track " << int(t->number);
    EXPECT_EQ(l.disc.leadout(), total) << name;
    EXPECT_EQ(l.disc.mcn, "") << name;  // CATALOG 0000000000000: none
    EXPECT_EQ(l.disc.find_track(1)->isrc, "") << name;
  }
}

}  // namespace
}  // namespace dw
