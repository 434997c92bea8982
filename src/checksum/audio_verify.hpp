// Audio verification of a disc: per audio track the AccurateRip v1/v2 checksums and the frame-450
// checksum, the CTDB CRC of the whole audio, and the comparison with an AccurateRip database
// response. Facts: reference/ripping.md, "AccurateRip and CTDB"; docs/ripping.md, "Audio
// verification".
#pragma once

#include <cstdint>
#include <functional>
#include <memory>
#include <optional>
#include <span>
#include <vector>

#include "checksum/accuraterip.hpp"
#include "checksum/disc_ids.hpp"
#include "disc/sector_source.hpp"

namespace dw {

/// Sector of a track (counted from its index 1, from 0) whose checksum AccurateRip keeps for
/// offset finding.
inline constexpr int32_t kArFrame450Sector = 450;

/// What AccurateRip calls a track: the samples from its index 1 to the next audio track's index 1
/// in the same session (the pregap of the next track belongs to this one), or, for the last audio
/// track of a session, to where the session's audio ends (the session's lead-out, or the pregap
/// start of a data track that follows). Audio before the first track's index 1 (the first pregap,
/// hidden track one audio) belongs to no track.
struct AudioTrackRange {
  uint8_t number = 0;  ///< the track number on the disc
  int ordinal = 0;     ///< 1-based among the disc's audio tracks
  Lba start = 0;       ///< index 1
  Lba end = 0;         ///< one past the last sector
  [[nodiscard]] int32_t sectors() const { return end - start; }
};

/// The audio tracks of `disc` as AccurateRip and CTDB count them, in disc order. Empty for a disc
/// without audio.
std::vector<AudioTrackRange> audio_track_ranges(const Disc& disc);

struct AudioTrackChecksums {
  AudioTrackRange range;
  AccurateRipCrc ar;  ///< v1 and v2; the first audio track skips its first 2939 samples, the
                      ///< last one (of the disc) its last 2940
  /// AccurateRip v1 over the 588 samples of the track's sector 450 alone, numbered 1..588 (no
  /// skipping); empty when the track is shorter than 451 sectors.
  std::optional<uint32_t> frame450;
  /// The track's CTDB CRC (CtdbCrc::track: the disc CRC's samples that lie in this track).
  uint32_t ctdb = 0;
};

struct AudioChecksums {
  std::vector<AudioTrackChecksums> tracks;
  /// CTDB CRC over the audio tracks' samples in order (empty when the disc has no audio).
  std::optional<uint32_t> ctdb;
};

class CtdbCrc;

/// The checksums computed from sectors handed in as another pass reads them (the split's hash
/// pass): `feed` takes runs of 2352-byte sectors in increasing LBA order, any of them outside the
/// audio tracks (they are skipped); every audio sector must come exactly once.
class AudioChecksummer {
 public:
  /// Throws std::out_of_range when an audio track lies outside [begin, end).
  AudioChecksummer(const Disc& disc, Lba begin, Lba end);
  AudioChecksummer(const AudioChecksummer&) = delete;
  AudioChecksummer& operator=(const AudioChecksummer&) = delete;
  ~AudioChecksummer();
  void feed(Lba first, std::span<const uint8_t> main);
  /// Throws std::logic_error when not every audio sector was fed.
  [[nodiscard]] AudioChecksums finish();
  [[nodiscard]] uint64_t total_sectors() const { return total_; }

 private:
  struct State;
  std::vector<AudioTrackRange> ranges_;
  std::vector<State> states_;
  uint64_t total_ = 0;
  std::unique_ptr<CtdbCrc> ctdb_;
  std::vector<CtdbCrc> track_ctdb_;
};

/// Reads every audio track of `source` once, in runs of sectors, and computes the checksums.
/// `source` hands out sectors in disc coordinates with the offsets applied (as a split or an
/// image reader does). `progress(done, total)` is called with sectors. Throws std::out_of_range
/// when a track lies outside [source.begin(), source.end()).
AudioChecksums compute_audio_checksums(SectorSource& source,
                                       const std::function<void(uint64_t, uint64_t)>& progress = {});

/// How one track compares with the AccurateRip database.
struct ArTrackMatch {
  enum class Result : uint8_t {
    Match,          ///< a submission holds this track's v2 (preferred) or v1 checksum
    NoMatch,        ///< the database has the track, with other checksums
    NotInDatabase,  ///< no submission for this disc lists the track with a confidence
  };
  uint8_t number = 0;
  Result result = Result::NotInDatabase;
  int version = 0;           ///< Match: 2 or 1
  unsigned confidence = 0;   ///< Match: the matching submission's confidence (the highest, when several match)
  unsigned total = 0;        ///< the confidences of every submission for the track, summed
  unsigned submissions = 0;  ///< submissions that list the track with a confidence
};

/// Compares `sums` with a parsed dBAR response. Submissions whose ids are not the disc's
/// (`ids`: id1, id2, cddb) are left out; a submission lists track k when it has k or more tracks
/// and its confidence for track k is not 0.
std::vector<ArTrackMatch> match_accuraterip(const AudioChecksums& sums, const AccurateRipIds& ids,
                                            const std::vector<AccurateRipEntry>& entries);

}  // namespace dw
