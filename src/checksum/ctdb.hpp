// CUETools database (CTDB) CRC: a CRC-32 over the whole disc's audio, leaving out the first ten
// sectors (5880 samples) and, at the end, 5880 samples plus N mod 5880 (N = samples on the disc),
// as reference/ripping.md gives it.
#pragma once

#include <cstdint>
#include <span>

namespace dw {

inline constexpr uint64_t kCtdbSkipSamples = 10 * 588;

class CtdbCrc {
 public:
  /// `total_samples`: N, all audio samples of the disc (sectors * 588).
  explicit CtdbCrc(uint64_t total_samples);
  /// Feeds the disc's PCM in order (4 bytes per sample, any chunking).
  void update(std::span<const uint8_t> pcm);
  /// The CRC. Throws std::logic_error when not exactly N samples were fed.
  [[nodiscard]] uint32_t finish() const;

 private:
  uint64_t total_bytes_, begin_byte_, end_byte_, fed_ = 0;
  uint32_t crc_;
};

}  // namespace dw
