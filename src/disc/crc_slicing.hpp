// Table-driven reflected CRC-32 with slicing-by-16: sixteen 256-entry tables let the loop
// consume 16 bytes per step with independent lookups (past 2 GB/s). Used for the CD EDC
// (polynomial 0xD8018001, reflected 0x8001801B) and for zlib's CRC-32 (0xEDB88320). Inputs of
// 128 bytes or more are first folded with carry-less multiplication where the CPU has it.
#pragma once

#include <array>
#include <bit>
#include <cstdint>
#include <cstring>
#include <span>

#include "disc/crc_fold.hpp"

namespace dw {

template <uint32_t ReflectedPoly>
class SlicingCrc {
 public:
  using Tables = std::array<std::array<uint32_t, 256>, 16>;
  static constexpr Tables make_tables() {
    Tables t{};
    for (uint32_t i = 0; i < 256; ++i) {
      uint32_t c = i;
      for (int b = 0; b < 8; ++b) c = (c & 1) ? (c >> 1) ^ ReflectedPoly : c >> 1;
      t[0][i] = c;
    }
    for (size_t k = 1; k < 16; ++k)
      for (uint32_t i = 0; i < 256; ++i) t[k][i] = (t[k - 1][i] >> 8) ^ t[0][t[k - 1][i] & 0xFF];
    return t;
  }
  static constexpr Tables kT = make_tables();
  static constexpr CrcFoldConstants kFold = crc_fold_constants(ReflectedPoly);

  /// The register after `data`, from `crc` (no initial or final inversion here).
  static uint32_t update(std::span<const uint8_t> data, uint32_t crc) {
    static_assert(std::endian::native == std::endian::little, "slicing-by-16 assumes little-endian loads");
    const uint8_t* p = data.data();
    size_t n = data.size();
    if (n >= 128 && crc_fold_available()) {
      uint8_t folded[16];
      const size_t used = crc_fold(p, n, crc, kFold, folded);
      crc = table_update(folded, 16, 0);
      p += used;
      n -= used;
    }
    return table_update(p, n, crc);
  }

 private:
  static uint32_t table_update(const uint8_t* p, size_t n, uint32_t crc) {
    while (n >= 16) {
      const uint32_t a = load32(p) ^ crc, b = load32(p + 4), c = load32(p + 8), d = load32(p + 12);
      crc = kT[15][a & 0xFF] ^ kT[14][(a >> 8) & 0xFF] ^ kT[13][(a >> 16) & 0xFF] ^ kT[12][a >> 24] ^ kT[11][b & 0xFF] ^
            kT[10][(b >> 8) & 0xFF] ^ kT[9][(b >> 16) & 0xFF] ^ kT[8][b >> 24] ^ kT[7][c & 0xFF] ^
            kT[6][(c >> 8) & 0xFF] ^ kT[5][(c >> 16) & 0xFF] ^ kT[4][c >> 24] ^ kT[3][d & 0xFF] ^
            kT[2][(d >> 8) & 0xFF] ^ kT[1][(d >> 16) & 0xFF] ^ kT[0][d >> 24];
      p += 16;
      n -= 16;
    }
    while (n--) crc = (crc >> 8) ^ kT[0][(crc ^ *p++) & 0xFF];
    return crc;
  }

  static uint32_t load32(const uint8_t* p) {
    uint32_t v;
    std::memcpy(&v, p, 4);
    return v;
  }
};

}  // namespace dw
