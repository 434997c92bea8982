// EDC and ECC against reference/cd-physical.md: check value, table entries, and the ECC
// algorithm as written there (a direct transcription below, used as the independent oracle).
#include <gtest/gtest.h>

#include <random>
#include <string_view>

#include "disc/ecc.hpp"
#include "disc/ecc_avx2.hpp"
#include "disc/ecc_avx512.hpp"
#include "disc/edc.hpp"

namespace dw {
namespace {

TEST(Edc, CheckValueAndStreaming) {
  std::string_view s = "123456789";
  const std::span<const uint8_t> bytes(reinterpret_cast<const uint8_t*>(s.data()), s.size());
  EXPECT_EQ(edc_compute(bytes), 0x6EC2EDC4u);
  EXPECT_EQ(edc_compute(bytes.subspan(4), edc_compute(bytes.first(4))), 0x6EC2EDC4u);
  EXPECT_EQ(edc_compute({}), 0u);
  // Long inputs against the bytewise definition (crc = (crc >> 8) ^ T[(crc ^ b) & 0xFF]).
  std::mt19937 rng(7);
  // Lengths around 64 and 128 bytes cover the carry-less folding path's edges, with and without
  // a register carried in.
  // 256 bytes and more go 256 a step in 64-byte registers where the CPU has AVX-512 (VPCLMULQDQ):
  // lengths around 256, 320 and 512 cover that path's edges.
  for (size_t len : {1u,   15u,  16u,  17u,  31u,  127u, 128u, 129u, 143u, 191u,  192u,  200u,   255u,
                     256u, 257u, 271u, 319u, 320u, 336u, 511u, 512u, 528u, 2064u, 2332u, 100000u}) {
    std::vector<uint8_t> v(len);
    for (auto& b : v) b = static_cast<uint8_t>(rng());
    uint32_t crc = 0;
    for (uint8_t b : v) {
      uint32_t c = (crc ^ b) & 0xFF;
      for (int k = 0; k < 8; ++k) c = (c & 1) ? (c >> 1) ^ 0xD8018001u : c >> 1;
      crc = (crc >> 8) ^ c;
    }
    EXPECT_EQ(edc_compute(v), crc) << len;
    const std::span<const uint8_t> all(v);
    EXPECT_EQ(edc_compute(all.subspan(len / 3), edc_compute(all.first(len / 3))), crc) << len;
  }
}

// The reference's ECC routine, transcribed literally.
void reference_ecc(uint8_t* out, const uint8_t* data, int major_count, int minor_count, int major_mult, int minor_inc) {
  uint8_t F[256], B[256];
  for (int i = 0; i < 256; ++i) F[i] = static_cast<uint8_t>((i << 1) ^ (i & 0x80 ? 0x11D : 0));
  for (int i = 0; i < 256; ++i) B[i ^ F[i]] = static_cast<uint8_t>(i);
  const int size = major_count * minor_count;
  for (int major = 0; major < major_count; ++major) {
    int idx = (major >> 1) * major_mult + (major & 1);
    uint8_t a = 0, b = 0;
    for (int k = 0; k < minor_count; ++k) {
      const uint8_t t = data[idx];
      idx += minor_inc;
      if (idx >= size) idx -= size;
      a ^= t;
      b ^= t;
      a = F[a];
    }
    a = B[F[a] ^ b];
    out[major] = a;
    out[major + major_count] = static_cast<uint8_t>(a ^ b);
  }
}

TEST(Ecc, MatchesTheReferenceRoutine) {
  std::mt19937 rng(2076);
  for (int iter = 0; iter < 300; ++iter) {
    std::array<uint8_t, kRawSector> s;
    for (auto& b : s) b = static_cast<uint8_t>(rng());
    const bool zero = iter % 2;
    std::array<uint8_t, kRawSector> work = s;
    if (zero) std::fill(work.begin() + 12, work.begin() + 16, uint8_t{0});
    uint8_t p[172], q[104];
    reference_ecc(p, work.data() + 12, 86, 24, 2, 86);
    std::copy(p, p + 172, work.begin() + 2076);
    reference_ecc(q, work.data() + 12, 52, 43, 86, 88);
    const EccP ours_p = ecc_compute_p(s, zero);
    ASSERT_TRUE(std::equal(ours_p.begin(), ours_p.end(), p));
    const EccQ ours_q = ecc_compute_q(s, ours_p, zero);
    ASSERT_TRUE(std::equal(ours_q.begin(), ours_q.end(), q));
    ecc_generate(s, zero);
    ASSERT_TRUE(std::equal(s.begin() + 2076, s.begin() + 2248, p));
    ASSERT_TRUE(std::equal(s.begin() + 2248, s.end(), q));
  }
}

// ecc.cpp runs only the fastest pass this CPU has; each SIMD pass the CPU can run is checked
// here on its own against the reference, so a machine with AVX-512 still tests the AVX2 pass.
TEST(Ecc, EverySimdPassMatchesTheReferenceRoutine) {
  struct Pass {
    const char* name;
    bool available;
    void (*p)(const uint8_t*, uint8_t*);
    void (*q)(const uint8_t*, uint8_t*);
  };
  const Pass passes[] = {{"avx2", ecc_avx2_available(), ecc_parity_p_avx2, ecc_parity_q_avx2},
                         {"avx512", ecc_avx512_available(), ecc_parity_p_avx512, ecc_parity_q_avx512}};
  std::mt19937 rng(4410);
  for (const Pass& pass : passes) {
    if (!pass.available) continue;
    for (int iter = 0; iter < 300; ++iter) {
      // All-zero, all-0xFF and random regions: the carries of the doubling on every byte.
      std::array<uint8_t, kRawSector> s;
      for (auto& b : s) b = iter == 0 ? 0 : iter == 1 ? 0xFF : static_cast<uint8_t>(rng());
      uint8_t p[172], q[104], ours[172];
      reference_ecc(p, s.data() + 12, 86, 24, 2, 86);
      pass.p(s.data() + 12, ours);
      ASSERT_TRUE(std::equal(p, p + 172, ours)) << pass.name << " P, sector " << iter;
      std::copy(p, p + 172, s.begin() + 2076);
      reference_ecc(q, s.data() + 12, 52, 43, 86, 88);
      pass.q(s.data() + 12, ours);
      ASSERT_TRUE(std::equal(q, q + 104, ours)) << pass.name << " Q, sector " << iter;
    }
  }
}

}  // namespace
}  // namespace dw
