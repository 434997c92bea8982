// The RAW stream (mode page 05 write type 3, data block type 3): every block the recorder writes
// for one session, from its lead-in start through the end of its lead-out, 2448 bytes each - 2352
// bytes of main channel as the disc surface holds it (data sectors scrambled) and 96 bytes of raw
// (interleaved) P-W. Facts: reference/mmc.md "Lead-in, RAW writing, CD-Text" and "Mode page 05",
// reference/cd-physical.md "Subchannel", "Scrambler", "Full TOC".
//
//   lead-in  (lead-in start .. the session's first pregap - 1; session 1: the ATIP's lead-in start
//            .. -151, a later session: the 4500 blocks from where READ DISC INFORMATION puts its
//            lead-in): main channel silence, or for a data first track empty sectors of its mode
//            (scrambled); Q = the session's TOC (its tracks ascending, A0, A1, A2; on a
//            multisession disc B0 in every session but the last, C0 in session 1), each entry in
//            3 consecutive frames, cycled from the lead-in start, MIN SEC FRAME the frame's own
//            time (9x:xx:xx in session 1); P = 0; R-W in session 1 the CD-Text packs, 4 per
//            block, cycled from the lead-in start (as in SAO).
//   program  (first pregap .. lead-out - 1): the image's 2352 bytes (empty sectors of the track's
//            mode, or silence, where the image holds none), data sectors scrambled; P-W the
//            image's own where it has subchannel of its own, synthesised from the Disc otherwise.
//   lead-out (6750 blocks after session 1, 2250 after a later one): empty sectors of the last
//            track's kind; Q track AA index 01.
// Where the image stores a lead-out or lead-in (a multisession image holds the blocks between its
// sessions), its main channel is written as it is, and in the lead-out its own P-W; a lead-in's
// P-W is always made here, so that its Q is this disc's TOC. Sectors a source makes up (a gap it
// does not store) count as not held.
// B0 (ADR 5): MIN SEC FRAME the next session's first pregap, ZERO the number of ADR-5 pointers in
// the lead-in (2 in session 1: B0 and C0; 1 later), PMIN PSEC PFRAME the ATIP's last possible
// lead-out. C0: MIN SEC FRAME the ATIP's special information 1 (bytes 4-6), PMIN PSEC PFRAME the
// first lead-in start (the ATIP's).
#pragma once

#include <array>
#include <cstdint>
#include <optional>
#include <span>
#include <string>
#include <vector>

#include "burn/burn_plan.hpp"
#include "disc/disc.hpp"
#include "disc/sector_source.hpp"
#include "disc/subchannel_synth.hpp"

namespace dw::burn {

/// What the blank medium's ATIP says that a multisession disc's lead-ins repeat (B0, C0).
struct RawMedium {
  Lba first_leadin = 0;                   ///< the ATIP's lead-in start: session 1's lead-in, C0's PMSF
  Lba last_leadout = 0;                   ///< the ATIP's last possible lead-out start: B0's PMSF
  std::array<uint8_t, 3> special_info{};  ///< ATIP bytes 4-6: C0's MIN SEC FRAME
};

/// Bytes per RAW block: 2352 main + 96 raw P-W (page 05 data block type 3).
inline constexpr size_t kRawBlockSize = 2448;
/// Page 05 data block type of the stream: raw data + raw (interleaved) P-W.
inline constexpr uint8_t kRawBlockType = 3;
/// The fallbacks for recorders that refuse type 3: 2 = raw + packed P-W (2448), 1 = raw + P-Q
/// (2368: no R-W). disc/subchannel.hpp has the two forms.
inline constexpr uint8_t kRawPackedBlockType = 2;
inline constexpr uint8_t kRawPqBlockType = 1;
/// Bytes per RAW block of data block type 1, 2 or 3.
[[nodiscard]] size_t raw_block_size(uint8_t block_type);

class RawStream {
 public:
  /// The stream of `plan`'s session (a plan made by make_sao_plan(s) from `source`, whose checks
  /// RAW shares) from its lead-in start `leadin_start` (session 1: the ATIP's; later: READ DISC
  /// INFORMATION's). A multisession disc needs `medium` for its B0 and C0 pointers. Throws
  /// PlanError when the lead-in start is not before the session's first pregap, or `medium` is
  /// missing for a multisession disc.
  RawStream(const BurnPlan& plan, SectorSource& source, Lba leadin_start,
            const std::optional<RawMedium>& medium = std::nullopt);

  /// First block (the session's lead-in start) and one past the last (end of its lead-out).
  [[nodiscard]] Lba first() const { return first_; }
  [[nodiscard]] Lba end() const { return end_; }
  [[nodiscard]] int64_t blocks() const { return int64_t{end_} - first_; }
  /// The disc as the lead-ins describe it (the plan's, with lead-in starts, B0 and C0 set).
  [[nodiscard]] const Disc& disc() const { return disc_; }
  /// True when the program area's P-W comes from the image (not synthesised).
  [[nodiscard]] bool own_subchannel() const { return own_sub_; }
  /// What the stream chose and why, one sentence each.
  [[nodiscard]] const std::vector<std::string>& notes() const { return notes_; }

  /// Why block type 1 (no R-W) would lose something: the lead-in's CD-Text, or R-W bits set in
  /// the image's own subchannel (CD+G, CD-Text in the program area; the whole image is scanned).
  /// nullopt: R-W carries nothing and block type 1 writes the same disc but for P's odd bits.
  [[nodiscard]] std::optional<std::string> rw_content();

  /// `count` blocks from `lba` (inside [first(), end())) into `out` (count * raw_block_size
  /// (block_type) bytes) in the form of page 05 data block type `block_type` (3, 2 or 1). Type 2
  /// (packed P-W): P and Q as in raw P-W, and as R-W the packs whose interleave - done by the
  /// recorder, from the lead-in start on - gives the disc's R-W (disc/rw_interleave.hpp): the
  /// packs of a block come from the R-W of it and the two blocks after it.
  void read(Lba lba, uint32_t count, std::span<uint8_t> out, uint8_t block_type = kRawBlockType);

 private:
  void empty_sector(Lba lba, const Track& track, std::span<uint8_t, kRawSectorSize> out) const;
  /// The raw P-W the disc gets at `lba` (the image's own where it holds it, else synthesised;
  /// zeros from end() on), for the packs of the blocks just before it.
  void subchannel_at(Lba lba, std::span<uint8_t, kSubchannelSize> out);
  /// True when the image's own P-W read at `lba` (with `state`) is written as it is: outside the
  /// lead-in, and not made up by the source.
  [[nodiscard]] bool image_sub(Lba lba, const SectorState& state) const;
  [[nodiscard]] const Track* track_at(Lba lba) const;

  Disc disc_;
  SectorSource& source_;
  SubchannelSynthesizer synth_;
  size_t session_ = 0;  ///< index of the plan's session in disc_.sessions
  Lba first_ = 0, end_ = 0, leadout_ = 0, program_ = 0;
  bool own_sub_ = false;
  std::vector<std::string> notes_;
  std::vector<uint8_t> main_, sub_;
  std::vector<SectorState> states_;
};

}  // namespace dw::burn
