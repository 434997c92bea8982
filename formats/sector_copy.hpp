// Reading any LBA range from a source for a writer: the part the source holds is read, the rest
// (e.g. the first pregap, which cue sources do not hold) is silence, with subchannel synthesised
// from the disc when asked for.
#pragma once

#include <cstdint>
#include <span>

#include "disc/sector.hpp"
#include "disc/sector_source.hpp"
#include "disc/subchannel_synth.hpp"
#include "formats/extent_source.hpp"

namespace dw {

/// Fills `main` (count * 2352 bytes, may be empty) and `sub` (count * 96, may be empty) for
/// `count` sectors from `first`. Sectors outside the source are `fill`: silence for Audio, else
/// an empty sector of that kind (as a drive reads a data track's pregap). `synth` makes their
/// subchannel (it must cover them when `sub` is not empty). `states` (empty, or `count`
/// entries) receives the source's states, and kGapGenerated for the sectors outside it.
void read_padded(SectorSource& source, Lba first, uint32_t count, std::span<uint8_t> main, std::span<uint8_t> sub,
                 const SubchannelSynthesizer* synth, SectorKind fill = SectorKind::Audio,
                 std::span<SectorState> states = {});

/// Where `source` stores the main channel of [first, first + count) verbatim in a file (see
/// ExtentSectorSource::stored_run, its count clipped to the source), so a writer can have the
/// kernel copy it; nullopt when the source builds those bytes or is not read from image files.
std::optional<StoredRun> stored_main(const SectorSource& source, Lba first, uint32_t count);

/// An empty sector of `kind` at `lba` (silence for Audio; zero user data with sync, header,
/// subheader 00 00 08 00 or 00 00 20 00, EDC and ECC for data).
void empty_sector(SectorKind kind, Lba lba, std::span<uint8_t, 2352> out);

/// The kind of empty sector a track's unstored gaps hold: silence for audio, Mode 1, Form 2 for
/// XA and CD-i, Mode 0, Mode 2 formless.
SectorKind gap_kind(TrackMode mode);

}  // namespace dw
