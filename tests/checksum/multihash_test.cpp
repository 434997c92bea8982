#include "checksum/multihash.hpp"

#include <gtest/gtest.h>
#include <zlib.h>

#include <random>
#include <string_view>

#include "checksum/dat.hpp"

namespace dw {
namespace {

std::span<const uint8_t> ascii(std::string_view s) { return {reinterpret_cast<const uint8_t*>(s.data()), s.size()}; }

TEST(MultiHash, CheckValues) {
  // CRC-32 check value (corpus README); MD5 and SHA-1 of "123456789" and of "" (RFC 1321 /
  // FIPS 180 test vectors, also what md5sum and sha1sum print).
  const Hashes h = hash_bytes(ascii("123456789"));
  EXPECT_EQ(h.crc32, 0xCBF43926u);
  EXPECT_EQ(h.crc32_hex(), "cbf43926");
  EXPECT_EQ(h.md5_hex(), "25f9e794323b453885f5181f1b624d0b");
  EXPECT_EQ(h.sha1_hex(), "f7c3bc1d808e04732adf679965ccc34ca7ae3441");
  EXPECT_EQ(h.size, 9u);
  const Hashes e = hash_bytes({});
  EXPECT_EQ(e.crc32_hex(), "00000000");
  EXPECT_EQ(e.md5_hex(), "d41d8cd98f00b204e9800998ecf8427e");
  EXPECT_EQ(e.sha1_hex(), "da39a3ee5e6b4b0d3255bfef95601890afd80709");
}

TEST(MultiHash, StreamingInOddChunksEqualsOneShotAndResets) {
  std::mt19937 rng(5);
  std::vector<uint8_t> data(1 << 20);
  for (auto& b : data) b = static_cast<uint8_t>(rng());
  const Hashes whole = hash_bytes(data);
  MultiHasher h;
  for (size_t at = 0; at < data.size();) {
    const size_t n = std::min<size_t>(1 + rng() % 9000, data.size() - at);
    h.update(std::span<const uint8_t>(data).subspan(at, n));
    at += n;
  }
  EXPECT_EQ(h.finish(), whole);
  h.update(ascii("123456789"));
  EXPECT_EQ(h.finish().crc32, 0xCBF43926u);  // finish() reset the state
}

TEST(Dat, RomLineEscapesNames) {
  const Hashes h = hash_bytes(ascii("123456789"));
  EXPECT_EQ(dat_rom_line("Tom & Jerry \"1\" <2>.bin", h),
            "<rom name=\"Tom &amp; Jerry &quot;1&quot; &lt;2&gt;.bin\" size=\"9\" crc=\"cbf43926\" "
            "md5=\"25f9e794323b453885f5181f1b624d0b\" sha1=\"f7c3bc1d808e04732adf679965ccc34ca7ae3441\"/>");
}

}  // namespace
}  // namespace dw

// Our slicing-by-16 CRC-32 against zlib's crc32_z (an independent implementation) on random
// buffers of every length from 0 to 300 and in pieces, and through the split update halves.
namespace dw {
namespace {

TEST(MultiHasher, Crc32AgreesWithZlib) {
  std::mt19937 rng(7);
  std::vector<uint8_t> buf(300);
  for (size_t n = 0; n <= buf.size(); ++n) {
    for (auto& b : buf) b = static_cast<uint8_t>(rng());
    const auto want = static_cast<uint32_t>(crc32_z(0, buf.data(), n));
    EXPECT_EQ(hash_bytes({buf.data(), n}).crc32, want) << n;
    MultiHasher h;
    const size_t cut = n / 3;
    h.update_md5({buf.data(), n});
    h.update_crc_sha1({buf.data(), cut});
    h.update_crc_sha1({buf.data() + cut, n - cut});
    const Hashes split = h.finish();
    EXPECT_EQ(split, hash_bytes({buf.data(), n})) << n;
  }
}

}  // namespace
}  // namespace dw
