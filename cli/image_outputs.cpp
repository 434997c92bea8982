#include "cli/image_outputs.hpp"

#include <fmt/format.h>

#include <stdexcept>

#include "checksum/dat.hpp"
#include "disc/error.hpp"
#include "formats/audio_tracks.hpp"
#include "formats/ccd_image.hpp"
#include "formats/conversion.hpp"
#include "formats/cue_writer.hpp"
#include "formats/iso_writer.hpp"
#include "formats/nrg_writer.hpp"
#include "formats/output_file.hpp"

namespace dw::cli {

std::string track_file_name(const std::string& stem, uint8_t number, size_t tracks, uint8_t last) {
  if (tracks == 1) return stem + ".bin";
  return fmt::format("{} (Track {:0{}}).bin", stem, number, last >= 10 ? 2 : 1);
}

void write_dat(const std::string& path, const std::string& stem, const Disc& disc, const VerifyReport& r, bool force) {
  OutputFile out(path, force);
  std::string text = "<?xml version=\"1.0\"?>\n<datafile>\n\t<game name=\"" + xml_escape(stem) + "\">\n";
  for (const TrackDigest& t : r.tracks)
    text +=
        "\t\t" + dat_rom_line(track_file_name(stem, t.number, disc.track_count(), disc.last_track()), t.hashes) + "\n";
  text += "\t</game>\n</datafile>\n";
  out.write(text);
  out.commit();
}

FormatOutputs write_formats(SectorSource& source, const std::filesystem::path& dir, const std::string& stem,
                            const std::vector<std::string>& formats, bool force,
                            const std::function<void(uint64_t, uint64_t)>& progress) {
  FormatOutputs out;
  std::vector<std::string>& written = out.written;
  for (const std::string& f : formats) {
    const auto at = [&](const char* ext) { return dir / (stem + ext); };
    try {
      for (Loss& l : conversion_losses(source, f)) out.lost.emplace_back(f, std::move(l));
    } catch (const InputError& e) {  // no fitting data track for an ISO: nothing of it can be written
      out.skipped.emplace_back(f, e.problem());
      continue;
    }
    if (f == "iso") {
      write_iso(source, at(".iso"), std::nullopt, force, progress);
      written.push_back(at(".iso").string());
    } else if (f == "nrg") {
      write_nrg(source, at(".nrg"), force, progress);
      written.push_back(at(".nrg").string());
    } else if (f == "ccd") {
      for (const auto& p : write_ccd(source, at(".ccd"), force, progress)) written.push_back(p.string());
    } else if (f == "cue" || f == "cue-single") {
      const auto cue = f == "cue" ? at(".cue") : dir / "single" / (stem + ".cue");
      if (f == "cue-single") std::filesystem::create_directories(cue.parent_path());
      for (const auto& p : write_cue(source, cue, f == "cue" ? CueStyle::Redump : CueStyle::Single, force, progress))
        written.push_back(p.string());
    } else if (f == "flac" || f == "wav") {
      const AudioFormat audio = f == "flac" ? AudioFormat::Flac : AudioFormat::Wav;
      std::vector<std::string> found;
      for (const auto& p : write_audio_tracks(source, dir, stem, audio, force, progress, &found))
        written.push_back(p.string());
      for (const auto& n : found) out.notes.push_back(f + ": " + n);
    } else {
      throw std::invalid_argument("unknown output format " + f);
    }
  }
  return out;
}

}  // namespace dw::cli
