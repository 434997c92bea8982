// CD-Text packs written by other tools: libcdio's test data (made with libburn) must parse, every
// pack with a valid CRC, into exactly what libcdio's cd-info prints for them (the .right files),
// for every language block; Nero's CDTX chunk in p1.nrg likewise. libburn-made packs and the NRG
// chunk must also come out of build_cdtext_packs byte for byte, as their tools wrote them.
#include <gtest/gtest.h>

#include <algorithm>
#include <fstream>
#include <map>
#include <regex>

#include "disc/cdtext.hpp"
#include "disc/utf8.hpp"
#include "support/corpus.hpp"

namespace dw {
namespace {

// (block, track, field) -> value, as cd-info prints it ("CD-TEXT for Disc:" is track 0), plus
// (block, -1, "LANGUAGE") from the "Language N 'Name':" lines.
using Fields = std::map<std::tuple<int, int, std::string>, std::string>;

Fields read_right_file(const std::filesystem::path& path) {
  Fields f;
  std::ifstream in(path);
  std::string line;
  int block = -1, track = -1;
  // Some field lines are indented with spaces instead of a TAB in the .right files.
  const std::regex lang(R"(^Language (\d+) '(.*)':$)"), disc(R"(^CD-TEXT for Disc:$)"),
      trk(R"(^CD-TEXT for Track +(\d+):$)"), field(R"(^\s+([A-Z_]+): (.*)$)");
  std::smatch m;
  while (std::getline(in, line)) {
    if (std::regex_match(line, m, lang)) {
      block = std::stoi(m[1]);
      track = -1;
      f[{block, -1, "LANGUAGE"}] = m[2];
    } else if (std::regex_match(line, m, disc)) {
      track = 0;
    } else if (std::regex_match(line, m, trk)) {
      track = std::stoi(m[1]);
    } else if (std::regex_match(line, m, field)) {
      EXPECT_TRUE(block >= 0 && track >= 0) << "field outside a block/track: " << line;
      f[{block, track, m[1]}] = m[2];
    }
  }
  return f;
}

// libcdio's names (cdtext_field2str / cdtext_lang2str / cdtext_genre2str); codes from EBU Tech
// 3264 and Sony's genre list as libburn's doc/cdtext.txt gives them. Only what the corpus uses.
const std::map<uint8_t, std::string> kFieldNames = {{0x80, "TITLE"},    {0x81, "PERFORMER"}, {0x82, "SONGWRITER"},
                                                    {0x83, "COMPOSER"}, {0x84, "ARRANGER"},  {0x85, "MESSAGE"},
                                                    {0x86, "DISC_ID"},  {0x87, "GENRE"}};
const std::map<uint8_t, std::string> kLanguageNames = {{0x08, "German"}, {0x09, "English"}};
const std::map<int, std::string> kGenreNames = {{1, "Not Defined"}, {5, "Classical"}, {0x17, "Rock Music"}};

Fields fields_of(const CdText& t) {
  Fields f;
  for (const CdTextBlock& b : t.blocks) {
    f[{b.block, -1, "LANGUAGE"}] = kLanguageNames.count(b.language) ? kLanguageNames.at(b.language) : "?";
    for (const auto& [key, value] : b.text) {
      const auto [type, track] = key;
      if (type == 0x8D) continue;  // closed information: cd-info does not print it
      const std::string name = type == 0x8E ? (track == 0 ? "UPC_EAN" : "ISRC") : kFieldNames.at(type);
      f[{b.block, track, name}] = latin1_to_utf8(value);  // cd-info prints UTF-8; the packs hold ISO 8859-1 or ASCII
    }
    if (const auto code = b.binary.find(0x87); code != b.binary.end()) {
      const int genre = code->second.at(0) << 8 | code->second.at(1);
      if (genre != 0)
        f[{b.block, 0, "GENRE_CODE"}] =
            std::to_string(genre) + " (" + (kGenreNames.count(genre) ? kGenreNames.at(genre) : "?") + ")";
    }
  }
  return f;
}

std::string describe(const Fields& f) {
  std::string s;
  for (const auto& [key, value] : f)
    s += std::to_string(std::get<0>(key)) + "/" + std::to_string(std::get<1>(key)) + " " + std::get<2>(key) + ": " +
         value + "\n";
  return s;
}

class CdTextCorpus : public ::testing::TestWithParam<std::string> {};

TEST_P(CdTextCorpus, ParsesIntoCdInfoFields) {
  DW_REQUIRE_CORPUS_FILE(cdt, "libcdio/test/data/" + GetParam() + ".cdt");
  DW_REQUIRE_CORPUS_FILE(right, "libcdio/test/" + GetParam() + ".right");
  const auto bytes = test::read_file(cdt);
  CdTextParseReport report;
  const CdText text = parse_cdtext(bytes, cdt.filename().string(), &report);
  EXPECT_EQ(report.packs, bytes.size() / 18);
  EXPECT_EQ(report.crc_errors, 0u) << "every pack must have a valid CRC";
  EXPECT_FALSE(report.read_toc_header);
  for (const auto& p : report.problems) ADD_FAILURE() << "offset " << p.offset << ": " << p.message;
  const Fields want = read_right_file(right);
  ASSERT_GT(want.size(), 10u);
  const Fields got = fields_of(text);
  EXPECT_EQ(got, want) << "parsed:\n" << describe(got) << "cd-info:\n" << describe(want);
  // Building packs from what was read and reading them again gives the same model.
  CdTextParseReport again;
  EXPECT_EQ(parse_cdtext(cdtext_bytes(build_cdtext_packs(text)), "rebuilt", &again), text);
  EXPECT_TRUE(again.problems.empty());
}

INSTANTIATE_TEST_SUITE_P(Libcdio, CdTextCorpus, ::testing::Values("cdtext", "cdtext-krosis", "cdtext-libburnia"));

TEST(CdTextCorpus, SizeInfoOfCdtextCdt) {
  // Read off the three 0x8F packs of each block (offsets 774 and 1674 of cdtext.cdt).
  DW_REQUIRE_CORPUS_FILE(cdt, "libcdio/test/data/cdtext.cdt");
  const CdText text = parse_cdtext(test::read_file(cdt), "cdtext.cdt");
  ASSERT_EQ(text.blocks.size(), 2u);
  const CdTextBlock& en = text.blocks[0];
  const CdTextBlock& de = text.blocks[1];
  EXPECT_EQ(en.block, 0);
  EXPECT_EQ(de.block, 1);
  EXPECT_EQ(en.character_code, 0x01);  // ASCII
  EXPECT_EQ(de.character_code, 0x00);  // ISO 8859-1
  EXPECT_EQ(en.first_track, 1);
  EXPECT_EQ(en.last_track, 3);
  EXPECT_EQ(de.last_track, 3);
  EXPECT_EQ(en.copyright, 0);
  EXPECT_FALSE(en.double_byte);
  EXPECT_EQ(en.text.at({0x8D, 0}), "This is not to be shown by CD players");
  EXPECT_EQ(de.text.at({0x8D, 0}), "Dies sollten CD-Spieler nicht anzeigen.");
  EXPECT_EQ(de.text.at({0x80, 0}),
            "Freudvolle N\xE4"
            "chte");  // ISO 8859-1 kept as found
}

TEST(CdTextCorpus, LibburnPacksRebuildByteForByte) {
  // libburn wrote these; with the same layout rules (a new pack per type, disc then every track,
  // TAB for repeats from track 2, per-block sequence numbers) the rebuilt packs are identical.
  for (const std::string name : {"cdtext-libburnia", "cdtext-krosis"}) {
    DW_REQUIRE_CORPUS_FILE(cdt, "libcdio/test/data/" + name + ".cdt");
    const auto bytes = test::read_file(cdt);
    EXPECT_EQ(cdtext_bytes(build_cdtext_packs(parse_cdtext(bytes, name))), bytes) << name;
  }
  // cdtext.cdt spells out a repeated ARRANGER ("Tom Cat" for tracks 1 and 2) where we write a TAB,
  // and ends with Sony's trailing NUL: the rebuild is shorter but reads the same.
  DW_REQUIRE_CORPUS_FILE(cdt, "libcdio/test/data/cdtext.cdt");
  const auto bytes = test::read_file(cdt);
  const CdText text = parse_cdtext(bytes, "cdtext.cdt");
  const auto rebuilt = cdtext_bytes(build_cdtext_packs(text));
  EXPECT_LT(rebuilt.size(), bytes.size());
  EXPECT_EQ(parse_cdtext(rebuilt, "rebuilt"), text);
}

// The CDTX chunk of an NRG file: "CDTX", u32 big-endian length, then the packs.
std::vector<uint8_t> nrg_cdtx(const std::vector<uint8_t>& nrg) {
  const std::string tag = "CDTX";
  const auto it = std::search(nrg.begin(), nrg.end(), tag.begin(), tag.end());
  if (it == nrg.end()) return {};
  const size_t at = static_cast<size_t>(it - nrg.begin()) + 4;
  if (at + 4 > nrg.size()) return {};
  const size_t length = size_t{nrg[at]} << 24 | size_t{nrg[at + 1]} << 16 | size_t{nrg[at + 2]} << 8 | nrg[at + 3];
  if (at + 4 + length > nrg.size()) return {};
  return {nrg.begin() + static_cast<std::ptrdiff_t>(at + 4),
          nrg.begin() + static_cast<std::ptrdiff_t>(at + 4 + length)};
}

TEST(CdTextCorpus, NeroCdtxChunk) {
  DW_REQUIRE_CORPUS_FILE(nrg, "libcdio/test/data/p1.nrg");
  const auto packs = nrg_cdtx(test::read_file(nrg));
  ASSERT_EQ(packs.size(), 144u) << "p1.nrg has a CDTX chunk of 8 packs";
  for (size_t off = 0; off < packs.size(); off += 18) {
    CdTextPack p;
    std::copy_n(packs.begin() + static_cast<std::ptrdiff_t>(off), 18, p.begin());
    EXPECT_TRUE(cdtext_pack_crc_ok(p)) << "pack at CDTX offset " << off;
  }
  CdTextParseReport report;
  const CdText text = parse_cdtext(packs, "p1.nrg CDTX", &report);
  EXPECT_EQ(report.packs, 8u);
  EXPECT_EQ(report.crc_errors, 0u);
  EXPECT_TRUE(report.problems.empty());
  // Read off the packs: a disc title and performer, tracks 1..2, English, ISO 8859-1.
  ASSERT_EQ(text.blocks.size(), 1u);
  const CdTextBlock& b = text.blocks[0];
  const std::map<std::pair<uint8_t, uint8_t>, std::string> want = {{{0x80, 0}, "Join us now we have the software"},
                                                                   {{0x81, 0}, "Richard Stallman"}};
  EXPECT_EQ(b.text, want);
  EXPECT_EQ(b.first_track, 1);
  EXPECT_EQ(b.last_track, 2);
  EXPECT_EQ(b.language, 0x09);
  EXPECT_EQ(b.character_code, 0x00);
  EXPECT_EQ(cdtext_bytes(build_cdtext_packs(text)), packs) << "Nero's layout is ours too";
}

}  // namespace
}  // namespace dw
