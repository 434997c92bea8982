// The libburn backend: a single-track data image (ISO 9660, 2048-byte blocks) burned through
// libburn's C API onto what libburn drives - DVD±R/RW and BD recorders, and its `stdio:` targets
// (a file or block device that libburn writes like a DVD-RAM, drive role 2, or like a blank DVD-R,
// drive role 3). libburn is process-global: one LibburnWriter burn at a time.
#pragma once

#include <cstdint>
#include <filesystem>
#include <functional>
#include <optional>
#include <string>
#include <string_view>

#include "burn/burn_log.hpp"
#include "burn/recorder.hpp"

namespace dw::burn {

/// True for a DEVICE the libburn backend takes (`stdio:PATH`).
[[nodiscard]] bool is_libburn_target(std::string_view device);

struct LibburnOptions {
  bool simulate = false;  ///< libburn's simulation: the target is opened (a stdio: file created) but not written
  bool overburn = false;  ///< write even if libburn says the image does not fit
  double speed_x = 0;     ///< write speed in x of the medium (CD 176.4, DVD 1385, BD 4495.5 kB/s); 0 = fastest
  std::function<void(const BurnProgress&)> progress;
  std::function<bool()> cancelled;  ///< polled while libburn writes; true cancels (burn_drive_cancel)
};

struct LibburnResult {
  bool simulated = false;
  int drive_role = 0;      ///< burn_drive_get_drive_role: 1 MMC drive, 2 stdio random access, 3 stdio sequential
  std::string profile;     ///< the medium as libburn names it ("stdio file", "DVD+RW", ...)
  std::string write_type;  ///< "SAO" or "TAO", as libburn accepted it
  uint64_t image_bytes = 0;
  uint64_t blocks_written = 0;            ///< 2048-byte blocks libburn reported written
  std::optional<double> min_buffer_fill;  ///< lowest drive buffer fill libburn saw (MMC drives only)
};

/// Burns the ISO image at `iso` onto `target` (a libburn drive address: `stdio:PATH`, /dev/sr0).
/// Throws BurnError: Media (not blank, too small), Drive (libburn cannot grab the target or refuses
/// the job; nothing written), Failed (libburn started and reported a failure, or cancelled).
LibburnResult burn_iso_with_libburn(const std::filesystem::path& iso, const std::string& target,
                                    const LibburnOptions& options, const Log& log);

struct StdioCheck {
  uint64_t file_bytes = 0;                   ///< the target file's length after the burn
  uint64_t differing = 0;                    ///< bytes within the image's length that differ from the image
  uint64_t padding = 0;                      ///< bytes past the image's length
  uint64_t nonzero_padding = 0;              ///< of those, bytes that are not zero
  std::optional<uint64_t> first_difference;  ///< byte offset of the first difference
  [[nodiscard]] bool ok() const { return differing == 0 && nonzero_padding == 0; }
};

/// Reads a `stdio:` target's file back and compares it with the image: the image's length must be
/// equal byte for byte, anything after it (libburn's padding) zero. Throws BurnError (Mismatch)
/// when the file cannot be read or is shorter than the image.
StdioCheck check_stdio_target(const std::filesystem::path& iso, const std::filesystem::path& written);

}  // namespace dw::burn
