// SectorSource: the one interface through which every reader, dump and drive hands out sectors
// (2352 main-channel bytes, 96 subchannel bytes, and what is known of each sector's quality).
#pragma once

#include <cstdint>
#include <memory>
#include <optional>
#include <span>
#include <vector>

#include "disc/disc.hpp"
#include "disc/subchannel.hpp"
#include "disc/subchannel_synth.hpp"

namespace dw {

inline constexpr size_t kRawSectorSize = 2352;

enum class SectorQuality : uint8_t {
  Unread = 0,      ///< not read (yet)
  Good = 1,        ///< read without error
  C2Error = 2,     ///< read, but C2 pointers flagged bytes
  Unreadable = 3,  ///< every read failed; the bytes are a placeholder
};

/// Per-sector status: quality, provenance of the bytes, and how many reads it took.
struct SectorState {
  static constexpr uint8_t kMainSynthesized = 0x01;    ///< sync/header/EDC/ECC regenerated (cooked source)
  static constexpr uint8_t kGapGenerated = 0x02;       ///< zeros for a gap the source does not store
  static constexpr uint8_t kSubSynthesized = 0x04;     ///< subchannel synthesised from the TOC
  static constexpr uint8_t kHeaderSynthesized = 0x08;  ///< only sync and header regenerated (2336-byte source)
  SectorQuality quality = SectorQuality::Good;
  uint8_t provenance = 0;
  uint16_t reads = 0;
  friend bool operator==(const SectorState&, const SectorState&) = default;
};

/// Where a source's subchannel comes from.
enum class SubchannelOrigin : uint8_t {
  Source,       ///< stored in or read from the source (may be damaged; never repaired)
  Synthesized,  ///< generated from the Disc by SubchannelSynthesizer
};

class SectorSource {
 public:
  virtual ~SectorSource() = default;

  /// The disc this source holds.
  [[nodiscard]] virtual const Disc& disc() const = 0;
  /// First LBA and one past the last LBA that read() accepts.
  [[nodiscard]] virtual Lba begin() const = 0;
  [[nodiscard]] virtual Lba end() const = 0;
  [[nodiscard]] virtual SubchannelOrigin subchannel_origin() const = 0;

  /// Reads `count` sectors from `first`: `main` receives count * 2352 bytes, `sub` count * 96
  /// bytes of interleaved P-W, `states` count entries; any of the three may be empty to skip
  /// it. Throws std::out_of_range when the run leaves [begin(), end()) or a buffer is too small,
  /// and InputError when the underlying file cannot be read.
  virtual void read(Lba first, uint32_t count, std::span<uint8_t> main, std::span<uint8_t> sub,
                    std::span<SectorState> states) = 0;

 protected:
  /// Shared argument check for implementations.
  void check_run(Lba first, uint32_t count, std::span<uint8_t> main, std::span<uint8_t> sub,
                 std::span<SectorState> states) const;
};

/// A disc held in memory: for tests, small generated discs and the virtual drive's blank media.
/// Subchannel is synthesised from the disc unless given.
class MemorySectorSource final : public SectorSource {
 public:
  /// `main` holds (end - begin) * 2352 bytes starting at `begin`; `sub` is empty (synthesise) or
  /// the same number of sectors * 96 interleaved bytes; `states` empty (all Good) or one per
  /// sector. Throws std::invalid_argument when the sizes disagree, ModelError for an invalid disc.
  MemorySectorSource(Disc disc, Lba begin, std::vector<uint8_t> main, std::vector<uint8_t> sub = {},
                     std::vector<SectorState> states = {});

  [[nodiscard]] const Disc& disc() const override { return disc_; }
  [[nodiscard]] Lba begin() const override { return begin_; }
  [[nodiscard]] Lba end() const override { return end_; }
  [[nodiscard]] SubchannelOrigin subchannel_origin() const override {
    return sub_.empty() ? SubchannelOrigin::Synthesized : SubchannelOrigin::Source;
  }
  void read(Lba first, uint32_t count, std::span<uint8_t> main, std::span<uint8_t> sub,
            std::span<SectorState> states) override;

 private:
  Disc disc_;
  Lba begin_, end_;
  std::vector<uint8_t> main_, sub_;
  std::vector<SectorState> states_;
  std::unique_ptr<SubchannelSynthesizer> synth_;
};

}  // namespace dw
