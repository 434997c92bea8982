// Writing ISO images: the 2048 user bytes of one Mode 1 or Mode 2 Form 1 data track. Anything
// else on the disc (more tracks, audio, Form 2 sectors, subchannel) would be lost, so the writer
// refuses unless told which track to extract or that loss is accepted.
#pragma once

#include <cstdint>
#include <filesystem>
#include <functional>
#include <optional>
#include <string>
#include <vector>

#include "disc/sector_source.hpp"
#include "formats/loss.hpp"

namespace dw {

/// The data track an ISO of `disc` would hold: `track` when given (it must be a data track),
/// otherwise the only track. Throws InputError (naming the disc's content) when there is none.
const Track& iso_track(const Disc& disc, std::optional<uint8_t> track);

/// What an ISO of `source` loses: other tracks, subchannel from the source, and (when
/// `scan_forms`) Form 2 sectors of an XA track, found by reading its subheaders.
std::vector<Loss> iso_losses(SectorSource& source, std::optional<uint8_t> track);

/// Writes the user data of the chosen track from index 1 to its end (Mode 1: bytes 16..2063;
/// Mode 2 Form 1: 24..2071; a Form 2 sector contributes its first 2048 user bytes and is
/// counted in the return value). Returns the number of Form 2 sectors met.
uint64_t write_iso(SectorSource& source, const std::filesystem::path& path, std::optional<uint8_t> track, bool force,
                   const std::function<void(uint64_t, uint64_t)>& progress = {});

}  // namespace dw
