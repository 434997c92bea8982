// The cue sheet grammar: what each command becomes, and the exact line and words of each error.
#include "formats/cue_sheet.hpp"

#include <gtest/gtest.h>

#include "disc/error.hpp"

namespace dw {
namespace {

int error_line(const std::string& text) {
  try {
    parse_cue_sheet(text, "t.cue");
  } catch (const InputError& e) {
    EXPECT_EQ(e.source(), "t.cue");
    return e.line().value_or(-1);
  }
  ADD_FAILURE() << "accepted:\n" << text;
  return 0;
}

std::string error_text(const std::string& text) {
  try {
    parse_cue_sheet(text, "t.cue");
  } catch (const InputError& e) {
    return e.problem();
  }
  return "(accepted)";
}

TEST(CueSheet, RedumpMixedModeSheet) {
  const auto s = parse_cue_sheet(
      "CATALOG 0724384260927\r\n"
      "FILE \"Game (Track 1).bin\" BINARY\r\n"
      "  TRACK 01 MODE1/2352\r\n"
      "    INDEX 01 00:00:00\r\n"
      "FILE \"Game (Track 2).bin\" BINARY\r\n"
      "  TRACK 02 AUDIO\r\n"
      "    FLAGS DCP PRE\r\n"
      "    ISRC USSM19922509\r\n"
      "    INDEX 00 00:00:00\r\n"
      "    INDEX 01 00:02:00\r\n"
      "    INDEX 02 01:00:74\r\n",
      "t.cue");
  EXPECT_EQ(s.catalog, "0724384260927");
  ASSERT_EQ(s.files.size(), 2u);
  EXPECT_EQ(s.files[1].name, "Game (Track 2).bin");
  EXPECT_EQ(s.files[1].line, 5);
  ASSERT_EQ(s.tracks.size(), 2u);
  EXPECT_EQ(s.tracks[0].type.mode, TrackMode::Mode1);
  EXPECT_EQ(s.tracks[0].type.sector_size, 2352);
  EXPECT_EQ(s.tracks[0].file, 0u);
  const CueTrack& t = s.tracks[1];
  EXPECT_EQ(t.number, 2);
  EXPECT_EQ(t.type.mode, TrackMode::Audio);
  EXPECT_EQ(t.flags, Control::kCopyPermitted | Control::kPreEmphasis);
  EXPECT_EQ(t.isrc, "USSM19922509");
  ASSERT_EQ(t.indices.size(), 3u);
  EXPECT_EQ(t.indices[1].frames, 150);
  EXPECT_EQ(t.indices[2].frames, 60 * 75 + 74);
  EXPECT_EQ(t.indices[2].file, 1u);
  EXPECT_EQ(t.indices[2].line, 11);
}

TEST(CueSheet, EacNonCompliantFileBetweenIndex0And1) {
  const auto s = parse_cue_sheet(
      "FILE \"a.wav\" WAVE\n TRACK 01 AUDIO\n  INDEX 01 00:00:00\n TRACK 02 AUDIO\n  INDEX 00 03:00:00\n"
      "FILE \"b.wav\" WAVE\n  INDEX 01 00:00:00\n",
      "t.cue");
  ASSERT_EQ(s.tracks.size(), 2u);
  EXPECT_EQ(s.tracks[1].file, 0u);  // the FILE in force at the TRACK line
  EXPECT_EQ(s.tracks[1].indices[0].file, 0u);
  EXPECT_EQ(s.tracks[1].indices[1].file, 1u);
  EXPECT_EQ(s.files[1].type, CueFileType::Wave);
}

TEST(CueSheet, CaseInsensitiveCommandsTypesAndFlags) {
  const auto s =
      parse_cue_sheet("file x.bin motorola\ntrack 1 mode2/2336\nflags dcp 4ch scms\nindex 1 0:0:0\n", "t.cue");
  EXPECT_EQ(s.files[0].type, CueFileType::Motorola);
  EXPECT_EQ(s.tracks[0].type.name, "MODE2/2336");
  EXPECT_EQ(s.tracks[0].type.mode, TrackMode::Mode2Xa);
  EXPECT_EQ(s.tracks[0].flags, Control::kCopyPermitted | Control::kFourChannel);
  EXPECT_TRUE(s.tracks[0].scms);
}

TEST(CueSheet, EveryTrackTypeHasItsSectorSize) {
  const std::pair<const char*, int> types[] = {{"AUDIO", 2352},      {"CDG", 2448},        {"MODE1/2048", 2048},
                                               {"MODE1/2352", 2352}, {"MODE2/2336", 2336}, {"MODE2/2352", 2352},
                                               {"MODE2/2048", 2048}, {"MODE2/2324", 2324}, {"CDI/2336", 2336},
                                               {"CDI/2352", 2352},   {"MODE0/2352", 2352}};
  for (const auto& [name, size] : types) {
    const auto t = cue_track_type(name);
    ASSERT_TRUE(t) << name;
    EXPECT_EQ(t->sector_size, size) << name;
  }
  EXPECT_TRUE(cue_track_type("cdg")->subchannel);
  EXPECT_EQ(cue_track_type("CDI/2352")->mode, TrackMode::CdI);
  EXPECT_EQ(cue_track_type("MODE0/2352")->mode, TrackMode::Mode0);
  EXPECT_FALSE(cue_track_type("MODE1/2336"));
  EXPECT_FALSE(cue_track_type("MODE3/2352"));
}

TEST(CueSheet, PregapPostgapAndCdText) {
  const auto s = parse_cue_sheet(
      "PERFORMER \"The Band\"\nTITLE \"An Album\"\nSONGWRITER x\nCDTEXTFILE \"a.cdt\"\nFILE a.bin BINARY\n"
      "TRACK 01 AUDIO\nTITLE \"First Song\"\nPREGAP 00:02:00\nINDEX 01 00:00:00\nPOSTGAP 00:01:00\n",
      "t.cue");
  EXPECT_EQ(s.cdtext.at("PERFORMER"), "The Band");
  EXPECT_EQ(s.cdtext.at("TITLE"), "An Album");
  EXPECT_EQ(s.cdtext.at("SONGWRITER"), "x");
  EXPECT_EQ(s.cdtextfile, "a.cdt");
  EXPECT_EQ(s.tracks[0].cdtext.at("TITLE"), "First Song");
  EXPECT_EQ(s.tracks[0].pregap, 150);
  EXPECT_EQ(s.tracks[0].postgap, 75);
}

TEST(CueSheet, IsrcWithDashesAndLowerCase) {
  const auto s = parse_cue_sheet("FILE a BINARY\nTRACK 01 AUDIO\nISRC \"us-sm1-99-22509\"\nINDEX 01 00:00:00\n", "t");
  EXPECT_EQ(s.tracks[0].isrc, "USSM19922509");
  EXPECT_EQ(error_text("FILE a BINARY\nTRACK 01 AUDIO\nISRC USSM1992250X\nINDEX 01 00:00:00\n"),
            "invalid ISRC number 'USSM1992250X' (5 letters or digits, then 7 digits)");
}

TEST(CueSheet, RedumpMultisessionMarks) {
  const auto s = parse_cue_sheet(
      "REM SESSION 01\nFILE \"a (Track 1).bin\" BINARY\nTRACK 01 AUDIO\nINDEX 01 00:00:00\n"
      "REM LEAD-OUT 01:30:00\nREM SESSION 02\nREM LEAD-IN 01:00:00\nREM PREGAP 00:02:00\n"
      "FILE \"a (Track 2).bin\" BINARY\nTRACK 02 MODE2/2352\nINDEX 01 00:00:00\n",
      "t.cue");
  ASSERT_TRUE(s.tracks[0].session);
  EXPECT_EQ(s.tracks[0].session->session, 1);
  ASSERT_TRUE(s.tracks[1].session);
  const CueSessionMark& m = *s.tracks[1].session;
  EXPECT_EQ(m.session, 2);
  EXPECT_EQ(m.leadout, 6750);
  EXPECT_EQ(m.leadin, 4500);
  EXPECT_EQ(m.pregap, 150);
  EXPECT_EQ(m.line, 5);
}

TEST(CueSheet, OtherRemarksAreKeptAsWritten) {
  const auto s = parse_cue_sheet(
      "REM GENRE \"Rock\"\nREM COMMENT ExactAudioCopy v1.0\nFILE a BINARY\nTRACK 01 AUDIO\nINDEX 01 00:00:00\n", "t");
  ASSERT_EQ(s.remarks.size(), 2u);
  EXPECT_EQ(s.remarks[0], "GENRE \"Rock\"");
  EXPECT_EQ(s.remarks[1], "COMMENT ExactAudioCopy v1.0");
}

TEST(CueSheet, BomCrlfAndNoFinalNewline) {
  const auto s = parse_cue_sheet(
      "\xEF\xBB\xBF"
      "FILE a BINARY\r\nTRACK 01 AUDIO\r\nINDEX 01 00:00:00",
      "t");
  EXPECT_EQ(s.tracks.size(), 1u);
}

TEST(CueSheet, EacDataPlaceholderNeedsNoIndex) {
  const auto s = parse_cue_sheet("FILE a.wav WAVE\nTRACK 01 AUDIO\nINDEX 01 00:00:00\nTRACK 02 MODEx/2xxx\n", "t");
  EXPECT_EQ(s.tracks[1].type.name, "MODEx/2xxx");
  EXPECT_TRUE(s.tracks[1].indices.empty());
}

TEST(CueSheet, ErrorsNameTheLine) {
  const std::string head = "FILE a BINARY\nTRACK 01 AUDIO\n";
  EXPECT_EQ(error_line(head + "INDEX 01 00:60:00\n"), 3);
  EXPECT_EQ(error_text(head + "INDEX 01 00:60:00\n"), "INDEX offset 00:60:00 has seconds >= 60");
  EXPECT_EQ(error_text(head + "INDEX 01 00:00:75\n"), "INDEX offset 00:00:75 has frames >= 75");
  EXPECT_EQ(error_text(head + "INDEX 01 1:2\n"), "illegal INDEX offset '1:2' (not of the form MM:SS:FF)");
  EXPECT_EQ(error_line(head + "INDEX 01 00:00:00\nTRACK 03 AUDIO\nINDEX 01 00:01:00\n"), 4);
  EXPECT_EQ(error_text(head + "INDEX 01 00:00:00\nTRACK 03 AUDIO\nINDEX 01 00:01:00\n"),
            "TRACK numbers must be sequential: 03 follows 01");
  EXPECT_EQ(error_text(head + "INDEX 01 00:00:00\nINDEX 03 00:01:00\n"),
            "INDEX numbers must be sequential: 03 follows 01");
  EXPECT_EQ(error_text(head + "INDEX 01 00:00:00\nTRACK 02 AUDIO\nINDEX 01 00:00:00\n"),
            "INDEX offsets must increase within a FILE: 00:00:00 is not after 00:00:00");
  EXPECT_EQ(error_text(head + "INDEX 01 00:00:01\n"),
            "first INDEX of the first TRACK must be at 00:00:00, not 00:00:01 (the bytes before it would belong to no "
            "track)");
  EXPECT_EQ(error_line(head + "INDEX 01 00:00:00\nTRACK 02 AUDIO\n\n"), 4);
  EXPECT_EQ(error_text(head + "INDEX 01 00:00:00\nTRACK 02 AUDIO\n"), "TRACK 02 (line 4) has no INDEX 01");
  EXPECT_EQ(error_text(head + "INDEX 01 00:00:00\nFLAGS DCP\n"),
            "FLAGS command must come after TRACK but before INDEX");
  EXPECT_EQ(error_text(head + "FLAGS XYZ\nINDEX 01 00:00:00\n"), "unknown FLAGS value 'XYZ' (DCP, 4CH, PRE, SCMS)");
  EXPECT_EQ(error_text(head + "INDEX 01 00:00:00\nFROBNICATE\n"), "unknown command 'FROBNICATE'");
  EXPECT_EQ(error_text("FILE a BINARY\nTRACK 01 MODE1/2336\nINDEX 01 00:00:00\n"), "unknown TRACK type 'MODE1/2336'");
  EXPECT_EQ(error_text("FILE a WAV\n"), "unknown FILE type 'WAV' (BINARY, MOTOROLA, WAVE, AIFF, MP3)");
  EXPECT_EQ(error_text("FILE \"a BINARY\n"), "a quoted string has no closing quote");
  EXPECT_EQ(error_text("CATALOG 123\n"), "CATALOG number '123' must be 13 decimal digits");
  EXPECT_EQ(error_text("REM only\n"), "there must be at least one TRACK command");
  EXPECT_EQ(error_text("FILE a BINARY\nTRACK 100 AUDIO\n"), "TRACK number 100 must be between 1 and 99");
  EXPECT_EQ(error_text("FILE a BINARY\nTRACK 00 AUDIO\n"), "TRACK number must be greater than 0");
  EXPECT_EQ(error_text("INDEX 01 00:00:00\n"), "found INDEX before any TRACK");
  // Found by fuzz-cue: a huge session number overflowed the conversion.
  EXPECT_EQ(error_text("REM SESSION 99999999999\n"), "REM SESSION 99999999999 must be a session number from 1 to 99");
  EXPECT_EQ(error_text(head + "INDEX 01 00:00:00\nPOSTGAP 0:0\n"),
            "illegal POSTGAP offset '0:0' (not of the form MM:SS:FF)");
}

TEST(CueSheet, FirstTrackMayBeAboveOne) {
  const auto s =
      parse_cue_sheet("FILE a BINARY\nTRACK 05 AUDIO\nINDEX 01 00:00:00\nTRACK 06 AUDIO\nINDEX 01 01:00:00\n", "t");
  EXPECT_EQ(s.tracks[0].number, 5);
  EXPECT_EQ(s.tracks[1].indices[0].frames, 4500);
}

}  // namespace
}  // namespace dw
