// CloneCD images: .ccd (control file) + .img (2352-byte sectors from LBA 0, session gaps
// included) + optional .sub (96 bytes of linear P-W per sector). The format closest to
// "everything": the whole full TOC, CD-Text packs and the real subchannel.
#pragma once

#include <array>
#include <filesystem>
#include <functional>
#include <string>
#include <vector>

#include "disc/sector_source.hpp"
#include "formats/ccd_sheet.hpp"
#include "formats/image.hpp"

namespace dw {

/// The disc a parsed .ccd describes (full TOC, then [TRACK] modes, indices and ISRC, CATALOG,
/// CD-Text). Throws InputError naming `source` when the entries do not form a valid full TOC or
/// a [TRACK] has no entry.
Disc ccd_disc(const CcdSheet& sheet, const std::string& source);

/// Reads a CloneCD image given any of its three files (.ccd, .img, .sub): the others are found
/// beside it. A missing .sub means synthesised subchannel; DataTracksScrambled=1 data tracks are
/// descrambled on read. Throws InputError for a missing .ccd/.img or an .img shorter than the TOC.
Image read_ccd(const std::filesystem::path& path);

/// The control file text for `disc` (every full-TOC descriptor, tracks, CD-Text packs).
std::string make_ccd(const Disc& disc);

/// The three files of a CloneCD image named by its control file: `ccd_path`, then the same
/// stem with ".img" and ".sub".
std::array<std::filesystem::path, 3> ccd_file_set(const std::filesystem::path& ccd_path);

/// Writes "<stem>.ccd", ".img" (LBA 0 to the last lead-out) and ".sub" (the source's subchannel,
/// or synthesised when it has none). Files are written under temporary names and renamed when
/// complete; existing files are refused unless `force`. Returns the files written.
std::vector<std::filesystem::path> write_ccd(SectorSource& source, const std::filesystem::path& ccd_path, bool force,
                                             const std::function<void(uint64_t, uint64_t)>& progress = {});

}  // namespace dw
