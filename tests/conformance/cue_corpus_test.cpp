// Cue sheets written by other tools and test suites: flac's grammar cases (good.* accepted,
// bad.0xx/1xx rejected at the line cuesheet.ok names; bad.2xx are FLAC-only rules), libcdio's
// bad-*.cue rejected, and every other cue sheet in the corpus accepted.
#include <gtest/gtest.h>

#include <fstream>
#include <regex>

#include "disc/error.hpp"
#include "formats/cue_sheet.hpp"
#include "support/corpus.hpp"

namespace dw {
namespace {

std::string text_of(const std::filesystem::path& p) {
  const auto bytes = test::read_file(p);
  return {bytes.begin(), bytes.end()};
}

TEST(CueCorpus, FlacGoodSheetsAreAccepted) {
  const auto dir = test::corpus_file("flac/test/cuesheets");
  if (dir.empty()) GTEST_SKIP() << "flac cue sheets not found (../shared/corpus absent)";
  int n = 0;
  for (const auto& e : std::filesystem::directory_iterator(dir)) {
    const std::string name = e.path().filename().string();
    if (name.rfind("good.", 0) != 0) continue;
    ++n;
    EXPECT_NO_THROW(parse_cue_sheet(text_of(e.path()), name)) << name;
  }
  EXPECT_EQ(n, 6);
}

TEST(CueCorpus, FlacBadSheetsAreRejectedAtTheirLine) {
  DW_REQUIRE_CORPUS_FILE(ok, "flac/test/cuesheet.ok");
  std::ifstream in(ok);
  std::string line, file;
  const std::regex negative(R"(^NEGATIVE cuesheets/(bad\.[01]\d\d\..*\.cue)$)"), error(R"(line (\d+): \"(.*)\")");
  int n = 0;
  while (std::getline(in, line)) {
    std::smatch m;
    if (std::regex_match(line, m, negative)) {
      file = m[1];
      continue;
    }
    if (file.empty() || !std::regex_search(line, m, error)) continue;
    const int want_line = std::stoi(m[1]);
    const std::string flac_says = m[2];
    ++n;
    try {
      parse_cue_sheet(text_of(ok.parent_path() / "cuesheets" / file), file);
      ADD_FAILURE() << file << " was accepted; flac says: " << flac_says;
    } catch (const InputError& e) {
      EXPECT_EQ(e.line(), want_line) << file << ": " << e.what() << " / flac: " << flac_says;
    }
    file.clear();
  }
  EXPECT_EQ(n, 35);
}

TEST(CueCorpus, LibcdioBadSheetsAreRejected) {
  const std::pair<const char*, const char*> cases[] = {
      {"bad-cat1.cue", "CATALOG is missing catalog number"},
      {"bad-cat2.cue", "CATALOG number '167890123' must be 13 decimal digits"},
      {"bad-cat3.cue", "CATALOG number '123456789b123' must be 13 decimal digits"},
      {"bad-mode1.cue", "unknown TRACK type 'MODE3_FORM1'"},
      {"bad-msf-1.cue", "illegal INDEX offset '00:00:100'"},
      {"bad-msf-2.cue", "INDEX offset 00:90:00 has seconds >= 60"},
      {"bad-msf-3.cue", "illegal INDEX offset 'xx:yy:0'"},
  };
  for (auto [file, message] : cases) {
    DW_REQUIRE_CORPUS_FILE(path, std::string("libcdio/test/data/") + file);
    try {
      parse_cue_sheet(text_of(path), file);
      ADD_FAILURE() << file << " was accepted";
    } catch (const InputError& e) {
      EXPECT_NE(std::string(e.what()).find(message), std::string::npos) << e.what();
    }
  }
}

TEST(CueCorpus, EveryOtherCueSheetParses) {
  const auto dir = test::corpus_dir();
  if (dir.empty()) GTEST_SKIP() << "../shared/corpus absent";
  int n = 0;
  for (const auto& e : std::filesystem::recursive_directory_iterator(dir)) {
    const std::string name = e.path().filename().string();
    if (e.path().extension() != ".cue" || name.rfind("bad", 0) == 0 ||
        e.path().string().find("/flac/") != std::string::npos || name == "issue10.cue" || name == "leak.cue" ||
        name.rfind("clusterfuzz", 0) == 0)
      continue;
    ++n;
    EXPECT_NO_THROW(parse_cue_sheet(text_of(e.path()), e.path().string())) << e.path();
  }
  EXPECT_GE(n, 30);
}

// Two sheets we reject on purpose, with a clear message: libcue's issue10.cue lists tracks with
// INDEX 00 only (flac rejects the same thing as bad.131; without INDEX 01 a track has no start),
// libcue's fuzz seed leak.cue is a single '*', and its clusterfuzz seed has a mangled line
// ("TRACK 3    INDEX 01") in the middle: for a fuzz reproducer, a clean error is the right result.
TEST(CueCorpus, LibcueOddSheetsAreRejectedClearly) {
  DW_REQUIRE_CORPUS_FILE(issue10, "libcue/t/issue10.cue");
  DW_REQUIRE_CORPUS_FILE(leak, "libcue/oss-fuzz/corpus/leak.cue");
  try {
    parse_cue_sheet(text_of(issue10), "issue10.cue");
    ADD_FAILURE();
  } catch (const InputError& e) {
    EXPECT_EQ(std::string(e.what()), "issue10.cue:8: TRACK 01 (line 4) has no INDEX 01");
  }
  try {
    parse_cue_sheet(text_of(leak), "leak.cue");
    ADD_FAILURE();
  } catch (const InputError& e) {
    EXPECT_EQ(std::string(e.what()), "leak.cue:1: unknown command '*'");
  }
  const auto dir = test::corpus_file("libcue/oss-fuzz/corpus");
  for (const auto& e : std::filesystem::directory_iterator(dir)) {
    if (e.path().filename().string().rfind("clusterfuzz", 0) != 0) continue;
    try {
      parse_cue_sheet(text_of(e.path()), "clusterfuzz.cue");
      ADD_FAILURE();
    } catch (const InputError& err) {
      EXPECT_EQ(std::string(err.what()), "clusterfuzz.cue:103: TRACK numbers must be sequential: 03 follows 33");
    }
  }
}

}  // namespace
}  // namespace dw
