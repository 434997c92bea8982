// One thing a target format cannot keep of a source: its kind, for callers that treat some
// losses differently (a rip logs the usual ones, convert --track accepts the other tracks'), and
// the sentence shown to the user. Callers decide by kind, never by the wording.
#pragma once

#include <string>

namespace dw {

enum class LossKind {
  PartialSector,    ///< bytes at the end of a file that do not fill a sector
  OtherTracks,      ///< an ISO holds one track: every other one
  Pregap,           ///< an ISO starts at the track's index 1
  Form2Sectors,     ///< an ISO cannot hold Form 2 payloads
  DataTrack,        ///< audio files hold audio tracks only
  CdText,           ///< CD-Text the sheet lines cannot hold
  SoundBeforeLba0,  ///< audio files start at LBA 0
  Subchannel,       ///< the image's own subchannel, where it differs from the TOC's
  DamagedSectors,   ///< sectors marked unreadable or C2-damaged
};

struct Loss {
  LossKind kind;
  std::string what;  ///< one sentence, as convert and rip print it
  bool operator==(const Loss&) const = default;
};

}  // namespace dw
