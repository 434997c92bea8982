// Jitter correction for drives whose CD-DA stream is not accurate (mode page 2A byte 5 bit 1
// clear): such a drive may start an audio read a few samples early or late after a seek, so two
// reads of the same sector can disagree by a shift. Each audio read on such a drive starts on
// sectors already in the dump (the anchor) and runs one sector past what is wanted (the margin);
// the shift is the one at which the new bytes repeat the anchor, and the wanted sectors are cut
// out of the read at that shift - cdparanoia's overlap check, reduced to whole-read shifts.
#pragma once

#include <cstdint>
#include <optional>
#include <span>
#include <vector>

namespace dw::rip {

/// The result of aligning one read against its anchor.
struct StreamAlignment {
  enum class Kind : uint8_t {
    Unique,     ///< exactly one shift repeats the anchor
    Ambiguous,  ///< several shifts do (a silent or periodic anchor) and they cut different bytes
    Agreeing,   ///< several shifts do, and all cut the same wanted bytes
    None        ///< no shift repeats the anchor: the anchor or the read is damaged
  } kind = Kind::None;
  int32_t shift = 0;     ///< samples the read started late (>0) or early (<0); 0 unless found
  uint32_t matches = 0;  ///< shifts that repeat the anchor
};

/// Finds the shift of `read` (whose first `anchor.size()` bytes should repeat `anchor`, then the
/// wanted `wanted_bytes`, then any margin) within +-`max_shift` samples. A shift counts when the
/// overlap holds at least `min_overlap` bytes and repeats the anchor exactly; a shift is only
/// considered when the wanted bytes it cuts lie inside `read`. Ambiguous cases pick shift 0 when
/// it is among the matches, else the smallest |shift|.
StreamAlignment align_stream(std::span<const uint8_t> read, std::span<const uint8_t> anchor, size_t wanted_bytes,
                             int32_t max_shift, size_t min_overlap = 1024);

/// Whether `read` repeats `ref` at some shift within +-`max_shift` samples (read[x] ==
/// ref[x + 4 * shift] over an overlap of at least `min_overlap` bytes): two reads of the same
/// sectors, neither anchored, that hold the same samples.
bool repeats_at_some_shift(std::span<const uint8_t> read, std::span<const uint8_t> ref, int32_t max_shift,
                           size_t min_overlap);

/// Every shift within +-`max_shift` samples at which `read` repeats `ref` (read[x] ==
/// ref[x + 4 * shift] over an overlap of at least `min_overlap` bytes), lowest first.
std::vector<int32_t> repeating_shifts(std::span<const uint8_t> read, std::span<const uint8_t> ref, int32_t max_shift,
                                      size_t min_overlap);

/// Where a jittery drive's reads of one place really start: `positions` are the shifts in
/// samples of independent reads (each after a seek) relative to any one of them. A drive
/// without an accurate stream lands within a band around the true start, its read offset being
/// the middle of that band; the middle is taken as established once at least `min_reads` reads
/// were made, the lowest and the highest position were each seen at least twice, and the middle
/// is a whole sample. Returns that middle, or nothing while the band is not established.
std::optional<int32_t> jitter_center(std::span<const int32_t> positions, size_t min_reads);

/// The wanted bytes of `read` at `shift` samples (see align_stream): `wanted_bytes` from
/// `anchor_bytes - 4 * shift`. Throws std::out_of_range when they are not all inside `read`.
std::span<const uint8_t> cut_aligned(std::span<const uint8_t> read, size_t anchor_bytes, size_t wanted_bytes,
                                     int32_t shift);

}  // namespace dw::rip
