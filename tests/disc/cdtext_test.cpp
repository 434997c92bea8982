// CD-Text pack codec. Golden values: the Sony example packs quoted in libburn's doc/cdtext.txt
// (with their CRCs), the first pack of libcdio's cdtext.cdt, and hand-laid packs whose bytes
// follow reference/cd-physical.md with CRCs computed by an independent python3 CRC-16/GSM
// (poly 0x1021, init 0, inverted). Corpus files are checked in tests/conformance.
#include "disc/cdtext.hpp"

#include <gtest/gtest.h>

#include <algorithm>
#include <random>
#include <string_view>

#include "disc/error.hpp"

namespace dw {
namespace {

CdTextPack hex_pack(std::string_view hex) {
  CdTextPack p{};
  size_t n = 0;
  for (size_t i = 0; i + 1 < hex.size() && n < p.size();) {
    if (hex[i] == ' ') {
      ++i;
      continue;
    }
    p[n++] = static_cast<uint8_t>(std::stoi(std::string(hex.substr(i, 2)), nullptr, 16));
    i += 2;
  }
  return p;
}

// A pack with the given header and payload (a string_view may hold NULs), CRC set.
CdTextPack make_pack(uint8_t type, uint8_t track, uint8_t seq, uint8_t flags, std::string_view payload) {
  CdTextPack p{};
  p[0] = type;
  p[1] = track;
  p[2] = seq;
  p[3] = flags;
  std::copy_n(payload.begin(), std::min<size_t>(payload.size(), 12), p.begin() + 4);
  cdtext_set_crc(p);
  return p;
}

std::vector<uint8_t> bytes_of(const std::vector<CdTextPack>& packs) { return cdtext_bytes(packs); }

bool has_problem(const CdTextParseReport& r, std::string_view needle, std::optional<uint64_t> offset = {}) {
  return std::any_of(r.problems.begin(), r.problems.end(), [&](const CdTextProblem& p) {
    return p.message.find(needle) != std::string::npos && (!offset || p.offset == *offset);
  });
}

std::string problems_of(const CdTextParseReport& r) {
  std::string s;
  for (const auto& p : r.problems) s += std::to_string(p.offset) + ": " + p.message + "\n";
  return s;
}

using namespace std::string_literals;

TEST(CdTextPacks, CrcGoldenPacks) {
  // Sony's examples in libburn doc/cdtext.txt, and pack 0 of libcdio's cdtext.cdt.
  for (auto hex : {"88 00 23 00 01 0e 00 3f 02 12 00 00 00 00 00 00 12 00",
                   "88 0d 27 00 35 18 19 39 03 19 00 00 00 00 00 00 ea af",
                   "89 01 28 00 01 04 00 00 00 00 02 29 30 02 34 3a f3 0c",
                   "8f 02 2c 00 00 00 00 00 09 00 00 00 00 00 00 00 11 45",
                   "80 00 00 00 4a 6f 79 66 75 6c 20 4e 69 67 68 74 f0 f7"}) {
    CdTextPack p = hex_pack(hex);
    EXPECT_TRUE(cdtext_pack_crc_ok(p)) << hex;
    CdTextPack q = p;
    q[16] = q[17] = 0;
    cdtext_set_crc(q);
    EXPECT_EQ(q, p) << hex;
    q[9] ^= 0x10;
    EXPECT_FALSE(cdtext_pack_crc_ok(q)) << hex;
  }
}

TEST(CdTextPacks, SonySizeInfoExample) {
  // The three 0x8F packs of libburn's doc: ASCII, tracks 1..3, 6/5/4/5/7/6/1/2 packs of types
  // 0x80..0x87, 6 of 0x8E, 3 of 0x8F, last sequence number 0x2c, English. The other packs of that
  // example are not given, so the counts must be reported as disagreeing, not trusted.
  std::vector<CdTextPack> packs = {hex_pack("8f 00 2a 00 01 01 03 00 06 05 04 05 07 06 01 02 48 65"),
                                   hex_pack("8f 01 2b 00 00 00 00 00 00 00 06 03 2c 00 00 00 c0 20"),
                                   hex_pack("8f 02 2c 00 00 00 00 00 09 00 00 00 00 00 00 00 11 45")};
  CdTextParseReport report;
  const CdText t = parse_cdtext(bytes_of(packs), "sony", &report);
  ASSERT_EQ(t.blocks.size(), 1u);
  const CdTextBlock& b = t.blocks[0];
  EXPECT_EQ(b.character_code, 0x01);
  EXPECT_EQ(b.first_track, 1);
  EXPECT_EQ(b.last_track, 3);
  EXPECT_EQ(b.copyright, 0);
  EXPECT_EQ(b.language, 0x09);
  EXPECT_TRUE(b.text.empty());
  EXPECT_EQ(report.packs, 3u);
  EXPECT_EQ(report.crc_errors, 0u);
  EXPECT_TRUE(has_problem(report, "size info counts 6 packs of type 0x80, 0 found", 0));
  EXPECT_FALSE(has_problem(report, "type 0x8F"));  // three 0x8F packs: right
  EXPECT_FALSE(has_problem(report, "last sequence number"));
}

TEST(CdTextPacks, SonyTocPacks) {
  // 0x88: first/last track 1..14, lead-out 63:02:18, then four track starts per pack; 0x89: the
  // pack's track byte carries meaning, so it is kept per pack.
  const auto toc0 = hex_pack("88 00 23 00 01 0e 00 3f 02 12 00 00 00 00 00 00 12 00");
  const auto toc1 = hex_pack("88 01 24 00 00 02 00 04 0b 19 08 02 32 0b 2f 3e 67 2d");
  const std::vector<CdTextPack> toc2 = {hex_pack("89 01 28 00 01 04 00 00 00 00 02 29 30 02 34 3a f3 0c"),
                                        hex_pack("89 06 29 00 02 04 00 00 00 00 17 0e 19 17 1d 3c 73 92"),
                                        hex_pack("89 07 2a 00 03 04 00 00 00 00 1c 1e 27 1c 2a 1e 72 20"),
                                        hex_pack("89 0d 2b 00 04 04 00 00 00 00 37 0d 1a 37 1f 32 0b 62")};
  std::vector<CdTextPack> packs = {toc0, toc1};
  packs.insert(packs.end(), toc2.begin(), toc2.end());
  CdTextParseReport report;
  const CdText t = parse_cdtext(bytes_of(packs), "sony toc", &report);
  ASSERT_EQ(t.blocks.size(), 1u);
  const CdTextBlock& b = t.blocks[0];
  EXPECT_EQ(b.binary.at(0x88), (std::vector<uint8_t>{1, 0x0e, 0, 0x3f, 2,    0x12, 0, 0, 0,    0,    0,    0,
                                                     0, 2,    0, 4,    0x0b, 0x19, 8, 2, 0x32, 0x0b, 0x2f, 0x3e}));
  EXPECT_EQ(b.binary_tracks.at(0x88), (std::vector<uint8_t>{0, 1}));
  EXPECT_EQ(b.binary_tracks.at(0x89), (std::vector<uint8_t>{1, 6, 7, 13}));
  EXPECT_EQ(b.binary.at(0x89).size(), 48u);
  EXPECT_TRUE(has_problem(report, "sequence number jumps from 36 to 40", 36));

  // Built again: same payloads and track bytes, sequence numbers from 0.
  const auto built = build_cdtext_packs(t);
  ASSERT_EQ(built.size(), 6u + 3u);
  for (size_t i = 0; i < 6; ++i) {
    CdTextPack want = packs[i];
    want[2] = static_cast<uint8_t>(i);
    cdtext_set_crc(want);
    EXPECT_EQ(built[i], want) << i;
  }
  // Without track bytes, 0x88 gets Sony's layout: 0, then first track + 4 per pack (1, 5, 9, 13).
  CdTextBlock derived;
  derived.binary[0x88] = std::vector<uint8_t>(5 * 12, 0);
  derived.binary[0x88][0] = 1;
  const auto d = build_cdtext_packs(CdText{{derived}});
  ASSERT_EQ(d.size(), 5u + 3u);
  for (size_t k = 0; k < 5; ++k) EXPECT_EQ(d[k][1], (std::vector<uint8_t>{0, 1, 5, 9, 13})[k]);
}

TEST(CdTextPacks, BuildGoldenSingleByte) {
  // Hand-laid: TITLE "Album" / "One" / "One" (TAB) / "Three" packs per reference layout,
  // PERFORMER for the disc only followed by empty strings for tracks 1..3, size info last.
  CdTextBlock b;
  b.first_track = 1;
  b.last_track = 3;
  b.text[{0x80, 0}] = "Album";
  b.text[{0x80, 1}] = "One";
  b.text[{0x80, 2}] = "One";
  b.text[{0x80, 3}] = "Three";
  b.text[{0x81, 0}] = "Band";
  const std::vector<CdTextPack> want = {
      {0x80, 0x00, 0x00, 0x00, 0x41, 0x6C, 0x62, 0x75, 0x6D, 0x00, 0x4F, 0x6E, 0x65, 0x00, 0x09, 0x00, 0x80, 0xE3},
      {0x80, 0x03, 0x01, 0x00, 0x54, 0x68, 0x72, 0x65, 0x65, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x8F, 0xCB},
      {0x81, 0x00, 0x02, 0x00, 0x42, 0x61, 0x6E, 0x64, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x52, 0x0D},
      {0x8F, 0x00, 0x03, 0x00, 0x00, 0x01, 0x03, 0x00, 0x02, 0x01, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x5D, 0x76},
      {0x8F, 0x01, 0x04, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x03, 0x05, 0x00, 0x00, 0x00, 0x8F, 0x5A},
      {0x8F, 0x02, 0x05, 0x00, 0x00, 0x00, 0x00, 0x00, 0x09, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x1C, 0x80},
  };
  const CdText model{{b}};
  EXPECT_EQ(build_cdtext_packs(model), want);
  CdTextParseReport report;
  EXPECT_EQ(parse_cdtext(bytes_of(want), "golden", &report), model);
  EXPECT_TRUE(report.problems.empty()) << problems_of(report);
}

TEST(CdTextPacks, DoubleByteGolden) {
  // Block 1, MS-JIS (0x80), Japanese (0x69): TITLE disc U+3042 (82 A0), track 1 82A2 82A4, track 2
  // the same as track 1 -> TAB TAB; strings end with 00 00 and character positions count 2-byte
  // characters. UPC/ISRC stays single-byte: ISRC JPABC0000001 for track 1.
  const std::vector<CdTextPack> packs = {
      {0x80, 0x00, 0x00, 0x90, 0x82, 0xA0, 0x00, 0x00, 0x82, 0xA2, 0x82, 0xA4, 0x00, 0x00, 0x09, 0x09, 0xDB, 0x79},
      {0x80, 0x02, 0x01, 0x91, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x27, 0x41},
      {0x8E, 0x00, 0x02, 0x90, 0x00, 0x4A, 0x50, 0x41, 0x42, 0x43, 0x30, 0x30, 0x30, 0x30, 0x30, 0x30, 0xE2, 0x08},
      {0x8E, 0x01, 0x03, 0x9B, 0x31, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x38, 0x81},
      {0x8F, 0x00, 0x04, 0x90, 0x80, 0x01, 0x02, 0x00, 0x02, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0xF3, 0xE1},
      {0x8F, 0x01, 0x05, 0x90, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x02, 0x03, 0x00, 0x06, 0x00, 0x00, 0xD2, 0x8A},
      {0x8F, 0x02, 0x06, 0x90, 0x00, 0x00, 0x00, 0x00, 0x00, 0x69, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0xF3, 0xE8},
  };
  CdTextParseReport report;
  const CdText t = parse_cdtext(bytes_of(packs), "jis", &report);
  EXPECT_TRUE(report.problems.empty()) << problems_of(report);
  ASSERT_EQ(t.blocks.size(), 1u);
  const CdTextBlock& b = t.blocks[0];
  EXPECT_EQ(b.block, 1);
  EXPECT_TRUE(b.double_byte);
  EXPECT_EQ(b.character_code, 0x80);
  EXPECT_EQ(b.language, 0x69);
  EXPECT_EQ(b.first_track, 1);
  EXPECT_EQ(b.last_track, 2);
  const std::map<std::pair<uint8_t, uint8_t>, std::string> want = {
      {{0x80, 0}, "\x82\xA0"},
      {{0x80, 1}, "\x82\xA2\x82\xA4"},
      {{0x80, 2}, "\x82\xA2\x82\xA4"},
      {{0x8E, 1}, "JPABC0000001"},
  };
  EXPECT_EQ(b.text, want);
  EXPECT_EQ(build_cdtext_packs(t), packs);
}

TEST(CdTextPacks, StringsAcrossPacksAndTabs) {
  // Several strings per pack, a string over three packs, TAB for tracks 2 and 3, a TAB for
  // track 1 meaning the disc's text, as the krosis disc of libcdio's corpus has them.
  const std::vector<CdTextPack> packs = {
      make_pack(0x81, 0, 0, 0x00, "Krosis\0\t\0Lon"s),           // disc, track 1 = TAB (the disc's text)
      make_pack(0x81, 2, 1, 0x03, "g name that "s),              // track 2 goes on (3 characters before)
      make_pack(0x81, 2, 2, 0x0F, "goes on!\0\t\0\t"s),          // track 2 ends, 3 = TAB, 4 starts a TAB..
      make_pack(0x81, 4, 3, 0x01, "\0\0\0\0\0\0\0\0\0\0\0\0"s),  // ..which ends here
  };
  CdTextParseReport report;
  const CdText t = parse_cdtext(bytes_of(packs), "tabs", &report);
  EXPECT_FALSE(has_problem(report, "header says")) << problems_of(report);
  const auto& text = t.blocks.at(0).text;
  EXPECT_EQ(text.at({0x81, 0}), "Krosis");
  EXPECT_EQ(text.at({0x81, 1}), "Krosis");
  EXPECT_EQ(text.at({0x81, 2}), "Long name that goes on!");
  EXPECT_EQ(text.at({0x81, 3}), "Long name that goes on!");
  EXPECT_EQ(text.at({0x81, 4}), "Long name that goes on!");
  EXPECT_EQ(text.size(), 5u);
}

TEST(CdTextPacks, GenreDiscIdAndClosedInfo) {
  // Genre: 2-byte code 0x0005 then the genre text (libcdio cdtext.cdt layout: "87 00 21 0a" -
  // the continuation's character position counts only the text).
  const std::vector<CdTextPack> packs = {
      make_pack(0x86, 0, 0, 0x00, "1234567890\0\0"s),
      make_pack(0x87, 0, 1, 0x00,
                "\x00\x05"
                "Feline cla"s),
      make_pack(0x87, 0, 2, 0x0A, "ssic music\0\0"s),
      make_pack(0x8D, 0, 3, 0x00, "Not shown\0\0\0"s),
  };
  CdTextParseReport report;
  const CdText t = parse_cdtext(bytes_of(packs), "genre", &report);
  EXPECT_FALSE(has_problem(report, "header says")) << problems_of(report);
  const CdTextBlock& b = t.blocks.at(0);
  EXPECT_EQ(b.binary.at(0x87), (std::vector<uint8_t>{0x00, 0x05}));
  EXPECT_EQ(b.text.at({0x87, 0}), "Feline classic music");
  EXPECT_EQ(b.text.at({0x86, 0}), "1234567890");
  EXPECT_EQ(b.text.at({0x8D, 0}), "Not shown");
  // Build writes the same payloads, header fields included.
  const auto built = build_cdtext_packs(t);
  for (size_t i = 0; i < packs.size(); ++i) EXPECT_EQ(built[i], packs[i]) << i;
}

TEST(CdTextPacks, Framing) {
  CdTextBlock b;
  b.text[{0x80, 0}] = "X";
  const auto bare = bytes_of(build_cdtext_packs(CdText{{b}}));
  CdTextParseReport report;
  const CdText direct = parse_cdtext(bare, "bare", &report);
  EXPECT_FALSE(report.read_toc_header);
  EXPECT_EQ(report.packs, 4u);

  // READ TOC format 5: u16 length of what follows it (2 reserved bytes + packs).
  std::vector<uint8_t> with_header = {0x00, static_cast<uint8_t>(bare.size() + 2), 0, 0};
  with_header.insert(with_header.end(), bare.begin(), bare.end());
  EXPECT_EQ(parse_cdtext(with_header, "READ TOC", &report), direct);
  EXPECT_TRUE(report.read_toc_header);
  EXPECT_EQ(report.packs, 4u);

  // Sony's trailing NUL is part of the format, not a problem.
  auto with_nul = bare;
  with_nul.push_back(0);
  EXPECT_EQ(parse_cdtext(with_nul, "sony", &report), direct);
  EXPECT_TRUE(report.problems.empty()) << problems_of(report);
}

void expect_input_error(const std::vector<uint8_t>& bytes, std::string_view needle, uint64_t offset) {
  try {
    (void)parse_cdtext(bytes, "bad.cdt");
    ADD_FAILURE() << "no InputError for: " << needle;
  } catch (const InputError& e) {
    EXPECT_NE(std::string(e.what()).find(needle), std::string::npos) << e.what();
    EXPECT_EQ(e.source(), "bad.cdt");
    EXPECT_EQ(e.offset(), offset) << e.what();
  }
}

TEST(CdTextPacks, StructuralGarbageThrows) {
  CdTextBlock b;
  b.text[{0x80, 0}] = "Title";
  const auto good = bytes_of(build_cdtext_packs(CdText{{b}}));  // 4 packs, 72 bytes

  expect_input_error({}, "no CD-Text pack", 0);
  expect_input_error({0x00, 0x02, 0x00, 0x00}, "no CD-Text pack", 4);  // header, no packs
  auto truncated = good;
  truncated.resize(good.size() - 5);  // 67 = 3 x 18 + 13
  expect_input_error(truncated, "13 bytes left over", 54);
  auto trailing = good;
  trailing.push_back(0x0A);  // a trailing byte that is not Sony's NUL
  expect_input_error(trailing, "1 bytes left over", 72);
  // A header whose length disagrees with the data: too long (truncated response) and too short.
  std::vector<uint8_t> header = {0x01, 0x00, 0, 0};
  header.insert(header.end(), good.begin(), good.end());
  expect_input_error(header, "READ TOC header says 256 bytes follow it, but 74 do", 0);
  header[0] = 0;
  header[1] = 38;
  expect_input_error(header, "READ TOC header says 38 bytes follow it, but 74 do", 0);
  // Whole packs, none valid.
  auto all_bad = good;
  for (size_t i = 0; i < all_bad.size(); i += 18) all_bad[i + 16] ^= 0xFF;
  expect_input_error(all_bad, "none of the 4 packs is a valid CD-Text pack (4 with a wrong CRC)", 0);
  // Valid CRCs but no CD-Text pack type.
  std::vector<CdTextPack> not_text = {make_pack(0x20, 0, 0, 0, "abc")};
  expect_input_error(bytes_of(not_text), "none of the 1 packs is a valid CD-Text pack", 0);
}

TEST(CdTextPacks, BadCrcsAreCountedNotFatal) {
  CdTextBlock b;
  b.text[{0x80, 0}] = "Disc title";
  b.text[{0x81, 0}] = "Performer";
  auto packs = build_cdtext_packs(CdText{{b}});  // 0x80, 0x81, 3 x 0x8F
  packs[0][6] ^= 0x01;
  CdTextParseReport report;
  const CdText t = parse_cdtext(bytes_of(packs), "one bad", &report);
  EXPECT_EQ(report.packs, 5u);
  EXPECT_EQ(report.crc_errors, 1u);
  EXPECT_TRUE(has_problem(report, "pack CRC is wrong", 0));
  EXPECT_EQ(t.blocks.at(0).text.count({0x80, 0}), 0u);
  EXPECT_EQ(t.blocks.at(0).text.at({0x81, 0}), "Performer");
  EXPECT_TRUE(has_problem(report, "size info counts 1 packs of type 0x80, 0 found", 36));
}

TEST(CdTextPacks, DriveWithoutCrcs) {
  // Some drives return packs with CRC 00 00 (libburn repairs those): taken unchecked, reported.
  CdTextBlock b;
  b.text[{0x80, 0}] = "Title";
  auto packs = build_cdtext_packs(CdText{{b}});
  for (auto& p : packs) p[16] = p[17] = 0;
  CdTextParseReport report;
  const CdText t = parse_cdtext(bytes_of(packs), "no crc", &report);
  EXPECT_EQ(t, (CdText{{b}}));
  EXPECT_EQ(report.crc_errors, 0u);
  EXPECT_TRUE(has_problem(report, "every pack has CRC 0000", 0));
}

TEST(CdTextPacks, UnterminatedStringAtEndIsKept) {
  const std::vector<CdTextPack> packs = {make_pack(0x80, 0, 0, 0, "Album\0ABCDEF"s),
                                         make_pack(0x80, 1, 1, 6, "GHIJKLMNOPQR"s)};
  CdTextParseReport report;
  const CdText t = parse_cdtext(bytes_of(packs), "unterminated", &report);
  EXPECT_EQ(t.blocks.at(0).text.at({0x80, 0}), "Album");
  EXPECT_EQ(t.blocks.at(0).text.at({0x80, 1}), "ABCDEFGHIJKLMNOPQR");
  EXPECT_TRUE(has_problem(report, "text of track 1 has no terminating NUL; kept", 18));
  EXPECT_TRUE(has_problem(report, "size-info pack 0 missing"));
  EXPECT_EQ(t.blocks.at(0).first_track, 1);  // guessed from the text when size info is missing
  EXPECT_EQ(t.blocks.at(0).last_track, 1);
  EXPECT_EQ(t.blocks.at(0).language, 0x00);  // unknown
}

TEST(CdTextPacks, SequenceGapResyncsOnPackHeader) {
  // The pack with sequence number 1 is missing: track 1's text is cut (dropped), the fragment at
  // the start of pack 2 is skipped, and the strings after it get their tracks from pack 2's header.
  const std::vector<CdTextPack> packs = {
      make_pack(0x80, 0, 0, 0x00, "Album\0First "s),
      make_pack(0x80, 2, 2, 0x02, "ack\0Third\0\0\0"s),  // seq 1 ("song title\0Tr") never arrived
  };
  CdTextParseReport report;
  const CdText t = parse_cdtext(bytes_of(packs), "gap", &report);
  const auto& text = t.blocks.at(0).text;
  EXPECT_EQ(text.at({0x80, 0}), "Album");
  EXPECT_EQ(text.count({0x80, 1}), 0u);
  EXPECT_EQ(text.at({0x80, 3}), "Third");
  EXPECT_EQ(text.size(), 2u);
  EXPECT_TRUE(has_problem(report, "sequence number jumps from 0 to 2", 18));
  EXPECT_TRUE(has_problem(report, "text of track 1 is cut off by a missing pack", 18));
  EXPECT_TRUE(has_problem(report, "whose start is missing", 18));
}

TEST(CdTextPacks, HeaderThatDisagreesIsReported) {
  // Contiguous packs: the stream wins, the wrong header is reported.
  const std::vector<CdTextPack> packs = {make_pack(0x80, 0, 0, 0x00, "Album\0Track "s),
                                         make_pack(0x80, 5, 1, 0x03, "one\0\0\0\0\0\0\0\0\0"s)};
  CdTextParseReport report;
  const CdText t = parse_cdtext(bytes_of(packs), "header", &report);
  EXPECT_EQ(t.blocks.at(0).text.at({0x80, 1}), "Track one");
  EXPECT_TRUE(has_problem(report,
                          "header says track 5 character position 3, the strings before it say track 1 "
                          "position 6",
                          18));
}

TEST(CdTextPacks, SizeInfoThatLies) {
  CdTextBlock b0, b1;
  b0.text[{0x80, 0}] = "English";
  b1.block = 1;
  b1.language = 0x08;
  b1.text[{0x80, 0}] = "Deutsch";
  auto packs = build_cdtext_packs(CdText{{b0, b1}});  // block 0: packs 0-3, block 1: packs 4-7
  // Block 0's size info: 9 title packs, last sequence number 7, block 1 in French, block 5 listed.
  packs[1][4 + 4] = 9;
  packs[2][4 + 8] = 7;
  packs[3][4 + 4 + 1] = 0x0F;
  packs[3][4 + 4 + 5] = 0x09;
  for (auto& p : packs) cdtext_set_crc(p);
  CdTextParseReport report;
  const CdText t = parse_cdtext(bytes_of(packs), "liar", &report);
  EXPECT_EQ(t.blocks.at(0).text.at({0x80, 0}), "English");
  EXPECT_EQ(t.blocks.at(1).language, 0x08);  // a block's own size info decides
  EXPECT_TRUE(has_problem(report, "block 0: size info counts 9 packs of type 0x80, 1 found", 18));
  EXPECT_TRUE(has_problem(report, "block 0: size info says last sequence number 7, last pack has 3", 36));
  EXPECT_TRUE(has_problem(report, "block 0: size info gives block 1 language 0x0F, its own says 0x08", 54));
  EXPECT_TRUE(has_problem(report, "block 0: size info lists block 5, which has no packs", 54));
  // Size-info packs numbered beyond 2, or twice with different content.
  auto odd = build_cdtext_packs(CdText{{b0}});
  odd[3][1] = 3;
  cdtext_set_crc(odd[3]);
  (void)parse_cdtext(bytes_of(odd), "odd", &report);
  EXPECT_TRUE(has_problem(report, "size-info pack number 3 (not 0..2) ignored", 54));
  EXPECT_TRUE(has_problem(report, "no size-info pack 2 anywhere; language unknown"));
}

TEST(CdTextPacks, OddPacksAreReportedNotFatal) {
  std::vector<CdTextPack> packs = {
      make_pack(0x80, 0, 0, 0x00, "\t\0Disc\0\t\0\0\0"s),  // TAB for the disc: no previous text
      make_pack(0x20, 0, 1, 0x00, "not cd-text"),          // foreign pack type
      make_pack(0x81, 0x80 | 0, 2, 0x00, "Ext\0"s),        // extension flag
      make_pack(0x82, 99, 3, 0x00, "Ninety-nine!"s),       // last CD track, then track 100 ..
      make_pack(0x82, 99, 4, 0x0C, "\0Hundred\0\0\0\0"s),  // .. whose text cannot be kept
  };
  packs.push_back(packs[2]);                                 // a repeated pack, as lead-in cycling gives, is read once
  packs.push_back(make_pack(0x85, 0, 2, 0x00, "Clash\0"s));  // same sequence number, other content
  CdTextParseReport report;
  const CdText t = parse_cdtext(bytes_of(packs), "odd", &report);
  const auto& text = t.blocks.at(0).text;
  EXPECT_EQ(text.count({0x80, 0}), 0u);
  EXPECT_EQ(text.at({0x80, 1}), "Disc");
  EXPECT_EQ(text.at({0x80, 2}), "Disc");
  EXPECT_EQ(text.at({0x81, 0}), "Ext");
  EXPECT_EQ(text.at({0x82, 99}), "Ninety-nine!");
  EXPECT_EQ(text.at({0x85, 0}), "Clash");
  EXPECT_TRUE(has_problem(report, "TAB for track 0 has no previous track text", 0));
  EXPECT_TRUE(has_problem(report, "pack type 0x20 is not CD-Text", 18));
  EXPECT_TRUE(has_problem(report, "extension flag set", 36));
  EXPECT_TRUE(has_problem(report, "text for track 100 (> 99) dropped", 72));
  EXPECT_TRUE(has_problem(report, "1 packs repeat earlier ones", 90));
  EXPECT_TRUE(has_problem(report, "sequence number 2 also used by the different pack at offset 36", 108));
  // What was read builds and reads back the same.
  EXPECT_EQ(parse_cdtext(bytes_of(build_cdtext_packs(t)), "again"), t);
}

TEST(CdTextPacks, BuildRejectsWhatCannotBeWritten) {
  auto rejects = [](CdTextBlock b) { EXPECT_THROW((void)build_cdtext_packs(CdText{{std::move(b)}}), ModelError); };
  CdTextBlock b;
  b.block = 8;
  rejects(b);
  b = {};
  b.text[{0x80, 0}] = std::string(256 * 12, 'x');  // more than 256 packs
  rejects(b);
  b = {};
  b.text[{0x80, 0}] = "a\0b"s;
  rejects(b);
  b = {};
  b.text[{0x80, 2}] = "\t";  // would read as "same as track 1"
  rejects(b);
  b = {};
  b.double_byte = true;
  b.text[{0x80, 0}] = "abc";  // odd double-byte length
  rejects(b);
  b = {};
  b.double_byte = true;
  b.text[{0x80, 0}] = "ab\0\0"s;
  rejects(b);
  b = {};
  b.text[{0x80, 100}] = "x";
  rejects(b);
  b = {};
  b.text[{0x88, 0}] = "x";
  rejects(b);
  b = {};
  b.binary[0x87] = {0, 5, 0};
  rejects(b);
  b = {};
  b.binary[0x88] = std::vector<uint8_t>(13);
  rejects(b);
  b = {};
  b.binary[0x89] = std::vector<uint8_t>(24);
  b.binary_tracks[0x89] = {1};
  rejects(b);
  b = {};
  b.binary[0x80] = {1};
  rejects(b);
  CdTextBlock one, two;
  one.block = two.block = 3;
  EXPECT_THROW((void)build_cdtext_packs(CdText{{one, two}}), ModelError);
  // A block that just fits: 253 packs of disc id + 3 of size info.
  b = {};
  b.text[{0x86, 0}] = std::string(253 * 12 - 1, 'x');
  EXPECT_EQ(build_cdtext_packs(CdText{{b}}).size(), 256u);
  b.text[{0x86, 0}] += "x";
  rejects(b);
}

TEST(CdTextPacks, BuildNormalises) {
  // Empty strings are absent, blocks come out sorted, a genre text without code gets 0x0000.
  CdTextBlock b1, b0;
  b1.block = 1;
  b1.text[{0x80, 0}] = "";
  b1.text[{0x87, 0}] = "Genre";
  b0.text[{0x81, 0}] = "P";
  const CdText parsed = parse_cdtext(bytes_of(build_cdtext_packs(CdText{{b1, b0}})), "norm");
  ASSERT_EQ(parsed.blocks.size(), 2u);
  EXPECT_EQ(parsed.blocks[0].block, 0);
  EXPECT_EQ(parsed.blocks[1].block, 1);
  EXPECT_EQ(parsed.blocks[1].text.count({0x80, 0}), 0u);
  EXPECT_EQ(parsed.blocks[1].binary.at(0x87), (std::vector<uint8_t>{0, 0}));
  EXPECT_EQ(parsed.blocks[1].text.at({0x87, 0}), "Genre");
}

TEST(CdTextPacks, SequenceNumbersAndSizeInfoOverBlocks) {
  CdTextBlock b0, b2;
  b0.character_code = 0x01;
  b0.first_track = 1;
  b0.last_track = 2;
  b0.text[{0x80, 0}] = "A";
  b0.text[{0x80, 1}] = "B";
  b2.block = 2;
  b2.language = 0x08;
  b2.copyright = 3;
  b2.text[{0x81, 2}] = "C";
  const auto packs = build_cdtext_packs(CdText{{b0, b2}});
  ASSERT_EQ(packs.size(), 8u);
  for (size_t i = 0; i < packs.size(); ++i) {
    EXPECT_EQ(packs[i][2], i % 4) << "sequence numbers restart in each block";
    EXPECT_EQ(packs[i][3] >> 4, i < 4 ? 0 : 2);
    EXPECT_TRUE(cdtext_pack_crc_ok(packs[i]));
  }
  // Block 2's record: character code 0, tracks 1..1, copyright 3, one 0x81 pack and three 0x8F,
  // last sequence numbers 3 (block 0) and 3 (block 2), languages 09 and 08.
  std::vector<uint8_t> record;
  for (int k = 5; k <= 7; ++k) record.insert(record.end(), packs[k].begin() + 4, packs[k].begin() + 16);
  EXPECT_EQ(record, (std::vector<uint8_t>{0, 1, 1, 3, 0, 1, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0,
                                          0, 3, 3, 0, 3, 0, 0, 0, 0, 0, 9, 0, 8, 0, 0, 0, 0, 0}));
  // Block 2's performer lists disc, 1 and 2: "\0\0C\0".
  EXPECT_EQ(std::vector<uint8_t>(packs[4].begin() + 4, packs[4].begin() + 8), (std::vector<uint8_t>{0, 0, 'C', 0}));
}

// Random CD-Text for the property tests: blocks, languages, character codes, strings of random
// length (empty, short, longer than a pack, repeats that become TABs), genres, binary items.
class RandomCdText {
 public:
  explicit RandomCdText(uint32_t seed) : rng_(seed) {}

  int below(int n) { return static_cast<int>(rng_() % static_cast<uint32_t>(n)); }

  std::string text(bool double_byte, bool tab_type) {
    std::string s;
    const int len = below(6) == 0 ? 0 : 1 + below(below(4) == 0 ? 40 : 14);
    for (int i = 0; i < len; ++i) {
      if (double_byte) {
        uint8_t hi = static_cast<uint8_t>(below(256)), lo = static_cast<uint8_t>(below(256));
        if (hi == 0 && lo == 0) lo = 0x40;
        s += static_cast<char>(hi);
        s += static_cast<char>(lo);
      } else {
        s += static_cast<char>(1 + below(255));
      }
    }
    if (tab_type && s == (double_byte ? "\t\t" : "\t")) s += double_byte ? "AB" : "A";
    return s;
  }

  CdText make() {
    CdText t;
    std::vector<uint8_t> numbers = {0, 1, 2, 3, 4, 5, 6, 7};
    std::shuffle(numbers.begin(), numbers.end(), rng_);
    const int blocks = 1 + below(below(4) == 0 ? 8 : 2);
    for (int i = 0; i < blocks; ++i) {
      CdTextBlock b;
      b.block = numbers[static_cast<size_t>(i)];
      b.language = static_cast<uint8_t>(below(256));
      b.double_byte = below(5) == 0;
      b.character_code = static_cast<uint8_t>(below(4) == 0 ? below(256) : (b.double_byte ? 0x80 : below(2)));
      b.copyright = static_cast<uint8_t>(below(4));
      b.first_track = static_cast<uint8_t>(below(10) == 0 ? below(256) : 1 + below(3));
      b.last_track = static_cast<uint8_t>(below(10) == 0 ? below(256) : b.first_track + below(8));
      const int max_track = std::min(below(10) == 0 ? 99 : 12, 99);
      for (int type : {0x80, 0x81, 0x82, 0x83, 0x84, 0x85, 0x8E}) {
        if (below(3) == 0) continue;
        const bool db = b.double_byte && type <= 0x85;
        std::string previous;
        for (int track = 0; track <= max_track; ++track) {
          if (max_track > 12 ? below(8) != 0 : below(3) == 0)
            continue;  // a 99-track block is sparse, or it does not fit
          const std::string v = (!previous.empty() && below(3) == 0) ? previous : text(db, true);
          b.text[{static_cast<uint8_t>(type), static_cast<uint8_t>(track)}] = v;
          previous = v;
        }
      }
      for (int type : {0x86, 0x87, 0x8D})
        if (below(2))
          b.text[{static_cast<uint8_t>(type), static_cast<uint8_t>(below(8) == 0 ? below(4) : 0)}] = text(false, false);
      const bool genre_text =
          std::any_of(b.text.begin(), b.text.end(), [](const auto& kv) { return kv.first.first == 0x87; });
      if (genre_text || below(3) == 0)
        b.binary[0x87] = {static_cast<uint8_t>(below(2)), static_cast<uint8_t>(below(256))};
      for (int type : {0x88, 0x89, 0x8B}) {
        if (below(4) != 0) continue;
        const size_t packs = 1 + static_cast<size_t>(below(4));
        auto& data = b.binary[static_cast<uint8_t>(type)];
        for (size_t k = 0; k < 12 * packs; ++k) data.push_back(static_cast<uint8_t>(below(256)));
        if (below(2)) {
          auto& tracks = b.binary_tracks[static_cast<uint8_t>(type)];
          for (size_t k = 0; k < packs; ++k) tracks.push_back(static_cast<uint8_t>(below(256)));
        }
      }
      t.blocks.push_back(std::move(b));
    }
    return t;
  }

 private:
  std::mt19937 rng_;
};

// What parse returns for a model build accepted: empty strings gone, blocks sorted, track bytes
// of binary items filled in as build derived them.
CdText canonical(CdText t, const std::vector<CdTextPack>& packs) {
  for (auto& b : t.blocks) {
    std::erase_if(b.text, [](const auto& kv) { return kv.second.empty(); });
    for (const auto& [type, data] : b.binary) {
      if (type == 0x87 || b.binary_tracks.count(type)) continue;
      auto& tracks = b.binary_tracks[type];
      for (const auto& p : packs)
        if (p[0] == type && ((p[3] >> 4) & 7) == b.block) tracks.push_back(p[1]);
    }
  }
  std::sort(t.blocks.begin(), t.blocks.end(), [](const auto& a, const auto& b) { return a.block < b.block; });
  return t;
}

TEST(CdTextPacks, BuildParseRoundTripProperty) {
  RandomCdText random(20261122);
  int built = 0, too_big = 0;
  for (int iter = 0; iter < 4000; ++iter) {
    const CdText model = random.make();
    std::vector<CdTextPack> packs;
    try {
      packs = build_cdtext_packs(model);
    } catch (const ModelError& e) {
      ASSERT_NE(std::string(e.what()).find("at most 256 packs"), std::string::npos) << e.what();
      ++too_big;
      continue;
    }
    ++built;
    // Every pack valid, sequence numbers 0.. in each block, blocks ascending.
    int block = -1, seq = 0;
    for (const auto& p : packs) {
      ASSERT_TRUE(cdtext_pack_crc_ok(p));
      const int b = (p[3] >> 4) & 7;
      if (b != block) {
        ASSERT_GT(b, block);
        block = b;
        seq = 0;
      }
      ASSERT_EQ(p[2], seq++);
    }
    CdTextParseReport report;
    const CdText back = parse_cdtext(bytes_of(packs), "roundtrip", &report);
    ASSERT_EQ(back, canonical(model, packs)) << "iteration " << iter;
    ASSERT_TRUE(report.problems.empty()) << "iteration " << iter << "\n" << problems_of(report);
    ASSERT_EQ(report.crc_errors, 0u);
    // Canonical models come back exactly, and build is deterministic.
    ASSERT_EQ(build_cdtext_packs(back), packs);
  }
  EXPECT_GT(built, 3600) << too_big << " models did not fit";
  RecordProperty("built", built);
}

// Mutated packs (bytes flipped, with and without the CRC fixed, truncated, duplicated) parse or
// throw InputError, and whatever parses survives build + parse unchanged.
TEST(CdTextPacks, MutatedInputNeverBreaks) {
  RandomCdText random(7);
  std::mt19937 rng(99);
  for (int iter = 0; iter < 3000; ++iter) {
    std::vector<CdTextPack> packs;
    try {
      packs = build_cdtext_packs(random.make());
    } catch (const ModelError&) {
      continue;
    }
    const int edits = 1 + static_cast<int>(rng() % 6);
    for (int e = 0; e < edits && !packs.empty(); ++e) {
      const size_t i = rng() % packs.size();
      switch (rng() % 5) {
        case 0: packs[i][rng() % 18] ^= static_cast<uint8_t>(1 + rng() % 255); break;
        case 1:
          packs[i][rng() % 16] = static_cast<uint8_t>(rng());
          cdtext_set_crc(packs[i]);
          break;
        case 2: packs.erase(packs.begin() + static_cast<std::ptrdiff_t>(i)); break;
        case 3: {
          const CdTextPack copy = packs[i];
          packs.insert(packs.begin() + static_cast<std::ptrdiff_t>(rng() % packs.size()), copy);
          break;
        }
        default: std::swap(packs[i], packs[rng() % packs.size()]); break;
      }
    }
    auto bytes = bytes_of(packs);
    if (rng() % 8 == 0 && !bytes.empty()) bytes.resize(rng() % bytes.size());
    CdText parsed;
    try {
      parsed = parse_cdtext(bytes, "mutated");
    } catch (const InputError&) {
      continue;
    }
    std::vector<CdTextPack> again;
    try {
      again = build_cdtext_packs(parsed);
    } catch (const ModelError& e) {
      ASSERT_NE(std::string(e.what()).find("at most 256 packs"), std::string::npos) << e.what();
      continue;
    }
    ASSERT_EQ(parse_cdtext(bytes_of(again), "again"), parsed) << "iteration " << iter;
  }
}

}  // namespace
}  // namespace dw
