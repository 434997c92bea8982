#include "disc/ecc_avx512.hpp"

// AVX-512 and GFNI exist on x86 only; elsewhere (or built with DW_NO_X86_SIMD) the CPU check
// says no and ecc.cpp uses the other passes.
#if (defined(__x86_64__) || defined(__i386__)) && !defined(DW_NO_X86_SIMD)
#include <immintrin.h>

#include <array>

#include "disc/ecc_tables.hpp"

#define DW_AVX512 __attribute__((target("avx512f,avx512bw,avx512vbmi,gfni")))

namespace dw {

namespace {
using ecc_tables::kB;
using ecc_tables::kF;

// The GFNI matrix of a map of GF(2^8) that is linear over GF(2) (multiplication by a constant,
// B): byte 7 - i of the matrix holds, as bit k, bit i of the image of 1 << k.
template <class Map>
constexpr uint64_t matrix_of(Map f) {
  uint64_t m = 0;
  for (unsigned i = 0; i < 8; ++i) {
    uint64_t row = 0;
    for (unsigned k = 0; k < 8; ++k)
      if ((f(static_cast<uint8_t>(1U << k)) >> i) & 1U) row |= uint64_t{1} << k;
    m |= row << (8 * (7 - i));
  }
  return m;
}

// x * a^n (a = the field's generator x, polynomial 0x11D), x / a, and B: x / (1 + a).
constexpr uint64_t times_a_to(unsigned n) {
  return matrix_of([n](uint8_t x) {
    for (unsigned i = 0; i < n; ++i) x = kF[x];
    return x;
  });
}
constexpr uint64_t kTimesA = times_a_to(1), kTimesA2 = times_a_to(2), kTimesA3 = times_a_to(3),
                   kTimesA4 = times_a_to(4);
constexpr uint64_t kOverA =
    matrix_of([](uint8_t x) { return static_cast<uint8_t>(x & 1U ? ((x ^ 0x1DU) >> 1) | 0x80U : x >> 1U); });
constexpr uint64_t kOverOnePlusA = matrix_of([](uint8_t x) { return kB[x]; });
static_assert(kOverA != 0 && kTimesA2 != kTimesA);

// Row bytes 64..85 of an 86-byte row.
constexpr __mmask64 kRowTail = (__mmask64{1} << 22) - 1;

DW_AVX512 inline __m512i times(__m512i x, uint64_t matrix) {
  return _mm512_gf2p8affine_epi64_epi8(x, _mm512_set1_epi64(static_cast<long long>(matrix)), 0);
}

// The last step of the reference loop for `n` columns (a, b in registers lo and hi):
// p = B[F[a] ^ b]; parity bytes p at out, p ^ b at out + n.
DW_AVX512 void finish(__m512i a_lo, __m512i a_hi, __m512i b_lo, __m512i b_hi, unsigned n, uint8_t* out) {
  const __m512i p_lo = times(_mm512_xor_si512(times(a_lo, kTimesA), b_lo), kOverOnePlusA);
  const __m512i p_hi = times(_mm512_xor_si512(times(a_hi, kTimesA), b_hi), kOverOnePlusA);
  const __mmask64 lo = n >= 64 ? ~__mmask64{0} : (__mmask64{1} << n) - 1;
  const __mmask64 hi = n > 64 ? (__mmask64{1} << (n - 64)) - 1 : 0;
  _mm512_mask_storeu_epi8(out, lo, p_lo);
  _mm512_mask_storeu_epi8(out + 64, hi, p_hi);
  _mm512_mask_storeu_epi8(out + n, lo, _mm512_xor_si512(p_lo, b_lo));
  _mm512_mask_storeu_epi8(out + n + 64, hi, _mm512_xor_si512(p_hi, b_hi));
}

// Byte indices for _mm512_permutex2var_epi8(x, idx, below): every byte `by` places up, the top
// `by` bytes of `below` coming in at the bottom.
constexpr std::array<uint8_t, 64> up_by(unsigned by) {
  std::array<uint8_t, 64> idx{};
  for (unsigned j = 0; j < 64; ++j) idx[j] = static_cast<uint8_t>(j >= by ? j - by : 64 + 64 - by + j);
  return idx;
}
// Where the diagonals finished in a double row go in the result (see ecc_parity_q_avx512):
// the result moves down one double pair, the even diagonal (state bytes 86..87, the second
// register's 22..23) and then the odd one (84..85) come in at bytes 48..51.
constexpr std::array<uint8_t, 64> kTakeDiagonals = [] {
  std::array<uint8_t, 64> idx{};
  for (unsigned j = 0; j < 48; ++j) idx[j] = static_cast<uint8_t>(j + 4);
  idx[48] = 64 + 22, idx[49] = 64 + 23, idx[50] = 64 + 20, idx[51] = 64 + 21;
  return idx;
}();

DW_AVX512 inline __m512i indices(const std::array<uint8_t, 64>& idx) { return _mm512_loadu_si512(idx.data()); }
}  // namespace

bool ecc_avx512_available() {
  static const bool yes = __builtin_cpu_supports("avx512f") && __builtin_cpu_supports("avx512bw") &&
                          __builtin_cpu_supports("avx512vbmi") && __builtin_cpu_supports("gfni");
  return yes;
}

// Reference step per row: a ^= t; b ^= t; a = F[a]; four rows a step, so that only one
// multiplication a step waits for the one before: a = a^4 (a ^ t0) ^ a^3 t1 ^ a^2 t2 ^ a t3.
DW_AVX512 void ecc_parity_p_avx512(const uint8_t* rows, uint8_t* out) {
  __m512i a[2] = {}, b[2] = {};
  for (unsigned k = 0; k < 24; k += 4)
    for (unsigned h = 0; h < 2; ++h) {
      __m512i t[4];
      for (unsigned i = 0; i < 4; ++i)
        t[i] = h == 0 ? _mm512_loadu_si512(rows + 86 * (k + i))
                      : _mm512_maskz_loadu_epi8(kRowTail, rows + 86 * (k + i) + 64);
      const __m512i rest =
          _mm512_xor_si512(_mm512_xor_si512(times(t[1], kTimesA3), times(t[2], kTimesA2)), times(t[3], kTimesA));
      a[h] = _mm512_xor_si512(times(_mm512_xor_si512(a[h], t[0]), kTimesA4), rest);
      b[h] = _mm512_xor_si512(_mm512_xor_si512(b[h], _mm512_xor_si512(t[0], t[1])), _mm512_xor_si512(t[2], t[3]));
    }
  finish(a[0], a[1], b[0], b[1], 86, out);
}

// The AVX2 pass's walk (a state of one partial diagonal per column pair, moved up one pair per
// row: a = F[up(a) ^ row], b = up(b) ^ row), two rows a step to halve the chain of dependent
// instructions: a = a^2 up2(a) ^ a^2 up(r0) ^ a r1, b = up2(b) ^ up(r0) ^ r1. The state runs to
// pair 43, so after a step that ends at row r both diagonals finished in it are there: pair 42
// holds diagonal r - 42, pair 43 diagonal r - 43 one row on (b as it was, a times a).
DW_AVX512 void ecc_parity_q_avx512(const uint8_t* rows, uint8_t* out) {
  const __m512i zero = _mm512_setzero_si512();
  const __m512i up1 = indices(up_by(2)), up2 = indices(up_by(4)), take = indices(kTakeDiagonals);
  __m512i a_lo = zero, a_hi = zero, b_lo = zero, b_hi = zero, got_a = zero, got_b = zero;
  for (unsigned r = 0; r < 26 + 42; r += 2) {
    const uint8_t* row0 = rows + 86 * (r % 26);
    const uint8_t* row1 = rows + 86 * ((r + 1) % 26);
    const __m512i t_lo = _mm512_loadu_si512(row0), t_hi = _mm512_maskz_loadu_epi8(kRowTail, row0 + 64);
    const __m512i u_lo = _mm512_loadu_si512(row1), u_hi = _mm512_maskz_loadu_epi8(kRowTail, row1 + 64);
    const __m512i st_hi = _mm512_permutex2var_epi8(t_hi, up1, t_lo);
    const __m512i st_lo = _mm512_permutex2var_epi8(t_lo, up1, zero);
    const __m512i ua_hi = times(u_hi, kTimesA), ua_lo = times(u_lo, kTimesA);
    a_hi = _mm512_xor_si512(times(_mm512_xor_si512(_mm512_permutex2var_epi8(a_hi, up2, a_lo), st_hi), kTimesA2), ua_hi);
    a_lo = _mm512_xor_si512(times(_mm512_xor_si512(_mm512_permutex2var_epi8(a_lo, up2, zero), st_lo), kTimesA2), ua_lo);
    b_hi = _mm512_xor_si512(_mm512_xor_si512(_mm512_permutex2var_epi8(b_hi, up2, b_lo), st_hi), u_hi);
    b_lo = _mm512_xor_si512(_mm512_xor_si512(_mm512_permutex2var_epi8(b_lo, up2, zero), st_lo), u_lo);
    if (r + 1 >= 43) {
      got_a = _mm512_permutex2var_epi8(got_a, take, a_hi);
      got_b = _mm512_permutex2var_epi8(got_b, take, b_hi);
    }
  }
  // The even diagonals' a was taken one row late: divide it by a (bytes 0, 1 of every 4).
  got_a = _mm512_mask_gf2p8affine_epi64_epi8(got_a, 0x3333333333333333ULL, got_a,
                                             _mm512_set1_epi64(static_cast<long long>(kOverA)), 0);
  finish(got_a, zero, got_b, zero, 52, out);
}

}  // namespace dw

#else

#include <cstdlib>

namespace dw {

bool ecc_avx512_available() { return false; }

void ecc_parity_p_avx512(const uint8_t*, uint8_t*) {
  std::abort();  // never called: ecc_avx512_available() is false off x86
}

void ecc_parity_q_avx512(const uint8_t*, uint8_t*) { std::abort(); }

}  // namespace dw

#endif
