// Offset finding with AccurateRip's frame-450 checksums: a dBAR submission keeps, per track, the
// v1 checksum of the track's sector 450 alone (588 samples numbered 1..588). Computed over the
// same 588 samples shifted by s, it matches when the audio lies s samples away from the
// submission's: s = 0 confirms the offset a rip was made with, another s finds the difference
// (another pressing, or a read offset that is off by s) - the way EAC finds a drive's offset with
// key discs and CUETools reports "offsetted" matches. Facts: reference/ripping.md, "AccurateRip".
#pragma once

#include <cstdint>
#include <span>
#include <vector>

#include "checksum/audio_verify.hpp"
#include "disc/sector_source.hpp"

namespace dw {

/// Shifts searched either way by default: five sectors, the span AccurateRip leaves out at the
/// disc's start and end.
inline constexpr int32_t kFrame450MaxShift = 5 * 588;

/// The shifts s (|s| <= max_shift, increasing) for which AccurateRip v1 over the 588 samples
/// window[max_shift + s .. max_shift + s + 588) equals one of `crcs`. `window` holds 588 + 2 *
/// max_shift samples (4 bytes each): those of sector 450 with max_shift more on either side.
/// Linear in the window: each shift's checksum follows from the one before. Throws
/// std::invalid_argument when the window has another size.
std::vector<int32_t> frame450_shifts(std::span<const uint8_t> window, int32_t max_shift,
                                     std::span<const uint32_t> crcs);

/// The same for one track of `source` (disc coordinates, audio corrected the way the checksums
/// are: by the read offset only): the window is read around the track's sector 450 (counted
/// from index 1, from 0), zeros where it reaches outside the source. Empty for a track of 450
/// sectors or fewer, or without `crcs`.
std::vector<int32_t> frame450_shifts(SectorSource& source, const AudioTrackRange& track, std::span<const uint32_t> crcs,
                                     int32_t max_shift = kFrame450MaxShift);

}  // namespace dw
