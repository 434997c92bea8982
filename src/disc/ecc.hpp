// ECC (RSPC) of Mode 1 and Mode 2 Form 1 sectors: P parity (172 bytes at 2076) over bytes
// 12..2075 and Q parity (104 bytes at 2248) over bytes 12..2247. Mode 1 includes the real header;
// Mode 2 Form 1 computes with the 4 header bytes taken as zero.
// Facts: reference/cd-physical.md, "ECC (RSPC)".
#pragma once

#include <array>
#include <cstdint>
#include <span>

namespace dw {

inline constexpr size_t kRawSector = 2352;

using EccP = std::array<uint8_t, 172>;
using EccQ = std::array<uint8_t, 104>;

/// P parity of `sector` as it is (bytes 12..2075), with the header zeroed when `zero_address`.
EccP ecc_compute_p(std::span<const uint8_t, kRawSector> sector, bool zero_address);
/// Q parity over bytes 12..2075 of `sector` followed by the P parity `p` (so a wrong stored P
/// byte does not also count as a Q error), header zeroed when `zero_address`.
EccQ ecc_compute_q(std::span<const uint8_t, kRawSector> sector, const EccP& p, bool zero_address);
/// Writes P and Q into the sector.
void ecc_generate(std::span<uint8_t, kRawSector> sector, bool zero_address);

}  // namespace dw
