// CUETools database (CTDB): the disc CRC, the TOC string the database is asked with, and its
// XML answer. Facts (CUETools' CUEToolsDB.cs, CDImageLayout, and the database's lookup2.php):
// docs/checksums.md, "CTDB".
#pragma once

#include <cstdint>
#include <optional>
#include <span>
#include <string>
#include <vector>

#include "disc/disc.hpp"

namespace dw {

inline constexpr uint64_t kCtdbSkipSamples = 10 * 588;

/// CRC-32 over the whole disc's audio, leaving out the first ten sectors (5880 samples) and, at
/// the end, 5880 samples plus N mod 5880 (N = samples on the disc), as reference/ripping.md
/// gives it and CUETools' AccurateRipVerify.CTDBCRC computes it.
class CtdbCrc {
 public:
  /// `total_samples`: N, all audio samples of the disc (sectors * 588).
  explicit CtdbCrc(uint64_t total_samples);
  /// A track's CRC ("trackcrcs", CUETools' TrackCRC): the same CRC over the part of the disc's
  /// counted samples that the track holds, samples [first, first + count) of a disc of
  /// `disc_samples` (so the first track leaves out the disc's first 5880, the last the disc's end).
  static CtdbCrc track(uint64_t disc_samples, uint64_t first, uint64_t count);
  /// Feeds the disc's PCM in order (4 bytes per sample, any chunking).
  void update(std::span<const uint8_t> pcm);
  /// The CRC. Throws std::logic_error when not exactly N samples were fed.
  [[nodiscard]] uint32_t finish() const;
  /// The disc's counted samples: [5880, N - 5880 - N mod 5880), empty for a disc that short.
  static uint64_t counted_end(uint64_t total_samples);

 private:
  CtdbCrc(uint64_t total_bytes, uint64_t begin_byte, uint64_t end_byte);
  uint64_t total_bytes_, begin_byte_, end_byte_, fed_ = 0;
  uint32_t crc_;
};

/// The TOC string CUETools sends to the database and the database lists with every entry: per
/// track of the disc (every session, data tracks too) its index 01 LBA (no 150 added), a '-'
/// before a data track's, ':' between them, and last the disc's lead-out LBA (the true last one:
/// an Enhanced CD's data session counts). "0:15537:...:177682:-207106:210385". Throws ModelError
/// for a disc without tracks.
std::string ctdb_toc(const Disc& disc);

/// What a CTDB TOC string says about the audio: the first audio track's index 01 LBA and the
/// sectors from there to the end of the last audio track (of the run of audio tracks after any
/// leading data tracks; audio followed by a data track ends 11400 sectors before it, as on an
/// Enhanced CD). nullopt when the string is not a TOC (a non-number, no audio track, offsets
/// going back).
struct CtdbTocAudio {
  uint32_t first = 0, sectors = 0, tracks = 0;
  friend bool operator==(const CtdbTocAudio&, const CtdbTocAudio&) = default;
};
std::optional<CtdbTocAudio> ctdb_toc_audio(const std::string& toc);

/// One `<entry>` of the database's answer.
struct CtdbEntry {
  int64_t id = 0;
  uint32_t crc32 = 0;                ///< the disc CRC of the submission (CtdbCrc)
  uint32_t confidence = 0;           ///< how many submissions have it
  std::string toc;                   ///< the submission's TOC string
  std::vector<uint32_t> track_crcs;  ///< "trackcrcs", when the entry has them
  uint32_t stride = 0;               ///< samples per parity stride (5880); 0 when the entry has none
  bool has_parity = false;           ///< "hasparity": the database holds recovery data for it
};

/// Parses lookup2.php's XML answer: a `<ctdb>` root holding `<entry id= crc32= confidence= npar=
/// stride= hasparity= parity= syndrome= trackcrcs= toc=/>` elements (and `<metadata>`, which is
/// skipped). An entry without a `toc` is skipped, as CUETools does. Throws InputError naming
/// `source` and, for XML that is not well-formed, the line and what is wrong (expat's words);
/// also for another root, a DOCTYPE, an entry whose crc32, confidence, id or trackcrcs is not a
/// number, and more than kCtdbMaxEntries entries.
inline constexpr size_t kCtdbMaxEntries = 10000;
std::vector<CtdbEntry> parse_ctdb_response(std::span<const uint8_t> xml, const std::string& source);

/// The disc CRC against the entries: an entry is comparable when its TOC's audio (first audio
/// track to the end of the last) has as many sectors as the disc's and its stride, when it has
/// one, is 5880 samples (the CRC's skips are CUETools' stride), and matches when its crc32
/// equals `crc` too. `confidence` adds up the matching entries', `total` every entry's (the
/// submissions the database holds for the TOC).
/// Per track (`track_crcs`: the disc's audio tracks' CtdbCrc::track, in order), as CUETools'
/// "Track | CTDB Status" counts at the rip's offset: a comparable entry that matches as a whole
/// vouches for every track; one that does not but has a track CRC per track vouches for the
/// tracks whose CRC it holds. A track is verified when some entry vouches for it (the confidence
/// is theirs added up), no match when an entry could have and none did, and unknown when no
/// entry could (no whole match and no track CRCs).
struct CtdbTrackMatch {
  enum class Result : uint8_t { Verified, NoMatch, Unknown };
  Result result = Result::Unknown;
  uint64_t confidence = 0;
};
struct CtdbMatch {
  bool matched = false;
  uint64_t confidence = 0, total = 0;
  size_t entries = 0, comparable = 0;
  std::vector<CtdbTrackMatch> tracks;  ///< one per element of `track_crcs`
};
/// Whether an entry's CRCs can be compared with a disc whose TOC string says `ours`: its TOC's
/// audio has as many sectors, and its stride (when given) is 5880.
bool ctdb_comparable(const CtdbEntry& e, const std::optional<CtdbTocAudio>& ours);

CtdbMatch match_ctdb(uint32_t crc, std::span<const uint32_t> track_crcs, const std::string& disc_toc,
                     const std::vector<CtdbEntry>& entries);

}  // namespace dw
