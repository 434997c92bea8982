// What `verify`, `rip` and `split` write beside an image: redump's track file names, the logiqx
// DAT of per-track hashes, and the image files in each format asked for.
#pragma once

#include <filesystem>
#include <functional>
#include <string>
#include <vector>

#include "disc/sector_source.hpp"
#include "formats/image_verify.hpp"
#include "formats/loss.hpp"

namespace dw::cli {

/// "<stem> (Track N).bin" with N padded to the width of the last track number; a one-track
/// disc gets "<stem>.bin" (redump's naming).
std::string track_file_name(const std::string& stem, uint8_t number, size_t tracks, uint8_t last);

/// A logiqx DAT with one <rom/> per track file (written under a temporary name, renamed; an
/// existing file only with `force`, else InputError).
void write_dat(const std::string& path, const std::string& stem, const Disc& disc, const VerifyReport& report,
               bool force);

/// What write_formats did: the files written, what each lossy format left out (format and loss,
/// as conversion_losses gives it), the formats that could not be written at all and why, and
/// the notes of the audio writers.
struct FormatOutputs {
  std::vector<std::string> written;
  std::vector<std::pair<std::string, Loss>> lost;
  std::vector<std::pair<std::string, std::string>> skipped;
  std::vector<std::string> notes;
};

/// Writes `source` as "<dir>/<stem>.<ext>" for each of `formats` ("cue", "cue-single", "ccd",
/// "nrg", "iso"; "flac" and "wav": one file per audio track and "<stem> (audio).cue" or
/// "<stem> (audio WAV).cue", see formats/audio_tracks.hpp). A format that cannot hold the whole
/// disc is still written, its losses listed (a rip keeps the dump, from which `split` writes
/// any format again); one that cannot hold the disc at all (an ISO of a disc without a single
/// data track) is skipped with the reason. Write failures throw.
FormatOutputs write_formats(SectorSource& source, const std::filesystem::path& dir, const std::string& stem,
                            const std::vector<std::string>& formats, bool force,
                            const std::function<void(uint64_t, uint64_t)>& progress = {});

/// The formats write_formats knows, in the order the help texts list them.
inline const std::vector<std::string> kOutputFormats = {"cue", "cue-single", "ccd", "nrg", "iso", "flac", "wav"};

}  // namespace dw::cli
