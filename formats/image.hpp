// What every image reader returns: the disc and its sectors, and what the reader had to assume
// or synthesise (shown by `info`, logged by conversions).
#pragma once

#include <filesystem>
#include <memory>
#include <string>
#include <vector>

#include "disc/sector_source.hpp"

namespace dw {

struct Image {
  std::string format;                    ///< "cue", "ccd", "nrg", "iso", "toc"
  std::unique_ptr<SectorSource> source;  ///< the disc and its sectors
  std::vector<std::string> notes;        ///< assumptions and synthesised parts, one sentence each
  /// What the image is, in words, when "<format> image" would mislead (a raw track read alone).
  std::string description;
  [[nodiscard]] const Disc& disc() const { return source->disc(); }
};

/// Opens any supported image by its extension (.cue, .ccd/.img/.sub, .nrg, .iso, .toc), falling
/// back to its content. Throws InputError naming the file and what is wrong.
Image open_image(const std::filesystem::path& path);

}  // namespace dw
