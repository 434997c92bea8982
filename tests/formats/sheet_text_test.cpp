// UTF-8 text in sheets becomes ISO 8859-1 CD-Text: the conversion itself, its notes and warnings
// as the CUE and cdrdao TOC parsers make them, and the bytes that reach CD-Text packs (a CloneCD
// [CDText] line) and the FLAC tags. Expected bytes by hand: in ISO 8859-1, é is 0xE9 and ï 0xEF;
// in UTF-8 they are c3 a9 and c3 af, ☃ (U+2603) e2 98 83 and 😀 (U+1F600) f0 9f 98 80.
#include "formats/sheet_text.hpp"

#include <gtest/gtest.h>

#include "formats/audio_tracks.hpp"
#include "formats/ccd_image.hpp"
#include "formats/cue_reader.hpp"
#include "formats/cue_sheet.hpp"
#include "formats/toc_sheet.hpp"
#include "support/temp_dir.hpp"

namespace dw {
namespace {

using test::TempDir;

TEST(SheetText, Utf8BecomesLatin1) {
  std::vector<SheetNote> notes;
  EXPECT_EQ(cdtext_latin1("Caf\xC3\xA9", "TITLE", 3, notes), "Caf\xE9");
  ASSERT_EQ(notes.size(), 1u);
  EXPECT_EQ(notes[0].line, 3);
  EXPECT_FALSE(notes[0].warning);
  EXPECT_EQ(notes[0].text, "TITLE is UTF-8 text: stored as ISO 8859-1, CD-Text's character set");
  // U+0080..U+00FF all map to their own byte: ÿ (c3 bf) is 0xFF.
  EXPECT_EQ(cdtext_latin1("\xC2\x80\xC3\xBF", "TITLE", 1, notes), "\x80\xFF");
}

TEST(SheetText, CharactersOutsideLatin1AreReplacedWithAWarning) {
  std::vector<SheetNote> notes;
  EXPECT_EQ(cdtext_latin1("Snow \xE2\x98\x83 \xF0\x9F\x98\x80 \xE2\x98\x83 \xC3\xA9", "PERFORMER", 7, notes),
            "Snow ? ? ? \xE9");
  ASSERT_EQ(notes.size(), 1u);
  EXPECT_TRUE(notes[0].warning);
  EXPECT_EQ(notes[0].line, 7);
  EXPECT_EQ(notes[0].text,
            "PERFORMER is UTF-8 text: stored as ISO 8859-1, CD-Text's character set, which lacks U+2603 "
            "(\xE2\x98\x83), U+1F600 (\xF0\x9F\x98\x80): each written as '?'");
  // An invisible character (U+202E, right-to-left override: e2 80 ae) is named by number only.
  notes.clear();
  EXPECT_EQ(cdtext_latin1("a\xE2\x80\xAE", "TITLE", 2, notes), "a?");
  EXPECT_EQ(notes.at(0).text,
            "TITLE is UTF-8 text: stored as ISO 8859-1, CD-Text's character set, which lacks U+202E: each written "
            "as '?'");
}

TEST(SheetText, AsciiAndNonUtf8TextStayAsTheyAre) {
  std::vector<SheetNote> notes;
  EXPECT_EQ(cdtext_latin1("Plain", "TITLE", 1, notes), "Plain");
  EXPECT_EQ(cdtext_latin1("Caf\xE9", "TITLE", 1, notes), "Caf\xE9");                    // Latin-1 already
  EXPECT_EQ(cdtext_latin1("\xC3", "TITLE", 1, notes), "\xC3");                          // cut-off sequence
  EXPECT_EQ(cdtext_latin1("\xC0\xA9", "TITLE", 1, notes), "\xC0\xA9");                  // overlong form of ')'
  EXPECT_EQ(cdtext_latin1("\xED\xA0\x80", "TITLE", 1, notes), "\xED\xA0\x80");          // a surrogate (U+D800)
  EXPECT_EQ(cdtext_latin1("\xF4\x90\x80\x80", "TITLE", 1, notes), "\xF4\x90\x80\x80");  // past U+10FFFF
  // Longer overlongs (U+0000 and U+07FF in three bytes, U+FFFF in four) and the last surrogate,
  // also beside a real é (c3 a9): the whole string is then not UTF-8 and stays byte for byte.
  EXPECT_EQ(cdtext_latin1("\xE0\x80\x80", "TITLE", 1, notes), "\xE0\x80\x80");
  EXPECT_EQ(cdtext_latin1("\xE0\x9F\xBF", "TITLE", 1, notes), "\xE0\x9F\xBF");
  EXPECT_EQ(cdtext_latin1("\xF0\x8F\xBF\xBF", "TITLE", 1, notes), "\xF0\x8F\xBF\xBF");
  EXPECT_EQ(cdtext_latin1("\xED\xBF\xBF", "TITLE", 1, notes), "\xED\xBF\xBF");
  EXPECT_EQ(cdtext_latin1("Caf\xC3\xA9 \xE0\x80\x80", "TITLE", 1, notes), "Caf\xC3\xA9 \xE0\x80\x80");
  EXPECT_TRUE(notes.empty());
}

TEST(SheetText, CueSheetLinesAreConvertedWithTheirLines) {
  const CueSheet s = parse_cue_sheet(
      "TITLE \"Caf\xC3\xA9\"\nPERFORMER \"Plain\"\nFILE \"a.bin\" BINARY\n TRACK 01 AUDIO\n  TITLE \"\xE2\x98\x83\"\n"
      "  INDEX 01 00:00:00\n",
      "u.cue");
  EXPECT_EQ(s.cdtext.at("TITLE"), "Caf\xE9");
  EXPECT_EQ(s.tracks[0].cdtext.at("TITLE"), "?");
  ASSERT_EQ(s.notes.size(), 2u);
  EXPECT_EQ(s.notes[0].line, 1);
  EXPECT_EQ(s.notes[1].line, 5);
  EXPECT_TRUE(s.notes[1].warning);
  std::vector<std::string> shown;
  report_sheet_notes(s.notes, "u.cue", shown);
  EXPECT_EQ(shown.at(0), "u.cue:1: TITLE is UTF-8 text: stored as ISO 8859-1, CD-Text's character set");
}

TEST(SheetText, TocStringsOfLatin1BlocksOnly) {
  // Block 0 has the default encoding (ISO 8859-1); block 1 says MS-JIS after its string: left alone.
  const TocSheet t = parse_toc(
      "CD_DA\nCD_TEXT {\n LANGUAGE_MAP { 0 : EN 1 : JA }\n LANGUAGE 0 {\n  TITLE \"Caf\xC3\xA9\"\n }\n"
      " LANGUAGE 1 {\n  TITLE \"\xC3\xA9\"\n  ENCODING_MS_JIS\n }\n}\nTRACK AUDIO\nSILENCE 0:2:0\n",
      "u.toc");
  ASSERT_EQ(t.cdtext.blocks.size(), 2u);
  EXPECT_EQ((t.cdtext.blocks[0].text.at({0x80, 0})), "Caf\xE9");
  EXPECT_EQ((t.cdtext.blocks[1].text.at({0x80, 0})), "\xC3\xA9");
  ASSERT_EQ(t.notes.size(), 1u);
  EXPECT_EQ(t.notes[0].line, 5);
  EXPECT_EQ(t.notes[0].text, "TITLE is UTF-8 text: stored as ISO 8859-1, CD-Text's character set");
}

TEST(SheetText, CdTextPacksAndFlacTagsOfAUtf8Sheet) {
  TempDir dir;
  dir.write("a.bin", std::vector<uint8_t>(300 * 2352, 0));
  dir.write("u.cue",
            "TITLE \"Caf\xC3\xA9\"\nFILE \"a.bin\" BINARY\n TRACK 01 AUDIO\n  TITLE \"Na\xC3\xAFve\"\n"
            "  INDEX 01 00:00:00\n");
  Image image = read_cue(dir.path() / "u.cue");
  EXPECT_EQ(image.notes.at(0),
            (dir.path() / "u.cue").string() + ":1: TITLE is UTF-8 text: stored as ISO 8859-1, CD-Text's character set");
  // The first pack: title (0x80), track 0, sequence 0, block 0 / position 0, then "Café\0Naïve\0"
  // and one byte of padding (reference/cd-physical.md "CD-Text": 12 text bytes a pack); the
  // three size-information (0x8F) packs follow.
  const std::string ccd = make_ccd(image.disc());
  EXPECT_NE(ccd.find("[CDText]\nEntries=4\nEntry 0=80 00 00 00 43 61 66 e9 00 4e 61 ef 76 65 00 00\n"),
            std::string::npos)
      << ccd;
  // FLAC tags are UTF-8 again: é = c3 a9, ï = c3 af.
  const AudioPlan plan = plan_audio_tracks(*image.source, "u", AudioFormat::Flac);
  ASSERT_EQ(plan.files.size(), 1u);
  const auto& tags = plan.files[0].tags;
  EXPECT_EQ(tags.at(0), (std::pair<std::string, std::string>{"TITLE", "Na\xC3\xAFve"}));
  EXPECT_EQ(tags.at(1), (std::pair<std::string, std::string>{"ALBUM", "Caf\xC3\xA9"}));
}

}  // namespace
}  // namespace dw
