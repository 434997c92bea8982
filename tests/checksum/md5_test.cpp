// Our MD5 (both block functions) against the RFC 1321 test suite and against OpenSSL's MD5 (an
// independent implementation) on random data of every length around the padding boundaries.
#include "checksum/md5.hpp"

#include <gtest/gtest.h>
#include <openssl/evp.h>

#include <random>
#include <string_view>
#include <vector>

#include "checksum/multihash.hpp"

namespace dw {
namespace {

std::span<const uint8_t> ascii(std::string_view s) { return {reinterpret_cast<const uint8_t*>(s.data()), s.size()}; }

// Md5 with a chosen block function: the one it picks is tested through Md5 itself; this runs
// the same streaming code over the other one.
std::array<uint8_t, 16> md5_with(md5_detail::BlockFn blocks, std::span<const uint8_t> data) {
  uint32_t state[4] = {0x67452301u, 0xefcdab89u, 0x98badcfeu, 0x10325476u};
  std::vector<uint8_t> padded(data.begin(), data.end());
  padded.push_back(0x80);
  while (padded.size() % 64 != 56) padded.push_back(0);
  const uint64_t bits = uint64_t{data.size()} * 8;
  for (int i = 0; i < 8; ++i) padded.push_back(static_cast<uint8_t>(bits >> (8 * i)));
  blocks(state, padded.data(), padded.size() / 64);
  std::array<uint8_t, 16> out{};
  for (size_t i = 0; i < 16; ++i) out[i] = static_cast<uint8_t>(state[i / 4] >> (8 * (i % 4)));
  return out;
}

std::array<uint8_t, 16> openssl_md5(std::span<const uint8_t> data) {
  std::array<uint8_t, 16> out{};
  unsigned len = 0;
  EXPECT_EQ(EVP_Digest(data.data(), data.size(), out.data(), &len, EVP_md5(), nullptr), 1);
  return out;
}

std::vector<md5_detail::BlockFn> block_functions() {
  std::vector<md5_detail::BlockFn> fns{md5_detail::blocks_portable};
  if (md5_detail::blocks_avx512()) fns.push_back(md5_detail::blocks_avx512());
  return fns;
}

TEST(Md5, Rfc1321TestSuite) {
  // RFC 1321 appendix A.5.
  const std::pair<std::string_view, std::string_view> suite[] = {
      {"", "d41d8cd98f00b204e9800998ecf8427e"},
      {"a", "0cc175b9c0f1b6a831c399e269772661"},
      {"abc", "900150983cd24fb0d6963f7d28e17f72"},
      {"message digest", "f96b697d7cb7938d525a2f31aaf161d0"},
      {"abcdefghijklmnopqrstuvwxyz", "c3fcd3d76192e4007dfb496cca67e13b"},
      {"ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789", "d174ab98d277d9f5a5611c2c9f419d9f"},
      {"12345678901234567890123456789012345678901234567890123456789012345678901234567890",
       "57edf4a22be3c955ac49da2e2107b67a"},
  };
  for (const auto& [text, digest] : suite) {
    Md5 md5;
    md5.update(ascii(text));
    EXPECT_EQ(to_hex(md5.finish()), digest) << '"' << text << '"';
    for (const auto blocks : block_functions()) EXPECT_EQ(to_hex(md5_with(blocks, ascii(text))), digest) << text;
  }
}

TEST(Md5, EqualsOpenSslOnEveryLengthAroundThePaddingAndInPieces) {
  std::mt19937 rng(1321);
  std::vector<uint8_t> data(4096 + 300);
  for (auto& b : data) b = static_cast<uint8_t>(rng());
  Md5 md5;
  for (size_t n = 0; n <= data.size(); n += (n < 300 || n > 4096 ? 1 : 61)) {
    const auto part = std::span<const uint8_t>(data).first(n);
    const auto want = openssl_md5(part);
    for (const auto blocks : block_functions()) ASSERT_EQ(md5_with(blocks, part), want) << n;
    // streamed in uneven pieces, through the pending buffer
    for (size_t at = 0; at < n;) {
      const size_t k = std::min<size_t>(1 + rng() % 150, n - at);
      md5.update(part.subspan(at, k));
      at += k;
    }
    ASSERT_EQ(md5.finish(), want) << n;  // finish() also resets for the next length
  }
}

TEST(Md5, AWholeSectorRunEqualsOpenSsl) {
  // 1,000 raw sectors fed a sector at a time, as verify does.
  std::mt19937 rng(2352);
  std::vector<uint8_t> data(2352 * 1000);
  for (auto& b : data) b = static_cast<uint8_t>(rng());
  Md5 md5;
  for (size_t at = 0; at < data.size(); at += 2352) md5.update(std::span<const uint8_t>(data).subspan(at, 2352));
  EXPECT_EQ(md5.finish(), openssl_md5(data));
}

}  // namespace
}  // namespace dw
