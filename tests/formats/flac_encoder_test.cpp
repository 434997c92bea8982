// The FLAC encoder: what it refuses (typed errors that name the file), and a stream written in
// odd-sized pieces that the flac tool decodes back to the same samples.
#include "formats/flac_encoder.hpp"

#include <gtest/gtest.h>
#include <unistd.h>

#include <fstream>

#include "disc/error.hpp"

namespace dw {
namespace {

namespace fs = std::filesystem;

fs::path temp_dir() {
  const fs::path dir = fs::temp_directory_path() / ("dw-flac-" + std::to_string(::getpid()));
  fs::create_directories(dir);
  return dir;
}

TEST(FlacEncoder, RefusalsNameTheFile) {
  const fs::path dir = temp_dir();
  {
    OutputFile out(dir / "bad tag.flac", true);
    FlacOptions o;
    o.tags = {{"BAD=NAME", "x"}};
    try {
      FlacEncoder e(out, o);
      FAIL() << "a tag name with '=' was accepted";
    } catch (const InputError& e) {
      EXPECT_EQ(e.source(), (dir / "bad tag.flac").string());
      EXPECT_EQ(e.problem(),
                "FLAC encoder: the tag BAD=NAME=x is not a valid Vorbis comment (name ASCII without '=', value UTF-8)");
    }
  }
  {
    OutputFile out(dir / "level.flac", true);
    FlacOptions o;
    o.compression_level = 9;
    EXPECT_THROW(FlacEncoder(out, o), InputError);
  }
  {
    OutputFile out(dir / "odd.flac", true);
    FlacEncoder e(out, {});
    const std::vector<uint8_t> three(3);
    EXPECT_THROW(e.write(three), InputError);
  }
  fs::remove_all(dir);
  EXPECT_FALSE(fs::exists(dir / "bad tag.flac"));
}

TEST(FlacEncoder, PiecesOfAnySizeDecodeToTheSamples) {
  if (std::system("command -v flac >/dev/null 2>&1") != 0) GTEST_SKIP() << "flac not installed";
  const fs::path dir = temp_dir();
  // 10000 stereo samples: a ramp on the left, full-scale extremes on the right.
  std::vector<uint8_t> pcm(10000 * 4);
  for (size_t i = 0; i < 10000; ++i) {
    const auto left = static_cast<uint16_t>(static_cast<int16_t>(i * 7 - 30000));
    const uint16_t right = i % 2 ? 0x8000 : 0x7FFF;
    pcm[i * 4] = uint8_t(left), pcm[i * 4 + 1] = uint8_t(left >> 8);
    pcm[i * 4 + 2] = uint8_t(right), pcm[i * 4 + 3] = uint8_t(right >> 8);
  }
  {
    OutputFile out(dir / "ramp.flac", true);
    FlacOptions o;
    o.total_samples = 10000;
    FlacEncoder e(out, o);
    e.write(std::span(pcm).first(4));
    e.write(std::span(pcm).subspan(4, 4 * 4095));
    e.write(std::span(pcm).subspan(4 * 4096));
    e.finish();
    out.commit();
  }
  const fs::path raw = dir / "ramp.raw";
  ASSERT_EQ(std::system(("flac -s -d --force-raw-format --endian=little --sign=signed -o '" + raw.string() + "' '" +
                         (dir / "ramp.flac").string() + "'")
                            .c_str()),
            0);
  std::ifstream in(raw, std::ios::binary);
  const std::vector<uint8_t> decoded{std::istreambuf_iterator<char>(in), {}};
  EXPECT_TRUE(decoded == pcm);
  fs::remove_all(dir);
}

}  // namespace
}  // namespace dw
