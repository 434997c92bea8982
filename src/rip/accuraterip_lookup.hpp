// The AccurateRip database query: fetch the disc's dBAR file over HTTP (libcurl) and parse it,
// as a value (database_lookup.hpp).
#pragma once

#include <string>

#include "checksum/accuraterip.hpp"
#include "checksum/disc_ids.hpp"
#include "rip/database_lookup.hpp"

namespace dw::rip {

inline constexpr const char* kAccurateRipBaseUrl = "http://www.accuraterip.com/accuraterip/";

/// Found: the dBAR file was fetched and parsed; NotInDatabase: HTTP 404 (no submission for these
/// disc ids); Failed: no answer, another HTTP status, or a malformed file.
using AccurateRipLookup = DatabaseLookup<AccurateRipEntry>;

/// The database's base URL: DW_ACCURATERIP_URL when set and not empty, else kAccurateRipBaseUrl;
/// always ending in '/'.
std::string accuraterip_base_url();

/// GETs base + ids.path() with http_get (connect timeout 10 s, whole transfer 30 s, redirects
/// followed) and parses the body with parse_accuraterip_response. Never throws for network,
/// HTTP or format problems: they come back as Status::Failed with `error` saying which.
AccurateRipLookup lookup_accuraterip(const AccurateRipIds& ids);

}  // namespace dw::rip
