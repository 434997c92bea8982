// ECC (RSPC) parity with AVX-512 (BW, VBMI) and GFNI, for ecc.cpp: the arithmetic of the AVX2
// pass (ecc_avx2.hpp) 64 columns a step, with each multiplication by a constant of GF(2^8) as
// one GFNI affine transform and the diagonal shift of Q as one byte permutation.
#pragma once

#include <cstdint>

namespace dw {

/// True when this CPU runs the functions below (AVX-512 F, BW, VBMI and GFNI).
bool ecc_avx512_available();

/// P parity (172 bytes to `out`) of the 24 rows of 86 bytes at `rows`; reads bytes 0..2063 only.
void ecc_parity_p_avx512(const uint8_t* rows, uint8_t* out);

/// Q parity (104 bytes to `out`) of the 26 rows of 86 bytes at `rows` (data and P), the same
/// diagonals as ecc_parity_q_avx2; reads bytes 0..2235 only.
void ecc_parity_q_avx512(const uint8_t* rows, uint8_t* out);

}  // namespace dw
