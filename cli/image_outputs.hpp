// What `verify`, `rip` and `split` write beside an image: redump's track file names, the logiqx
// DAT of per-track hashes, and the image files in each format asked for.
#pragma once

#include <filesystem>
#include <functional>
#include <string>
#include <vector>

#include "disc/sector_source.hpp"
#include "formats/image_verify.hpp"

namespace dw::cli {

/// "<stem> (Track N).bin" with N padded to the width of the last track number; a one-track
/// disc gets "<stem>.bin" (redump's naming).
std::string track_file_name(const std::string& stem, uint8_t number, size_t tracks, uint8_t last);

/// A logiqx DAT with one <rom/> per track file (written under a temporary name, renamed).
void write_dat(const std::string& path, const std::string& stem, const Disc& disc, const VerifyReport& report);

/// Writes `source` as "<dir>/<stem>.<ext>" for each of `formats` ("cue", "cue-single", "ccd",
/// "nrg", "iso"; "flac" and "wav": one file per audio track and "<stem> (audio).cue" or
/// "<stem> (audio WAV).cue", see formats/audio_tracks.hpp); returns every file written.
/// `notes`, when given, receives what a format left out (data tracks in the audio files, ...).
std::vector<std::string> write_formats(SectorSource& source, const std::filesystem::path& dir, const std::string& stem,
                                       const std::vector<std::string>& formats, bool force,
                                       const std::function<void(uint64_t, uint64_t)>& progress = {},
                                       std::vector<std::string>* notes = nullptr);

/// The formats write_formats knows, in the order the help texts list them.
inline const std::vector<std::string> kOutputFormats = {"cue", "cue-single", "ccd", "nrg", "iso", "flac", "wav"};

}  // namespace dw::cli
