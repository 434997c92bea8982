// AccurateRip: per-track checksums v1/v2 and the database response format.
// Facts: reference/ripping.md, "AccurateRip and CTDB".
#pragma once

#include <cstdint>
#include <span>
#include <string>
#include <vector>

namespace dw {

inline constexpr uint32_t kSamplesPerSector = 588;
/// Samples skipped at the start of the first audio track (1..2939) and counted off the end of
/// the last one (the last 2940): five sectors less one sample, and five sectors.
inline constexpr uint64_t kArFirstTrackSkip = 5 * kSamplesPerSector - 1;
inline constexpr uint64_t kArLastTrackSkip = 5 * kSamplesPerSector;

struct AccurateRipCrc {
  uint32_t v1 = 0, v2 = 0;
  friend bool operator==(AccurateRipCrc, AccurateRipCrc) = default;
};

/// Streaming AccurateRip checksum of one track. Samples are 16-bit stereo little-endian, 4 bytes
/// each, read as u32 (left | right << 16) and numbered i = 1..N; v1 = sum(low32(s * i)),
/// v2 = v1 + sum(high32(s * i)) mod 2^32, over i >= 2940 on the first audio track and
/// i <= N - 2940 on the last.
class AccurateRipTrack {
 public:
  /// `total_samples` = N, the track's length in samples (sectors * 588).
  AccurateRipTrack(uint64_t total_samples, bool first_track, bool last_track);
  /// Feeds PCM bytes; chunks may split samples anywhere.
  void update(std::span<const uint8_t> pcm);
  /// The checksums. Throws std::logic_error when fewer or more than N samples were fed.
  [[nodiscard]] AccurateRipCrc finish() const;

 private:
  uint64_t total_, index_ = 0, lo_ = 0, hi_ = 0;
  uint64_t first_counted_, last_counted_;
  uint8_t partial_[4]{};
  size_t partial_size_ = 0;
  void add(uint32_t sample);
};

/// One submission of an AccurateRip database response (dBAR-*.bin).
struct AccurateRipEntry {
  uint32_t id1 = 0, id2 = 0, cddb = 0;
  struct Track {
    uint8_t confidence = 0;
    uint32_t crc = 0;       ///< v1 or v2 checksum of the whole track
    uint32_t frame450 = 0;  ///< checksum of sector 450, used to find offsets
  };
  std::vector<Track> tracks;
};

/// Parses a dBAR response: per submission [count:1][id1:4][id2:4][cddb:4] then `count` times
/// [confidence:1][crc:4][frame450:4], little-endian. Throws InputError with the byte offset when a
/// submission is truncated, has no tracks, or the data is empty.
std::vector<AccurateRipEntry> parse_accuraterip_response(std::span<const uint8_t> bytes, const std::string& source);

}  // namespace dw
