// Conversion rules: what a target format cannot keep of a source. `convert` refuses a lossy
// conversion unless the user accepts it, and lists these.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "disc/sector_source.hpp"
#include "formats/loss.hpp"

namespace dw {

/// What writing `source` as `format` ("cue", "cue-single", "ccd", "nrg", "iso", "flac", "wav")
/// would lose, each with its kind and one sentence; empty when lossless. Any format loses the bytes at the end of a
/// file that do not fill a sector (see partial_sectors). Audio files lose data tracks, CD-Text the
/// sheet cannot hold and the sectors before LBA 0. `track` is the ISO track chosen with --track. Reads the
/// source's sector states (and, for ISO of an XA track, its subheaders). Throws InputError for
/// an unknown format or an ISO of a disc without a fitting data track.
std::vector<Loss> conversion_losses(SectorSource& source, std::string_view format,
                                    std::optional<uint8_t> track = std::nullopt);

/// Sectors whose stored subchannel differs from the one synthesised from the TOC (0 when the
/// source has none: then nothing is lost by not keeping it).
uint64_t subchannel_beyond_toc(SectorSource& source);

/// Sectors marked unreadable or C2-damaged (only dumps carry such marks).
uint64_t damaged_sectors(SectorSource& source);

}  // namespace dw
