// Opening the files an image is made of: only regular files. A FIFO is refused before it is
// opened (opening one for reading would wait for a writer forever), devices and folders too,
// each with a message saying what the path is.
#include "formats/image_file.hpp"

#include <gtest/gtest.h>
#include <sys/stat.h>

#include "disc/error.hpp"
#include "formats/identify.hpp"
#include "formats/image.hpp"
#include "support/temp_dir.hpp"

namespace dw {
namespace {

std::string open_error(const std::filesystem::path& p) {
  try {
    ImageFile::open(p);
  } catch (const InputError& e) {
    return e.source() + ": " + e.problem();
  }
  return "(opened)";
}

TEST(ImageFile, OnlyRegularFilesAreOpened) {
  test::TempDir dir;
  const auto fifo = dir.path() / "ff.cue";
  ASSERT_EQ(::mkfifo(fifo.c_str(), 0600), 0);
  EXPECT_EQ(open_error(fifo), fifo.string() + ": is a named pipe (FIFO), not a regular file: give an image file");
  // The readers and identify go through ImageFile::open: they are refused, not blocked.
  EXPECT_THROW(open_image(fifo), InputError);
  EXPECT_THROW(identify_file(fifo), InputError);
  EXPECT_EQ(open_error("/dev/zero"), "/dev/zero: is a character device, not a regular file: give an image file");
  EXPECT_THROW(identify_file("/dev/zero"), InputError);
  EXPECT_EQ(open_error(dir.path()), dir.path().string() + ": is a folder, not a file");
  EXPECT_EQ(open_error(dir.path() / "none.bin"),
            (dir.path() / "none.bin").string() + ": cannot open: No such file or directory");
  const auto file = dir.write("a.bin", std::vector<uint8_t>(10, 7));
  EXPECT_EQ(ImageFile::open(file)->size(), 10u);
}

}  // namespace
}  // namespace dw
