// cdrdao TOC grammar and layout: each statement, the byte order of raw audio (big-endian unless
// SWAP; WAVE little-endian), DATAFILE offsets, and errors with their lines.
#include <gtest/gtest.h>

#include <fstream>

#include "disc/error.hpp"
#include "disc/sector.hpp"
#include "formats/toc_reader.hpp"
#include "toc_sub_expect.hpp"

namespace dw {
namespace {

namespace fs = std::filesystem;

CueLayout lay(const std::string& text) {
  return layout_toc(
      parse_toc(text, "t.toc"), [](const std::string&, int) { return std::nullopt; }, "t.toc");
}

std::string error_of(const std::string& text) {
  try {
    lay(text);
  } catch (const InputError& e) {
    return std::to_string(e.line().value_or(0)) + ": " + e.problem();
  }
  return "(accepted)";
}

TEST(TocSheet, StatementsAndCdText) {
  const TocSheet s = parse_toc(
      "CD_ROM_XA\nCATALOG \"0123456789012\"\nCD_TEXT {\n LANGUAGE_MAP { 0 : EN 1 : 8 }\n"
      " LANGUAGE 0 { TITLE \"A \\\"b\\\" \\101\" GENRE { 0, 5, 70, 0 } }\n LANGUAGE 1 { TITLE \"Titel\" }\n}\n"
      "TRACK MODE2_FORM_MIX RW\nTRACK AUDIO\nCOPY\nPRE_EMPHASIS\nFOUR_CHANNEL_AUDIO\nSWAP\nISRC \"US-AB1-26-00001\"\n"
      "CD_TEXT { LANGUAGE 0 { PERFORMER \"Me\" } }\nSILENCE 1:0:0\n",
      "t.toc");
  EXPECT_EQ(s.disc_type, "CD_ROM_XA");
  EXPECT_EQ(s.catalog, "0123456789012");
  ASSERT_EQ(s.tracks.size(), 2u);
  EXPECT_EQ(s.tracks[0].sector_size, 2336u);
  EXPECT_EQ(s.tracks[0].sub, "RW");
  const TocTrack& t = s.tracks[1];
  EXPECT_TRUE(t.copy && t.pre_emphasis && t.four_channel && t.swap);
  EXPECT_EQ(t.isrc, "USAB12600001");
  ASSERT_EQ(s.cdtext.blocks.size(), 2u);
  EXPECT_EQ(s.cdtext.blocks[0].text.at({0x80, 0}), "A \"b\" A");  // \101 is octal for 'A'
  EXPECT_EQ(s.cdtext.blocks[0].binary.at(0x87), (std::vector<uint8_t>{0, 5}));
  EXPECT_EQ(s.cdtext.blocks[0].text.at({0x87, 0}), "F");
  EXPECT_EQ(s.cdtext.blocks[0].text.at({0x81, 2}), "Me");
  EXPECT_EQ(s.cdtext.blocks[1].language, 8);
  EXPECT_EQ(s.cdtext.blocks[1].last_track, 2);
}

TEST(TocLayout, PregapStartAndIndices) {
  // Track 1: 100 sectors. Track 2: PREGAP 2 s (generated), 1 min of silence, INDEX at 10 s after
  // index 1. Track 3: 20 s with START 00:05:00 (its own first 5 s are the pregap).
  const CueLayout l =
      lay("TRACK AUDIO\nSILENCE 0:1:25\nTRACK AUDIO\nPREGAP 0:2:0\nSILENCE 1:0:0\nINDEX 0:10:0\n"
          "TRACK AUDIO\nSILENCE 0:20:0\nSTART 0:5:0\n");
  const Track& t2 = *l.disc.find_track(2);
  EXPECT_EQ(t2.index(0), 100);
  EXPECT_EQ(t2.start(), 250);
  EXPECT_EQ(t2.index(2), 1000);
  EXPECT_EQ(t2.pregap_generated, 150);
  const Track& t3 = *l.disc.find_track(3);
  EXPECT_EQ(t3.index(0), 4750);
  EXPECT_EQ(t3.start(), 5125);
  EXPECT_EQ(l.disc.leadout(), 6250);
}

TEST(TocLayout, Errors) {
  EXPECT_EQ(error_of("TRACK AUDIO\nSILENCE 0:60:0\n"), "2: SILENCE/ZERO length time 0:60:0 has seconds >= 60");
  EXPECT_EQ(error_of("TRACK AUDIO\nFROB\n"), "2: unknown keyword 'FROB'");
  EXPECT_EQ(error_of("TRACK AUDIO\nISRC \"unterminated\n"), "2: a quoted string has no closing quote");
  EXPECT_EQ(error_of("SILENCE 1:0:0\n"), "1: SILENCE must come after TRACK");
  EXPECT_EQ(error_of("TRACK MODE3\n"), "1: unknown track mode 'MODE3'");
  EXPECT_EQ(error_of("TRACK AUDIO\nFILE \"x.raw\" 0\n"), "2: FILE \"x.raw\" has no length, and its size is not known");
  EXPECT_EQ(error_of("TRACK AUDIO\nSILENCE 0:1:0\nSTART 0:2:0\n"), "1: TRACK 1: START is after the track's end");
  std::string many;
  for (int i = 0; i < 100; ++i) many += "TRACK AUDIO\nSILENCE 0:0:1\n";
  EXPECT_EQ(error_of(many), "199: more than 99 tracks");
  EXPECT_EQ(error_of("// nothing\n"), "2: the TOC has no TRACK");
  // Found by fuzz-toc: a language code too big for an int overflowed the conversion.
  EXPECT_EQ(error_of("CD_TEXT { LANGUAGE_MAP { 0 : 12345678901 } }\nTRACK AUDIO\nSILENCE 0:0:1\n"),
            "1: language code '12345678901' must be 0..255");
  EXPECT_EQ(error_of("CD_TEXT { LANGUAGE 99999999999 { } }\n"), "1: LANGUAGE number '99999999999' must be 0..7");
}

TEST(TocReader, ByteOrderWaveAndDataFiles) {
  const fs::path dir = fs::temp_directory_path() / ("dw-toc-" + std::to_string(::getpid()));
  fs::create_directories(dir);
  std::vector<uint8_t> le(4 * 2352);
  for (size_t i = 0; i < le.size(); ++i) le[i] = static_cast<uint8_t>(i * 5 + 1);
  std::vector<uint8_t> bigendian(le.size());
  for (size_t i = 0; i < le.size(); i += 2) {
    bigendian[i] = le[i + 1];
    bigendian[i + 1] = le[i];
  }
  const auto write = [&](const std::string& n, const std::vector<uint8_t>& b) {
    std::ofstream(dir / n, std::ios::binary).write(reinterpret_cast<const char*>(b.data()), std::streamsize(b.size()));
  };
  write("be.raw", bigendian);
  write("le.raw", le);
  const std::vector<uint8_t> header = {'R', 'I', 'F', 'F', 0,  0, 0,   0,   'W', 'A',  'V',  'E',  'f', 'm',  't',
                                       ' ', 16,  0,   0,   0,  1, 0,   2,   0,   0x44, 0xAC, 0,    0,   0x10, 0xB1,
                                       2,   0,   4,   0,   16, 0, 'd', 'a', 't', 'a',  0x40, 0x93, 0,   0};
  std::vector<uint8_t> wav(header.size() + le.size());
  std::copy(header.begin(), header.end(), wav.begin());
  std::copy(le.begin(), le.end(), wav.begin() + static_cast<std::ptrdiff_t>(header.size()));
  write("a.wav", wav);
  std::vector<uint8_t> user(16 + 3 * 2048);
  for (size_t i = 0; i < user.size(); ++i) user[i] = static_cast<uint8_t>(i * 3);
  write("d.iso", user);
  std::ofstream(dir / "t.toc")
      << "CD_ROM\nTRACK MODE1\nDATAFILE \"d.iso\" #16\nTRACK AUDIO\nFILE \"be.raw\" 0\n"
         "TRACK AUDIO\nSWAP\nFILE \"le.raw\" 0 0:0:2\nTRACK AUDIO\nFILE \"a.wav\" 1176 0:0:2\n";
  Image image = read_toc(dir / "t.toc");
  const Disc& d = image.disc();
  EXPECT_EQ(d.find_track(2)->start(), 3);
  EXPECT_EQ(d.find_track(3)->start(), 7);
  EXPECT_EQ(d.find_track(4)->start(), 9);
  EXPECT_EQ(d.leadout(), 11);
  std::vector<uint8_t> m(11 * 2352);
  image.source->read(0, 11, m, {}, {});
  // Data: Mode 1 sectors with the file's bytes after the 16-byte offset.
  EXPECT_TRUE(verify_sector(std::span<const uint8_t, 2352>(m.data() + 2352, 2352), 1).faults.ok());
  EXPECT_TRUE(std::equal(user.begin() + 16 + 2048, user.begin() + 16 + 4096, m.begin() + 2352 + 16));
  // Big-endian raw audio comes out little-endian; SWAP files are already little-endian.
  EXPECT_TRUE(std::equal(le.begin(), le.end(), m.begin() + 3 * 2352));
  EXPECT_TRUE(std::equal(le.begin(), le.begin() + 2 * 2352, m.begin() + 7 * 2352));
  // WAVE: start at sample 1176 (2 sectors) of the data chunk.
  EXPECT_TRUE(std::equal(le.begin() + 2 * 2352, le.end(), m.begin() + 9 * 2352));
  std::ofstream(dir / "bad.toc") << "TRACK AUDIO\nFILE \"le.raw\" 0 0:1:0\n";
  try {
    read_toc(dir / "bad.toc");
    FAIL();
  } catch (const InputError& e) {
    EXPECT_EQ(e.line(), 2);
    EXPECT_EQ(e.problem(), "FILE \"le.raw\": 75 sectors from byte 0 are past its end (9408 bytes)");
  }
  fs::remove_all(dir);
}

// RW_RAW: each sector's 2352 bytes are followed by 96 bytes of raw R-W (cdrdao --read-subchan
// rw_raw). The image's subchannel is then P and Q from the TOC with the file's R-W beside them
// (bits 7 and 6 of the file's bytes, which this test sets at random, are not P and Q); a track
// without RW_RAW has no R-W. (Packed RW: toc_packed_rw_test.cpp.)
TEST(TocReader, RwRawTracksCarryTheirRwBesideSynthesisedPq) {
  const fs::path dir = fs::temp_directory_path() / ("dw-tocrw-" + std::to_string(::getpid()));
  fs::create_directories(dir);
  std::vector<uint8_t> rw(100 * 2448), plain(50 * 2352);
  uint32_t x = 7;
  for (auto& b : rw) b = static_cast<uint8_t>((x = x * 1664525u + 1013904223u) >> 24);
  for (auto& b : plain) b = static_cast<uint8_t>((x = x * 1664525u + 1013904223u) >> 24);
  const auto write = [&](const std::string& n, const std::vector<uint8_t>& b) {
    std::ofstream(dir / n, std::ios::binary).write(reinterpret_cast<const char*>(b.data()), std::streamsize(b.size()));
  };
  write("rw.bin", rw);
  write("plain.raw", plain);
  std::ofstream(dir / "t.toc") << "CD_DA\nTRACK AUDIO RW_RAW\nSWAP\nFILE \"rw.bin\" 0\n"
                                  "TRACK AUDIO\nSWAP\nFILE \"plain.raw\" 0\n";
  Image image = read_toc(dir / "t.toc");
  EXPECT_EQ(image.disc().find_track(2)->start(), 100);
  EXPECT_EQ(image.disc().leadout(), 150);
  EXPECT_EQ(image.source->subchannel_origin(), SubchannelOrigin::Source);
  EXPECT_NE(std::find(image.notes.begin(), image.notes.end(),
                      "P and Q subchannel are synthesised from the TOC; R-W comes from the data files (RW_RAW)"),
            image.notes.end());
  const auto m = test::expect_sub_is_toc_pq_and(image, 150, [&](size_t l, size_t j) {
    return static_cast<uint8_t>(l < 100 ? rw[l * 2448 + 2352 + j] & 0x3F : 0);
  });
  for (size_t l = 0; l < 150; ++l) {
    const uint8_t* want = l < 100 ? rw.data() + l * 2448 : plain.data() + (l - 100) * 2352;
    EXPECT_TRUE(std::equal(want, want + 2352, m.begin() + static_cast<std::ptrdiff_t>(l * 2352))) << l;
  }
  fs::remove_all(dir);
}

}  // namespace
}  // namespace dw
