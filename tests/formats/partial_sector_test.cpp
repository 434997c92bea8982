// Files that end with bytes not filling a sector (a cut-short download, a truncated copy): every
// reader that finds them records them, verify counts each as a problem, and every conversion
// lists them as lost. Sizes are worked out by hand in the comments.
#include <gtest/gtest.h>

#include "formats/ccd_image.hpp"
#include "formats/conversion.hpp"
#include "formats/cue_reader.hpp"
#include "formats/extent_source.hpp"
#include "formats/image_verify.hpp"
#include "formats/toc_reader.hpp"
#include "formats/wave_file.hpp"
#include "support/temp_dir.hpp"
#include "support/test_discs.hpp"

namespace dw {
namespace {

using test::TempDir;
using Bytes = std::vector<uint8_t>;

// A PCM WAVE file (44.1 kHz, 16-bit, stereo; the header audio_tracks_test checks) holding `data`.
Bytes wave(const Bytes& data) {
  const auto header = wave_header(data.size());
  Bytes w(header.begin(), header.end());
  w.insert(w.end(), data.begin(), data.end());
  return w;
}

TEST(PartialSector, CueBinaryFileCutShortIsAProblemAndALoss) {
  TempDir dir;
  // a.bin: 10 sectors and 1000 bytes (10 * 2352 + 1000 = 24520); b.bin: 5 whole sectors.
  const auto a = dir.write("a.bin", Bytes(24520, 0));
  dir.write("b.bin", Bytes(5 * 2352, 0));
  dir.write("d.cue",
            "FILE \"a.bin\" BINARY\n TRACK 01 AUDIO\n  INDEX 01 00:00:00\nFILE \"b.bin\" BINARY\n TRACK 02 AUDIO\n"
            "  INDEX 01 00:00:00\n");
  Image image = read_cue(dir.path() / "d.cue");
  EXPECT_EQ(image.disc().leadout(), 15);
  const auto partial = partial_sectors(*image.source);
  ASSERT_EQ(partial.size(), 1u);
  EXPECT_EQ(partial[0].file, a.string());
  EXPECT_EQ(partial[0].size, 24520u);
  EXPECT_FALSE(partial[0].wave_data);
  EXPECT_EQ(partial[0].sector_size, 2352u);
  EXPECT_EQ(partial[0].left_over, 1000u);
  EXPECT_EQ(partial[0].describe(),
            a.string() + " is 24520 bytes: it ends with 1000 bytes that do not fill a 2352-byte sector");

  const VerifyReport r = verify_image(*image.source);
  EXPECT_FALSE(r.clean());
  EXPECT_EQ(r.problem_count, 1u);
  EXPECT_TRUE(r.problems.empty());
  ASSERT_EQ(r.partial.size(), 1u);
  EXPECT_EQ(r.partial[0].file, a.string());

  const std::vector<Loss> lost = {
      {LossKind::PartialSector,
       "the last 1000 bytes of " + a.string() + " (24520 bytes), which do not fill a 2352-byte sector"}};
  for (const char* to : {"cue", "cue-single", "ccd", "nrg"})
    EXPECT_EQ(conversion_losses(*image.source, to), lost) << to;
}

TEST(PartialSector, CookedTrackAndIsoLosses) {
  TempDir dir;
  // 20 Mode 1 sectors of 2048 bytes and 100 more: 20 * 2048 + 100 = 41060.
  const auto iso = dir.write("d.iso", Bytes(41060, 0));
  dir.write("d.cue", "FILE \"d.iso\" BINARY\n TRACK 01 MODE1/2048\n  INDEX 01 00:00:00\n");
  Image image = read_cue(dir.path() / "d.cue");
  EXPECT_EQ(image.disc().leadout(), 20);
  EXPECT_EQ(conversion_losses(*image.source, "iso"),
            (std::vector<Loss>{{LossKind::PartialSector, "the last 100 bytes of " + iso.string() +
                                                             " (41060 bytes), which do not fill a 2048-byte sector"}}));
  EXPECT_EQ(verify_image(*image.source).problem_count, 1u);
}

TEST(PartialSector, WaveDataCutShort) {
  TempDir dir;
  // Data chunk: 2 sectors and 4 bytes (one stereo sample) = 4708 bytes.
  const auto w = dir.write("t.wav", wave(Bytes(2 * 2352 + 4, 0)));
  dir.write("d.cue", "FILE \"t.wav\" WAVE\n TRACK 01 AUDIO\n  INDEX 01 00:00:00\n");
  Image image = read_cue(dir.path() / "d.cue");
  const auto partial = partial_sectors(*image.source);
  ASSERT_EQ(partial.size(), 1u);
  EXPECT_EQ(partial[0].describe(),
            w.string() + " has WAVE data of 4708 bytes: it ends with 4 bytes that do not fill a 2352-byte sector");
}

TEST(PartialSector, WholeSectorsAreClean) {
  TempDir dir;
  dir.write("a.bin", Bytes(7 * 2352, 0));
  dir.write("d.cue", "FILE \"a.bin\" BINARY\n TRACK 01 AUDIO\n  INDEX 01 00:00:00\n");
  Image image = read_cue(dir.path() / "d.cue");
  EXPECT_TRUE(partial_sectors(*image.source).empty());
  EXPECT_TRUE(verify_image(*image.source).clean());
  EXPECT_TRUE(conversion_losses(*image.source, "ccd").empty());
  // Sources that are not image files have no files to be cut short.
  const Disc d = test::single_audio_disc(7);
  MemorySectorSource memory(d, 0, Bytes(7 * 2352, 0));
  EXPECT_TRUE(partial_sectors(memory).empty());
}

TEST(PartialSector, CloneCdImageAndTocDataFile) {
  TempDir dir;
  const Disc d = test::single_audio_disc(30);
  MemorySectorSource memory(d, 0, Bytes(30 * 2352, 0));
  write_ccd(memory, dir.path() / "c.ccd", false);
  { std::ofstream(dir.path() / "c.img", std::ios::app | std::ios::binary).write("1234567", 7); }
  // 30 * 2352 + 7 = 70567.
  Image ccd = read_ccd(dir.path() / "c.ccd");
  auto partial = partial_sectors(*ccd.source);
  ASSERT_EQ(partial.size(), 1u);
  EXPECT_EQ(partial[0].describe(), (dir.path() / "c.img").string() +
                                       " is 70567 bytes: it ends with 7 bytes that do not fill a 2352-byte sector");

  // A cdrdao DATAFILE without a length from byte 16: (16 + 3 * 2048 + 5) - 16 = 3 sectors and 5 bytes.
  const auto data = dir.write("d.bin", Bytes(16 + 3 * 2048 + 5, 0));
  dir.write("t.toc", "CD_ROM\nTRACK MODE1\nDATAFILE \"d.bin\" #16\n");
  Image toc = read_toc(dir.path() / "t.toc");
  partial = partial_sectors(*toc.source);
  ASSERT_EQ(partial.size(), 1u);
  EXPECT_EQ(partial[0].describe(),
            data.string() + " is 6165 bytes: it ends with 5 bytes that do not fill a 2048-byte sector");
}

}  // namespace
}  // namespace dw
