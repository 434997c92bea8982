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

__attribute__((target("pclmul,sse4.1"))) size_t crc_fold(const uint8_t* data, size_t size, uint32_t crc,
                                                         const CrcFoldConstants& k, uint8_t* out) {
  const auto load = [](const uint8_t* p) { return _mm_loadu_si128(reinterpret_cast<const __m128i*>(p)); };
  // Each constant pair: low qword multiplies the low (higher-degree) half, high qword the other.
  const __m128i k4 = _mm_set_epi64x(static_cast<long long>(k.k511), static_cast<long long>(k.k575));
  const __m128i k1 = _mm_set_epi64x(static_cast<long long>(k.k127), static_cast<long long>(k.k191));
  __m128i x0 = _mm_xor_si128(load(data), _mm_cvtsi32_si128(static_cast<int>(crc)));
  __m128i x1 = load(data + 16), x2 = load(data + 32), x3 = load(data + 48);
  size_t at = 64;
  for (; at + 64 <= size; at += 64) {
    x0 = _mm_xor_si128(fold(x0, k4), load(data + at));
    x1 = _mm_xor_si128(fold(x1, k4), load(data + at + 16));
    x2 = _mm_xor_si128(fold(x2, k4), load(data + at + 32));
    x3 = _mm_xor_si128(fold(x3, k4), load(data + at + 48));
  }
  __m128i x = _mm_xor_si128(fold(x0, k1), x1);
  x = _mm_xor_si128(fold(x, k1), x2);
  x = _mm_xor_si128(fold(x, k1), x3);
  for (; at + 16 <= size; at += 16) x = _mm_xor_si128(fold(x, k1), load(data + at));
  _mm_storeu_si128(reinterpret_cast<__m128i*>(out), x);
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
