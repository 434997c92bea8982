#include "disc/ecc_avx2.hpp"

// PCLMULQDQ / AVX2 exist on x86 only; elsewhere (or built with DW_NO_X86_SIMD) the portable code
// is used: the CPU check says no.
#if (defined(__x86_64__) || defined(__i386__)) && !defined(DW_NO_X86_SIMD)
#include <immintrin.h>

#include "disc/ecc_tables.hpp"

#define DW_AVX2 __attribute__((target("avx2")))

namespace dw {

namespace {
// F: x * x in GF(2^8) with polynomial 0x11D, 32 bytes at once.
DW_AVX2 inline __m256i twice(__m256i x) {
  const __m256i carry = _mm256_and_si256(_mm256_cmpgt_epi8(_mm256_setzero_si256(), x), _mm256_set1_epi8(0x1D));
  return _mm256_xor_si256(_mm256_add_epi8(x, x), carry);
}

// B[x] (x / (1 + x)) is linear: the sum of its values on the two nibbles.
DW_AVX2 inline __m256i div_by_one_plus_x(__m256i x) {
  using ecc_tables::kB;
  const auto b = [](int i) { return static_cast<char>(kB[static_cast<size_t>(i)]); };
  const __m256i lo = _mm256_setr_epi8(b(0), b(1), b(2), b(3), b(4), b(5), b(6), b(7), b(8), b(9), b(10), b(11), b(12),
                                      b(13), b(14), b(15), b(0), b(1), b(2), b(3), b(4), b(5), b(6), b(7), b(8), b(9),
                                      b(10), b(11), b(12), b(13), b(14), b(15));
  const __m256i hi = _mm256_setr_epi8(b(0x00), b(0x10), b(0x20), b(0x30), b(0x40), b(0x50), b(0x60), b(0x70), b(0x80),
                                      b(0x90), b(0xA0), b(0xB0), b(0xC0), b(0xD0), b(0xE0), b(0xF0), b(0x00), b(0x10),
                                      b(0x20), b(0x30), b(0x40), b(0x50), b(0x60), b(0x70), b(0x80), b(0x90), b(0xA0),
                                      b(0xB0), b(0xC0), b(0xD0), b(0xE0), b(0xF0));
  const __m256i nib = _mm256_set1_epi8(0x0F);
  return _mm256_xor_si256(_mm256_shuffle_epi8(lo, _mm256_and_si256(x, nib)),
                          _mm256_shuffle_epi8(hi, _mm256_and_si256(_mm256_srli_epi16(x, 4), nib)));
}

// Moves every byte two places up (one column pair); the top two bytes of `prev`, the register
// below, come in at the bottom.
DW_AVX2 inline __m256i up2(__m256i s, __m256i prev) {
  return _mm256_alignr_epi8(s, _mm256_permute2x128_si256(s, prev, 0x03), 14);
}

DW_AVX2 inline __m256i load(const uint8_t* p) { return _mm256_loadu_si256(reinterpret_cast<const __m256i*>(p)); }

// The reference loop's last step for `n` columns held in `a` and `b`: a = B[F[a] ^ b], then
// parity bytes a (at out) and a ^ b (at out + n).
DW_AVX2 void finish(const __m256i* a, const __m256i* b, int regs, int n, uint8_t* out) {
  alignas(32) uint8_t first[96], second[96];
  for (int i = 0; i < regs; ++i) {
    const __m256i p = div_by_one_plus_x(_mm256_xor_si256(twice(a[i]), b[i]));
    _mm256_store_si256(reinterpret_cast<__m256i*>(first + 32 * i), p);
    _mm256_store_si256(reinterpret_cast<__m256i*>(second + 32 * i), _mm256_xor_si256(p, b[i]));
  }
  __builtin_memcpy(out, first, static_cast<size_t>(n));
  __builtin_memcpy(out + n, second, static_cast<size_t>(n));
}
}  // namespace

bool ecc_avx2_available() {
  static const bool yes = __builtin_cpu_supports("avx2");
  return yes;
}

// Reference step per row: a ^= t; b ^= t; a = F[a].
DW_AVX2 void ecc_parity_p_avx2(const uint8_t* rows, uint8_t* out) {
  __m256i a[3] = {}, b[3] = {};
  for (int k = 0; k < 24; ++k)
    for (int i = 0; i < 3; ++i) {
      const __m256i t = load(rows + 86 * k + 32 * i);
      a[i] = twice(_mm256_xor_si256(a[i], t));
      b[i] = _mm256_xor_si256(b[i], t);
    }
  finish(a, b, 3, 86, out);
}

// The diagonals without gathering: the state holds one partial diagonal per column pair c, the
// one that reached pair c in the current row; each row moves the state up one pair and takes
// in the row, so diagonal m (started at row m, pair 0) has had its 43 steps at pair 42 after
// row m + 42 (rows taken modulo 26). Pairs past 42 and diagonals started after row 25 are
// never read.
DW_AVX2 void ecc_parity_q_avx2(const uint8_t* rows, uint8_t* out) {
  const __m256i zero = _mm256_setzero_si256();
  __m256i a0 = zero, a1 = zero, a2 = zero, b0 = zero, b1 = zero, b2 = zero;
  alignas(32) uint16_t ad[32] = {}, bd[32] = {};
  for (int r = 0; r < 26 + 42; ++r) {
    const uint8_t* row = rows + 86 * (r % 26);
    const __m256i t0 = load(row), t1 = load(row + 32), t2 = load(row + 64);
    a2 = twice(_mm256_xor_si256(up2(a2, a1), t2));
    a1 = twice(_mm256_xor_si256(up2(a1, a0), t1));
    a0 = twice(_mm256_xor_si256(up2(a0, zero), t0));
    b2 = _mm256_xor_si256(up2(b2, b1), t2);
    b1 = _mm256_xor_si256(up2(b1, b0), t1);
    b0 = _mm256_xor_si256(up2(b0, zero), t0);
    if (r >= 42) {
      // Pair 42 is bytes 84..85: pair 10 of the third register.
      ad[r - 42] = static_cast<uint16_t>(_mm256_extract_epi16(a2, 10));
      bd[r - 42] = static_cast<uint16_t>(_mm256_extract_epi16(b2, 10));
    }
  }
  const __m256i a[2] = {_mm256_load_si256(reinterpret_cast<const __m256i*>(ad)),
                        _mm256_load_si256(reinterpret_cast<const __m256i*>(ad + 16))};
  const __m256i b[2] = {_mm256_load_si256(reinterpret_cast<const __m256i*>(bd)),
                        _mm256_load_si256(reinterpret_cast<const __m256i*>(bd + 16))};
  finish(a, b, 2, 52, out);
}

}  // namespace dw

#else

#include <cstdlib>

namespace dw {

bool ecc_avx2_available() { return false; }

void ecc_parity_p_avx2(const uint8_t*, uint8_t*) {
  std::abort();  // never called: ecc_avx2_available() is false off x86
}

void ecc_parity_q_avx2(const uint8_t*, uint8_t*) { std::abort(); }

}  // namespace dw

#endif
