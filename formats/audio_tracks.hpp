// The audio tracks of a disc as one file per track (FLAC or WAVE) with a CUE sheet, the way
// music rippers lay them out (EAC's default "gaps appended"): each file runs from its track's
// INDEX 01 to the next track's INDEX 01, so a pregap sits at the end of the file before it and
// the sheet puts its INDEX 00 there. Conventions: reference/image-formats.md "CUE sheet"; the
// user-level description is docs/ripping.md "Audio tracks".
#pragma once

#include <cstdint>
#include <filesystem>
#include <functional>
#include <string>
#include <utility>
#include <vector>

#include "disc/sector_source.hpp"

namespace dw {

enum class AudioFormat : uint8_t { Flac, Wav };

/// What goes where: the sheet and, for each audio file, the LBA range it holds and its tags.
struct AudioPlan {
  struct File {
    std::string name;   ///< file name, in the sheet's folder
    uint8_t track = 0;  ///< the track it starts with; 0 for hidden track one audio
    Lba first = 0, end = 0;
    /// Vorbis comments (FLAC only): TITLE, ARTIST, ALBUM, ALBUMARTIST, TRACKNUMBER, TRACKTOTAL,
    /// ISRC, CATALOG, GENRE, in that order, each when known; values UTF-8.
    std::vector<std::pair<std::string, std::string>> tags;
  };
  std::string sheet_name;  ///< "<stem> (audio).cue" (FLAC) or "<stem> (audio WAV).cue"
  std::string sheet;
  std::vector<File> files;
  std::vector<std::string> notes;  ///< what the files leave out (data tracks, CD-Text)
};

/// Plans the files for the audio tracks of `source`'s disc, named after `stem` (made safe first)
/// like redump's track files: "<stem> (Track N).flac" (N padded to the width of the last track
/// number; a one-track disc gets "<stem>.flac"); hidden track one audio (audio between LBA 0
/// and track 1's INDEX 01 that is not digital silence) gets "<stem> (Track 0).flac". A pregap
/// with no audio file before it (a track after a data track, a later session's first track) is
/// written as PREGAP when it is digital silence, else kept at the start of the track's own file
/// after INDEX 00. Data tracks are left out (a REM line says where). Reads only those gaps.
/// Returns a plan with no files when the disc has no audio track. Throws ModelError for an
/// invalid disc.
AudioPlan plan_audio_tracks(SectorSource& source, const std::string& stem, AudioFormat format);

/// Writes the files of plan_audio_tracks and the sheet into `dir`, each under a temporary name,
/// all renamed when every one is complete; existing files are refused unless `force` (InputError
/// naming the file). FLAC: libFLAC level 8 with tags, seek table and MD5; WAVE: a 44-byte PCM
/// header and the samples. Returns the files written (none when the disc has no audio track);
/// `notes`, when given, receives the plan's notes.
std::vector<std::filesystem::path> write_audio_tracks(SectorSource& source, const std::filesystem::path& dir,
                                                      const std::string& stem, AudioFormat format, bool force,
                                                      const std::function<void(uint64_t, uint64_t)>& progress = {},
                                                      std::vector<std::string>* notes = nullptr);

/// The name of CD-Text genre code `code` (1 "Not Defined" .. 28 "World Music"), or "" for 0
/// and codes the standard does not define.
std::string cdtext_genre_name(uint16_t code);

}  // namespace dw
