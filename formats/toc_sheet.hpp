// cdrdao TOC files: the text parsed into tracks and their data statements, before any file is
// opened. toc_reader lays the disc out. Facts: reference/image-formats.md "cdrdao TOC" and
// cdrdao's own documentation of the format.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "disc/cdtext.hpp"
#include "disc/disc.hpp"
#include "formats/sheet_text.hpp"

namespace dw {

/// One data statement of a track, in order.
struct TocData {
  enum class Kind : uint8_t { AudioFile, DataFile, Silence, Zero } kind = Kind::Silence;
  std::string file;
  uint64_t byte_offset = 0;                ///< #offset
  uint64_t start_samples = 0;              ///< AUDIOFILE start (1/44100 s; 588 per sector)
  std::optional<uint64_t> length;          ///< sectors; none = to the end of the file
  std::optional<uint64_t> length_samples;  ///< AUDIOFILE length given as samples (not whole sectors)
  int line = 0;
};

struct TocTrack {
  std::string mode_name;  ///< AUDIO, MODE1, MODE1_RAW, MODE2, MODE2_FORM1, ...
  TrackMode mode = TrackMode::Audio;
  uint32_t sector_size = 2352;  ///< bytes per sector in data files (without subchannel)
  std::string sub;              ///< "", "RW" or "RW_RAW"
  bool copy = false, pre_emphasis = false, four_channel = false, swap = false;
  std::string isrc;
  std::vector<TocData> data;
  std::optional<uint64_t> start;  ///< START: sectors from the track start to index 1
  uint64_t pregap = 0;            ///< PREGAP: generated sectors before index 1
  std::vector<uint64_t> indices;  ///< INDEX positions, sectors after index 1
  int line = 0;
};

struct TocSheet {
  std::string disc_type = "CD_DA";  ///< CD_DA, CD_ROM, CD_ROM_XA, CD_I
  std::string catalog;
  CdText cdtext;  ///< blocks from LANGUAGE_MAP; track 0 = disc
  std::vector<TocTrack> tracks;
  std::vector<SheetNote> notes;  ///< UTF-8 CD_TEXT strings converted, characters replaced
};

/// Parses a TOC file. Throws InputError naming `source` and the line for grammar errors, unknown
/// keywords, bad MSF values (seconds >= 60, frames >= 75), CATALOG not 13 digits, ISRC not 12
/// characters, more than 99 tracks, a statement outside a track. CD_TEXT strings written in UTF-8
/// in an ISO 8859-1 block (the default encoding) are converted (cdtext_latin1), with a note.
TocSheet parse_toc(std::string_view text, const std::string& source);

}  // namespace dw
