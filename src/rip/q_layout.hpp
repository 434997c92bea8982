// Layout from subchannel Q: what READ TOC does not say (index 0 and indices 2..99, ISRCs, the
// MCN), decoded from the raw P-W a dump keeps, with damaged Q frames repaired in memory only.
// Facts: reference/ripping.md "Subchannel, indices and pregaps".
#pragma once

#include <cstdint>
#include <optional>
#include <span>
#include <string>
#include <vector>

#include "disc/disc.hpp"
#include "disc/subq.hpp"

namespace dw::rip {

struct QLayoutReport {
  uint64_t frames = 0;             ///< Q frames examined
  uint64_t bad_crc = 0;            ///< with a CRC mismatch (all-zero frames of unread sectors not counted)
  uint64_t repaired = 0;           ///< bad frames replaced by a repaired candidate (in memory only)
  std::vector<std::string> notes;  ///< disagreements with the TOC, one sentence each
};

/// Repairs one damaged ADR-1 frame at `lba`: candidates are the nearest good frames before and
/// after, extrapolated to `lba` (same track and index; relative time counting up, or down inside
/// index 0; absolute time lba + 150), plus the next index / next track starting here; the
/// candidate with the fewest differing bits wins. nullopt when there is no good neighbour.
std::optional<QFrame> repair_q(const QFrame& damaged, Lba lba, const std::optional<std::pair<Lba, QPosition>>& before,
                               const std::optional<std::pair<Lba, QPosition>>& after);

/// Fills `disc` (sessions, tracks, index 1 and lead-outs from the TOC) from the Q channel of
/// `sub` (sector i at LBA first + i, 96 interleaved P-W bytes each): index 0 and indices 2..99
/// of every track, each track's ISRC, the MCN. Never throws on garbage.
void apply_q_layout(Disc& disc, Lba first, std::span<const uint8_t> sub, QLayoutReport& report);

/// The same from Q frames already taken out of the subchannel (12 bytes a sector), for callers
/// that stream the subchannel instead of holding it (a dump's sub.bin is 96 bytes a sector).
void apply_q_layout_frames(Disc& disc, Lba first, std::span<const QFrame> frames, QLayoutReport& report);

}  // namespace dw::rip
