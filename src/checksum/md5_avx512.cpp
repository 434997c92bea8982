// MD5's block function with AVX-512VL (md5.hpp): the state in the low lane of four vector
// registers, where VPTERNLOGD computes F, G, H or I of b, c and d in one instruction and VPROLD
// rotates, so every step's chain is four single-cycle instructions.
#include "checksum/md5.hpp"

#if (defined(__x86_64__) || defined(__i386__)) && !defined(DW_NO_X86_SIMD)
#include <immintrin.h>

#include "checksum/md5_rounds.hpp"

#define DW_AVX512 __attribute__((target("avx512f,avx512vl")))

namespace dw::md5_detail {

namespace {
// VPTERNLOGD truth tables with b, c, d as the first, second and third operand (0xF0, 0xCC,
// 0xAA): F = (b & c) | (~b & d), G = (b & d) | (c & ~d), H = b ^ c ^ d, I = c ^ (b | ~d). The
// table is a template argument: the instruction takes it as an immediate, which an unoptimised
// build only sees in a template parameter.
constexpr int table(int round) { return round == 0 ? 0xCA : round == 1 ? 0xE4 : round == 2 ? 0x96 : 0x39; }

template <int Table, int Shift>
DW_AVX512 inline void step(__m128i& a, __m128i b, __m128i c, __m128i d, uint32_t word_plus_k) {
  a = _mm_add_epi32(a, _mm_cvtsi32_si128(static_cast<int>(word_plus_k)));
  asm("" : "+v"(a));  // as DW_MD5_PIN in md5.cpp: the sum is made before the round function
  a = _mm_add_epi32(a, _mm_ternarylogic_epi32(b, c, d, Table));
  a = _mm_add_epi32(_mm_rol_epi32(a, Shift), b);
}

DW_AVX512 void blocks(uint32_t state[4], const uint8_t* p, size_t count) {
  __m128i a = _mm_cvtsi32_si128(static_cast<int>(state[0])), b = _mm_cvtsi32_si128(static_cast<int>(state[1]));
  __m128i c = _mm_cvtsi32_si128(static_cast<int>(state[2])), d = _mm_cvtsi32_si128(static_cast<int>(state[3]));
  for (; count > 0; --count, p += 64) {
    uint32_t w[16];
    __builtin_memcpy(w, p, 64);  // x86 is little-endian, as MD5's words are
    const __m128i a0 = a, b0 = b, c0 = c, d0 = d;
#define STEP(round, a, b, c, d, i, k, s) step<table(round), s>(a, b, c, d, w[i] + k);
    DW_MD5_STEPS
#undef STEP
    a = _mm_add_epi32(a, a0);
    b = _mm_add_epi32(b, b0);
    c = _mm_add_epi32(c, c0);
    d = _mm_add_epi32(d, d0);
  }
  state[0] = static_cast<uint32_t>(_mm_cvtsi128_si32(a));
  state[1] = static_cast<uint32_t>(_mm_cvtsi128_si32(b));
  state[2] = static_cast<uint32_t>(_mm_cvtsi128_si32(c));
  state[3] = static_cast<uint32_t>(_mm_cvtsi128_si32(d));
}
}  // namespace

BlockFn blocks_avx512() {
  static const bool yes = __builtin_cpu_supports("avx512f") && __builtin_cpu_supports("avx512vl");
  return yes ? blocks : nullptr;
}

}  // namespace dw::md5_detail

#else
namespace dw::md5_detail {
BlockFn blocks_avx512() { return nullptr; }
}  // namespace dw::md5_detail
#endif
