// The libburn backend through its library entry points, on stdio: targets in a scratch folder:
// a made-up image of whole 2048-byte blocks (every byte known) burned to a new file must come back
// byte for byte; simulation leaves an empty file; an image of a partial block, an existing
// non-empty file and the null drive are refused; check_stdio_target counts differences and
// padding exactly.
#include "burn/libburn_writer.hpp"

#include <gtest/gtest.h>
#include <unistd.h>

#include <filesystem>
#include <fstream>
#include <vector>

using namespace dw::burn;
namespace fs = std::filesystem;

namespace {

struct Scratch {
  fs::path dir;
  Scratch() {
    std::string t = (fs::temp_directory_path() / "dw-libburn-XXXXXX").string();
    dir = ::mkdtemp(t.data());
  }
  ~Scratch() { fs::remove_all(dir); }
  Scratch(const Scratch&) = delete;
  Scratch& operator=(const Scratch&) = delete;
};

std::vector<char> pattern(size_t n) {
  std::vector<char> v(n);
  for (size_t i = 0; i < n; ++i) v[i] = static_cast<char>((i * 7 + i / 2048) & 0xFF);
  return v;
}

void put(const fs::path& p, const std::vector<char>& bytes) {
  std::ofstream(p, std::ios::binary).write(bytes.data(), static_cast<std::streamsize>(bytes.size()));
}

std::vector<char> get(const fs::path& p) {
  std::ifstream f(p, std::ios::binary);
  return {std::istreambuf_iterator<char>(f), std::istreambuf_iterator<char>()};
}

}  // namespace

TEST(LibburnWriter, TargetsAreStdioAddresses) {
  EXPECT_TRUE(is_libburn_target("stdio:/tmp/x.iso"));
  EXPECT_TRUE(is_libburn_target("stdio:-"));
  EXPECT_FALSE(is_libburn_target("/dev/sr0"));
  EXPECT_FALSE(is_libburn_target("virtual:blank?media=cdr"));
}

TEST(LibburnWriter, BurnsAFileByteForByte) {
  Scratch s;
  const auto image = pattern(2048 * 400);
  put(s.dir / "in.iso", image);
  std::vector<std::string> lines;
  uint64_t last_done = 0, total = 0;
  LibburnOptions o;
  o.progress = [&](const BurnProgress& p) {
    last_done = p.blocks_done;
    total = p.blocks_total;
  };
  const LibburnResult r = burn_iso_with_libburn(s.dir / "in.iso", "stdio:" + (s.dir / "out.iso").string(), o,
                                                [&](LogLevel, const std::string& l) { lines.push_back(l); });
  EXPECT_EQ(r.drive_role, 2);
  EXPECT_EQ(r.profile, "stdio file");
  EXPECT_EQ(r.write_type, "SAO");
  EXPECT_EQ(r.image_bytes, image.size());
  EXPECT_EQ(r.blocks_written, 400U);
  EXPECT_EQ(last_done, 400U);
  EXPECT_EQ(total, 400U);
  EXPECT_EQ(get(s.dir / "out.iso"), image);
  const StdioCheck c = check_stdio_target(s.dir / "in.iso", s.dir / "out.iso");
  EXPECT_TRUE(c.ok());
  EXPECT_EQ(c.file_bytes, image.size());
  EXPECT_EQ(c.padding, 0U);
  EXPECT_FALSE(lines.empty());
}

TEST(LibburnWriter, SimulationCreatesAnEmptyFile) {
  Scratch s;
  put(s.dir / "in.iso", pattern(2048 * 50));
  LibburnOptions o;
  o.simulate = true;
  const LibburnResult r = burn_iso_with_libburn(s.dir / "in.iso", "stdio:" + (s.dir / "sim.iso").string(), o, {});
  EXPECT_TRUE(r.simulated);
  ASSERT_TRUE(fs::exists(s.dir / "sim.iso"));
  EXPECT_EQ(fs::file_size(s.dir / "sim.iso"), 0U);
}

TEST(LibburnWriter, Refusals) {
  Scratch s;
  put(s.dir / "partial.iso", pattern(2048 * 3 + 100));
  try {
    burn_iso_with_libburn(s.dir / "partial.iso", "stdio:" + (s.dir / "a.iso").string(), {}, {});
    FAIL() << "a partial block was burned";
  } catch (const BurnError& e) {
    EXPECT_EQ(e.kind(), BurnError::Kind::Drive);
    EXPECT_NE(std::string(e.what()).find("6244 bytes is not a whole number of 2048-byte blocks"), std::string::npos)
        << e.what();
  }
  EXPECT_FALSE(fs::exists(s.dir / "a.iso"));

  put(s.dir / "in.iso", pattern(2048 * 10));
  const auto old = pattern(3000);
  put(s.dir / "taken.iso", old);
  try {
    burn_iso_with_libburn(s.dir / "in.iso", "stdio:" + (s.dir / "taken.iso").string(), {}, {});
    FAIL() << "an existing file was overwritten";
  } catch (const BurnError& e) {
    EXPECT_EQ(e.kind(), BurnError::Kind::Media);
    EXPECT_NE(std::string(e.what()).find("the file exists and holds 3000 bytes"), std::string::npos) << e.what();
  }
  EXPECT_EQ(get(s.dir / "taken.iso"), old);

  try {
    burn_iso_with_libburn(s.dir / "in.iso", "stdio:", {}, {});
    FAIL() << "the null drive was written";
  } catch (const BurnError& e) {
    EXPECT_EQ(e.kind(), BurnError::Kind::Drive);
  }
}

TEST(LibburnWriter, CheckCountsDifferencesAndPadding) {
  Scratch s;
  auto image = pattern(4096);
  put(s.dir / "in.iso", image);
  auto written = image;
  written[10] = static_cast<char>(written[10] ^ 1);
  written[4000] = static_cast<char>(written[4000] ^ 0x80);
  written.resize(4096 + 2048, 0);
  written[4096 + 5] = 1;
  put(s.dir / "w.iso", written);
  const StdioCheck c = check_stdio_target(s.dir / "in.iso", s.dir / "w.iso");
  EXPECT_EQ(c.file_bytes, 6144U);
  EXPECT_EQ(c.differing, 2U);
  EXPECT_EQ(c.first_difference, 10U);
  EXPECT_EQ(c.padding, 2048U);
  EXPECT_EQ(c.nonzero_padding, 1U);
  EXPECT_FALSE(c.ok());

  put(s.dir / "short.iso", std::vector<char>(image.begin(), image.begin() + 100));
  EXPECT_THROW(check_stdio_target(s.dir / "in.iso", s.dir / "short.iso"), BurnError);
}
