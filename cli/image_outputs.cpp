#include "cli/image_outputs.hpp"

#include <fmt/format.h>

#include <fstream>
#include <stdexcept>

#include "checksum/dat.hpp"
#include "formats/audio_tracks.hpp"
#include "formats/ccd_image.hpp"
#include "formats/cue_writer.hpp"
#include "formats/iso_writer.hpp"
#include "formats/nrg_writer.hpp"

namespace dw::cli {

std::string track_file_name(const std::string& stem, uint8_t number, size_t tracks, uint8_t last) {
  if (tracks == 1) return stem + ".bin";
  return fmt::format("{} (Track {:0{}}).bin", stem, number, last >= 10 ? 2 : 1);
}

void write_dat(const std::string& path, const std::string& stem, const Disc& disc, const VerifyReport& r) {
  const std::string tmp = path + ".part";
  {
    std::ofstream out(tmp);
    out << "<?xml version=\"1.0\"?>\n<datafile>\n\t<game name=\"" << xml_escape(stem) << "\">\n";
    for (const TrackDigest& t : r.tracks)
      out << "\t\t" << dat_rom_line(track_file_name(stem, t.number, disc.track_count(), disc.last_track()), t.hashes)
          << "\n";
    out << "\t</game>\n</datafile>\n";
    if (!out) throw std::runtime_error("cannot write " + tmp);
  }
  std::filesystem::rename(tmp, path);
}

std::vector<std::string> write_formats(SectorSource& source, const std::filesystem::path& dir, const std::string& stem,
                                       const std::vector<std::string>& formats, bool force,
                                       const std::function<void(uint64_t, uint64_t)>& progress,
                                       std::vector<std::string>* notes) {
  std::vector<std::string> written;
  for (const std::string& f : formats) {
    const auto at = [&](const char* ext) { return dir / (stem + ext); };
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
      if (notes)
        for (const auto& n : found) notes->push_back(f + ": " + n);
    } else {
      throw std::invalid_argument("unknown output format " + f);
    }
  }
  return written;
}

}  // namespace dw::cli
