#include "disc/crc16.hpp"

#include <array>

namespace dw {

namespace {
constexpr std::array<uint16_t, 256> make_table() {
  std::array<uint16_t, 256> t{};
  for (unsigned i = 0; i < 256; ++i) {
    uint16_t c = static_cast<uint16_t>(i << 8);
    for (int b = 0; b < 8; ++b) c = static_cast<uint16_t>(c & 0x8000 ? (c << 1) ^ 0x1021 : c << 1);
    t[i] = c;
  }
  return t;
}
constexpr auto kTable = make_table();
}  // namespace

uint16_t crc16_gsm(std::span<const uint8_t> data) {
  uint16_t crc = 0;
  for (uint8_t b : data) crc = static_cast<uint16_t>((crc << 8) ^ kTable[((crc >> 8) ^ b) & 0xFF]);
  return static_cast<uint16_t>(~crc);
}

}  // namespace dw
