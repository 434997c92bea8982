// The 96 subchannel bytes of a sector, in the two layouts formats use.
//   interleaved ("raw P-W": READ CD subchannel 001b, NRG, MDF): byte i holds P in bit 7, Q in bit 6,
//     R bit 5 ... W bit 0;
//   linear (de-interleaved, CloneCD .sub): 8 channels of 12 bytes, P Q R S T U V W, MSB first.
// Channel X's linear byte j, bit (7-m) = interleaved byte 8j+m's bit for X.
#pragma once

#include <array>
#include <cstdint>
#include <span>

namespace dw {

inline constexpr size_t kSubchannelSize = 96;
inline constexpr size_t kChannelSize = 12;

enum class Channel : uint8_t { P = 0, Q, R, S, T, U, V, W };

/// Linear (8 x 12 bytes) -> interleaved (96 bytes). `in` and `out` must not overlap.
void interleave_subchannel(std::span<const uint8_t, kSubchannelSize> linear, std::span<uint8_t, kSubchannelSize> out);
/// Interleaved (96 bytes) -> linear (8 x 12 bytes). `in` and `out` must not overlap.
void deinterleave_subchannel(std::span<const uint8_t, kSubchannelSize> raw, std::span<uint8_t, kSubchannelSize> out);

/// Extracts one channel's 12 bytes from interleaved subchannel.
std::array<uint8_t, kChannelSize> extract_channel(std::span<const uint8_t, kSubchannelSize> raw, Channel channel);
/// ORs one channel's 12 bytes into interleaved subchannel (the channel's bits must be clear).
void insert_channel(std::span<uint8_t, kSubchannelSize> raw, Channel channel,
                    std::span<const uint8_t, kChannelSize> bytes);

/// RAW writing's other subchannel forms (mode page 05 data block types; reference/mmc.md "Mode page 05").
/// Block type 2, "packed" P-W, is P and Q as in raw P-W and the R-W packs the recorder
/// interleaves: rw_interleave.hpp.

/// Block type 1, raw + P-Q (16 bytes): the 12 Q bytes (CRC included), three zero bytes, then
/// byte 15 bit 7 = P (by majority). R-W is dropped.
inline constexpr size_t kPqSize = 16;
void pq16_from_raw(std::span<const uint8_t, kSubchannelSize> raw, std::span<uint8_t, kPqSize> out);
/// The raw P-W of a P-Q block: Q in bit 6, P (all 96 bits) from byte 15 bit 7, R-W zero.
void raw_from_pq16(std::span<const uint8_t, kPqSize> pq, std::span<uint8_t, kSubchannelSize> out);

/// P decided by majority of its 96 bits (real discs are messy): true = pause flag set.
bool p_flag_majority(std::span<const uint8_t, kSubchannelSize> raw);

}  // namespace dw
