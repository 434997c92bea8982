// The sector source behind every image reader: the disc's LBA range as a list of extents, each
// saying where its sectors are stored (file, offset, bytes per sector) and in what form, so a
// reader only has to describe its file layout. Parts a format does not store are synthesised
// the same way for all formats: sync/header/EDC/ECC for cooked data, zeros (or empty data
// sectors of the track's kind) for generated gaps, P-W from the TOC when there is no subchannel.
#pragma once

#include <cstdint>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "disc/sector.hpp"
#include "disc/sector_source.hpp"
#include "formats/image_file.hpp"

namespace dw {

/// How one sector is stored in its file.
enum class Storage : uint8_t {
  Raw,          ///< all 2352 bytes (audio as little-endian samples)
  RawSwapped,   ///< 2352 bytes of audio with big-endian samples (MOTOROLA, cdrdao default)
  Mode1User,    ///< 2048 user bytes of a Mode 1 sector
  Form1User,    ///< 2048 user bytes of a Mode 2 Form 1 sector (subheader 00 00 08 00)
  Form2User,    ///< 2324 user bytes of a Mode 2 Form 2 sector (subheader 00 00 20 00)
  Mode2NoSync,  ///< 2336 bytes after the header (Mode 2 formless or XA with its own subheader)
  Generated,    ///< not stored: zeros for audio, an empty sector of `gap_kind` for data
};
/// Bytes a sector occupies in its file for a storage form (Generated: 0).
uint32_t stored_size(Storage storage);

/// Layout of subchannel bytes in a file.
enum class SubLayout : uint8_t {
  Interleaved,  ///< raw P-W, 96 bytes (P in bit 7 of each, Q bit 6, R-W bits 5..0)
  Linear,       ///< 8 channels of 12 bytes, P first
  /// R-W only, in the raw (interleaved) form, bits 5..0 of the 96 bytes (cdrdao's RW_RAW): P and
  /// Q are synthesised from the TOC and the file's R-W put beside them.
  RwRaw,
  /// R-W only, as packs (cdrdao's RW: 4 packs of 24 six-bit symbols, bits 5..0, as READ CD
  /// sub-channel 100b returns them): P and Q are synthesised, and the packs interleaved into the
  /// R-W the disc carries (disc/rw_interleave.hpp). A sector's packs reach into the two sectors
  /// after it, whatever extent those are in (but an RwRaw one, whose R-W is its own); they are
  /// lost only past the end of the source.
  RwPacked,
};

struct Extent {
  Lba first = 0;
  uint32_t count = 0;
  Storage storage = Storage::Raw;
  SectorKind gap_kind = SectorKind::Audio;  ///< what Generated sectors are
  std::shared_ptr<const ImageFile> file;    ///< null for Generated
  uint64_t offset = 0;                      ///< byte offset of sector `first`
  uint32_t stride = 0;                      ///< bytes from one sector to the next (>= stored_size)
  bool scrambled = false;                   ///< main channel stored scrambled (descrambled on read)
  /// Subchannel stored after the main data in each stride (e.g. 2352 + 96 = 2448).
  std::optional<SubLayout> embedded_sub;

  /// `count` sectors stored from byte `offset` of `file`, `stride` bytes apart.
  static Extent stored(Lba first, uint32_t count, Storage storage, std::shared_ptr<const ImageFile> file,
                       uint64_t offset, uint32_t stride) {
    Extent e;
    e.first = first;
    e.count = count;
    e.storage = storage;
    e.file = std::move(file);
    e.offset = offset;
    e.stride = stride;
    return e;
  }
  /// `count` sectors not stored anywhere: silence (Audio) or empty sectors of `kind`.
  static Extent generated(Lba first, uint32_t count, SectorKind kind) {
    Extent e;
    e.first = first;
    e.count = count;
    e.storage = Storage::Generated;
    e.gap_kind = kind;
    return e;
  }
};

/// Subchannel kept in a file of its own (CloneCD .sub): 96 bytes per sector from `first`.
struct SubFile {
  std::shared_ptr<const ImageFile> file;
  Lba first = 0;
  SubLayout layout = SubLayout::Linear;
};

/// Where a run of sectors' main channel is stored verbatim: 2352 bytes a sector, back to back,
/// from byte `offset` of `file`.
struct StoredRun {
  std::shared_ptr<const ImageFile> file;
  uint64_t offset = 0;
  uint32_t count = 0;  ///< sectors stored so from there on (at least as many as asked for)
};

/// A file whose sector data ends with bytes that do not fill a sector: cut short or damaged.
/// Those bytes are not part of the disc, so `verify` reports them and `convert` counts them lost.
struct PartialSector {
  std::string file;          ///< the file as found
  uint64_t size = 0;         ///< bytes of sector data it holds (all of it, or a WAVE file's data chunk)
  bool wave_data = false;    ///< `size` is the WAVE data chunk's
  uint32_t sector_size = 0;  ///< bytes per sector of its last track
  uint64_t left_over = 0;    ///< bytes after its last whole sector (0 < left_over < sector_size)
  /// "F is N bytes: it ends with M bytes that do not fill a S-byte sector".
  [[nodiscard]] std::string describe() const;
};

class ExtentSectorSource final : public SectorSource {
 public:
  /// `extents` sorted and not overlapping inside [begin, end); LBAs no extent covers read as
  /// generated audio silence. Subchannel comes from the extents' embedded bytes or `sub_file`
  /// when every extent has one or the file covers the range, and is synthesised otherwise.
  /// Throws ModelError when the extents are out of order or outside the range.
  ExtentSectorSource(Disc disc, Lba begin, Lba end, std::vector<Extent> extents,
                     std::optional<SubFile> sub_file = std::nullopt);

  [[nodiscard]] const Disc& disc() const override { return disc_; }
  [[nodiscard]] Lba begin() const override { return begin_; }
  [[nodiscard]] Lba end() const override { return end_; }
  [[nodiscard]] SubchannelOrigin subchannel_origin() const override {
    return (synth_ && !rw_from_file_) || !cd_ ? SubchannelOrigin::Synthesized : SubchannelOrigin::Source;
  }
  [[nodiscard]] const std::vector<Extent>& extents() const { return extents_; }
  void read(Lba first, uint32_t count, std::span<uint8_t> main, std::span<uint8_t> sub,
            std::span<SectorState> states) override;
  /// The file bytes read() would return as the main channel of [first, first + count), when one
  /// plain raw extent holds them all (not scrambled, swapped, interleaved with subchannel,
  /// built from user data or generated); writers copy these in the kernel.
  [[nodiscard]] std::optional<StoredRun> stored_run(Lba first, uint32_t count) const;
  /// The files whose last bytes do not fill a sector (set by the reader that found them).
  [[nodiscard]] const std::vector<PartialSector>& partial_sectors() const { return partial_; }
  void set_partial_sectors(std::vector<PartialSector> partial) { partial_ = std::move(partial); }

 private:
  void read_extent(const Extent& e, Lba first, uint32_t count, std::span<uint8_t> main, std::span<uint8_t> sub,
                   std::span<SectorState> states);
  Disc disc_;
  Lba begin_, end_;
  std::vector<Extent> extents_;
  std::optional<SubFile> sub_file_;
  std::unique_ptr<SubchannelSynthesizer> synth_;
  bool cd_ = true;  ///< DVD/BD media: user data only, no subchannel
  /// Sets the R-W of [first, first + count) that RwPacked extents' packs reach.
  void interleave_packed_rw(Lba first, uint32_t count, std::span<uint8_t> sub);
  bool rw_from_file_ = false;  ///< an extent holds R-W (RwRaw, RwPacked): that part of the subchannel is the image's
  bool packed_rw_ = false;     ///< an extent holds RwPacked
  std::vector<uint8_t> buffer_, rw_buffer_;
  std::vector<PartialSector> partial_;
};

/// The partial sectors at the ends of `source`'s files (none for sources that are not images).
std::vector<PartialSector> partial_sectors(const SectorSource& source);

}  // namespace dw
