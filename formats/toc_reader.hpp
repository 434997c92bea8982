// cdrdao TOC images: a parsed TOC plus its files become a Disc and an ExtentSectorSource.
#pragma once

#include <cstdint>
#include <filesystem>
#include <functional>
#include <optional>
#include <string>
#include <vector>

#include "formats/cue_reader.hpp"
#include "formats/extent_source.hpp"
#include "formats/image.hpp"
#include "formats/toc_sheet.hpp"

namespace dw {

/// Finds a file a TOC names (by name and line) and says where its sector data is; nullopt when
/// only the layout is wanted and the file is not at hand.
using TocFileResolver = std::function<std::optional<CueFileData>(const std::string& name, int line)>;

/// Lays a TOC out: track starts, pregaps (START/PREGAP), indices, lengths; extents for the data
/// statements (big-endian raw audio unless SWAP, WAVE files little-endian). Throws InputError
/// naming `source` and the line when a statement needs a file's size and the resolver has none,
/// when a FILE range is past its file's end, or when the result is not a valid disc.
CueLayout layout_toc(const TocSheet& sheet, const TocFileResolver& resolve, const std::string& source);

/// Reads a .toc file and the files it names (found as find_sheet_file does).
Image read_toc(const std::filesystem::path& path);

}  // namespace dw
