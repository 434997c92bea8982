// The audio verdict of a rip or split: AccurateRip and CTDB checksums, disc ids and, on request,
// the databases' verdicts (the AccurateRip offset checks included), logged and as JSON.
#pragma once

#include <nlohmann/json.hpp>
#include <string>

#include "checksum/audio_verify.hpp"
#include "disc/disc.hpp"
#include "disc/sector_source.hpp"
#include "rip/rip_log.hpp"

namespace dw::cli {

// Audio verification: AccurateRip v1/v2 and frame-450 checksums per audio track, the CTDB CRC,
// the CTDB TOC, the disc ids, with `query` the AccurateRip database's verdict per track and with
// `query_ctdb` the CUETools database's (verify_ctdb). Everything goes
// to the log; the JSON "audio" object is returned (null for a disc without audio), and `summary`
// gets a line for the terminal. A failed lookup is a warning, never a problem of the rip.
nlohmann::json verify_audio(const Disc& disc, const AudioChecksums& sums, SectorSource& audio_source, bool query,
                            bool query_ctdb, rip::RipLog& log, std::string& summary);

}  // namespace dw::cli
