// CRC-16/GSM as used by subchannel Q and CD-Text packs: polynomial 0x1021, init 0, result
// inverted, stored big-endian. Check value over "123456789": 0xCE3C.
#pragma once

#include <cstdint>
#include <span>

namespace dw {

/// CRC-16 (0x1021, init 0, final XOR 0xFFFF) of `data`.
uint16_t crc16_gsm(std::span<const uint8_t> data);

}  // namespace dw
