// CUE sheets (CDRWIN and its descendants): the text, parsed and checked, before any file is
// opened. Turning a sheet into a Disc needs the sizes of its FILEs (cue_layout). Facts:
// reference/image-formats.md "CUE sheet".
#pragma once

#include <cstdint>
#include <map>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "disc/disc.hpp"
#include "formats/sheet_text.hpp"

namespace dw {

enum class CueFileType : uint8_t { Binary, Motorola, Wave, Aiff, Mp3 };

struct CueFile {
  std::string name;
  CueFileType type = CueFileType::Binary;
  int line = 0;
};

/// A TRACK type and what it means for the file's bytes.
struct CueTrackType {
  std::string name;         ///< as written in canonical case, e.g. "MODE1/2352"
  TrackMode mode;           ///< audio, Mode 0/1/2 formless/XA, CD-i
  uint16_t sector_size;     ///< bytes per sector in the FILE (2048 .. 2448)
  bool subchannel = false;  ///< CDG: 96 bytes of subchannel follow each 2352-byte sector
};

/// CueIndex::file of an INDEX that comes before any FILE line (some sheets list tracks only).
inline constexpr size_t kCueNoFile = static_cast<size_t>(-1);

struct CueIndex {
  uint8_t number = 1;
  int32_t frames = 0;  ///< MM:SS:FF from the start of its FILE
  size_t file = 0;     ///< the FILE the index is in (a FILE line may sit between INDEX 00 and 01), or kCueNoFile
  int line = 0;
};

/// Redump/IsoBuster multisession marks (REM SESSION, REM LEAD-OUT, REM LEAD-IN, REM PREGAP)
/// seen before a track.
struct CueSessionMark {
  int session = 0;
  std::optional<int32_t> leadout, leadin, pregap;  ///< frames as written (meaning depends on the convention)
  int line = 0;
};

struct CueTrack {
  uint8_t number = 1;
  CueTrackType type;
  std::optional<size_t> file;  ///< FILE in force at the TRACK line; none when the sheet has no FILE yet
  uint8_t flags = 0;           ///< CONTROL bits: Control::kCopyPermitted (DCP), kFourChannel, kPreEmphasis
  bool scms = false;
  std::string isrc;                 ///< 12 characters (dashes of quoted forms removed)
  int32_t pregap = 0, postgap = 0;  ///< generated sectors (PREGAP / POSTGAP)
  std::vector<CueIndex> indices;
  std::map<std::string, std::string> cdtext;  ///< TITLE, PERFORMER, ... in ISO 8859-1 (see cdtext_latin1)
  std::optional<CueSessionMark> session;      ///< marks seen since the previous track
  int line = 0;
};

struct CueSheet {
  std::string catalog;                        ///< 13 digits or empty
  std::string cdtextfile;                     ///< CDTEXTFILE name or empty
  std::map<std::string, std::string> cdtext;  ///< disc-level TITLE, PERFORMER, ... (ISO 8859-1)
  std::vector<std::string> remarks;           ///< REM lines we do not interpret, as written
  std::vector<CueFile> files;
  std::vector<CueTrack> tracks;
  std::vector<SheetNote> notes;  ///< UTF-8 text converted for CD-Text, FILEs that hold no track; in line order
};

/// Looks up a TRACK type (case-insensitive): AUDIO, CDG, MODE1/2048, MODE1/2352, MODE2/2336,
/// MODE2/2352, CDI/2336, CDI/2352, and the ones seen in the wild: MODE2/2048, MODE2/2324,
/// MODE0/2352, and EAC's "MODEx/2xxx" for a data track it did not extract (taken as Mode 1).
/// nullopt for anything else.
std::optional<CueTrackType> cue_track_type(std::string_view name);

/// Whether an INDEX of `sheet` lies in its FILE number `file` (a FILE with none - a last FILE line
/// no TRACK follows - holds nothing of the disc and is not opened).
bool cue_file_used(const CueSheet& sheet, size_t file);

/// Parses and checks a cue sheet. Commands are case-insensitive; CRLF, a UTF-8 BOM and a missing
/// final newline are accepted. Throws InputError naming `source`, the line and what is wrong for
/// anything a burner or reader would misread: unknown commands, CATALOG not 13 digits or given
/// twice, FLAGS/ISRC/PREGAP outside a track or after its INDEX, ISRC not 5 characters + 7 digits,
/// TRACK numbers outside 1..99 or not sequential, unknown track types, INDEX numbers outside
/// 0..99, not starting at 0 or 1 or not sequential, MM:SS:FF with seconds >= 60 or frames >= 75,
/// offsets that do not increase within a FILE, a first INDEX of the first TRACK that is not
/// 00:00:00, a TRACK without INDEX 01 (except EAC's MODEx/2xxx placeholder, which may list no
/// index at all), and a sheet without TRACK. CD-Text lines written in UTF-8 are converted to
/// ISO 8859-1 (cdtext_latin1), with a note in `notes`; a FILE no INDEX lies in gets a warning note.
CueSheet parse_cue_sheet(std::string_view text, const std::string& source);

}  // namespace dw
