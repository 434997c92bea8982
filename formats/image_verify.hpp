// Checking an image against itself: every data sector's sync, header address, mode, XA
// subheader, EDC and ECC; subchannel Q CRCs when the image stores subchannel; the TOC against
// what the sectors hold; and per-track hashes as redump's one-file-per-track layout has them.
#pragma once

#include <cstdint>
#include <functional>
#include <string>
#include <vector>

#include "checksum/multihash.hpp"
#include "disc/sector_source.hpp"
#include "formats/extent_source.hpp"

namespace dw {

struct VerifyProblem {
  Lba lba = 0;
  uint8_t track = 0;
  std::string what;  ///< e.g. "EDC, ECC P, ECC Q" or "subchannel Q CRC"
};

struct TrackDigest {
  uint8_t number = 0;
  Lba first = 0;  ///< first sector hashed (pregap start, clipped to the image)
  uint32_t sectors = 0;
  Hashes hashes;  ///< over sectors * 2352 bytes, as "<name> (Track N).bin" would hold them
};

struct VerifyReport {
  uint64_t sectors = 0;         ///< sectors read
  uint64_t data_checked = 0;    ///< data sectors whose EDC/ECC were checked
  uint64_t data_generated = 0;  ///< data sectors whose EDC/ECC the reader generated (nothing to check)
  uint64_t audio = 0;
  uint64_t subchannel_checked = 0;  ///< Q frames whose CRC was checked
  uint64_t problem_count = 0;       ///< all problems (the list keeps the first kMaxListed)
  std::vector<VerifyProblem> problems;
  std::vector<TrackDigest> tracks;
  /// Image files that end with bytes not filling a sector (cut short or damaged): each is a problem.
  std::vector<PartialSector> partial;
  static constexpr size_t kMaxListed = 10000;
  [[nodiscard]] bool clean() const { return problem_count == 0; }
};

/// Reads every sector of `source` once; the partial sectors at the ends of its files (see
/// partial_sectors) are problems too. `progress(done, total)` is called about every 1% (may be
/// empty). Throws InputError when the image cannot be read.
/// `observe(first, main)`, when given, sees the main channel of every run of sectors as it is read
/// (in increasing LBA order, each sector once), so another computation can share the pass.
VerifyReport verify_image(SectorSource& source, const std::function<void(uint64_t, uint64_t)>& progress = {},
                          const std::function<void(Lba, std::span<const uint8_t>)>& observe = {});

}  // namespace dw
