// Recordable media in the virtual drive: a blank CD-R or CD-RW with its ATIP, written in
// session-at-once (SAO, after SEND CUE SHEET), track-at-once or RAW mode, and finalised by
// SYNCHRONIZE CACHE into a disc that reads back as pressed media would. A SAO or RAW session
// finalised with mode page 05's multisession field "open next" (11b) leaves the disc appendable:
// its sessions read back, and the next session (in the same mode) starts after the lead-out, a
// lead-in and a pregap - RAW at the lead-in start READ DISC INFORMATION gives. Facts:
// reference/mmc.md "Disc-at-once writing", "Cue sheet", "Lead-in, RAW writing, CD-Text".
#pragma once

#include <cstdint>
#include <map>
#include <memory>
#include <optional>
#include <span>
#include <string>
#include <vector>

#include "disc/disc.hpp"
#include "disc/sector_source.hpp"
#include "scsi/virtual/spill_file.hpp"

namespace dw::vdrive {

/// One 8-byte SEND CUE SHEET entry.
struct CueSheetEntry {
  uint8_t control = 0, adr = 1, tno = 0, index = 0, form = 0, scms = 0;
  uint8_t m = 0, s = 0, f = 0;  ///< binary MSF (bytes 5-7 of the entry)
  [[nodiscard]] Lba lba() const { return (m * 60 + s) * 75 + f - 150; }
};

/// Bytes the host sends per block for a cue-sheet data form (0 = the drive generates the
/// block), including 96 for forms with raw P-W appended (0x40 bit). nullopt: not a data form.
std::optional<size_t> data_form_block_size(uint8_t form);

/// The cue sheet as a strict drive checks it; throws std::invalid_argument with the reason for
/// anything a strict drive answers 05/26/00 to.
struct CueSheet {
  std::vector<CueSheetEntry> entries;  ///< lead-in, tracks, lead-out (MCN/ISRC entries taken out)
  std::string mcn;
  std::map<uint8_t, std::string> isrcs_;  ///< by track number
  /// `program_start`: where the first track's pregap must start (LBA -150 on a blank disc, later
  /// sessions after the previous one's lead-out and their own lead-in).
  static CueSheet parse(std::span<const uint8_t> bytes, Lba program_start, int64_t capacity);
  /// The entry that governs `lba` (the last track entry at or before it; the lead-in entry
  /// before the first track).
  [[nodiscard]] const CueSheetEntry& entry_at(Lba lba) const;
  [[nodiscard]] Lba leadout() const;
  [[nodiscard]] bool cdtext_in_leadin() const;
};

class RecordableMedia {
 public:
  enum class Kind : uint8_t { CdR, CdRw };
  /// Appendable: one or more sessions are recorded and closed, the disc is open for the next.
  enum class State : uint8_t { Blank, Writing, Appendable, Complete };
  static constexpr Lba kDefaultLeadIn = -11634;        ///< ATIP 97:26:66
  static constexpr int64_t kDefaultCapacity = 359849;  ///< ATIP last lead-out 79:59:74

  RecordableMedia(Kind kind, int64_t capacity = kDefaultCapacity, Lba leadin_start = kDefaultLeadIn);

  [[nodiscard]] Kind kind() const { return kind_; }
  [[nodiscard]] State state() const { return state_; }
  [[nodiscard]] int64_t capacity() const { return capacity_; }
  [[nodiscard]] Lba leadin_start() const { return leadin_start_; }
  /// The READ TOC format 4 (ATIP) response, header included.
  [[nodiscard]] std::vector<uint8_t> atip() const;

  /// Sessions recorded so far (0 on a blank disc) and the disc they make.
  [[nodiscard]] size_t sessions() const { return recorded_.sessions.size(); }
  [[nodiscard]] const Disc& recorded() const { return recorded_; }
  /// Where the next session's first pregap starts: LBA -150 on a blank disc, else the last
  /// session's lead-out + its length (6750 blocks after session 1, 2250 later) + a 4500-block
  /// lead-in. Its first user block (the next writable address) is 150 blocks later.
  [[nodiscard]] Lba program_start() const { return program_start_; }
  /// The lead-in start of the next session (the ATIP's on a blank disc).
  [[nodiscard]] Lba next_leadin() const { return sessions() ? program_start_ - kLeadInSectors : leadin_start_; }

  /// SAO: a checked cue sheet. Throws std::invalid_argument (the drive's 05/26/00).
  void set_cue_sheet(CueSheet sheet, uint8_t session_format);
  [[nodiscard]] bool has_cue_sheet() const { return cue_.has_value(); }
  /// RAW: the host will write every block from the next session's lead-in start (the ATIP's on a
  /// blank disc, next_leadin() on one left appendable by a RAW session) with `block` bytes each.
  /// Throws std::invalid_argument when the medium is neither, or its sessions were written in SAO.
  void start_raw(size_t block);
  [[nodiscard]] bool raw() const { return raw_block_ != 0; }

  /// TAO (track-at-once): a track of blocks of cue-sheet data form `form` (00 audio, 10 Mode 1) with Q control
  /// `control` starts at tao_start(); the drive records the 150-block pregap before it. Throws
  /// std::invalid_argument for a form TAO does not take.
  /// The session format (mode page 05 byte 8), the MCN and the track's ISRC (empty: none) come
  /// from the write parameters page as they were when the track started.
  void start_tao_track(uint8_t control, uint8_t form, uint8_t session_format, const std::string& mcn,
                       const std::string& isrc);
  /// TAO: CLOSE TRACK; the next track starts 150 blocks (its pregap) after this one's end.
  void close_tao_track();
  [[nodiscard]] bool tao() const { return tao_; }
  [[nodiscard]] bool tao_track_open() const { return tao_open_; }
  /// TAO: tracks started so far, and where the next one starts (0 for the first).
  [[nodiscard]] int tao_tracks() const { return tao_tracks_; }
  [[nodiscard]] Lba tao_start() const { return tao_next_start_; }
  /// Where the next WRITE must start and its block size.
  [[nodiscard]] Lba next_writable() const { return next_; }
  [[nodiscard]] size_t block_size_at(Lba lba) const;
  /// Takes `blocks` blocks written at `lba` (checked by the caller) unless `test` (simulation).
  void write(Lba lba, uint32_t blocks, std::span<const uint8_t> data, bool test);
  /// True when every block up to the end (SAO: the lead-out; RAW: the session's lead-in) is written.
  [[nodiscard]] bool complete_written() const;
  /// SYNCHRONIZE CACHE: builds the recorded disc (every session so far). `open_next` (SAO or RAW:
  /// mode page 05 multisession 11b) leaves it appendable; SAO puts a B0 pointer to the next
  /// session in this session's lead-in, RAW records the lead-in's Q as the host wrote it (its B0
  /// and C0 included). Throws std::invalid_argument when what was written does not make a disc
  /// (e.g. a RAW lead-in without a TOC).
  std::shared_ptr<SectorSource> finalise(bool open_next = false);
  /// BLANK (CD-RW): back to blank.
  void blank();
  /// Forgets a cue sheet or RAW start that wrote nothing (after a test write): still blank (or
  /// still appendable).
  void abandon();

 private:
  void skip_generated();
  void forget_writing();
  std::shared_ptr<SectorSource> finalise_sao(bool open_next);
  std::shared_ptr<SectorSource> finalise_raw();
  /// RAW: where block `lba` is in the files, which hold every block from the ATIP's lead-in start.
  [[nodiscard]] uint64_t raw_slot(Lba lba) const { return static_cast<uint64_t>(int64_t{lba} - leadin_start_); }
  Kind kind_;
  State state_ = State::Blank;
  int64_t capacity_;
  Lba leadin_start_;
  std::optional<CueSheet> cue_;
  uint8_t session_format_ = 0;
  size_t raw_block_ = 0;
  Lba first_ = 0, next_ = 0;
  /// What the host sent, from first_ (SAO: from LBA -150, sized to the lead-out; RAW: appended),
  /// in unlinked temporary files rather than memory.
  std::shared_ptr<SpillFile> main_, sub_;
  uint64_t raw_blocks_ = 0;  ///< RAW: blocks appended
  bool tao_ = false, tao_open_ = false;
  int tao_tracks_ = 0;
  Lba tao_next_start_ = 0;
  std::vector<uint8_t> leadin_rw_;  ///< SAO CD-Text: R-W of the lead-in blocks
  bool host_rw_ = false;            ///< SAO: some session's blocks carried the host's R-W
  bool raw_disc_ = false;           ///< the sessions closed so far were written in RAW
  Disc recorded_;                   ///< the sessions closed so far
  Lba program_start_ = -150;        ///< the next session's first pregap
};

}  // namespace dw::vdrive
