#include "disc/cdtext.hpp"

#include <gtest/gtest.h>

#include <random>

#include "disc/error.hpp"

namespace dw {
namespace {

CdTextPack pack(uint8_t type, uint8_t track, uint8_t seq, uint8_t flags, const char* text) {
  CdTextPack p{};
  p[0] = type;
  p[1] = track;
  p[2] = seq;
  p[3] = flags;
  for (int i = 0; i < 12 && text[i]; ++i) p[4 + i] = static_cast<uint8_t>(text[i]);
  cdtext_set_crc(p);
  return p;
}

TEST(CdText, PackCrc) {
  // First pack of libcdio's cdtext.cdt: 80 00 00 00 "Joyful Night" F0 F7.
  CdTextPack p = pack(0x80, 0, 0, 0, "Joyful Night");
  EXPECT_EQ(p[16], 0xF0);
  EXPECT_EQ(p[17], 0xF7);
  EXPECT_TRUE(cdtext_pack_crc_ok(p));
  p[5] ^= 1;
  EXPECT_FALSE(cdtext_pack_crc_ok(p));
}

TEST(CdText, StringsSpanPacksAndTabRepeats) {
  std::vector<CdTextPack> packs = {
      pack(0x80, 0, 0, 0x00, "Album\0One\0Tw"),         // disc, track 1, start of track 2
      pack(0x80, 2, 1, 0x02, "o\0\t\0\0\0\0\0\0\0\0"),  // track 2 continues (2 chars before), track 3 = TAB
  };
  // The literal above contains embedded NULs; rebuild the payload byte by byte.
  const char a[12] = {'A', 'l', 'b', 'u', 'm', 0, 'O', 'n', 'e', 0, 'T', 'w'};
  const char b[12] = {'o', 0, '\t', 0, 0, 0, 0, 0, 0, 0, 0, 0};
  std::copy(a, a + 12, packs[0].begin() + 4);
  std::copy(b, b + 12, packs[1].begin() + 4);
  for (auto& p : packs) cdtext_set_crc(p);
  CdTextParseReport report;
  const CdText t = parse_cdtext(cdtext_bytes(packs), "test", &report);
  ASSERT_EQ(t.blocks.size(), 1u);
  const auto& text = t.blocks[0].text;
  EXPECT_EQ(text.at({0x80, 0}), "Album");
  EXPECT_EQ(text.at({0x80, 1}), "One");
  EXPECT_EQ(text.at({0x80, 2}), "Two");
  EXPECT_EQ(text.at({0x80, 3}), "Two");  // TAB = same as the previous track
  EXPECT_EQ(report.crc_errors, 0u);
}

TEST(CdText, ReadTocHeaderAndTrailingBytes) {
  auto packs = cdtext_bytes(build_cdtext_packs(CdText{{CdTextBlock{0, 9, 0, false, 0, 1, 1, {{{0x80, 0}, "X"}}, {}}}}));
  const CdText direct = parse_cdtext(packs, "bare");
  std::vector<uint8_t> with_header = {static_cast<uint8_t>((packs.size() + 2) >> 8),
                                      static_cast<uint8_t>(packs.size() + 2), 0, 0};
  with_header.insert(with_header.end(), packs.begin(), packs.end());
  EXPECT_EQ(parse_cdtext(with_header, "READ TOC format 5"), direct);
  // A trailing byte (libcdio's cdtext.cdt has one) is reported, not fatal.
  packs.push_back(0);
  CdTextParseReport report;
  EXPECT_EQ(parse_cdtext(packs, "trailing", &report), direct);
  ASSERT_EQ(report.problems.size(), 1u);
  EXPECT_NE(report.problems[0].find("1 trailing bytes"), std::string::npos);
}

TEST(CdText, MalformedInputFailsClearly) {
  auto expect_throw = [](std::vector<uint8_t> bytes, const std::string& needle) {
    try {
      parse_cdtext(bytes, "bad.cdt");
      ADD_FAILURE() << "no error for: " << needle;
    } catch (const InputError& e) {
      EXPECT_NE(std::string(e.what()).find(needle), std::string::npos) << e.what();
    }
  };
  expect_throw({}, "no whole 18-byte CD-Text pack");
  expect_throw(std::vector<uint8_t>(17, 0x80), "no whole 18-byte CD-Text pack");
  expect_throw({0x01, 0x00, 0, 0, 0x80}, "header says 256 bytes follow but only 3 are present");
  expect_throw(std::vector<uint8_t>(36, 0x80), "none of the 2 packs has a valid CRC");
  // Bad CRC on one pack of two: skipped and counted.
  auto packs = build_cdtext_packs(CdText{{CdTextBlock{0, 9, 0, false, 0, 1, 1, {{{0x80, 0}, "Title"}}, {}}}});
  packs[0][6] ^= 0xFF;
  CdTextParseReport report;
  const CdText t = parse_cdtext(cdtext_bytes(packs), "one bad", &report);
  EXPECT_EQ(report.crc_errors, 1u);
  EXPECT_EQ(t.blocks[0].text.count({0x80, 0}), 0u);
  // Unterminated last string: kept, reported.
  std::vector<CdTextPack> raw = {pack(0x81, 0, 0, 0, "ABCDEFGHIJKL")};
  const CdText u = parse_cdtext(cdtext_bytes(raw), "unterminated", &report);
  EXPECT_EQ(u.blocks[0].text.at({0x81, 0}), "ABCDEFGHIJKL");
  EXPECT_NE(report.problems.back().find("no terminating NUL"), std::string::npos);
}

TEST(CdText, BuildRejectsWhatDoesNotFit) {
  CdText t;
  t.blocks.push_back(CdTextBlock{8, 9, 0, false, 0, 1, 1, {{{0x80, 0}, "X"}}, {}});
  EXPECT_THROW(build_cdtext_packs(t), ModelError);
  t.blocks = {CdTextBlock{0, 9, 0, false, 0, 1, 1, {{{0x80, 0}, std::string(3200, 'x')}}, {}}};
  EXPECT_THROW(build_cdtext_packs(t), ModelError);
  t.blocks = {CdTextBlock{0, 9, 0, false, 0, 1, 2, {{{0x80, 5}, "x"}}, {}}};
  EXPECT_THROW(build_cdtext_packs(t), ModelError);
  t.blocks = {CdTextBlock{1, 9, 0, false, 0, 1, 1, {}, {}}, CdTextBlock{1, 9, 0, false, 0, 1, 1, {}, {}}};
  EXPECT_THROW(build_cdtext_packs(t), ModelError);
}

TEST(CdText, SizeInfoAndSequenceNumbers) {
  CdText t;
  t.blocks.push_back(CdTextBlock{0, 0x09, 0x01, false, 0, 1, 2, {{{0x80, 0}, "A"}, {{0x80, 1}, "B"}}, {}});
  t.blocks.push_back(CdTextBlock{1, 0x08, 0x00, false, 3, 1, 2, {{{0x81, 2}, "C"}}, {}});
  const auto packs = build_cdtext_packs(t);
  // Block 0: one TITLE pack + 3 size-info packs; block 1: one PERFORMER pack + 3.
  ASSERT_EQ(packs.size(), 8u);
  for (size_t i = 0; i < packs.size(); ++i) {
    EXPECT_EQ(packs[i][2], i % 4) << "sequence numbers restart in each block";
    EXPECT_TRUE(cdtext_pack_crc_ok(packs[i]));
  }
  // Size info of block 0: char code 1, tracks 1..2, copyright 0, one 0x80 pack, three 0x8F,
  // last sequence numbers 3 and 3, languages 09 and 08.
  std::vector<uint8_t> si;
  for (int k = 1; k <= 3; ++k) si.insert(si.end(), packs[k].begin() + 4, packs[k].begin() + 16);
  EXPECT_EQ(si, (std::vector<uint8_t>{1, 1, 2, 0, 1, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0,
                                      0, 3, 3, 3, 0, 0, 0, 0, 0, 0, 9, 8, 0, 0, 0, 0, 0, 0}));
  EXPECT_EQ(packs[4][3], 0x10);  // block 1
}

// Property: parse(build(x)) == x for random canonical CD-Text.
TEST(CdText, BuildParseRoundTrip) {
  std::mt19937 rng(18);
  auto rnd = [&](int n) { return static_cast<int>(rng() % static_cast<unsigned>(n)); };
  for (int iter = 0; iter < 2000; ++iter) {
    CdText t;
    const int blocks = 1 + rnd(3);
    std::vector<int> numbers = {0, 1, 2, 3, 4, 5, 6, 7};
    std::shuffle(numbers.begin(), numbers.end(), rng);
    std::sort(numbers.begin(), numbers.begin() + blocks);
    for (int bi = 0; bi < blocks; ++bi) {
      CdTextBlock b;
      b.block = static_cast<uint8_t>(numbers[bi]);
      b.language = static_cast<uint8_t>(rnd(0x80));
      b.double_byte = rnd(5) == 0;
      b.character_code = b.double_byte ? 0x80 : static_cast<uint8_t>(rnd(2));
      b.copyright = static_cast<uint8_t>(rnd(4));
      b.first_track = static_cast<uint8_t>(1 + rnd(5));
      b.last_track = static_cast<uint8_t>(b.first_track + rnd(8));
      auto random_text = [&] {
        std::string s;
        const int len = 1 + rnd(30);
        for (int i = 0; i < len; ++i) {
          if (b.double_byte) {
            s += static_cast<char>(0x81 + rnd(0x7E));
            s += static_cast<char>(0x40 + rnd(0xBE));
          } else {
            s += static_cast<char>(0x20 + rnd(0x5F));
          }
        }
        return s;
      };
      for (uint8_t type :
           {uint8_t{0x80}, uint8_t{0x81}, uint8_t{0x82}, uint8_t{0x83}, uint8_t{0x84}, uint8_t{0x85}, uint8_t{0x8E}}) {
        if (rnd(3) == 0) continue;
        std::string previous;
        for (int tr = 0; tr <= b.last_track; ++tr) {
          if (tr != 0 && tr < b.first_track) continue;
          if (rnd(4) == 0) continue;
          // Repeats exercise the TAB encoding.
          std::string v = (!previous.empty() && rnd(3) == 0) ? previous : random_text();
          b.text[{type, static_cast<uint8_t>(tr)}] = v;
          previous = v;
        }
      }
      for (uint8_t type : {uint8_t{0x86}, uint8_t{0x87}, uint8_t{0x8D}})
        if (rnd(2)) b.text[{type, 0}] = random_text();
      if (b.text.count({0x87, 0}) || rnd(4) == 0)
        b.binary[0x87] = {static_cast<uint8_t>(rnd(2)), static_cast<uint8_t>(rnd(256))};
      if (rnd(4) == 0) {
        std::vector<uint8_t> toc(12 * (1 + static_cast<size_t>(rnd(3))));
        for (auto& x : toc) x = static_cast<uint8_t>(rng());
        b.binary[0x88] = toc;
      }
      t.blocks.push_back(std::move(b));
    }
    const auto packs = build_cdtext_packs(t);
    CdTextParseReport report;
    const CdText back = parse_cdtext(cdtext_bytes(packs), "roundtrip", &report);
    ASSERT_EQ(back, t) << "iteration " << iter;
    ASSERT_TRUE(report.problems.empty()) << report.problems.front();
  }
}

}  // namespace
}  // namespace dw
