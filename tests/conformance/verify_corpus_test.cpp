// verify_image on corpus discs: isofs-m1 is clean and its track hashes are those md5sum,
// sha1sum and zlib give for the whole .bin (one track = the whole file); paranoia's
// mixed-mode sheet claims a Mode 1 track over audio bytes, which verify must name sector by sector.
#include <gtest/gtest.h>

#include <fstream>

#include "formats/cue_reader.hpp"
#include "formats/image_verify.hpp"
#include "support/corpus.hpp"

namespace dw {
namespace {

TEST(VerifyCorpus, IsofsIsCleanWithTheFileHashes) {
  DW_REQUIRE_CORPUS_FILE(cue, "libcdio/test/data/isofs-m1.cue");
  Image image = read_cue(cue);
  uint64_t calls = 0, last = 0;
  const VerifyReport r = verify_image(*image.source, [&](uint64_t done, uint64_t total) {
    ++calls;
    last = done;
    EXPECT_EQ(total, 302u);
  });
  EXPECT_TRUE(r.clean());
  EXPECT_EQ(r.sectors, 302u);
  EXPECT_EQ(r.data_checked, 302u);
  EXPECT_EQ(last, 302u);
  EXPECT_GE(calls, 1u);
  ASSERT_EQ(r.tracks.size(), 1u);
  EXPECT_EQ(r.tracks[0].sectors, 302u);
  EXPECT_EQ(r.tracks[0].hashes.size, 710304u);
  EXPECT_EQ(r.tracks[0].hashes.crc32_hex(), "d064cbd4");                                 // zlib.crc32
  EXPECT_EQ(r.tracks[0].hashes.md5_hex(), "23b37aec2ccfbd8ac5a3917f37ae21ab");           // md5sum
  EXPECT_EQ(r.tracks[0].hashes.sha1_hex(), "70b651d67810fdeb96e015f829aa20469c3309a5");  // sha1sum
}

TEST(VerifyCorpus, AudioBytesInAMode1TrackAreNamed) {
  DW_REQUIRE_CORPUS_FILE(cue, "libcdio-paranoia/test/data/mixed-mode-cd.cue");
  Image image = read_cue(cue);
  const VerifyReport r = verify_image(*image.source);
  // Track 1 (MODE1/2352, LBA 0..149) holds audio: every sector fails; track 2 is audio.
  EXPECT_EQ(r.problem_count, 150u);
  EXPECT_EQ(r.data_checked, 150u);
  EXPECT_EQ(r.audio, 152u);
  ASSERT_EQ(r.problems.size(), 150u);
  for (Lba l = 0; l < 150; ++l) {
    EXPECT_EQ(r.problems[l].lba, l);
    EXPECT_EQ(r.problems[l].track, 1);
    EXPECT_NE(r.problems[l].what.find("sync"), std::string::npos) << r.problems[l].what;
  }
  ASSERT_EQ(r.tracks.size(), 2u);
  EXPECT_EQ(r.tracks[0].sectors, 150u);
  EXPECT_EQ(r.tracks[1].first, 150);
  EXPECT_EQ(r.tracks[1].sectors, 152u);
}

TEST(VerifyCorpus, DamagedSectorsAreNamedWithTheirFields) {
  DW_REQUIRE_CORPUS_FILE(bin, "libcdio/test/data/isofs-m1.bin");
  auto raw = test::read_file(bin);
  raw[100 * 2352 + 500] ^= 0x01;  // user data of LBA 100: EDC and both ECC parities disagree
  raw[200 * 2352 + 14] = 0x99;    // header frame of LBA 200: frame 99 is no address
  raw[250 * 2352 + 3] = 0x00;     // sync of LBA 250
  const auto dir = std::filesystem::temp_directory_path() / ("dw-verify-" + std::to_string(::getpid()));
  std::filesystem::create_directories(dir);
  std::ofstream(dir / "d.bin", std::ios::binary)
      .write(reinterpret_cast<const char*>(raw.data()), std::streamsize(raw.size()));
  std::ofstream(dir / "d.cue") << "FILE \"d.bin\" BINARY\n  TRACK 01 MODE1/2352\n    INDEX 01 00:00:00\n";
  Image image = read_cue(dir / "d.cue");
  const VerifyReport r = verify_image(*image.source);
  ASSERT_EQ(r.problem_count, 3u);
  EXPECT_EQ(r.problems[0].lba, 100);
  EXPECT_EQ(r.problems[0].what, "mode 1 sector: EDC, ECC P, ECC Q");
  EXPECT_EQ(r.problems[1].lba, 200);
  EXPECT_EQ(r.problems[2].lba, 250);
  EXPECT_NE(r.problems[2].what.find("sync"), std::string::npos);
  std::filesystem::remove_all(dir);
}

}  // namespace
}  // namespace dw
