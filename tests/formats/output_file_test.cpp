// Output files: a temporary name until complete, no overwriting without force, nothing left
// behind on failure, and names from input that cannot leave the output folder.
#include "formats/output_file.hpp"

#include <gtest/gtest.h>

#include <fstream>

#include "disc/error.hpp"

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

TEST(OutputFile, SafeNames) {
  EXPECT_EQ(safe_file_name("../../etc/passwd"), "_.._etc_passwd");
  EXPECT_EQ(safe_file_name("AC/DC: Back in Black?"), "AC_DC_ Back in Black_");
  EXPECT_EQ(safe_file_name("..."), "disc");
  EXPECT_EQ(safe_file_name("a\\b\nc"), "a_b_c");
  EXPECT_EQ(safe_file_name("Ünïcödé"), "Ünïcödé");
}

}  // namespace
}  // namespace dw
