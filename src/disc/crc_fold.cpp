#include "disc/crc_fold.hpp"

// PCLMULQDQ / AVX2 exist on x86 only; elsewhere (or built with DW_NO_X86_SIMD) the portable code
// is used: the CPU check says no.
#if (defined(__x86_64__) || defined(__i386__)) && !defined(DW_NO_X86_SIMD)
#include <immintrin.h>

namespace dw {

namespace {
// X * x^d mod P folded onto the next block: the low qword of X holds the higher-degree half.
__attribute__((target("pclmul,sse4.1"))) inline __m128i fold(__m128i x, __m128i k) {
  return _mm_xor_si128(_mm_clmulepi64_si128(x, k, 0x00), _mm_clmulepi64_si128(x, k, 0x11));
}
}  // namespace

bool crc_fold_available() {
  static const bool yes = __builtin_cpu_supports("pclmul") && __builtin_cpu_supports("sse4.1");
  return yes;
}

namespace {
#define DW_VPCLMUL __attribute__((target("avx512f,avx512bw,vpclmulqdq,pclmul,sse4.1")))

bool vpclmul_available() {
  static const bool yes =
      __builtin_cpu_supports("avx512f") && __builtin_cpu_supports("avx512bw") && __builtin_cpu_supports("vpclmulqdq");
  return yes;
}

// fold() on the four 16-byte lanes of a 64-byte register.
DW_VPCLMUL inline __m512i fold4(__m512i x, __m512i k) {
  return _mm512_xor_si512(_mm512_clmulepi64_epi128(x, k, 0x00), _mm512_clmulepi64_epi128(x, k, 0x11));
}

DW_VPCLMUL inline __m512i load(const uint8_t* p) { return _mm512_loadu_si512(p); }

// Fold distances for every lane: `low` multiplies the low (higher-degree) qword.
DW_VPCLMUL inline __m512i pair(uint64_t low, uint64_t high) {
  const auto l = static_cast<long long>(low), h = static_cast<long long>(high);
  return _mm512_set_epi64(h, l, h, l, h, l, h, l);
}

// The first 64 * (n / 64) bytes (n >= 256) folded to four 16-byte lanes x[0..3] at the same
// distances as the 128-bit loop's four registers: 256 bytes a step in four 64-byte registers,
// which then fold into one, which takes the 64-byte blocks that remain.
DW_VPCLMUL size_t fold_wide(const uint8_t* data, size_t size, uint32_t crc, const CrcFoldConstants& k, __m128i* x) {
  const __m512i k2048 = pair(k.k2111, k.k2047), k512 = pair(k.k575, k.k511);
  __m512i z0 = _mm512_xor_si512(load(data), _mm512_zextsi128_si512(_mm_cvtsi32_si128(static_cast<int>(crc))));
  __m512i z1 = load(data + 64), z2 = load(data + 128), z3 = load(data + 192);
  size_t at = 256;
  for (; at + 256 <= size; at += 256) {
    z0 = _mm512_xor_si512(fold4(z0, k2048), load(data + at));
    z1 = _mm512_xor_si512(fold4(z1, k2048), load(data + at + 64));
    z2 = _mm512_xor_si512(fold4(z2, k2048), load(data + at + 128));
    z3 = _mm512_xor_si512(fold4(z3, k2048), load(data + at + 192));
  }
  __m512i z = _mm512_xor_si512(fold4(z0, k512), z1);
  z = _mm512_xor_si512(fold4(z, k512), z2);
  z = _mm512_xor_si512(fold4(z, k512), z3);
  for (; at + 64 <= size; at += 64) z = _mm512_xor_si512(fold4(z, k512), load(data + at));
  alignas(64) __m128i lanes[4];
  _mm512_store_si512(lanes, z);
  for (int i = 0; i < 4; ++i) x[i] = lanes[i];
  return at;
}
}  // namespace

__attribute__((target("pclmul,sse4.1"))) size_t crc_fold(const uint8_t* data, size_t size, uint32_t crc,
                                                         const CrcFoldConstants& k, uint8_t* out) {
  const auto load = [](const uint8_t* p) { return _mm_loadu_si128(reinterpret_cast<const __m128i*>(p)); };
  // Each constant pair: low qword multiplies the low (higher-degree) half, high qword the other.
  const __m128i k4 = _mm_set_epi64x(static_cast<long long>(k.k511), static_cast<long long>(k.k575));
  const __m128i k1 = _mm_set_epi64x(static_cast<long long>(k.k127), static_cast<long long>(k.k191));
  __m128i x[4];
  size_t at = 64;
  if (size >= 256 && vpclmul_available()) {
    at = fold_wide(data, size, crc, k, x);
  } else {
    x[0] = _mm_xor_si128(load(data), _mm_cvtsi32_si128(static_cast<int>(crc)));
    x[1] = load(data + 16), x[2] = load(data + 32), x[3] = load(data + 48);
    for (; at + 64 <= size; at += 64)
      for (int i = 0; i < 4; ++i) x[i] = _mm_xor_si128(fold(x[i], k4), load(data + at + 16 * i));
  }
  __m128i r = _mm_xor_si128(fold(x[0], k1), x[1]);
  r = _mm_xor_si128(fold(r, k1), x[2]);
  r = _mm_xor_si128(fold(r, k1), x[3]);
  for (; at + 16 <= size; at += 16) r = _mm_xor_si128(fold(r, k1), load(data + at));
  _mm_storeu_si128(reinterpret_cast<__m128i*>(out), r);
  return at;
}

}  // namespace dw

#else

#include <cstdlib>

namespace dw {

bool crc_fold_available() { return false; }

size_t crc_fold(const uint8_t*, size_t, uint32_t, const CrcFoldConstants&, uint8_t*) {
  std::abort();  // never called: crc_fold_available() is false off x86
}

}  // namespace dw

#endif
