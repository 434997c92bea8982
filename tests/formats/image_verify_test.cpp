// verify_image over a disc many chunks long, so the two threads of the pass go round their ring of
// buffers several times: every sector is checked once and in order, each track's hashes equal
// what md5sum, sha1sum and zlib give for the track's bytes, and a read that fails part-way ends
// the pass with the error instead of a hang.
#include "formats/image_verify.hpp"

#include <gtest/gtest.h>
#include <zlib.h>

#include <array>
#include <cstdio>
#include <filesystem>
#include <fstream>

#include "disc/error.hpp"
#include "disc/sector.hpp"
#include "support/test_discs.hpp"

namespace dw {
namespace {

constexpr Lba kAudioStart = 3000, kLeadOut = 6000;

Disc mixed_disc() {
  Disc d;
  Session s;
  s.tracks.push_back(test::track(1, TrackMode::Mode1, {{1, 0}}));
  s.tracks.push_back(test::track(2, TrackMode::Audio, {{1, kAudioStart}}));
  s.leadout = kLeadOut;
  d.sessions = {s};
  test::set_point_controls(d);
  return d;
}

std::vector<uint8_t> mixed_bytes() {
  std::vector<uint8_t> main(size_t{kLeadOut} * 2352);
  std::array<uint8_t, 2048> user{};
  uint32_t x = 12345;
  const auto next = [&] { return static_cast<uint8_t>((x = x * 1103515245u + 12345u) >> 16); };
  for (Lba l = 0; l < kAudioStart; ++l) {
    for (auto& b : user) b = next();
    encode_sector(SectorKind::Mode1, l, user, std::span<uint8_t, 2352>(main.data() + size_t(l) * 2352, 2352));
  }
  for (size_t i = size_t{kAudioStart} * 2352; i < main.size(); ++i) main[i] = next();
  return main;
}

// The first word `command` prints for `bytes` written to a file (md5sum, sha1sum).
std::string tool_digest(const char* command, std::span<const uint8_t> bytes) {
  const auto path = std::filesystem::temp_directory_path() / ("dw-verify-" + std::to_string(::getpid()));
  std::ofstream(path, std::ios::binary)
      .write(reinterpret_cast<const char*>(bytes.data()), std::streamsize(bytes.size()));
  FILE* p = ::popen((std::string(command) + " '" + path.string() + "'").c_str(), "r");
  EXPECT_NE(p, nullptr);
  std::array<char, 64> word{};
  EXPECT_EQ(std::fscanf(p, "%63s", word.data()), 1);
  ::pclose(p);
  std::filesystem::remove(path);
  return word.data();
}

TEST(ImageVerify, ManyChunksAreCheckedOnceInOrderAndHashedAsTheTools) {
  std::vector<uint8_t> main = mixed_bytes();
  main[size_t{2049} * 2352 + 700] ^= 0x40;  // user data of LBA 2049: EDC and both parities disagree
  const std::vector<uint8_t> copy = main;
  MemorySectorSource src(mixed_disc(), 0, std::move(main));
  Lba expected_next = 0;
  uint64_t observed = 0;
  const VerifyReport r = verify_image(src, {}, [&](Lba first, std::span<const uint8_t> bytes) {
    EXPECT_EQ(first, expected_next);
    EXPECT_TRUE(std::equal(bytes.begin(), bytes.end(), copy.begin() + first * 2352));
    expected_next = first + static_cast<Lba>(bytes.size() / 2352);
    observed += bytes.size() / 2352;
  });
  EXPECT_EQ(observed, 6000u);
  EXPECT_EQ(r.sectors, 6000u);
  EXPECT_EQ(r.data_checked, 3000u);
  EXPECT_EQ(r.audio, 3000u);
  ASSERT_EQ(r.problem_count, 1u);
  EXPECT_EQ(r.problems[0].lba, 2049);
  EXPECT_EQ(r.problems[0].track, 1);
  ASSERT_EQ(r.tracks.size(), 2u);
  const std::span<const uint8_t> t1(copy.data(), size_t{kAudioStart} * 2352),
      t2(copy.data() + t1.size(), copy.size() - t1.size());
  const std::span<const uint8_t> parts[2] = {t1, t2};
  for (int k = 0; k < 2; ++k) {
    const Hashes& h = r.tracks[static_cast<size_t>(k)].hashes;
    EXPECT_EQ(h.size, parts[k].size());
    EXPECT_EQ(h.crc32, static_cast<uint32_t>(::crc32(0, parts[k].data(), static_cast<uInt>(parts[k].size()))));
    EXPECT_EQ(h.md5_hex(), tool_digest("md5sum", parts[k]));
    EXPECT_EQ(h.sha1_hex(), tool_digest("sha1sum", parts[k]));
  }
}

// A source whose file "goes away" at one LBA.
class FailingSource final : public SectorSource {
 public:
  FailingSource(SectorSource& inner, Lba fail_at) : inner_(inner), fail_at_(fail_at) {}
  [[nodiscard]] const Disc& disc() const override { return inner_.disc(); }
  [[nodiscard]] Lba begin() const override { return inner_.begin(); }
  [[nodiscard]] Lba end() const override { return inner_.end(); }
  [[nodiscard]] SubchannelOrigin subchannel_origin() const override { return inner_.subchannel_origin(); }
  void read(Lba first, uint32_t count, std::span<uint8_t> main, std::span<uint8_t> sub,
            std::span<SectorState> states) override {
    if (first + static_cast<Lba>(count) > fail_at_)
      throw InputError("test.bin", "read failed", uint64_t(fail_at_) * 2352);
    inner_.read(first, count, main, sub, states);
  }

 private:
  SectorSource& inner_;
  Lba fail_at_;
};

TEST(ImageVerify, AReadErrorPartWayEndsThePassWithTheError) {
  MemorySectorSource inner(mixed_disc(), 0, mixed_bytes());
  for (const Lba at : {Lba{1}, Lba{2600}, Lba{5999}}) {
    FailingSource src(inner, at);
    EXPECT_THROW(verify_image(src), InputError) << at;
  }
}

}  // namespace
}  // namespace dw
