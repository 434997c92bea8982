// EDC: the CRC-32 of CD-ROM sectors (polynomial 0x8001801B reflected, init 0, no final XOR),
// stored little-endian. Check value over "123456789": 0x6EC2EDC4.
#pragma once

#include <cstdint>
#include <span>

namespace dw {

/// EDC of `data`, continuing from `crc` (0 to start), so a sector can be fed in pieces.
uint32_t edc_compute(std::span<const uint8_t> data, uint32_t crc = 0);

}  // namespace dw
