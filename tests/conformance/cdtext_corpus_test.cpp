// CD-Text packs written by other tools (libcdio's test data, made with libburn and real discs)
// must parse into exactly the strings libcdio's cd-info prints for them (the .right files).
#include <gtest/gtest.h>

#include <fstream>
#include <map>
#include <regex>

#include "disc/cdtext.hpp"
#include "support/corpus.hpp"

namespace dw {
namespace {

using Fields = std::map<std::pair<int, std::pair<int, std::string>>, std::string>;  // (block, (track, field)) -> text

std::string latin1_to_utf8(const std::string& s) {
  std::string out;
  for (unsigned char c : s) {
    if (c < 0x80) {
      out += static_cast<char>(c);
    } else {
      out += static_cast<char>(0xC0 | (c >> 6));
      out += static_cast<char>(0x80 | (c & 0x3F));
    }
  }
  return out;
}

// cd-info prints "Language N 'Name':", "CD-TEXT for Disc:" / "CD-TEXT for Track  N:", "FIELD: value".
Fields read_right_file(const std::filesystem::path& path) {
  Fields f;
  std::ifstream in(path);
  std::string line;
  int block = -1, track = -1;
  const std::regex lang(R"(^Language (\d+) '.*':$)"), disc(R"(^CD-TEXT for Disc:$)"),
      trk(R"(^CD-TEXT for Track +(\d+):$)"), field(R"(^\s+([A-Z_]+): (.*)$)");
  std::smatch m;
  while (std::getline(in, line)) {
    if (std::regex_match(line, m, lang))
      block = std::stoi(m[1]);
    else if (std::regex_match(line, m, disc))
      track = 0;
    else if (std::regex_match(line, m, trk))
      track = std::stoi(m[1]);
    else if (std::regex_match(line, m, field) && block >= 0 && track >= 0)
      f[{block, {track, m[1]}}] = m[2];
  }
  return f;
}

const std::map<uint8_t, std::string> kNames = {{0x80, "TITLE"},    {0x81, "PERFORMER"}, {0x82, "SONGWRITER"},
                                               {0x83, "COMPOSER"}, {0x84, "ARRANGER"},  {0x85, "MESSAGE"},
                                               {0x86, "DISC_ID"},  {0x87, "GENRE"}};

Fields fields_of(const CdText& t) {
  Fields f;
  for (const auto& b : t.blocks) {
    for (const auto& [key, value] : b.text) {
      const auto [type, track] = key;
      if (type == 0x8D) continue;  // "closed information": cd-info does not print it
      std::string name = type == 0x8E ? (track == 0 ? "UPC_EAN" : "ISRC") : kNames.at(type);
      f[{b.block, {track, name}}] = b.character_code == 0x00 ? latin1_to_utf8(value) : value;
    }
    if (b.binary.count(0x87)) {
      const auto& code = b.binary.at(0x87);
      const int genre = code[0] << 8 | code[1];
      if (genre != 0) f[{b.block, {0, "GENRE_CODE"}}] = std::to_string(genre) + (genre == 5 ? " (Classical)" : "");
    }
  }
  return f;
}

class CdTextCorpus : public ::testing::TestWithParam<std::string> {};

TEST_P(CdTextCorpus, ParsesIntoCdInfoStrings) {
  DW_REQUIRE_CORPUS_FILE(cdt, "libcdio/test/data/" + GetParam() + ".cdt");
  DW_REQUIRE_CORPUS_FILE(right, "libcdio/test/" + GetParam() + ".right");
  const auto bytes = test::read_file(cdt);
  CdTextParseReport report;
  const CdText text = parse_cdtext(bytes, cdt.filename().string(), &report);
  EXPECT_EQ(report.packs, bytes.size() / 18);
  EXPECT_EQ(report.crc_errors, 0u) << "every pack must have a valid CRC";
  const Fields want = read_right_file(right);
  ASSERT_FALSE(want.empty());
  EXPECT_EQ(fields_of(text), want);
  // Building packs from what was read and reading them again gives the same model.
  EXPECT_EQ(parse_cdtext(cdtext_bytes(build_cdtext_packs(text)), "rebuilt"), text);
}

INSTANTIATE_TEST_SUITE_P(Libcdio, CdTextCorpus, ::testing::Values("cdtext", "cdtext-krosis", "cdtext-libburnia"));

TEST(CdTextCorpus, LanguagesAndSizeInfo) {
  DW_REQUIRE_CORPUS_FILE(cdt, "libcdio/test/data/cdtext.cdt");
  const CdText text = parse_cdtext(test::read_file(cdt), "cdtext.cdt");
  ASSERT_EQ(text.blocks.size(), 2u);
  EXPECT_EQ(text.blocks[0].language, 0x09);  // English
  EXPECT_EQ(text.blocks[1].language, 0x08);  // German
  EXPECT_EQ(text.blocks[0].character_code, 0x01);
  EXPECT_EQ(text.blocks[1].character_code, 0x00);
  EXPECT_EQ(text.blocks[0].first_track, 1);
  EXPECT_EQ(text.blocks[0].last_track, 3);
  EXPECT_EQ(text.blocks[0].text.at({0x8D, 0}), "This is not to be shown by CD players");
}

TEST(CdTextCorpus, NeroCdtxChunk) {
  DW_REQUIRE_CORPUS_FILE(nrg, "libcdio/test/data/p1.nrg");
  const auto bytes = test::read_file(nrg);
  const std::string tag = "CDTX";
  auto it = std::search(bytes.begin(), bytes.end(), tag.begin(), tag.end());
  ASSERT_NE(it, bytes.end()) << "p1.nrg has a CDTX chunk";
  const size_t at = static_cast<size_t>(it - bytes.begin()) + 4;
  const size_t length =
      size_t{bytes[at]} << 24 | size_t{bytes[at + 1]} << 16 | size_t{bytes[at + 2]} << 8 | bytes[at + 3];
  ASSERT_EQ(length % 18, 0u);
  ASSERT_LE(at + 4 + length, bytes.size());
  std::span<const uint8_t> packs(bytes.data() + at + 4, length);
  for (size_t off = 0; off < length; off += 18) {
    CdTextPack p;
    std::copy_n(packs.begin() + static_cast<std::ptrdiff_t>(off), 18, p.begin());
    EXPECT_TRUE(cdtext_pack_crc_ok(p)) << "pack at CDTX offset " << off;
  }
  CdTextParseReport report;
  const CdText text = parse_cdtext(packs, "p1.nrg CDTX", &report);
  EXPECT_EQ(report.crc_errors, 0u);
  EXPECT_FALSE(text.empty());
}

}  // namespace
}  // namespace dw
