// Disc identifiers computed from the TOC alone: AccurateRip (id1, id2, database path),
// CDDB/freedb, MusicBrainz (through libdiscid). Facts: reference/ripping.md and the vectors in
// the corpus README (Ladyhawke, Ettella Diamant).
#pragma once

#include <cstdint>
#include <string>

#include "disc/disc.hpp"

namespace dw {

struct AccurateRipIds {
  int audio_tracks = 0;
  uint32_t id1 = 0, id2 = 0, cddb = 0;
  /// "dBAR-012-0013bd5a-00b8d489-c60af50d.bin"
  [[nodiscard]] std::string filename() const;
  /// "a/5/d/dBAR-...bin": the last three hex digits of id1, reversed, as folders.
  [[nodiscard]] std::string path() const;
};

/// CDDB/freedb id over all tracks (data ones too) and the true lead-out. Throws ModelError for a
/// disc without tracks.
uint32_t cddb_id(const Disc& disc);

/// AccurateRip ids: id1 = sum of audio track starts + lead-out; id2 = sum of max(start, 1) * k
/// over audio tracks (k = 1-based audio ordinal) + lead-out * (audio tracks + 1); the lead-out is
/// the true last lead-out, so Enhanced CDs count the data session. Throws ModelError when the disc
/// has no audio track.
AccurateRipIds accuraterip_ids(const Disc& disc);

/// The MusicBrainz TOC: first track, last audio track, lead-out offset, track offsets (LBA + 150).
/// On an Enhanced CD the trailing data tracks are left out and the lead-out is the first data
/// track's start - 11400, as MusicBrainz specifies.
std::string musicbrainz_toc(const Disc& disc);
/// The MusicBrainz disc id of that TOC, computed by libdiscid. Throws ModelError when libdiscid
/// refuses the TOC (e.g. no audio track).
std::string musicbrainz_id(const Disc& disc);

}  // namespace dw
