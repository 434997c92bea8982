// Output files: a temporary name until complete, no overwriting without force, nothing left
// behind on failure, and names from input that cannot leave the output folder.
#include "formats/output_file.hpp"

#include <gtest/gtest.h>
#include <sys/resource.h>

#include <csignal>
#include <fstream>

#include "disc/error.hpp"
#include "formats/write_behind.hpp"

namespace dw {
namespace {

namespace fs = std::filesystem;

TEST(OutputFile, TemporaryNameThenRename) {
  const fs::path dir = fs::temp_directory_path() / ("dw-out-" + std::to_string(::getpid()));
  fs::remove_all(dir);
  const fs::path p = dir / "sub" / "x.bin";
  {
    OutputFile f(p, false);
    f.write("hello");
    EXPECT_TRUE(fs::exists(dir / "sub" / "x.bin.part"));
    EXPECT_FALSE(fs::exists(p));
    f.commit();
  }
  EXPECT_EQ(fs::file_size(p), 5u);
  EXPECT_FALSE(fs::exists(dir / "sub" / "x.bin.part"));
  try {
    OutputFile again(p, false);
    FAIL();
  } catch (const InputError& e) {
    EXPECT_EQ(e.problem(), "already exists; use --force to overwrite it");
  }
  { OutputFile abandoned(dir / "y.bin", false); }  // never committed: nothing is left
  EXPECT_FALSE(fs::exists(dir / "y.bin"));
  EXPECT_FALSE(fs::exists(dir / "y.bin.part"));
  fs::remove_all(dir);
}

// A write on the second thread that fails (the file size limit: EFBIG) and whose error the
// writer never took with wait(): the file must not be committed as if complete.
TEST(OutputFile, AFailedWriteBehindThatNobodyWaitedForStopsTheCommit) {
  const fs::path dir = fs::temp_directory_path() / ("dw-wb-" + std::to_string(::getpid()));
  fs::remove_all(dir);
  const fs::path p = dir / "x.bin";
  const std::vector<uint8_t> chunk(4u << 20, 0x5A);
  rlimit old{};
  ASSERT_EQ(::getrlimit(RLIMIT_FSIZE, &old), 0);
  const auto previous = std::signal(SIGXFSZ, SIG_IGN);
  {
    OutputFile f(p, false);
    {
      rlimit small = old;
      small.rlim_cur = 1u << 20;
      ASSERT_EQ(::setrlimit(RLIMIT_FSIZE, &small), 0);
      WriteBehind behind(f);
      behind.write(chunk);
    }  // destroyed without wait()
    ASSERT_EQ(::setrlimit(RLIMIT_FSIZE, &old), 0);
    try {
      f.commit();
      FAIL() << "committed a file whose last write failed";
    } catch (const InputError& e) {
      EXPECT_NE(e.problem().find("write failed: File too large"), std::string::npos) << e.problem();
    }
  }
  std::signal(SIGXFSZ, previous);
  EXPECT_FALSE(fs::exists(p));
  EXPECT_FALSE(fs::exists(dir / "x.bin.part"));
  fs::remove_all(dir);
}

TEST(OutputFile, SafeNames) {
  EXPECT_EQ(safe_file_name("../../etc/passwd"), "_.._etc_passwd");
  EXPECT_EQ(safe_file_name("AC/DC: Back in Black?"), "AC_DC_ Back in Black_");
  EXPECT_EQ(safe_file_name("..."), "disc");
  EXPECT_EQ(safe_file_name("a\\b\nc"), "a_b_c");
  EXPECT_EQ(safe_file_name("Ünïcödé"), "Ünïcödé");
}

}  // namespace
}  // namespace dw
