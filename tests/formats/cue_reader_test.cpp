// From sheet to disc: absolute LBAs, generated gaps, both multisession conventions, WAVE and
// MOTOROLA files, and the errors a sheet that cannot be a disc gets. Expected LBAs follow the
// rules in reference/image-formats.md "CUE sheet" (worked out in the comments).
#include "formats/cue_reader.hpp"

#include <gtest/gtest.h>

#include <fstream>

#include "disc/error.hpp"
#include "formats/wave_file.hpp"
#include "support/temp_dir.hpp"

namespace dw {
namespace {

namespace fs = std::filesystem;

CueLayout lay(const std::string& text, std::vector<uint64_t> sector_counts, uint32_t sector_size = 2352) {
  const CueSheet s = parse_cue_sheet(text, "t.cue");
  std::vector<CueFileData> files;
  for (uint64_t n : sector_counts) files.push_back(CueFileData{nullptr, 0, n * sector_size});
  return layout_cue(s, files, "t.cue");
}

std::string layout_error(const std::string& text, std::vector<uint64_t> sector_counts) {
  try {
    lay(text, std::move(sector_counts));
  } catch (const InputError& e) {
    return std::to_string(e.line().value_or(0)) + ": " + e.problem();
  }
  return "(accepted)";
}

TEST(CueLayout, RedumpMultisessionUsesDurations) {
  // Session 1: track 1, 1000 sectors. Lead-out 6750 + lead-in 4500 + pregap 150 = 11400 more:
  // track 2 starts at 12400 and its 500 sectors end the disc at 12900.
  const CueLayout l =
      lay("REM SESSION 01\nFILE \"a (Track 1).bin\" BINARY\n TRACK 01 AUDIO\n  INDEX 01 00:00:00\n"
          "REM LEAD-OUT 01:30:00\nREM SESSION 02\nREM LEAD-IN 01:00:00\nREM PREGAP 00:02:00\n"
          "FILE \"a (Track 2).bin\" BINARY\n TRACK 02 MODE2/2352\n  INDEX 01 00:00:00\n",
          {1000, 500});
  ASSERT_EQ(l.disc.sessions.size(), 2u);
  EXPECT_EQ(l.disc.sessions[0].leadout, 1000);
  EXPECT_EQ(l.disc.sessions[0].type, DiscType::CdDaOrCdRom);
  EXPECT_EQ(l.disc.sessions[1].tracks[0].start(), 12400);
  EXPECT_EQ(l.disc.sessions[1].tracks[0].indices.size(), 1u);  // the standard pregap stays implicit
  EXPECT_EQ(l.disc.q_pregap_start(2), 12250);
  EXPECT_EQ(l.disc.sessions[1].type, DiscType::CdRomXa);
  EXPECT_EQ(l.disc.leadout(), 12900);
  EXPECT_EQ(l.end, 12900);
  // Track 2's pregap (12250..12400) is not in the files: empty Form 2 sectors, as on a disc.
  ASSERT_EQ(l.extents.size(), 3u);
  EXPECT_EQ(l.extents[1].first, 12250);
  EXPECT_EQ(l.extents[1].count, 150u);
  EXPECT_EQ(l.extents[1].storage, Storage::Generated);
  EXPECT_EQ(l.extents[1].gap_kind, SectorKind::Mode2Form2);
  EXPECT_EQ(l.extents[2].first, 12400);
}

TEST(CueLayout, RedumpMultisessionOddDurations) {
  // A third session after a 2250 lead-out default, with a 3-second pregap: index 0 explicit.
  const CueLayout l =
      lay("FILE a BINARY\n TRACK 01 AUDIO\n  INDEX 01 00:00:00\nREM SESSION 02\nFILE b BINARY\n TRACK 02 MODE1/2352\n"
          "  INDEX 01 00:00:00\nREM SESSION 03\nREM PREGAP 00:03:00\nFILE c BINARY\n TRACK 03 MODE1/2352\n  INDEX 01 "
          "00:00:00\n",
          {100, 100, 100});
  // 100 + 6750 + 4500 + 150 = 11500; + 100 = 11600; + 2250 + 4500 + 225 = 18575.
  EXPECT_EQ(l.disc.find_track(2)->start(), 11500);
  EXPECT_EQ(l.disc.sessions[1].leadout, 11600);
  EXPECT_EQ(l.disc.find_track(3)->start(), 18575);
  EXPECT_EQ(l.disc.find_track(3)->index(0), 18350);
}

TEST(CueLayout, SingleFileMultisessionUsesAbsoluteLeadOut) {
  // IsoBuster style: one file, REM LEAD-OUT = where session 1's lead-out starts (frame 1000 =
  // 00:13:25). The file continues with session 2's track at file frame 1000, which is placed
  // after the standard gap: 1000 + 6750 + 4500 + 150 = 12400.
  const CueLayout l =
      lay("REM SESSION 01\nFILE img.bin BINARY\n TRACK 01 AUDIO\n  INDEX 01 00:00:00\n TRACK 02 AUDIO\n  INDEX 01 "
          "00:06:50\n"
          "REM LEAD-OUT 00:13:25\nREM SESSION 02\n TRACK 03 MODE1/2352\n  INDEX 01 00:13:25\n",
          {1300});
  EXPECT_EQ(l.disc.sessions[0].leadout, 1000);
  EXPECT_EQ(l.disc.find_track(2)->start(), 500);
  EXPECT_EQ(l.disc.find_track(3)->start(), 12400);
  EXPECT_EQ(l.disc.leadout(), 12700);
  // A file that holds the gap itself (track 3 at file frame 12400): positions are kept.
  const CueLayout g =
      lay("FILE img.bin BINARY\n TRACK 01 AUDIO\n  INDEX 01 00:00:00\nREM LEAD-OUT 00:13:25\nREM SESSION 02\n"
          " TRACK 02 MODE1/2352\n  INDEX 01 02:45:25\n",
          {12500});
  EXPECT_EQ(g.disc.sessions[0].leadout, 1000);
  EXPECT_EQ(g.disc.find_track(2)->start(), 12400);
  EXPECT_EQ(g.disc.leadout(), 12500);
  EXPECT_EQ(g.notes.size(), 1u);  // the 11400 stored gap sectors belong to no track
}

TEST(CueLayout, MixedSectorSizesInOneFile) {
  // MODE1/2048 track of 100 sectors, then AUDIO: its INDEX 01 00:01:25 (frame 100) is at byte
  // 100 * 2048, and it holds 50 sectors of 2352 bytes.
  const CueSheet s = parse_cue_sheet(
      "FILE a BINARY\n TRACK 01 MODE1/2048\n  INDEX 01 00:00:00\n TRACK 02 AUDIO\n  PREGAP 00:02:00\n  INDEX 01 "
      "00:01:25\n"
      "  POSTGAP 00:01:00\n",
      "t.cue");
  const CueLayout l = layout_cue(s, {CueFileData{nullptr, 0, 100 * 2048 + 50 * 2352}}, "t.cue");
  const Track& t2 = *l.disc.find_track(2);
  EXPECT_EQ(t2.index(0), 100);
  EXPECT_EQ(t2.start(), 250);
  EXPECT_EQ(t2.pregap_generated, 150);
  EXPECT_EQ(t2.postgap_generated, 75);
  EXPECT_EQ(l.disc.leadout(), 375);
  ASSERT_EQ(l.extents.size(), 4u);
  EXPECT_EQ(l.extents[0].storage, Storage::Mode1User);
  EXPECT_EQ(l.extents[1].storage, Storage::Generated);
  EXPECT_EQ(l.extents[1].gap_kind, SectorKind::Audio);
  EXPECT_EQ(l.extents[2].offset, 100u * 2048);
  EXPECT_EQ(l.extents[2].count, 50u);
  EXPECT_EQ(l.extents[3].first, 300);
  EXPECT_EQ(l.disc.find_track(1)->control.bits, Control::kData);
}

TEST(CueLayout, FlagsIsrcCatalogAndCdText) {
  const CueLayout l = lay(
      "CATALOG 0724384260927\nTITLE \"Album\"\nFILE a BINARY\n TRACK 01 AUDIO\n  TITLE \"Song\"\n  FLAGS DCP PRE 4CH\n"
      "  ISRC USSM19922509\n  INDEX 01 00:00:00\n",
      {10});
  const Track& t = *l.disc.find_track(1);
  EXPECT_EQ(t.control.bits, Control::kCopyPermitted | Control::kPreEmphasis | Control::kFourChannel);
  EXPECT_EQ(t.isrc, "USSM19922509");
  EXPECT_EQ(l.disc.mcn, "0724384260927");
  ASSERT_EQ(l.disc.cdtext.blocks.size(), 1u);
  const CdTextBlock& b = l.disc.cdtext.blocks[0];
  EXPECT_EQ(b.text.at({0x80, 0}), "Album");
  EXPECT_EQ(b.text.at({0x80, 1}), "Song");
  EXPECT_EQ(b.first_track, 1);
  EXPECT_EQ(b.last_track, 1);
}

TEST(CueLayout, SheetsThatCannotBeADisc) {
  EXPECT_EQ(
      layout_error("FILE a BINARY\n TRACK 01 AUDIO\n  INDEX 01 00:00:00\n TRACK 02 AUDIO\n  INDEX 01 00:02:00\n",
                   {100}),
      "5: this INDEX is past the end of FILE \"a\" (235200 bytes; 150 sectors of 2352 bytes are wanted from byte 0)");
  EXPECT_EQ(layout_error("FILE a.wav WAVE\n TRACK 01 AUDIO\n  INDEX 01 00:00:00\n TRACK 02 MODEx/2xxx\n", {100}),
            "4: TRACK 02 is EAC's \"MODEx/2xxx\" placeholder: the data track was not extracted, so this sheet does not "
            "describe a whole disc");
  EXPECT_EQ(layout_error("FILE a.aiff AIFF\n TRACK 01 AUDIO\n  INDEX 01 00:00:00\n", {100}),
            "1: FILE \"a.aiff\" is AIFF: not supported; convert it to WAVE (44.1 kHz, 16-bit, stereo) or BINARY");
  EXPECT_EQ(layout_error("FILE a BINARY\n TRACK 01 AUDIO\n  INDEX 01 00:00:00\nREM SESSION 03\n TRACK 02 AUDIO\n"
                         "  INDEX 01 00:01:00\n",
                         {100}),
            "4: REM SESSION 03 follows session 01");
  EXPECT_EQ(layout_error("TRACK 01 AUDIO\n INDEX 01 00:00:00\n", {}), "2: INDEX comes before any FILE line");
  // Found by fuzz-cue: a session mark before the first track left session 1 without tracks.
  EXPECT_EQ(layout_error("FILE a BINARY\nREM SESSION 02\n TRACK 01 MODE2/2352\n  INDEX 01 00:00:00\n", {100}),
            "2: REM SESSION 02 comes before any TRACK of session 01");
}

using test::TempDir;

std::vector<uint8_t> wave(const std::vector<uint8_t>& pcm, uint16_t channels = 2) {
  std::vector<uint8_t> w;
  const auto put32 = [&](uint32_t v) {
    for (int i = 0; i < 4; ++i) w.push_back(uint8_t(v >> (8 * i)));
  };
  const auto put16 = [&](uint16_t v) {
    w.push_back(uint8_t(v));
    w.push_back(uint8_t(v >> 8));
  };
  const auto tag = [&](const char* t) { w.insert(w.end(), t, t + 4); };
  tag("RIFF");
  put32(uint32_t(36 + 4 + 2 + pcm.size()));
  tag("WAVE");
  tag("LIST");
  put32(2);
  put16(0);  // an unrelated chunk first, as many writers add
  tag("fmt ");
  put32(16);
  put16(1);
  put16(channels);
  put32(44100);
  put32(44100 * 4);
  put16(4);
  put16(16);
  tag("data");
  put32(uint32_t(pcm.size()));
  w.insert(w.end(), pcm.begin(), pcm.end());
  return w;
}

TEST(CueReader, WaveAndMotorolaFilesGiveLittleEndianSectors) {
  TempDir dir;
  std::vector<uint8_t> pcm(3 * 2352);
  for (size_t i = 0; i < pcm.size(); ++i) pcm[i] = uint8_t(i * 7 + 3);
  std::vector<uint8_t> swapped(pcm.size());
  for (size_t i = 0; i < pcm.size(); i += 2) {
    swapped[i] = pcm[i + 1];
    swapped[i + 1] = pcm[i];
  }
  dir.write("one.wav", wave(pcm));
  dir.write("two.raw", swapped);
  dir.write("disc.cue",
            "FILE \"one.wav\" WAVE\n TRACK 01 AUDIO\n  INDEX 01 00:00:00\nFILE \"two.raw\" MOTOROLA\n TRACK 02 AUDIO\n"
            "  INDEX 01 00:00:00\n");
  Image image = read_cue(dir.path() / "disc.cue");
  EXPECT_EQ(image.format, "cue");
  EXPECT_EQ(image.disc().find_track(2)->start(), 3);
  std::vector<uint8_t> main(6 * 2352);
  image.source->read(0, 6, main, {}, {});
  EXPECT_TRUE(std::equal(pcm.begin(), pcm.end(), main.begin()));
  EXPECT_TRUE(std::equal(pcm.begin(), pcm.end(), main.begin() + 3 * 2352));

  dir.write("mono.wav", wave(pcm, 1));
  dir.write("mono.cue", "FILE \"mono.wav\" WAVE\n TRACK 01 AUDIO\n  INDEX 01 00:00:00\n");
  try {
    read_cue(dir.path() / "mono.cue");
    FAIL() << "mono WAVE accepted";
  } catch (const InputError& e) {
    EXPECT_EQ(e.problem(), "WAVE is 44100 Hz, 16-bit, 1 channel(s); CD audio must be 44100 Hz, 16-bit, 2 channels");
    EXPECT_EQ(e.source(), (dir.path() / "mono.wav").string());
  }
}

TEST(CueReader, CdgTracksCarryTheirSubchannel) {
  // CDG: 2352 bytes of audio and 96 bytes of interleaved P-W per sector; the source hands both out.
  TempDir dir;
  std::vector<uint8_t> file, main, sub;
  for (int s = 0; s < 5; ++s)
    for (int i = 0; i < 2448; ++i) {
      const auto b = static_cast<uint8_t>(s * 31 + i * 7);
      file.push_back(b);
      (i < 2352 ? main : sub).push_back(b);
    }
  dir.write("k.cdg.bin", file);
  dir.write("k.cue", "FILE \"k.cdg.bin\" BINARY\n TRACK 01 CDG\n  INDEX 01 00:00:00\n");
  Image image = read_cue(dir.path() / "k.cue");
  EXPECT_EQ(image.disc().leadout(), 5);
  EXPECT_EQ(image.source->subchannel_origin(), SubchannelOrigin::Source);
  EXPECT_EQ(image.notes.back(), "subchannel comes from the CDG files");
  std::vector<uint8_t> m(5 * 2352), sb(5 * 96);
  image.source->read(0, 5, m, sb, {});
  EXPECT_EQ(m, main);
  EXPECT_EQ(sb, sub);
}

// The message read_cue gives for `sheet` (written as "s.cue" in `dir`), as "LINE: PROBLEM".
std::string read_error(const TempDir& dir, const std::string& sheet) {
  dir.write("s.cue", sheet);
  try {
    read_cue(dir.path() / "s.cue");
  } catch (const InputError& e) {
    return std::to_string(e.line().value_or(0)) + ": " + e.problem();
  }
  return "(accepted)";
}

TEST(CueReader, FilesThatCannotHoldATrackAreNamedAtTheirLine) {
  TempDir dir;
  dir.write("empty.bin", std::vector<uint8_t>{});
  dir.write("short.bin", std::vector<uint8_t>(1000, 1));
  dir.write("two-k.bin", std::vector<uint8_t>(2047, 1));
  std::filesystem::create_directory(dir.path() / "dirbin.bin");
  const std::string track = "\n TRACK 01 AUDIO\n  INDEX 01 00:00:00\n";
  EXPECT_EQ(read_error(dir, "FILE \"empty.bin\" BINARY" + track), "1: FILE \"empty.bin\" is empty");
  EXPECT_EQ(read_error(dir, "REM x\nFILE \"short.bin\" BINARY" + track),
            "2: FILE \"short.bin\" holds 1000 bytes, less than one 2352-byte sector");
  EXPECT_EQ(read_error(dir, "FILE \"two-k.bin\" BINARY\n TRACK 01 MODE1/2048\n  INDEX 01 00:00:00\n"),
            "1: FILE \"two-k.bin\" holds 2047 bytes, less than one 2048-byte sector");
  EXPECT_EQ(read_error(dir, "FILE \"dirbin.bin\" BINARY" + track),
            "1: file \"dirbin.bin\" is a folder, not a file (" + (dir.path() / "dirbin.bin").string() + ")");
  // WAVE: the data chunk counts (44-byte header, 4 bytes of samples).
  std::vector<uint8_t> w = wave(std::vector<uint8_t>(4, 0));
  dir.write("tiny.wav", w);
  EXPECT_EQ(read_error(dir, "FILE \"tiny.wav\" WAVE" + track),
            "1: FILE \"tiny.wav\" holds 4 bytes of WAVE data, less than one 2352-byte sector");
  dir.write("none.wav", wave({}));
  EXPECT_EQ(read_error(dir, "FILE \"none.wav\" WAVE" + track), "1: FILE \"none.wav\" holds no WAVE data");
}

TEST(CueReader, FlacFilesAreRecognised) {
  TempDir dir;
  // "fLaC", then a STREAMINFO block header (last block, type 0, 34 bytes) and its body.
  std::vector<uint8_t> flac = {'f', 'L', 'a', 'C', 0x80, 0, 0, 34};
  flac.resize(flac.size() + 34 + 3 * 2352, 0);
  dir.write("a.flac", flac);
  for (const char* type : {"WAVE", "BINARY"})
    EXPECT_EQ(read_error(dir, std::string("FILE \"a.flac\" ") + type + "\n TRACK 01 AUDIO\n  INDEX 01 00:00:00\n"),
              "1: FILE \"a.flac\" is a FLAC file: FLAC in cue sheets is not supported, decode it to WAVE (flac -d)")
        << type;
  // The WAVE parser alone says it too (cdrdao TOC files use it).
  try {
    parse_wave_header(flac, flac.size(), "a.flac");
    FAIL() << "FLAC parsed as WAVE";
  } catch (const InputError& e) {
    EXPECT_EQ(e.problem(), "is a FLAC file, not WAVE: decode it to WAVE (flac -d)");
  }
}

TEST(CueReader, AFileWithNoIndexIsNotedAndNotOpened) {
  TempDir dir;
  dir.write("a.bin", std::vector<uint8_t>(10 * 2352, 0));
  dir.write("s.cue", "FILE \"a.bin\" BINARY\n TRACK 01 AUDIO\n  INDEX 01 00:00:00\nFILE \"missing.bin\" BINARY\n");
  const Image image = read_cue(dir.path() / "s.cue");
  EXPECT_EQ(image.disc().leadout(), 10);
  EXPECT_EQ(image.notes.at(0), (dir.path() / "s.cue").string() +
                                   ":4: FILE \"missing.bin\" has no INDEX after it: it is not part of the disc and is "
                                   "not read");
  const CueSheet s = parse_cue_sheet("FILE a BINARY\n TRACK 01 AUDIO\n  INDEX 01 00:00:00\nFILE b BINARY\n", "x.cue");
  EXPECT_TRUE(cue_file_used(s, 0));
  EXPECT_FALSE(cue_file_used(s, 1));
  ASSERT_EQ(s.notes.size(), 1u);
  EXPECT_EQ(s.notes[0].line, 4);
  EXPECT_TRUE(s.notes[0].warning);
}

}  // namespace
}  // namespace dw
