// Carry-less multiplication (PCLMULQDQ) folding for reflected CRC-32s: long inputs shrink to
// 16 bytes with the same CRC, 64 bytes a step, so the table code only finishes the last bytes.
// Used by SlicingCrc (EDC and zlib's CRC-32) when the CPU has PCLMULQDQ.
#pragma once

#include <cstddef>
#include <cstdint>

namespace dw {

/// The fold distances for one reflected polynomial: x^e mod P for e = 4*128+64-1, 4*128-1,
/// 128+64-1 and 128-1 (and 4*512+64-1, 4*512-1), each reflected into the top half of a 64-bit operand (the -1 makes up
/// for the one-bit shift of multiplying reflected operands).
struct CrcFoldConstants {
  uint64_t k575, k511, k191, k127;
  uint64_t k2111, k2047;  ///< 4*512+64-1 and 4*512-1: the AVX-512 pass's four 64-byte registers
};

/// x^e mod P in reflected form (bit 31 is x^0), for the reflected polynomial `poly`.
constexpr uint32_t reflected_x_pow_mod(uint32_t poly, unsigned e) {
  uint32_t r = 0x80000000u;
  for (unsigned i = 0; i < e; ++i) r = (r >> 1) ^ ((r & 1) ? poly : 0);
  return r;
}

constexpr CrcFoldConstants crc_fold_constants(uint32_t poly) {
  const auto k = [poly](unsigned e) { return uint64_t{reflected_x_pow_mod(poly, e)} << 32; };
  return {k(575), k(511), k(191), k(127), k(2111), k(2047)};
}

/// True when this CPU can run crc_fold.
bool crc_fold_available();

/// Replaces the longest prefix of `data` that is a multiple of 16 bytes (at least 64; `size`
/// must be >= 64; from 256 bytes 256 a step with VPCLMULQDQ where the CPU has AVX-512) by 16 bytes `out` such that the
/// CRC from register 0 over `out` equals the CRC from register `crc` over that prefix. Returns the prefix length.
size_t crc_fold(const uint8_t* data, size_t size, uint32_t crc, const CrcFoldConstants& k, uint8_t* out);

}  // namespace dw
