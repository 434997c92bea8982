#include "disc/edc.hpp"

#include <array>
#include <bit>
#include <cstring>

namespace dw {

namespace {
// Slicing-by-16: sixteen 256-entry tables let the loop consume 16 bytes per step with
// independent lookups, which is what brings a table CRC past 2 GB/s.
constexpr size_t kSlices = 16;
using Tables = std::array<std::array<uint32_t, 256>, kSlices>;

constexpr Tables make_tables() {
  Tables t{};
  for (uint32_t i = 0; i < 256; ++i) {
    uint32_t c = i;
    for (int b = 0; b < 8; ++b) c = (c & 1) ? (c >> 1) ^ 0xD8018001u : c >> 1;
    t[0][i] = c;
  }
  for (size_t k = 1; k < kSlices; ++k)
    for (uint32_t i = 0; i < 256; ++i) t[k][i] = (t[k - 1][i] >> 8) ^ t[0][t[k - 1][i] & 0xFF];
  return t;
}
constexpr Tables kT = make_tables();
static_assert(kT[0][1] == 0x90910101u && kT[0][0x80] == 0xD8018001u, "EDC table per reference/cd-physical.md");
static_assert(std::endian::native == std::endian::little, "slicing-by-16 assumes little-endian loads");

uint32_t load32(const uint8_t* p) {
  uint32_t v;
  std::memcpy(&v, p, 4);
  return v;
}
}  // namespace

uint32_t edc_compute(std::span<const uint8_t> data, uint32_t crc) {
  const uint8_t* p = data.data();
  size_t n = data.size();
  while (n >= 16) {
    const uint32_t a = load32(p) ^ crc, b = load32(p + 4), c = load32(p + 8), d = load32(p + 12);
    crc = kT[15][a & 0xFF] ^ kT[14][(a >> 8) & 0xFF] ^ kT[13][(a >> 16) & 0xFF] ^ kT[12][a >> 24] ^ kT[11][b & 0xFF] ^
          kT[10][(b >> 8) & 0xFF] ^ kT[9][(b >> 16) & 0xFF] ^ kT[8][b >> 24] ^ kT[7][c & 0xFF] ^
          kT[6][(c >> 8) & 0xFF] ^ kT[5][(c >> 16) & 0xFF] ^ kT[4][c >> 24] ^ kT[3][d & 0xFF] ^ kT[2][(d >> 8) & 0xFF] ^
          kT[1][(d >> 16) & 0xFF] ^ kT[0][d >> 24];
    p += 16;
    n -= 16;
  }
  while (n--) crc = (crc >> 8) ^ kT[0][(crc ^ *p++) & 0xFF];
  return crc;
}

}  // namespace dw
