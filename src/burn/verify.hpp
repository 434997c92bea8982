// Verify after burn: the burned disc re-read through the drive and compared with the source.
// Data sectors must be equal byte for byte (the drive returns them descrambled and unshifted).
// Audio comes back shifted by the combined offset of the recorder's writing and the drive's
// reading; it is measured first by searching a small window around a stretch of the source that
// is not silent, then every audio sector is compared at that shift.
#pragma once

#include <cstdint>
#include <functional>
#include <optional>
#include <span>
#include <string>
#include <vector>

#include "burn/burn_log.hpp"
#include "burn/burn_plan.hpp"
#include "disc/sector_source.hpp"
#include "scsi/drive.hpp"

namespace dw::burn {

struct VerifyOptions {
  int max_offset_samples = 2940;  ///< the audio offset search looks this far either way (5 sectors)
  /// A read that does not match at the measured offset is tried this far either way of it, as a
  /// whole (drives that are not "accurate stream" start reads a few samples off).
  int max_jitter_samples = 16;
  std::function<void(uint64_t done, uint64_t total)> progress;
};

struct VerifyResult {
  uint64_t data_sectors = 0, data_mismatches = 0;
  uint64_t audio_sectors = 0, audio_mismatches = 0;  ///< sectors with at least one differing sample
  uint64_t unreadable = 0;                           ///< sectors the drive failed to read
  std::optional<int> audio_offset;  ///< samples: the disc's audio at sample k is the source's at k + offset
  uint64_t edge_samples = 0;        ///< audio samples not compared: the shift moves them off the readable area
  uint64_t jittered_reads = 0;      ///< reads that matched as a whole at a shift near the offset
  std::vector<Lba> first_bad;       ///< up to 20 LBAs that differ or failed
  [[nodiscard]] bool ok() const { return data_mismatches == 0 && audio_mismatches == 0 && unreadable == 0; }
};

/// Reads the program area the drive can reach (LBA 0 to the lead-out) and compares it with
/// `source` as `plan` laid it out. Sectors the source lacks compare as what the plan sent: zeros.
/// Throws BurnError (Kind::Mismatch) when the audio offset cannot be found: no stretch of audio
/// of the source matches the disc within the window.
VerifyResult verify_burn(scsi::Drive& drive, SectorSource& source, const BurnPlan& plan, const VerifyOptions& options,
                         const Log& log);
/// The same for a disc burned session by session: every session's tracks.
VerifyResult verify_burn(scsi::Drive& drive, SectorSource& source, std::span<const BurnPlan> sessions,
                         const VerifyOptions& options, const Log& log);

}  // namespace dw::burn
