// ECC (RSPC) parity with AVX2, for ecc.cpp: the same arithmetic as its portable loop, 32
// columns a step, the final table step as a multiplication in registers.
#pragma once

#include <cstdint>

namespace dw {

/// True when this CPU runs the functions below.
bool ecc_avx2_available();

/// P parity (172 bytes to `out`) of the 24 rows of 86 bytes at `rows`, which must be readable
/// up to byte 23 * 86 + 96.
void ecc_parity_p_avx2(const uint8_t* rows, uint8_t* out);

/// Q parity (104 bytes to `out`) of the 26 rows of 86 bytes at `rows` (data and P), which must
/// be readable up to byte 25 * 86 + 96: column pair m, step k is the byte pair at row
/// (m + k) % 26, pair k.
void ecc_parity_q_avx2(const uint8_t* rows, uint8_t* out);

}  // namespace dw
