// FLAC files of CD audio through libFLAC's stream encoder: 44.1 kHz, 16-bit, stereo, from the
// little-endian samples of 2352-byte CD-DA sectors, with Vorbis comments, a seek table and the
// MD5 signature of the samples in STREAMINFO.
#pragma once

#include <cstdint>
#include <memory>
#include <span>
#include <string>
#include <utility>
#include <vector>

#include "formats/output_file.hpp"

namespace dw {

struct FlacOptions {
  unsigned compression_level = 8;  ///< libFLAC's presets 0..8
  /// Stereo samples the stream will hold: known ahead so STREAMINFO and the seek table are
  /// planned right (they are rewritten with the true values when the stream is finished).
  uint64_t total_samples = 0;
  /// Vorbis comments in this order, NAME=value; names are ASCII 0x20..0x7D without '=', values UTF-8.
  std::vector<std::pair<std::string, std::string>> tags;
  uint32_t seek_spacing = 441000;  ///< samples between seek points (10 s), as the flac tool's default
  uint32_t padding = 8192;         ///< bytes of PADDING for tags added later, as the flac tool's default
  bool verify = true;              ///< decode every frame as it is encoded and compare with the input
};

/// One FLAC stream written into an OutputFile, which stays owned by the caller (the caller
/// commits it after finish(), so an unfinished file never appears under its final name).
class FlacEncoder {
 public:
  /// Starts the stream: writes the "fLaC" marker and the metadata blocks (STREAMINFO,
  /// VORBIS_COMMENT, SEEKTABLE, PADDING). Throws InputError naming the file when the options
  /// are refused (a bad tag name or value, a level out of range) or libFLAC cannot start.
  FlacEncoder(OutputFile& out, const FlacOptions& options);
  ~FlacEncoder();
  FlacEncoder(const FlacEncoder&) = delete;
  FlacEncoder& operator=(const FlacEncoder&) = delete;

  /// Encodes CD-DA bytes: a multiple of 4 (left, right as little-endian signed 16-bit).
  /// Throws InputError naming the file when the encoder fails (a write error, a verify mismatch).
  void write(std::span<const uint8_t> cdda);
  /// Ends the stream: the last frame, then STREAMINFO (sample count, MD5) and the seek table
  /// rewritten in place. Throws InputError naming the file when anything failed on the way.
  void finish();

 private:
  struct Impl;
  std::unique_ptr<Impl> impl_;
};

}  // namespace dw
