// The CD-ROM scrambler: data sectors are stored on the disc with bytes 12..2351 XORed with the
// output of a 15-bit LFSR (x^15 + x + 1, seeded with 1). The same XOR descrambles.
// Facts: reference/cd-physical.md, "Scrambler".
#pragma once

#include <array>
#include <cstdint>
#include <optional>
#include <span>

#include "disc/msf.hpp"

namespace dw {

/// The table indexed by sector offset: bytes 0..11 (the sync) are 0, 12.. the LFSR output.
const std::array<uint8_t, 2352>& scramble_table();

/// XORs `data` with the table starting at sector offset `offset` (self-inverse). `data` may be
/// shorter than a sector; offset + data.size() must not exceed 2352.
void scramble(std::span<uint8_t> data, size_t offset = 0);

enum class DescrambleVerdict : uint8_t {
  MsfMatches,    ///< accepted: the descrambled header is the expected LBA
  SyncAndMode,   ///< accepted: sync valid, mode 1 or 2 (or mode 0 with zero data)
  TooShort,      ///< rejected: fewer than 16 bytes
  AllZero,       ///< rejected: every byte is zero (nothing was read)
  BadSync,       ///< rejected: no sync and the MSF does not match
  Mode0NotZero,  ///< rejected: mode 0 with non-zero data after the header
  InvalidMode,   ///< rejected: mode byte is not 0, 1 or 2 and the MSF does not match
};

/// Descrambles a sector read "as audio" (possibly truncated) when it really is a scrambled data
/// sector, as redumper decides it: all-zero input or fewer than 16 bytes is rejected; otherwise
/// it is descrambled and accepted when the header MSF equals `expected_lba`, or else when the
/// sync is valid and the mode is 1 or 2, or 0 with all present bytes after the header zero. A
/// rejected sector is left as it was. Returns the verdict.
DescrambleVerdict descramble_checked(std::span<uint8_t> data, std::optional<Lba> expected_lba);
/// True for the two accepting verdicts.
inline bool accepted(DescrambleVerdict v) {
  return v == DescrambleVerdict::MsfMatches || v == DescrambleVerdict::SyncAndMode;
}
const char* to_string(DescrambleVerdict v);

}  // namespace dw
