// The AccurateRip v1 checksum of every audio track at every shift within a range, from one pass
// over the disc's audio: where the frame-450 check cannot say how far the audio lies from the
// submissions' (the database holds no frame-450 checksum for them, or sector 450 is silent), the
// whole tracks' v1 at every shift is compared with the submissions, as CUETools' AccurateRip
// verification does over +-(5 sectors - 1 sample).
//
// How: with the disc's audio x[p] (accuraterip_shift.hpp's convention: the audio tracks one after
// another, zeros outside) and the prefix sums P0(n) = sum of x[p] and P1(n) = sum of p * x[p] over
// p < n, all modulo 2^32, a track from sample A whose counted samples are numbered f..l has at
// shift S
//   v1(S) = sum_{i=f..l} i * x[A + S + i - 1] = (P1(J1) - P1(J0)) - (A + S - 1) * (P0(J1) - P0(J0)),
// J0 = A + S + f - 1, J1 = A + S + l. So only the prefix sums at the positions within the range of
// each track's two ends are kept (2 * (2R + 1) pairs a track), and any v1(S) costs two lookups.
// v2 adds the products' high halves, which do not shift this way: a v1 match is confirmed at its
// shift by the whole-track pass of accuraterip_shift.hpp (v1 and v2).
#pragma once

#include <cstdint>
#include <functional>
#include <span>
#include <vector>

#include "checksum/accuraterip.hpp"
#include "checksum/audio_verify.hpp"
#include "disc/sector_source.hpp"

namespace dw {

/// The shift range CUETools searches: one sample short of the first track's skipped 5 sectors.
inline constexpr int32_t kArSearchRange = static_cast<int32_t>(kArFirstTrackSkip);

class ArOffsetSearch {
 public:
  /// For the audio tracks `ranges` (audio_track_ranges), shifts -range..+range (0 <= range <=
  /// kArSearchRange; std::invalid_argument otherwise).
  ArOffsetSearch(std::span<const AudioTrackRange> ranges, int32_t range);
  /// Feeds the disc's audio from its first sample on, whole samples (std::invalid_argument
  /// otherwise; std::logic_error past the disc's audio).
  void update(std::span<const uint8_t> pcm);
  /// Ends the stream; std::logic_error when not exactly the disc's audio was fed.
  void finish();
  /// v1 of audio track `index` (0-based, in the order of `ranges`) at `shift` (within the range),
  /// after finish().
  [[nodiscard]] uint32_t v1(size_t index, int32_t shift) const;
  [[nodiscard]] int32_t range() const { return range_; }

 private:
  struct Window {
    int64_t first = 0;             ///< the position of values[0]
    std::vector<uint32_t> p0, p1;  ///< prefix sums at first, first + 1, ...
  };
  struct TrackEnds {
    int64_t start = 0;   ///< A: the track's first sample in the disc's audio
    int64_t before = 0;  ///< J0 at shift 0
    int64_t after = 0;   ///< J1 at shift 0
  };
  [[nodiscard]] std::pair<uint32_t, uint32_t> prefix(int64_t position) const;
  void record(int64_t position);

  int32_t range_;
  std::vector<TrackEnds> tracks_;
  std::vector<Window> windows_;  ///< sorted, disjoint
  size_t window_ = 0;            ///< the window the next recorded position is in
  int64_t total_ = 0, fed_ = 0;
  uint32_t p0_ = 0, p1_ = 0;
  bool finished_ = false;
};

/// A shift at which whole tracks' v1 checksums equal submissions' v1 checksums.
struct ArShiftCandidate {
  int32_t shift = 0;
  unsigned tracks = 0;      ///< audio tracks with a matching submission
  unsigned confidence = 0;  ///< the highest matching submission's confidence per track, summed
};

/// Every non-zero shift within the search's range at which at least one audio track's v1 equals
/// the v1 of a submission for that track (`submitted[k]`: the checksums, with their confidences,
/// of audio track k; checksum 0 (silence) is never matched), most tracks first, then the higher
/// confidence, then the smaller |shift|.
std::vector<ArShiftCandidate> find_ar_shifts(const ArOffsetSearch& search,
                                             const std::vector<std::vector<AccurateRipEntry::Track>>& submitted);

/// One pass over the audio tracks of `source` (as compute_shifted_accuraterip reads them) feeding
/// a search over -range..+range. `progress(done, total)` counts sectors.
ArOffsetSearch search_accuraterip_offsets(SectorSource& source, int32_t range,
                                          const std::function<void(uint64_t, uint64_t)>& progress = {});

}  // namespace dw
