// DVD (and other 2048-byte-sector) data discs: READ(12) straight into an ISO, resumable, with a
// map of the sectors that could not be read and the disc's structures (physical format,
// copyright, BCA) saved as the drive returned them. Unreadable sectors stay zero in the ISO and
// are listed, never passed off as read.
#pragma once

#include <cstdint>
#include <filesystem>
#include <functional>
#include <string>
#include <vector>

#include "rip/rip_log.hpp"
#include "scsi/drive.hpp"

namespace dw::rip {

/// True for the DVD and BD profiles (0010..002F, 0040..004F) of GET CONFIGURATION.
bool is_dvd_or_bd_profile(uint16_t profile);

struct DvdDumpOptions {
  int retries = 20;
  uint32_t chunk = 16;  ///< sectors per READ(12): one 32 KiB ECC block
  std::function<void(uint64_t done, uint64_t total, uint64_t bad)> progress;
  std::function<bool()> cancelled;
};

struct DvdDumpResult {
  uint64_t sectors = 0;
  std::vector<std::pair<Lba, Lba>> bad;  ///< unreadable ranges [first, end)
  std::vector<std::filesystem::path> files;
  [[nodiscard]] uint64_t bad_sectors() const;
};

/// Dumps the disc in `drive` to `iso` (written as "<iso>.part" with "<iso>.state", one byte per
/// sector, so a stopped dump resumes when `resume` is set; renamed when complete), the bad-sector
/// map to "<iso stem>.bad" (one "first-last" LBA range per line, empty when none) and the
/// structures to "<iso stem>.physical.bin", ".copyright.bin", ".bca.bin" (when the disc has
/// them). Throws RipStopped (dumper.hpp) when the disc goes away or the user cancels,
/// scsi::DeviceError when the capacity cannot be read, InputError for file errors.
DvdDumpResult dump_dvd(scsi::Drive& drive, const std::filesystem::path& iso, bool resume, bool force,
                       const DvdDumpOptions& options, RipLog& log);

}  // namespace dw::rip
