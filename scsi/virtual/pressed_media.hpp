// Pressed media for the virtual drive: a Disc + SectorSource seen as the surface of a disc.
// Data sectors are held scrambled on the surface, as a pressing plant writes them: a data-type
// read finds a sector by its header and returns it descrambled; an audio-type read returns the
// surface stream as it is (scrambled where data), shifted by the pressing (write) offset. The
// scrambling is applied when the surface is read, which is the same bytes without holding a
// scrambled copy of the image. Facts: reference/cd-physical.md ("Scrambler"), ripping.md.
#pragma once

#include <cstdint>
#include <memory>
#include <span>
#include <vector>

#include "disc/sector_source.hpp"
#include "disc/subchannel_synth.hpp"

namespace dw::vdrive {

class PressedMedia {
 public:
  /// `pressing_offset` in samples: positive moves the surface stream later than the image's.
  /// Throws ModelError when the disc is not valid.
  PressedMedia(std::shared_ptr<SectorSource> source, int pressing_offset = 0);

  [[nodiscard]] const Disc& disc() const { return source_->disc(); }
  [[nodiscard]] bool is_cd() const { return disc().media == MediaKind::Cd; }
  [[nodiscard]] int pressing_offset() const { return pressing_offset_; }
  /// First LBA that exists on the surface (session 1's lead-in) and one past the last (end of
  /// the last lead-out). DVD media: 0 and the lead-out.
  [[nodiscard]] Lba surface_begin() const { return begin_; }
  [[nodiscard]] Lba surface_end() const { return end_; }
  /// True when the sector at `lba` is a data sector on the surface (a data track, its pregap, or
  /// the lead-in/lead-out next to one).
  [[nodiscard]] bool is_data(Lba lba) const;

  /// The sector as mastered (descrambled, unshifted), and its 96 bytes of raw P-W. Either span
  /// may be empty. `lba` must be inside the surface.
  void read_sector(Lba lba, uint32_t count, std::span<uint8_t> main, std::span<uint8_t> sub);
  /// The surface stream: `out.size()` bytes starting `byte_pos` bytes after LBA 0's first byte
  /// (negative before it), data sectors scrambled, shifted by the pressing offset. Bytes outside
  /// the surface read as zero.
  void read_stream(int64_t byte_pos, std::span<uint8_t> out);

 private:
  void fill_outside(Lba lba, std::span<uint8_t> main) const;
  std::shared_ptr<SectorSource> source_;
  std::unique_ptr<SubchannelSynthesizer> synth_;  ///< CD media only
  int pressing_offset_;
  Lba begin_ = 0, end_ = 0;
  std::vector<uint8_t> stream_buf_;
};

}  // namespace dw::vdrive
