// Frame-450 offset finding: the expected checksums are computed here sample by sample from the
// reference's formula (v1 = sum of low32(sample * i), i = 1..588), not by the sliding sum under test.
#include "checksum/frame450.hpp"

#include <gtest/gtest.h>

#include <random>

#include "support/test_discs.hpp"

namespace dw {
namespace {

uint32_t v1_of(const std::vector<uint8_t>& pcm, size_t first_sample) {
  uint64_t v = 0;
  for (uint64_t i = 1; i <= 588; ++i) {
    const size_t k = (first_sample + i - 1) * 4;
    const uint64_t s =
        uint64_t{pcm[k]} | uint64_t{pcm[k + 1]} << 8 | uint64_t{pcm[k + 2]} << 16 | uint64_t{pcm[k + 3]} << 24;
    v += (s * i) & 0xFFFFFFFFu;
  }
  return static_cast<uint32_t>(v);
}

std::vector<uint8_t> noise(size_t bytes, unsigned seed) {
  std::mt19937 rng(seed);
  std::vector<uint8_t> out(bytes);
  for (auto& b : out) b = static_cast<uint8_t>(rng());
  return out;
}

TEST(Frame450, FindsEveryShiftWhoseChecksumIsListed) {
  constexpr int32_t m = 100;
  const auto window = noise((588 + 2 * m) * 4, 1);
  const uint32_t at_plus_37 = v1_of(window, m + 37), at_minus_100 = v1_of(window, 0), at_0 = v1_of(window, m),
                 at_plus_100 = v1_of(window, 2 * m);
  const std::vector<uint32_t> crcs{at_plus_37, at_minus_100, at_0, at_plus_100, 0x12345678};
  EXPECT_EQ(frame450_shifts(window, m, crcs), (std::vector<int32_t>{-100, 0, 37, 100}));
  EXPECT_TRUE(frame450_shifts(window, m, std::vector<uint32_t>{}).empty());
  EXPECT_THROW((void)frame450_shifts(std::span(window).first(window.size() - 4), m, crcs), std::invalid_argument);
}

TEST(Frame450, TrackOfASourceAroundItsSector450) {
  // One audio track from LBA 0 to 600 of noise; the window around sector 450 reaches 5 sectors
  // either way, inside the source.
  const Disc d = test::single_audio_disc(600);
  auto pcm = noise(600 * 2352, 2);
  MemorySectorSource source(d, 0, pcm);
  const AudioTrackRange track{1, 1, 0, 600};
  const size_t sector450 = 450 * 588;
  const std::vector<uint32_t> crcs{v1_of(pcm, sector450 - 12), v1_of(pcm, sector450 + 2940)};
  EXPECT_EQ(frame450_shifts(source, track, crcs), (std::vector<int32_t>{-12, 2940}));
  // A track of 450 sectors has no sector 450.
  EXPECT_TRUE(frame450_shifts(source, AudioTrackRange{1, 1, 150, 600}, crcs).empty());
}

}  // namespace
}  // namespace dw
