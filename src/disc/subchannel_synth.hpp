// Synthesis of the full P-W subchannel of a Disc, for any LBA from the first lead-in to the end
// of the last lead-out: what a pressed disc of that TOC would carry. Used by every format that
// stores no subchannel, by the virtual drive, and by RAW burning.
//
// Conventions (docs/subchannel.md):
//   lead-in  Q: the session's TOC points (tracks ascending, A0, A1, A2, then B0/C0 when known),
//               each repeated 3 times, cycled; MIN SEC FRAME = the sector's own MSF (9x:xx:xx in
//               session 1, as wodim writes it). P = 0. R-W of session 1: the CD-Text packs, 4 per
//               sector, cycled.
//   program  Q: ADR 1 position; relative time counts down through index 0 to 00:00:00 on its last
//               sector and up from 00:00:00 at index 1. The MCN replaces the frame where
//               (LBA + 150) % 100 == 99 and the track's ISRC the frame where it is 49 (index >= 1),
//               the cadence wodim uses. P = 1 in index 0 (pause), 0 elsewhere.
//   lead-out Q: track AA index 01, relative from the lead-out start. P alternates at 2 Hz,
//               starting on.
#pragma once

#include <cstdint>
#include <span>
#include <vector>

#include "disc/cdtext.hpp"
#include "disc/disc.hpp"
#include "disc/subchannel.hpp"
#include "disc/subq.hpp"

namespace dw {

class SubchannelSynthesizer {
 public:
  /// Prepares the lead-in cycles and CD-Text packs. Throws ModelError when the disc is not valid
  /// (Disc::validate) or its CD-Text does not fit in packs.
  explicit SubchannelSynthesizer(const Disc& disc);

  /// First LBA covered (session 1's lead-in start) and one past the last (end of the last lead-out).
  [[nodiscard]] Lba begin() const { return begin_; }
  [[nodiscard]] Lba end() const { return end_; }

  /// The Q frame (with CRC) a pressed disc carries at `lba`. Throws std::out_of_range outside
  /// [begin(), end()) and in gaps no session covers.
  [[nodiscard]] QFrame q_at(Lba lba) const;
  /// The P flag at `lba` (same range rule).
  [[nodiscard]] bool p_at(Lba lba) const;
  /// All 96 bytes, interleaved (raw P-W), for `lba`.
  void synthesize(Lba lba, std::span<uint8_t, kSubchannelSize> out) const;
  /// `count` consecutive sectors from `first` into `out` (count * 96 bytes).
  void synthesize_run(Lba first, uint32_t count, std::span<uint8_t> out) const;

 private:
  struct Segment {
    Lba start;
    Position::Area area;
    uint8_t session;  // index into sessions_
    uint8_t track;    // binary track number (0 in lead-in, AA in lead-out)
    uint8_t index;    // binary index
    Control control;
    Lba anchor;    // index 1 of the track (program area) or lead-out start
    uint8_t isrc;  // index into isrcs_ (0 = none)
  };
  struct SessionCycle {
    Lba leadin_start;
    std::vector<QLeadIn> points;  // one entry per TOC point, repeated 3x when emitted
  };

  [[nodiscard]] const Segment& segment_at(Lba lba) const;
  [[nodiscard]] QFrame q_for(const Segment& seg, Lba lba) const;
  [[nodiscard]] bool p_for(const Segment& seg, Lba lba) const;
  void cdtext_rw(Lba lba, std::span<uint8_t, kSubchannelSize> out) const;

  std::string mcn_;
  std::vector<std::string> isrcs_{std::string()};  // owned copies: the Disc may be a temporary
  std::vector<Segment> segments_;                  // sorted by start; Area::Beyond marks an uncovered gap
  std::vector<SessionCycle> cycles_;
  std::vector<CdTextPack> cdtext_packs_;
  Lba begin_ = 0, end_ = 0;
};

}  // namespace dw
