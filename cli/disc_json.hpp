// The disc model as JSON and as text, shared by `info`, `verify` and `convert` output.
#pragma once

#include <nlohmann/json.hpp>
#include <string>

#include "disc/disc.hpp"

namespace dw::cli {

/// "audio", "mode1", "mode2", "mode2_xa", "cdi", "mode0".
const char* track_type_name(TrackMode mode);

/// CD-Text as {"blocks": [{"language", "character_code", "disc": {field: text}, "tracks": {"N": {...}}}]};
/// text is converted to UTF-8 (ISO 8859-1 blocks) so the JSON is always valid.
nlohmann::json cdtext_json(const CdText& text);

/// The documented `info --json` keys: sessions, leadout, catalog, tracks[{number, session, type,
/// start, pregap_start, end, indices, flags, isrc}], cdtext; plus per-session lead-outs.
nlohmann::json disc_json(const Disc& disc);

/// Bytes of a CD-Text or sheet string as UTF-8: kept when already valid (RFC 3629: no overlong
/// forms or surrogates), else read as ISO 8859-1.
std::string to_utf8(const std::string& bytes);

}  // namespace dw::cli
