// BIN/CUE (and WAVE/CUE) images: a parsed cue sheet plus the sizes of its files become a Disc
// and an ExtentSectorSource. Layout rules: reference/image-formats.md "CUE sheet"; the choices
// we made where tools disagree are in docs/formats.md.
#pragma once

#include <cstdint>
#include <filesystem>
#include <functional>
#include <memory>
#include <string>
#include <vector>

#include "formats/cue_sheet.hpp"
#include "formats/extent_source.hpp"
#include "formats/image.hpp"

namespace dw {

/// What a FILE of the sheet turned out to be once found and opened.
struct CueFileData {
  std::shared_ptr<const ImageFile> file;  ///< null in file-less layouts (tests, sizes only)
  uint64_t offset = 0;                    ///< first byte of sector data (WAVE: the data chunk)
  uint64_t size = 0;                      ///< bytes of sector data
};

struct CueLayout {
  Disc disc;
  Lba begin = 0, end = 0;
  std::vector<Extent> extents;
  std::vector<std::string> notes;
  std::vector<PartialSector> partial;  ///< files that end with bytes not filling a sector
};

/// Lays out a sheet whose files are known (`files[i]` for sheet.files[i]). Pure: no file access,
/// so tests and the fuzzer can drive it. Throws InputError naming `source` and the line for a
/// sheet that cannot be a disc (an index past the end of its file, a data track EAC did not
/// extract, sessions out of order) and ModelError never (the result is validated).
CueLayout layout_cue(const CueSheet& sheet, const std::vector<CueFileData>& files, const std::string& source);

/// Reads a .cue file: parses it, finds its files (see find_sheet_file), reads WAVE headers and
/// the CDTEXTFILE, and lays the disc out. Throws InputError for anything wrong.
Image read_cue(const std::filesystem::path& path);

}  // namespace dw
