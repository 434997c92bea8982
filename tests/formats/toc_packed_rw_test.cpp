// cdrdao TOC sub-channel RW (packed): each sector's 2352 bytes are followed by 96 bytes of packs,
// 4 packs of 24 six-bit symbols, as `cdrdao read-cd --read-subchan rw` stores READ CD 100b.
// The image's subchannel is P and Q from the TOC with the packs interleaved into R-W as the disc
// carries them. Expected bytes come from the de-interleave offsets CD+G extractors publish (a
// pack's symbol j is the on-disc symbol offset[j] symbols after the pack's start), scattered here
// independently of disc/rw_interleave.cpp, and a few positions worked out by hand.
#include <gtest/gtest.h>

#include <fstream>

#include "disc/error.hpp"
#include "formats/toc_reader.hpp"
#include "toc_sub_expect.hpp"

namespace dw {
namespace {

namespace fs = std::filesystem;

constexpr std::array<size_t, 24> kPublished{0,   66,  125, 191, 100, 50, 150, 175, 8,   33,  58,  83,
                                            108, 133, 158, 183, 16,  41, 25,  91,  116, 141, 166, 75};

// A CD+G-like pack: mode/item 001/001 (0x09), instruction 6 (tile block), then symbols that say
// where they are: file sector i, pack n, symbol s.
uint8_t symbol(size_t i, size_t n, size_t s) {
  if (s == 0) return 0x09;
  if (s == 1) return 0x06;
  return static_cast<uint8_t>((i * 4 + n) * 24 + s) & 0x3F;
}

struct Dir {
  fs::path path = fs::temp_directory_path() / ("dw-tocpacked-" + std::to_string(::getpid()));
  Dir() { fs::create_directories(path); }
  ~Dir() { fs::remove_all(path); }
  void write(const std::string& n, const std::vector<uint8_t>& b) const {
    std::ofstream(path / n, std::ios::binary).write(reinterpret_cast<const char*>(b.data()), std::streamsize(b.size()));
  }
};

// 20 plain sectors, 10 sectors with packs (LBA 20-29), 20 plain sectors: the packs' R-W runs
// into LBA 30 and 31 of the third track.
TEST(TocReader, PackedRwIsInterleavedAsOnTheDisc) {
  Dir dir;
  std::vector<uint8_t> packed(10 * 2448), plain(20 * 2352, 0x11);
  for (size_t i = 0; i < 10; ++i) {
    for (size_t k = 0; k < 2352; ++k) packed[i * 2448 + k] = static_cast<uint8_t>(i + k);
    for (size_t n = 0; n < 4; ++n)
      for (size_t s = 0; s < 24; ++s) packed[i * 2448 + 2352 + n * 24 + s] = symbol(i, n, s);
  }
  packed[2352] |= 0xC0;  // bits 7 and 6 of the file are not P and Q
  packed[2448 + 2352 + 5] |= 0x80;
  dir.write("g.bin", packed);
  dir.write("a.raw", plain);
  std::ofstream(dir.path / "t.toc") << "CD_DA\nTRACK AUDIO\nFILE \"a.raw\" 0\nTRACK AUDIO RW\nSWAP\nFILE \"g.bin\" 0\n"
                                       "TRACK AUDIO\nFILE \"a.raw\" 0\n";
  Image image = read_toc(dir.path / "t.toc");
  ASSERT_EQ(image.disc().find_track(2)->start(), 20);
  ASSERT_EQ(image.disc().leadout(), 50);
  EXPECT_EQ(image.source->subchannel_origin(), SubchannelOrigin::Source);
  EXPECT_NE(std::find(image.notes.begin(), image.notes.end(),
                      "P and Q subchannel are synthesised from the TOC; R-W comes from the data files (RW packs "
                      "interleaved as on the disc)"),
            image.notes.end());

  // The on-disc R-W stream of the whole disc, built by scattering each pack's symbols to their
  // published offsets.
  std::vector<uint8_t> stream(50 * 96);
  for (size_t i = 0; i < 10; ++i)
    for (size_t n = 0; n < 4; ++n)
      for (size_t s = 0; s < 24; ++s) stream[(20 + i) * 96 + n * 24 + kPublished[s]] = symbol(i, n, s);

  const auto m = test::expect_sub_is_toc_pq_and(image, 50, [&](size_t l, size_t j) { return stream[l * 96 + j]; });
  for (size_t l = 20; l < 30; ++l) {  // main data as stored
    const auto at = packed.begin() + std::ptrdiff_t((l - 20) * 2448);
    EXPECT_TRUE(std::equal(at, at + 2352, m.begin() + std::ptrdiff_t(l * 2352))) << l;
  }
  std::vector<uint8_t> sub(50 * 96);
  image.source->read(0, 50, {}, sub, {});
  // By hand: position 18 holds symbol 1 two packs late, position 23 symbol 3 seven packs late.
  const auto rw = [&](Lba l, size_t byte) { return static_cast<uint8_t>(sub[size_t(l) * 96 + byte] & 0x3F); };
  EXPECT_EQ(rw(20, 0), 0x09);              // LBA 20 pack 0 symbol 0, undelayed
  EXPECT_EQ(rw(20, 18), 0x00);             // would be LBA 19 pack 2's instruction: no packs there
  EXPECT_EQ(rw(20, 66), 0x06);             // pack 2, position 18: LBA 20 pack 0's instruction
  EXPECT_EQ(rw(22, 71), symbol(0, 3, 3));  // on-disc pack 90, position 23: pack 83 = LBA 20 pack 3
  EXPECT_EQ(rw(30, 71), symbol(8, 3, 3));  // pack 122 <- pack 115 = LBA 28 pack 3
  EXPECT_EQ(rw(31, 71), symbol(9, 3, 3));  // pack 126 <- pack 119 = LBA 29 pack 3
  EXPECT_EQ(rw(30, 0), 0x00);              // LBA 30's own packs: none
  for (size_t j = 0; j < 96; ++j) EXPECT_EQ(rw(32, j), 0) << j;  // nothing reaches LBA 32
  // A read of a part gives the same bytes as the whole.
  std::vector<uint8_t> part(3 * 96);
  image.source->read(30, 3, {}, part, {});
  EXPECT_TRUE(std::equal(part.begin(), part.end(), sub.begin() + 30 * 96));
}

TEST(TocReader, PackedRwFileTooShortIsAnInputError) {
  Dir dir;
  dir.write("g.bin", std::vector<uint8_t>(10 * 2448 - 1));
  std::ofstream(dir.path / "t.toc") << "CD_DA\nTRACK AUDIO RW\nFILE \"g.bin\" 0 0:0:10\n";
  try {
    read_toc(dir.path / "t.toc");
    FAIL() << "accepted";
  } catch (const InputError& e) {
    EXPECT_EQ(e.line(), 3);
    EXPECT_EQ(e.problem(), "FILE \"g.bin\": 10 sectors from byte 0 are past its end (24479 bytes)");
  }
}

}  // namespace
}  // namespace dw
