// identify on files made by other tools. Expected labels and sizes come from libcdio's
// isofs-m1.right and from `isoinfo -d` (genisoimage) on each image.
#include <gtest/gtest.h>

#include "formats/identify.hpp"
#include "support/corpus.hpp"

namespace dw {
namespace {

TEST(IdentifyCorpus, IsoImagesAndRawSectors) {
  DW_REQUIRE_CORPUS_FILE(dir, "libcdio/test/data");
  Identification r = identify_file(dir / "isofs-m1.bin");
  EXPECT_EQ(r.kind, FileKind::RawCd);
  EXPECT_EQ(r.detail("volume_label"), "CDROM");  // isofs-m1.right: label `CDROM'
  EXPECT_EQ(r.detail("volume_blocks"), "64");    // isofs-m1.right: 64 blocks
  const std::tuple<const char*, const char*, const char*> isos[] = {{"copying.iso", "CDROM", "64"},
                                                                    {"joliet.iso", "K3b data project", "198"},
                                                                    {"test-udf1.iso", "CDROM", "445"},
                                                                    {"multi_extent_8k.iso", "ISOIMAGE", "60"}};
  for (const auto& [file, label, blocks] : isos) {
    r = identify_file(dir / file);
    EXPECT_EQ(r.kind, FileKind::Iso9660) << file;
    EXPECT_EQ(r.detail("volume_label"), label) << file;
    EXPECT_EQ(r.detail("volume_blocks"), blocks) << file;
  }
  EXPECT_EQ(identify_file(dir / "test-udf1.iso").detail("udf"), "yes");
  EXPECT_EQ(identify_file(dir / "udf102.iso").kind, FileKind::Udf);
  EXPECT_EQ(identify_file(dir / "p1.nrg").detail("version"), "2");
  EXPECT_EQ(identify_file(dir / "videocd.nrg").detail("version"), "1");
  EXPECT_EQ(identify_file(dir / "cdda.bin").kind, FileKind::AudioBin);
  EXPECT_EQ(identify_file(dir / "cdda.bin").detail("duration"), "00:04:02");  // cdda.right: lead-out 00:06:02 - 2 s
  EXPECT_EQ(identify_file(dir / "cdda.cue").kind, FileKind::Cue);
  for (const char* toc : {"t1.toc", "isofs-m1.toc", "cdtext.toc", "data1.toc"})
    EXPECT_EQ(identify_file(dir / toc).kind, FileKind::CdrdaoToc) << toc;
}

TEST(IdentifyCorpus, RedumperScrambledSectors) {
  DW_REQUIRE_CORPUS_FILE(dir, "redumper/tests/unscramble");
  // Whole scrambled data sectors (valid sync, the rest scrambled) are recognised as such.
  for (const char* f :
       {"08_mode1.0.pass", "09_mode2.0.pass", "23_msf_mismatch_mode1.42.pass", "38_no_msf_mode1.null.pass"}) {
    const Identification r = identify_file(dir / f);
    EXPECT_EQ(r.kind, FileKind::RawCd) << f;
    EXPECT_EQ(r.detail("scrambled"), "yes") << f;
  }
}

}  // namespace
}  // namespace dw
