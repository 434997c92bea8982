// AccurateRip database responses saved by whipper's tests: every file parses whole, and every
// submission carries the ids its file name says (dBAR-<tracks>-<id1>-<id2>-<cddb>.bin).
#include <gtest/gtest.h>

#include <regex>

#include "checksum/accuraterip.hpp"
#include "support/corpus.hpp"

namespace dw {
namespace {

TEST(ChecksumCorpus, WhipperAccurateRipResponses) {
  const auto dir = test::corpus_file("whipper/whipper/test");
  if (dir.empty()) GTEST_SKIP() << "whipper corpus not found (../shared/corpus absent)";
  const std::regex name(R"(dBAR-(\d{3})-([0-9a-f]{8})-([0-9a-f]{8})-([0-9a-f]{8})\.bin)");
  int files = 0;
  for (const auto& entry : std::filesystem::directory_iterator(dir)) {
    std::smatch m;
    const std::string file = entry.path().filename().string();
    if (!std::regex_match(file, m, name)) continue;
    ++files;
    const auto bytes = test::read_file(entry.path());
    const auto entries = parse_accuraterip_response(bytes, file);
    ASSERT_FALSE(entries.empty()) << file;
    size_t total = 0;
    for (const auto& e : entries) {
      EXPECT_EQ(e.tracks.size(), std::stoul(m[1])) << file;
      EXPECT_EQ(e.id1, std::stoul(m[2], nullptr, 16)) << file;
      EXPECT_EQ(e.id2, std::stoul(m[3], nullptr, 16)) << file;
      EXPECT_EQ(e.cddb, std::stoul(m[4], nullptr, 16)) << file;
      total += 13 + 9 * e.tracks.size();
    }
    EXPECT_EQ(total, bytes.size()) << file;
  }
  EXPECT_EQ(files, 3);
}

TEST(ChecksumCorpus, TwoTrackResponseValues) {
  DW_REQUIRE_CORPUS_FILE(path, "whipper/whipper/test/dBAR-002-0000f21c-00027ef8-05021002.bin");
  const auto entries = parse_accuraterip_response(test::read_file(path), "dBAR-002");
  ASSERT_EQ(entries.size(), 2u);
  // First submission, track 1, read from the file's bytes 13..21: 0c 05c74f28 a4f8973b (LE).
  EXPECT_EQ(entries[0].tracks[0].confidence, 12);
  EXPECT_EQ(entries[0].tracks[0].crc, 0x284fc705u);
  EXPECT_EQ(entries[0].tracks[0].frame450, 0x3b97f8a4u);
}

}  // namespace
}  // namespace dw
