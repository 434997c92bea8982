// identify on files other tools made. Golden values: libcdio's *.right (cd-info / iso-info
// output), cdrdao's gold/*.showtoc, redumper's sample names, the corpus README, and for the
// cooked ISO/UDF labels that no .right file prints, util-linux blkid and isoinfo run on the
// same files (their output is quoted beside each value).
#include <gtest/gtest.h>

#include <fstream>
#include <regex>

#include "formats/identify.hpp"
#include "support/corpus.hpp"

namespace dw {
namespace {

namespace fs = std::filesystem;

std::string detail(const Identification& id, const std::string& key) {
  const std::string* v = id.detail(key);
  return v ? *v : "<missing " + key + ">";
}

std::string text_of(const fs::path& p) {
  const auto bytes = test::read_file(p);
  return {bytes.begin(), bytes.end()};
}

// The label libcdio prints: "ISO 9660: 64 blocks, label `CDROM                           '".
std::string right_label(const fs::path& right, int& blocks) {
  std::smatch m;
  const std::string t = text_of(right);
  static const std::regex re("ISO 9660: ([0-9]+) blocks, label `([^']*)'");
  if (!std::regex_search(t, m, re)) return "<no label in " + right.string() + ">";
  blocks = std::stoi(m[1]);
  std::string label = m[2];
  while (!label.empty() && label.back() == ' ') label.pop_back();
  return label;
}

TEST(IdentifyCorpus, RawMode1IsoFsM1) {
  DW_REQUIRE_CORPUS_FILE(bin, "libcdio/test/data/isofs-m1.bin");
  DW_REQUIRE_CORPUS_FILE(right, "libcdio/test/isofs-m1.right");
  int blocks = 0;
  const std::string label = right_label(right, blocks);
  const auto id = identify_file(bin);
  EXPECT_EQ(id.kind, FileKind::RawCd2352);
  EXPECT_EQ(id.name, "raw-cd-2352");
  EXPECT_EQ(detail(id, "volume_label"), label);  // CDROM
  EXPECT_EQ(detail(id, "volume_blocks"), std::to_string(blocks));
  EXPECT_EQ(detail(id, "system_id"), "LINUX");  // .right: "System     : LINUX"
  EXPECT_EQ(detail(id, "sectors"), "302");      // .right: leadout at LSN 302
  EXPECT_EQ(detail(id, "first_sector_lba"), "0");
  EXPECT_EQ(detail(id, "scrambled"), "no");
  // README: 302 raw Mode 1 sectors with valid EDC/ECC, so every sampled sector is Mode 1.
  EXPECT_EQ(detail(id, "sample_mode1"), detail(id, "sample_sectors"));
  EXPECT_NE(id.advice.find(".cue"), std::string::npos);  // isofs-m1.cue is beside it
}

TEST(IdentifyCorpus, CookedIsoLabels) {
  struct Case {
    const char *file, *label;
    int blocks;
  };
  // blkid -p: LABEL="CDROM" / "K3b data project" / "ISOIMAGE"; isoinfo -d: "Volume size is: 64 / 198 / 60".
  const Case cases[] = {
      {"copying.iso", "CDROM", 64}, {"joliet.iso", "K3b data project", 198}, {"multi_extent_8k.iso", "ISOIMAGE", 60}};
  for (const Case& c : cases) {
    DW_REQUIRE_CORPUS_FILE(path, std::string("libcdio/test/data/") + c.file);
    const auto id = identify_file(path);
    EXPECT_EQ(id.kind, FileKind::Iso9660) << c.file;
    EXPECT_EQ(detail(id, "volume_label"), c.label) << c.file;
    EXPECT_EQ(detail(id, "volume_blocks"), std::to_string(c.blocks)) << c.file;
    EXPECT_EQ(detail(id, "file_blocks"), std::to_string(fs::file_size(path) / 2048)) << c.file;
    EXPECT_EQ(detail(id, "el_torito"), "no") << c.file;
  }
  DW_REQUIRE_CORPUS_FILE(joliet, "libcdio/test/data/joliet.iso");
  EXPECT_EQ(detail(identify_file(joliet), "joliet_label"), "K3b data project");  // isoinfo: "Joliet ... found"
}

TEST(IdentifyCorpus, UdfImages) {
  // blkid -p udf102.iso: TYPE="udf" VERSION="1.02" LABEL bytes 46 c3a9 d0b6 ce98 76 72 69 65 72.
  DW_REQUIRE_CORPUS_FILE(udf102, "libcdio/test/data/udf102.iso");
  auto id = identify_file(udf102);
  EXPECT_EQ(id.kind, FileKind::Udf);
  EXPECT_EQ(id.name, "udf");
  EXPECT_EQ(detail(id, "filesystem"), "udf");
  EXPECT_EQ(detail(id, "volume_label"), "F\xc3\xa9\xd0\xb6\xce\x98vrier");
  EXPECT_EQ(detail(id, "udf_revision"), "1.02");
  EXPECT_EQ(detail(id, "udf_nsr"), "NSR02");
  // blkid -p test-udf1.iso: TYPE="udf" LABEL="CDROM" VERSION="1.02"; file(1): ISO 9660 'CDROM'.
  DW_REQUIRE_CORPUS_FILE(udf1, "libcdio/test/data/test-udf1.iso");
  id = identify_file(udf1);
  EXPECT_EQ(id.kind, FileKind::Udf);
  EXPECT_EQ(detail(id, "filesystem"), "udf+iso9660");
  EXPECT_EQ(detail(id, "volume_label"), "CDROM");
  EXPECT_EQ(detail(id, "iso9660_label"), "CDROM");
  EXPECT_EQ(detail(id, "udf_revision"), "1.02");
}

TEST(IdentifyCorpus, NeroImages) {
  DW_REQUIRE_CORPUS_FILE(p1, "libcdio/test/data/p1.nrg");
  auto id = identify_file(p1);
  EXPECT_EQ(id.kind, FileKind::Nrg);
  EXPECT_EQ(detail(id, "nrg_version"), "2");  // README: NRG v2 DAO audio with CDTX
  EXPECT_EQ(detail(id, "layout"), "DAO");
  EXPECT_EQ(detail(id, "cd_text"), "yes");
  EXPECT_EQ(id.detail("filesystem"), nullptr);

  DW_REQUIRE_CORPUS_FILE(vcd, "libcdio/test/data/videocd.nrg");
  DW_REQUIRE_CORPUS_FILE(right, "libcdio/test/videocd.right");
  int blocks = 0;
  const std::string label = right_label(right, blocks);
  id = identify_file(vcd);
  EXPECT_EQ(id.kind, FileKind::Nrg);
  EXPECT_EQ(detail(id, "nrg_version"), "1");
  EXPECT_EQ(detail(id, "layout"), "TAO");
  EXPECT_EQ(detail(id, "tracks"), "5");                            // .right: Track List (1 - 5)
  EXPECT_EQ(detail(id, "volume_label"), label);                    // SVIDEOCD
  EXPECT_EQ(detail(id, "volume_blocks"), std::to_string(blocks));  // 676
}

TEST(IdentifyCorpus, AudioOnlyBin) {
  DW_REQUIRE_CORPUS_FILE(bin, "libcdio/test/data/cdda.bin");
  const auto id = identify_file(bin);
  EXPECT_EQ(id.kind, FileKind::AudioBin);
  EXPECT_EQ(detail(id, "sectors"), "302");  // cdda.right: leadout at LSN 302
  EXPECT_EQ(detail(id, "duration"), "00:04:02");
  EXPECT_EQ(id.detail("sample_mode1"), nullptr);
  EXPECT_NE(id.advice.find(".cue"), std::string::npos);
}

bool excluded_cue(const fs::path& p) {
  const std::string s = p.string(), name = p.filename().string();
  // flac's bad.2xx hold only REM lines (FLAC-specific rules); libcue's oss-fuzz seeds are noise.
  return name.rfind("bad.2", 0) == 0 || s.find("oss-fuzz") != std::string::npos;
}

TEST(IdentifyCorpus, EveryCueSheetIsACue) {
  const auto dir = test::corpus_dir();
  if (dir.empty()) GTEST_SKIP() << "../shared/corpus absent";
  int n = 0;
  for (const auto& e : fs::recursive_directory_iterator(dir)) {
    if (!e.is_regular_file() || e.path().extension() != ".cue" || excluded_cue(e.path())) continue;
    ++n;
    EXPECT_EQ(identify_file(e.path()).kind, FileKind::Cue) << e.path();
  }
  EXPECT_GT(n, 50);
  DW_REQUIRE_CORPUS_FILE(cdda, "libcdio/test/data/cdda.cue");
  EXPECT_EQ(detail(identify_file(cdda), "tracks"), "1");  // cdda.right: Track List (1 - 1)
}

TEST(IdentifyCorpus, CdrdaoTocsMatchShowToc) {
  const auto dir = test::corpus_file("cdrdao/testtocs/gold");
  if (dir.empty()) GTEST_SKIP() << "cdrdao test tocs absent";
  int n = 0;
  for (const auto& e : fs::directory_iterator(dir)) {
    const auto toc = dir.parent_path() / (e.path().stem().string() + ".toc");
    if (!fs::exists(toc)) continue;
    ++n;
    const std::string gold = text_of(e.path());
    std::smatch m;
    ASSERT_TRUE(std::regex_search(gold, m, std::regex("TOC TYPE: ([A-Z_]+)"))) << e.path();
    const std::string type = m[1];
    const std::regex track("(^|\n)TRACK +[0-9]+");
    const auto tracks = std::distance(std::sregex_iterator(gold.begin(), gold.end(), track), std::sregex_iterator());
    const auto id = identify_file(toc);
    EXPECT_EQ(id.kind, FileKind::CdrdaoToc) << toc;
    EXPECT_EQ(detail(id, "tracks"), std::to_string(tracks)) << toc;
    if (const auto* t = id.detail("disc_type")) {  // show-toc says CD_DA when none is written
      EXPECT_EQ(*t, type) << toc;
    }
  }
  EXPECT_GE(n, 20);
  for (const char* f : {"t1.toc", "data1.toc", "vcd2.toc", "isofs-m1.toc"}) {
    DW_REQUIRE_CORPUS_FILE(p, std::string("libcdio/test/data/") + f);
    EXPECT_EQ(identify_file(p).kind, FileKind::CdrdaoToc) << f;
  }
}

TEST(IdentifyCorpus, RedumperScrambledSamples) {
  const auto dir = test::corpus_file("redumper/tests/unscramble");
  if (dir.empty()) GTEST_SKIP() << "redumper samples absent";
  int n = 0;
  for (const auto& e : fs::directory_iterator(dir)) {
    const std::string name = e.path().filename().string();
    const bool pass = name.size() > 5 && name.substr(name.size() - 5) == ".pass";
    const bool lba0 = name.find(".0.") != std::string::npos;
    const auto id = identify_file(e.path());
    if (pass) {
      ++n;
      // A sector redumper accepts as scrambled data: raw CD, scrambled.
      EXPECT_EQ(id.kind, FileKind::RawCd2352) << name;
      EXPECT_EQ(detail(id, "scrambled"), "yes") << name;
      EXPECT_EQ(detail(id, "sample_scrambled"), "1") << name;
      if (lba0) {
        EXPECT_EQ(detail(id, "first_sector_lba"), "0") << name;
      }
    } else if (lba0) {
      // With the expected LBA 0, which is also where identify expects sector 0, a rejected
      // sector must not be called scrambled data (02: 15 bytes, less than a header).
      EXPECT_NE(detail(id, "scrambled"), "yes") << name;
    }
  }
  EXPECT_EQ(n, 24);
}

}  // namespace
}  // namespace dw
