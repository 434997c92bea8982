// Writing Nero NRG v2 disc-at-once images: per session CUEX, DAOX and SINF, then CDTX, MTYP,
// END! and the NER5 footer. Sectors are raw 2352 bytes, or 2448 with the interleaved P-W when
// the source carries subchannel the TOC alone would not give. Facts: reference/image-formats.md.
#pragma once

#include <filesystem>
#include <functional>
#include <vector>

#include "disc/sector_source.hpp"

namespace dw {

/// Writes `source` as an NRG v2 image at `path` (temporary name, renamed when complete; refused
/// when it exists unless `force`). Each session's data runs from its first track's pregap
/// (LBA -150 for the first session) to its lead-out.
void write_nrg(SectorSource& source, const std::filesystem::path& path, bool force,
               const std::function<void(uint64_t, uint64_t)>& progress = {});

}  // namespace dw
