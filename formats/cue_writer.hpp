// Writing BIN/CUE: redump style (one file per track, redump naming and line order; the default
// for rips) or one file for the whole disc. Conventions: reference/image-formats.md "CUE sheet";
// how each part of a Disc is written is in docs/formats.md.
#pragma once

#include <cstdint>
#include <filesystem>
#include <functional>
#include <optional>
#include <string>
#include <vector>

#include "disc/sector_source.hpp"

namespace dw {

enum class CueStyle : uint8_t { Redump, Single };

/// What goes where: the sheet text and, for each data file, the LBA range it holds.
struct CuePlan {
  struct File {
    std::string name;  ///< file name, in the sheet's folder
    Lba first = 0, end = 0;
  };
  std::string sheet;
  std::vector<File> files;
  std::string cdtext_file;  ///< name of the .cdt to write (CD-Text the sheet lines cannot hold), or empty
  std::vector<std::string> notes;
};

/// Plans a sheet for `disc` with files named after `stem` ("<stem> (Track N).bin" or
/// "<stem>.bin"). Pure. Throws ModelError for a disc the layout cannot express.
CuePlan plan_cue(const Disc& disc, const std::string& stem, CueStyle style);

/// True when the sheet's TITLE/PERFORMER/... lines carry all of `text` (one English ISO 8859-1
/// block of plain strings); otherwise the writer adds a CDTEXTFILE with the packs.
bool cdtext_fits_sheet(const CdText& text, const Disc& disc);

/// Pieces of a sheet, shared by every sheet the project writes (BIN/CUE here, the audio tracks'
/// sheet in formats/audio_tracks): the TRACK type word of a mode ("AUDIO", "MODE1/2352", ...);
/// the command of a CD-Text pack type (nullptr when a sheet has none); mm:ss:ff of a frame count;
/// a track's "    FLAGS ...\n" line ("" when no flag is set).
const char* cue_track_type(TrackMode mode);
const char* cue_cdtext_command(uint8_t pack_type);
std::string cue_msf(int64_t frames);
std::string cue_flags_line(Control control);

/// The sheet lines (`indent` TITLE "...", PERFORMER "...", ...) of `track`'s text in `block`
/// (track 0: the disc). Items a sheet line cannot hold are left out: types without a command,
/// disc-only types (0x86 and up) on a track, values with a quote or a line break.
std::string cue_cdtext_lines(const CdTextBlock& block, uint8_t track, const char* indent);

/// Writes the sheet at `cue_path` and its files beside it (redump style: plus "<name> (Track
/// 0).bin" when the source holds non-silent sectors before LBA 0, which the sheet does not list) (each under a
/// temporary name, renamed when complete; existing files are refused unless `force`). Returns the files written.
std::vector<std::filesystem::path> write_cue(SectorSource& source, const std::filesystem::path& cue_path,
                                             CueStyle style, bool force,
                                             const std::function<void(uint64_t, uint64_t)>& progress = {});

}  // namespace dw
