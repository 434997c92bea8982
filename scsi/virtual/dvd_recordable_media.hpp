// Blank DVD-R media in the virtual drive (profile 0011h, DVD-R Sequential Recording), DVD-RW in
// Sequential Recording mode (0014h: written as DVD-R, emptied again by BLANK), or DVD+R (001Bh:
// the same one track written at the next writable address, but no write parameters page, no
// simulation, and the disc closed only by CLOSE TRACK SESSION): one track per session
// of 2048-byte blocks, the first from LBA 0, either Disc-at-once (RESERVE TRACK, then the reserved
// blocks; SYNCHRONIZE CACHE after the last one finalises the disc) or Incremental (WRITE at the
// next writable address, CLOSE TRACK, CLOSE SESSION: finalised, or left appendable when the
// write parameters page asks for a next session). A session on an appendable disc starts right
// after the previous one (border zones are not modelled) and is written incrementally. The
// recording reads back as a data disc of one track per session, as a DVD-ROM would. MMC-5 4.5
// (DVD-R), 6.3 (CLOSE TRACK SESSION), 6.27 (READ TRACK INFORMATION), 6.35 (RESERVE TRACK).
// DVD+RW (001Ah) is the other kind of disc: overwritable, no tracks or sessions to close. Blank
// from the factory (background format status 0) until FORMAT UNIT (type 26h) formats it, then
// any block can be written any number of times and reads back at once; blocks never written
// read as zeros (MMC-5 4.10, 6.5.4.2.14). A DVD-RW becomes such a disc too when FORMAT UNIT
// (types 00h, 10h, 15h) turns it to Restricted Overwrite (profile 0013h, MMC-5 4.4.3); BLANK
// turns it back to an empty Sequential Recording disc.
// BD-R in Sequential Recording Mode (0041h), unformatted as it comes (no spare areas, no
// Pseudo-Overwrite), is written as libburn writes it, the DVD+R way (libburn write.c: "DVD+R ,
// DVD+R/DL , BD-R SRM" share burn_disc_open_track_dvd_plus_r / close_track_dvd_plus_r): RESERVE
// TRACK or the invisible track at the next writable address, no write parameters page, each track
// closed with its own session (CLOSE TRACK 001b, then CLOSE SESSION 010b, or 110b to finalise). Its
// unit of recording is a cluster of 32 blocks (64 KiB), not a 16-block ECC block. FORMAT UNIT can
// give a blank BD-R spare areas (format_bd_r): the user area shrinks by them, the disc is still
// written sequentially; Pseudo-Overwrite (SRM+POW) is recorded as chosen, its overwriting is not
// modelled (libburn refuses to write such a disc).
#pragma once

#include <cstdint>
#include <memory>
#include <span>
#include <vector>

#include "disc/sector_source.hpp"
#include "scsi/virtual/spill_file.hpp"

namespace dw::vdrive {

class DvdRecordableMedia {
 public:
  enum class Kind : uint8_t { DashR, PlusR, DashRw, PlusRw, BdRe, BdR };
  enum class State : uint8_t {
    Blank,       ///< nothing written, no track reserved
    Writing,     ///< a track reserved (DAO) or written into (incremental), session open
    Appendable,  ///< the last session is closed and a next session allowed
    Complete,    ///< finalised
  };
  static constexpr int64_t kDefaultCapacity = 2298496;  ///< DVD-R 4.7 GB, single layer
  /// BD 25 GB, single layer: 12,219,392 blocks, what a blank BD-R reports unformatted (READ
  /// FORMAT CAPACITIES of a blank BD-R in an HL-DT-ST WH16NS40, dvd+rw-mediainfo: "unformatted:
  /// 12219392*2048=25025314816").
  static constexpr int64_t kDefaultBdCapacity = 12219392;
  static constexpr uint32_t kEccBlock = 16;   ///< blocks a DVD ECC block holds
  static constexpr uint32_t kBdCluster = 32;  ///< blocks a BD cluster holds (64 KiB)
  /// BD-R spare areas, in clusters, as a blank 25 GB BD-R's format descriptors offer them (READ
  /// FORMAT CAPACITIES in an HL-DT-ST WH16NS40, dvd+rw-mediainfo; the Pioneer BDR-203 command
  /// reference 4.3.1.1.2 gives the default too: 4096 clusters in ISA0 and 8192 in OSA0): the
  /// default (format types 00h and 32h), the most and the fewest (32h).
  static constexpr uint32_t kBdRDefaultSpares = 12288, kBdRMostSpares = 200704, kBdRFewestSpares = 4096;
  /// BD-RE spare areas, in clusters: ISA0 is 256 MB (4096 clusters) and the OSA from none to 1 GB
  /// (dvd+rw-tools' Blu-ray notes), so from 4096 to 20480; a real blank BD-RE offers 12288, 20480
  /// and 4096 (libburn mmc.c quotes its dvd+rw-mediainfo list: 30h with 3000h, 5000h and 1000h).
  static constexpr uint32_t kBdReDefaultSpares = 12288, kBdReMostSpares = 20480, kBdReFewestSpares = 4096;

  explicit DvdRecordableMedia(int64_t capacity = kDefaultCapacity, Kind kind = Kind::DashR);

  [[nodiscard]] Kind kind() const { return kind_; }
  [[nodiscard]] bool plus() const { return kind_ == Kind::PlusR; }
  /// DVD+R and BD-R: no write parameters page and no simulation (MMC-5 4.9, libburn sends page 05
  /// for neither: mmc.c "not with DVD+R[W][/DL] or DVD-RAM or BD-R[E]"); SYNCHRONIZE CACHE closes
  /// nothing, only CLOSE TRACK SESSION closes the track, the session or the disc.
  [[nodiscard]] bool closed_by_host() const { return kind_ == Kind::PlusR || kind_ == Kind::BdR; }
  /// DVD-RW: in Sequential Recording mode written as DVD-R, and BLANK empties it (from
  /// Restricted Overwrite too, back to Sequential Recording).
  [[nodiscard]] bool erasable() const { return kind_ == Kind::DashRw; }
  /// DVD+RW, and DVD-RW in Restricted Overwrite mode: written anywhere once formatted (the
  /// sequential-recording members below do not apply).
  [[nodiscard]] bool overwritable() const {
    return kind_ == Kind::PlusRw || kind_ == Kind::BdRe || restricted_overwrite_;
  }
  /// BD-RE (profile 0043h): overwritable, formatted as it comes (as BD-RE discs are sold and
  /// libburn expects them), FORMAT UNIT types 00h, 30h and 31h reformat it keeping the data. BD-R
  /// (0041h): sequential, unformatted.
  [[nodiscard]] bool bd() const { return kind_ == Kind::BdRe || kind_ == Kind::BdR; }
  /// BD-R Sequential Recording Mode.
  [[nodiscard]] bool bd_r() const { return kind_ == Kind::BdR; }
  /// The unit a track is padded to and the fixed packet size: a DVD ECC block, a BD cluster.
  [[nodiscard]] uint32_t ecc_block() const { return bd() ? kBdCluster : kEccBlock; }
  /// DVD-RW formatted to Restricted Overwrite.
  [[nodiscard]] bool restricted_overwrite() const { return restricted_overwrite_; }
  /// The MMC profile: 0011h DVD-R Sequential Recording, 001Bh DVD+R, 0014h DVD-RW Sequential
  /// Recording, 0013h DVD-RW Restricted Overwrite, 001Ah DVD+RW, 0043h BD-RE, 0041h BD-R SRM.
  [[nodiscard]] uint16_t profile() const {
    if (erasable()) return restricted_overwrite_ ? 0x0013 : 0x0014;
    if (bd()) return bd_r() ? 0x0041 : 0x0043;
    return plus() ? 0x001B : kind_ == Kind::PlusRw ? 0x001A : 0x0011;
  }
  [[nodiscard]] State state() const { return state_; }
  /// The blocks a host can write: the whole disc, or on a BD-R formatted with spare areas the user
  /// data area left between them.
  [[nodiscard]] int64_t capacity() const { return capacity_; }
  /// The disc's data zone: what it holds unformatted (spare areas included).
  [[nodiscard]] int64_t physical_capacity() const { return physical_capacity_; }
  /// The next writable address: blocks taken so far (test writes count, they are not kept).
  [[nodiscard]] Lba next_writable() const { return next_; }
  /// Where the RESERVE TRACK reservation ends (whole ECC blocks or clusters from the open track's start); 0
  /// when none was reserved.
  [[nodiscard]] uint32_t reserved() const { return reserved_; }
  /// Where the open (or next) track starts: after the closed sessions.
  [[nodiscard]] Lba track_start() const { return track_start_; }
  /// A closed session's track: [start, end), written incrementally or into a reservation.
  struct ClosedTrack {
    Lba start = 0, end = 0;
    bool incremental = true;
  };
  [[nodiscard]] const std::vector<ClosedTrack>& closed() const { return closed_; }
  /// True once CLOSE TRACK closed the incremental track (or DAO finished it).
  [[nodiscard]] bool track_closed() const { return track_closed_; }
  /// Where writing may end: the reservation's end, or the disc's.
  [[nodiscard]] int64_t writable_end() const { return reserved_ ? int64_t{reserved_} : capacity_; }

  /// RESERVE TRACK (DAO): throws std::invalid_argument when a track is open, or the size is 0 or
  /// larger than what is left of the disc.
  void reserve(uint32_t blocks);
  /// Takes `blocks` 2048-byte blocks at the next writable address (checked by the caller); a
  /// test write advances the address without keeping the data.
  void write(uint32_t blocks, std::span<const uint8_t> data, bool test);
  /// True when a DAO reservation is written up to its last ECC block.
  [[nodiscard]] bool reservation_written() const;
  /// Closes the track (padding to a whole ECC block or BD cluster, as the drive does).
  void close_track();
  /// Closes the session: finalised, or appendable with `next_session`. Returns the recording
  /// as a DVD data disc of one track per session.
  std::shared_ptr<SectorSource> close_session(bool next_session);
  /// Forgets a test write: back to the closed sessions (blank without any).
  void abandon();
  /// BLANK of a DVD-RW (full or minimal): everything recorded is gone; blank again, in
  /// Sequential Recording mode.
  void erase();

  /// Overwritable media: formatted (FORMAT UNIT; on DVD+RW the first write too, which starts
  /// the background format).
  [[nodiscard]] bool formatted() const { return formatted_; }
  /// DVD+RW: formats the disc (what is written stays).
  void format() { formatted_ = true; }
  /// Blank BD-R: formats it with `spare_clusters` of spare areas (the user area is what is left),
  /// with Pseudo-Overwrite or without (SRM+POW, SRM). Throws std::invalid_argument when the disc
  /// is formatted or written already, or the spares leave no user area.
  void format_bd_r(uint32_t spare_clusters, bool pseudo_overwrite);
  /// BD-RE: an unformatted disc, before anything is written (FORMAT UNIT 00h, 30h or 31h formats
  /// it; libburn writes no unformatted BD-RE). Throws std::invalid_argument on other media.
  void unformat_bd_re();
  /// Unformatted BD-RE: formats it with `spare_clusters` of spare areas (0: none, type 31h).
  /// Throws std::invalid_argument when it is formatted already or the spares leave no user area.
  void format_bd_re(uint32_t spare_clusters);
  /// The clusters FORMAT UNIT gave the spare areas of a BD-R or an unformatted BD-RE (0: none).
  [[nodiscard]] uint32_t spare_clusters() const { return spare_clusters_; }
  /// BD-R formatted SRM+POW (feature 0038h current).
  [[nodiscard]] bool pseudo_overwrite() const { return pseudo_overwrite_; }
  /// DVD-RW: formats it to Restricted Overwrite; what was recorded is gone.
  void format_restricted_overwrite();
  /// DVD+RW: writes `blocks` 2048-byte blocks at `lba` over whatever was there. Throws
  /// std::invalid_argument when they do not fit the disc.
  void overwrite(Lba lba, uint32_t blocks, std::span<const uint8_t> data);
  /// DVD+RW: one past the last block ever written, rounded up to a whole ECC block or BD cluster (0: none).
  [[nodiscard]] Lba written_end() const { return written_end_; }
  /// DVD+RW: the disc as a DVD data disc of one track from LBA 0 to `end` (the formatted
  /// capacity for reading, written_end() for saving), reading the blocks as they are now.
  [[nodiscard]] std::shared_ptr<SectorSource> overwritable_view(Lba end) const;

 private:
  [[nodiscard]] uint32_t round_up(uint64_t blocks) const;
  void set_spares(uint32_t spare_clusters);

  State state_ = State::Blank;
  int64_t capacity_;
  int64_t physical_capacity_;
  uint32_t spare_clusters_ = 0;
  bool pseudo_overwrite_ = false;
  Kind kind_;
  Lba next_ = 0;
  Lba track_start_ = 0;
  uint32_t reserved_ = 0;
  std::vector<ClosedTrack> closed_;
  bool track_closed_ = false;
  bool formatted_ = false;
  bool restricted_overwrite_ = false;
  Lba written_end_ = 0;
  std::shared_ptr<SpillFile> data_;  ///< the user data, 2048 bytes a block from LBA 0
};

}  // namespace dw::vdrive
