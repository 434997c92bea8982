// The burn plan: what a disc-at-once (SAO) burn of a Disc + SectorSource sends to the recorder -
// the SEND CUE SHEET parameter list, the CD-Text packs for the lead-in's R-W, the mode page 05
// session format, and the runs of blocks to WRITE with the bytes of each block in the data form
// the cue sheet names for it. A multisession disc is burned session-at-once, one plan per session:
// every session but the last leaves the disc open (mode page 05 multisession 11b), and the next
// one starts where the drive says (its next writable address), which must be where the image has
// it. Facts: reference/mmc.md "Cue sheet", "Lead-in, RAW writing, CD-Text", mode page 05;
// reference/cd-physical.md (session gaps).
#pragma once

#include <cstdint>
#include <span>
#include <stdexcept>
#include <string>
#include <vector>

#include "disc/cdtext.hpp"
#include "disc/disc.hpp"
#include "disc/sector_source.hpp"

namespace dw::burn {

/// An image the plan cannot burn (multisession, DVD, a layout a cue sheet cannot say). The
/// message says what and why, in words for the user.
class PlanError : public std::runtime_error {
 public:
  using std::runtime_error::runtime_error;
};

/// Cue sheet data forms (main channel) used by the plan.
namespace form {
inline constexpr uint8_t kAudio = 0x00;           ///< CD-DA, 2352 bytes sent
inline constexpr uint8_t kAudioGenerated = 0x01;  ///< CD-DA silence made by the drive
inline constexpr uint8_t kMode1 = 0x10;           ///< Mode 1, 2048 bytes of user data sent
inline constexpr uint8_t kMode1Generated = 0x14;
inline constexpr uint8_t kXa = 0x20;  ///< CD-ROM XA / CD-i, 2336 bytes (subheader on) sent
inline constexpr uint8_t kXaGenerated = 0x24;
inline constexpr uint8_t kFormless = 0x30;  ///< Mode 2 formless, 2336 bytes sent
inline constexpr uint8_t kFormlessGenerated = 0x34;
inline constexpr uint8_t kCdTextLeadIn = 0x41;  ///< lead-in entry: 96-byte R-W blocks carry CD-Text
}  // namespace form

/// Bytes the host sends per block of a main-channel data form (0 for forms the drive generates).
size_t form_block_size(uint8_t data_form);

/// Blocks in a row that are written with the same data form (a WRITE never crosses a run).
struct WriteRun {
  Lba first = 0;
  uint32_t count = 0;
  uint8_t form = 0;
  uint8_t track = 0;  ///< 0 for the lead-in
  TrackMode mode = TrackMode::Audio;
  [[nodiscard]] size_t block_size() const { return form == form::kCdTextLeadIn ? 96 : form_block_size(form); }
  [[nodiscard]] Lba end() const { return first + static_cast<Lba>(count); }
};

/// Cue sheet variants for drives that refuse the first one (05/26/00), as the open burners retry.
enum class CueVariant : uint8_t {
  Standard,        ///< reference layout: ISRC entries with the track's CONTROL
  IsrcWithoutCtl,  ///< ISRC entries with CONTROL 0 (cdrdao's retry)
  /// With CD-Text: the lead-in entry at the lead-in start's time (97:26:66...) instead of
  /// 00:00:00 - cdrdao's first choice, which some drives want and others refuse.
  CdTextAtLeadInStart,
  /// Every track without a pregap gets one of a single block: an index 00 entry one block before
  /// its index 01 (wodim's retry, "minimum pregapsize = 1"). The data sent is unchanged; in Q the
  /// last block of the track before carries this track's number, index 00. Only for tracks whose
  /// data form is the previous entry's (the block is sent as part of the track before).
  PregapOfOneBlock,
};
const char* to_string(CueVariant v);

struct BurnPlan {
  Disc disc;                            ///< the disc as it will be recorded (every session)
  uint8_t session = 1;                  ///< the session of `disc` this plan records
  bool last_session = true;             ///< false: the disc is left open for the next session
  Lba program_start = -kPregapSectors;  ///< where the session's first pregap starts (-150 for session 1)
  uint8_t session_format = 0;           ///< mode page 05 byte 8: 00 CD-DA/CD-ROM, 10 CD-i, 20 XA
  std::vector<CdTextPack> cdtext;       ///< packs for the lead-in (empty: no CD-Text)
  std::vector<WriteRun> runs;           ///< the session's area from program_start to its lead-out, in order
  Lba leadout = 0;                      ///< first lead-out block
  std::vector<std::string> notes;       ///< what the plan chose and why, one sentence each

  /// The SEND CUE SHEET parameter list of a variant (`leadin_start`, the ATIP's: for
  /// CdTextAtLeadInStart).
  [[nodiscard]] std::vector<uint8_t> cue_sheet(CueVariant variant = CueVariant::Standard, Lba leadin_start = 0) const;
  /// The tracks PregapOfOneBlock gives a one-block pregap (none: the variant changes nothing).
  [[nodiscard]] std::vector<uint8_t> tracks_without_pregap() const;
  /// Blocks from LBA -150 to this session's lead-out: the disc's size on the medium once this
  /// session is written (every earlier session and gap included).
  [[nodiscard]] int64_t program_blocks() const { return int64_t{leadout} + kPregapSectors; }
  /// The session this plan records.
  [[nodiscard]] const Session& recorded_session() const { return disc.sessions.at(session - 1u); }
  /// Blocks and bytes the host sends in the program area.
  [[nodiscard]] int64_t blocks_to_send() const;
  [[nodiscard]] uint64_t bytes_to_send() const;

  struct Entry {  ///< one ADR-1 cue sheet entry before encoding
    uint8_t control = 0, tno = 0, index = 0, form = 0;
    Lba lba = 0;
  };
  std::vector<Entry> entries;  ///< lead-in, every index of every track, lead-out
};

/// Builds the SAO plan of session `session` of `source`'s disc. Throws PlanError for what SAO
/// cannot burn: DVD/BD media, Mode 0 tracks, index numbers that skip, a first track that is not
/// track 1, a later session whose first pregap is not where a recorder starts it (the previous
/// lead-out + 6750 or 2250 + a 4500-block lead-in)... (the message says which and why).
BurnPlan make_sao_plan(SectorSource& source, uint8_t session = 1);
/// The plans of every session of `source`'s disc, in order.
std::vector<BurnPlan> make_sao_plans(SectorSource& source);

/// Fills `out` with the bytes of `count` blocks of `run` starting at `first` (inside the run),
/// as the run's data form wants them, from `source` (zeros where the source has no sector).
/// `scratch` is reused between calls. `out` must hold count * run.block_size() bytes.
void read_run_blocks(SectorSource& source, const WriteRun& run, Lba first, uint32_t count, std::span<uint8_t> out,
                     std::vector<uint8_t>& scratch);

/// The R-W of `count` lead-in blocks from `first` for CD-Text written from `leadin_start`: 4 packs
/// per 96-byte block, each pack's 144 bits as 24 six-bit symbols (bits 5-0 of a byte, MSB
/// first), the packs cycled from the lead-in start.
void cdtext_leadin_blocks(std::span<const CdTextPack> packs, Lba leadin_start, Lba first, uint32_t count,
                          std::span<uint8_t> out);

}  // namespace dw::burn
