// Nero images made by Nero: p1.nrg (v2, DAO audio with CD-Text; its cue entries are quoted in
// reference/image-formats.md, and its audio is p1.bin's) and videocd.nrg (v1, track-at-once,
// five Mode 2 tracks; libcdio's videocd.right gives the track list and the volume label).
#include <gtest/gtest.h>

#include <cstring>

#include "disc/sector.hpp"
#include "formats/cue_reader.hpp"
#include "formats/cue_writer.hpp"
#include "formats/image_verify.hpp"
#include "formats/nrg_image.hpp"
#include "support/corpus.hpp"

namespace dw {
namespace {

TEST(NrgCorpus, P1MatchesItsCueEntriesAndP1Bin) {
  DW_REQUIRE_CORPUS_FILE(nrg, "libcdio/test/data/p1.nrg");
  Image image = read_nrg(nrg);
  const Disc& d = image.disc();
  // CUEX: 21 01 00 00 ffffff6a, 21 01 01 00 00000096, 21 02 00 00 000000e1, 21 02 01 00
  // 0000012c, 01 aa 01 00 0000012e.
  ASSERT_EQ(d.track_count(), 2u);
  EXPECT_EQ(d.find_track(1)->index(0), -150);
  EXPECT_EQ(d.find_track(1)->start(), 150);
  EXPECT_EQ(d.find_track(2)->index(0), 225);
  EXPECT_EQ(d.find_track(2)->start(), 300);
  EXPECT_EQ(d.leadout(), 302);
  EXPECT_EQ(d.find_track(1)->control.bits, Control::kCopyPermitted);  // CONTROL nibble 2
  EXPECT_EQ(image.source->begin(), -150);
  // The file's data area holds LBA -150 on; from LBA 0 it is p1.bin byte for byte.
  const auto bin = test::read_file(nrg.parent_path() / "p1.bin");
  std::vector<uint8_t> main(302 * 2352);
  image.source->read(0, 302, main, {}, {});
  EXPECT_EQ(main, bin);
  // CDTX: the disc title and performer of p1.cue.
  ASSERT_EQ(d.cdtext.blocks.size(), 1u);
  EXPECT_EQ(d.cdtext.blocks[0].text.at({0x80, 0}), "Join us now we have the software");
  EXPECT_EQ(d.cdtext.blocks[0].text.at({0x81, 0}), "Richard Stallman");
}

TEST(NrgCorpus, P1AsBinCueKeepsItsTrackStarts) {
  // Track 1's index 0 at LBA -150 cannot be written in a cue sheet (its files start at LBA 0);
  // everything from LBA 0 on, and every track start, must come through.
  DW_REQUIRE_CORPUS_FILE(nrg, "libcdio/test/data/p1.nrg");
  Image image = read_nrg(nrg);
  const auto dir = std::filesystem::temp_directory_path() / ("dw-p1-" + std::to_string(::getpid()));
  std::filesystem::create_directories(dir);
  write_cue(*image.source, dir / "P1.cue", CueStyle::Redump, false);
  EXPECT_FALSE(std::filesystem::exists(dir / "P1 (Track 0).bin"));  // the pregap is silence
  Image back = read_cue(dir / "P1.cue");
  EXPECT_EQ(back.disc().find_track(1)->start(), 150);
  EXPECT_EQ(back.disc().find_track(1)->index(0), 0);
  EXPECT_EQ(back.disc().find_track(2)->index(0), 225);
  EXPECT_EQ(back.disc().find_track(2)->start(), 300);
  EXPECT_EQ(back.disc().leadout(), 302);
  std::vector<uint8_t> a(302 * 2352), b(302 * 2352);
  image.source->read(0, 302, a, {}, {});
  back.source->read(0, 302, b, {}, {});
  EXPECT_EQ(a, b);
  std::filesystem::remove_all(dir);
}

TEST(NrgCorpus, VideoCdMatchesCdInfoAndEverySectorVerifies) {
  DW_REQUIRE_CORPUS_FILE(nrg, "libcdio/test/data/videocd.nrg");
  Image image = read_nrg(nrg);
  const Disc& d = image.disc();
  // videocd.right: starts 0, 826, 1051, 1276, 1501, lead-out 1726, all XA.
  const Lba starts[] = {0, 826, 1051, 1276, 1501};
  ASSERT_EQ(d.track_count(), 5u);
  for (uint8_t n = 1; n <= 5; ++n) {
    EXPECT_EQ(d.find_track(n)->start(), starts[n - 1]);
    EXPECT_EQ(d.find_track(n)->mode, TrackMode::Mode2Xa);
  }
  EXPECT_EQ(d.leadout(), 1726);
  const VerifyReport r = verify_image(*image.source);
  EXPECT_TRUE(r.clean()) << (r.problems.empty() ? "" : r.problems[0].what);
  EXPECT_EQ(r.data_checked, 1126u);  // 226 Form 1 + 900 Form 2 sectors stored; 600 gap sectors generated
  // The ISO 9660 primary volume descriptor at LBA 16 (Form 1 user data): label SVIDEOCD.
  std::vector<uint8_t> s(2352);
  image.source->read(16, 1, s, {}, {});
  EXPECT_EQ(std::memcmp(s.data() + 24,
                        "\x01"
                        "CD001",
                        6),
            0);
  EXPECT_EQ(std::string(reinterpret_cast<const char*>(s.data() + 24 + 40), 8), "SVIDEOCD");
}

}  // namespace
}  // namespace dw
