// AccurateRip v1 and the CTDB CRCs (the disc's and each track's) at every shift within a range,
// from one pass over the disc's audio. Where the frame-450 check cannot say how far the audio lies
// from AccurateRip's submissions (the database holds no frame-450 checksum for them, or sector 450
// is silent), the whole tracks' v1 at every shift is compared with the submissions, as CUETools'
// AccurateRip verification does over +-(5 sectors - 1 sample); and a CTDB entry that does not
// match at the rip's offset is looked for at every shift, as CUETools compares track CRCs.
//
// AccurateRip: with the disc's audio x[p] (accuraterip_shift.hpp's convention: the audio tracks
// one after another, zeros outside) and the prefix sums P0(n) = sum of x[p] and P1(n) = sum of
// p * x[p] over p < n, all modulo 2^32, a track from sample A whose counted samples are numbered
// f..l has at shift S
//   v1(S) = sum_{i=f..l} i * x[A + S + i - 1] = (P1(J1) - P1(J0)) - (A + S - 1) * (P0(J1) - P0(J0)),
// J0 = A + S + f - 1, J1 = A + S + l. v2 adds the products' high halves, which do not shift this
// way: a v1 match is confirmed at its shift by the whole-track pass of accuraterip_shift.hpp.
//
// CTDB: with C(n) the CRC-32 of the audio's first n samples, the CRC of samples [m, n) is
// crc32_combine(C(m), C(n), 4 (n - m)) (zlib's combine is C(m) moved past the 4 (n - m) bytes,
// XOR the second CRC, so it also takes the first part back out). The disc CRC covers [5880,
// counted_end) (ctdb.hpp), a track's its samples within that; at shift S each window moves by S.
//
// So only the sums and CRCs at the positions within the range of those ends are kept, and any
// checksum at any shift costs two lookups.
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

class ShiftSearch {
 public:
  /// For the audio tracks `ranges` (audio_track_ranges), shifts -range..+range (0 <= range <=
  /// kArSearchRange; std::invalid_argument otherwise).
  ShiftSearch(std::span<const AudioTrackRange> ranges, int32_t range);
  /// Feeds the disc's audio from its first sample on, whole samples (std::invalid_argument
  /// otherwise; std::logic_error past the disc's audio).
  void update(std::span<const uint8_t> pcm);
  /// Ends the stream; std::logic_error when not exactly the disc's audio was fed.
  void finish();
  /// v1 of audio track `index` (0-based, in the order of `ranges`) at `shift` (within the range),
  /// after finish().
  [[nodiscard]] uint32_t v1(size_t index, int32_t shift) const;
  /// The CTDB CRC of the disc (CtdbCrc) and of audio track `index` (CtdbCrc::track) at `shift`,
  /// after finish().
  [[nodiscard]] uint32_t ctdb(int32_t shift) const;
  [[nodiscard]] uint32_t ctdb_track(size_t index, int32_t shift) const;
  [[nodiscard]] int32_t range() const { return range_; }
  [[nodiscard]] size_t tracks() const { return tracks_.size(); }

 private:
  struct Window {
    int64_t first = 0;                  ///< the position of values[0]
    std::vector<uint32_t> p0, p1, crc;  ///< prefix sums and CRC at first, first + 1, ...
  };
  struct TrackEnds {
    int64_t start = 0;                     ///< A: the track's first sample in the disc's audio
    int64_t before = 0;                    ///< J0 at shift 0
    int64_t after = 0;                     ///< J1 at shift 0
    int64_t ctdb_first = 0, ctdb_end = 0;  ///< the track's CTDB window at shift 0
  };
  struct Prefix {
    uint32_t p0 = 0, p1 = 0, crc = 0;
  };
  [[nodiscard]] Prefix prefix(int64_t position) const;
  [[nodiscard]] uint32_t crc_between(int64_t first, int64_t end) const;
  void record(int64_t position);

  int32_t range_;
  std::vector<TrackEnds> tracks_;
  std::vector<Window> windows_;  ///< sorted, disjoint
  size_t window_ = 0;            ///< the window the next recorded position is in
  int64_t total_ = 0, fed_ = 0;
  int64_t ctdb_first_ = 0, ctdb_end_ = 0;  ///< the disc's CTDB window at shift 0
  uint32_t p0_ = 0, p1_ = 0, crc_ = 0;
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
std::vector<ArShiftCandidate> find_ar_shifts(const ShiftSearch& search,
                                             const std::vector<std::vector<AccurateRipEntry::Track>>& submitted);

/// One pass over the audio tracks of `source` (as compute_shifted_accuraterip reads them) feeding
/// a search over -range..+range. `progress(done, total)` counts sectors.
ShiftSearch search_shifts(SectorSource& source, int32_t range,
                          const std::function<void(uint64_t, uint64_t)>& progress = {});

}  // namespace dw
