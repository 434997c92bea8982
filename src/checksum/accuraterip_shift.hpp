// AccurateRip v1/v2 of every audio track at a sample shift: what the rip's audio would give had it
// been read S samples later (S > 0) or earlier. When the frame-450 check finds a dBAR submission at
// a shift S (another pressing of the disc, with another write offset, or a read offset off by S),
// the whole tracks are compared at that shift, as CUETools reports "offsetted" matches.
// Convention (CUETools' AccurateRipVerify.CRC(track, offset)): the disc's audio is the audio
// tracks' samples one after another (audio_track_ranges: first track's index 1 to the end of the
// last), x[p] for p in [0, T); a track from sample a to b has at shift S the samples x[a + S .. b +
// S), numbered 1..N as usual, with the first track's 2939 and the last track's 2940 skipped
// samples left out as at shift 0, and x[p] = 0 for p < 0 or p >= T (nothing outside the disc's
// audio counts; within |S| <= 2939 the skips keep every counted sample inside anyway).
// Facts: reference/ripping.md, "AccurateRip and CTDB"; docs/checksums.md.
#pragma once

#include <cstdint>
#include <functional>
#include <span>
#include <vector>

#include "checksum/accuraterip.hpp"
#include "checksum/audio_verify.hpp"
#include "disc/sector_source.hpp"

namespace dw {

/// Every audio track's AccurateRip checksums at one shift.
struct ShiftedArChecksums {
  int32_t shift = 0;
  std::vector<AccurateRipCrc> tracks;  ///< per audio track, in the order of audio_track_ranges
};

/// Streaming: fed the disc's audio (the samples of `ranges` one after another, from the first
/// track's first sample), computes every track's v1/v2 at `shift`. The shifted stream is built on
/// the fly (zeros before, the first `shift` samples dropped, or zeros after), so memory does not
/// depend on the shift.
class ShiftedArChecksummer {
 public:
  ShiftedArChecksummer(std::span<const AudioTrackRange> ranges, int32_t shift);
  /// Feeds PCM of whole samples (4 bytes each; throws std::invalid_argument otherwise).
  void update(std::span<const uint8_t> pcm);
  /// Throws std::logic_error when not exactly the disc's audio was fed.
  [[nodiscard]] ShiftedArChecksums finish();

 private:
  void emit(std::span<const uint8_t> pcm);
  void emit_zeros(uint64_t samples);
  int32_t shift_;
  std::vector<uint64_t> lengths_;  ///< samples per track
  std::vector<AccurateRipTrack> tracks_;
  size_t current_ = 0;
  uint64_t total_ = 0, fed_ = 0, emitted_ = 0, skip_ = 0;
};

/// The shifts worth checking whole tracks at, from the shifts each track's frame-450 checksum
/// matched at (frame450_shifts): the distinct non-zero ones, those found by the most tracks first,
/// then the smallest |s|, then the lower s.
std::vector<int32_t> order_frame450_shifts(const std::vector<std::vector<int32_t>>& per_track);

/// Reads every audio track of `source` once, in disc order, in runs of whole sectors, and hands
/// each run's PCM to `feed`. `progress(done, total)` counts sectors. Throws std::out_of_range when
/// a track lies outside the source.
void read_audio_tracks(SectorSource& source, const std::function<void(std::span<const uint8_t>)>& feed,
                       const std::function<void(uint64_t, uint64_t)>& progress = {});

/// Reads every audio track of `source` once (disc coordinates, the audio the checksums are defined
/// on: read offset only) and computes the checksums at each of `shifts`. `progress(done, total)`
/// counts sectors. Throws std::out_of_range when a track lies outside the source.
std::vector<ShiftedArChecksums> compute_shifted_accuraterip(
    SectorSource& source, std::span<const int32_t> shifts,
    const std::function<void(uint64_t, uint64_t)>& progress = {});

}  // namespace dw
