// The AccurateRip database query: fetch the disc's dBAR file over HTTP (libcurl) and parse it.
// The answer is a value, not an exception: a disc the database does not know and a network that
// is down are things a rip reports, not reasons to fail it.
#pragma once

#include <cstdint>
#include <string>
#include <vector>

#include "checksum/accuraterip.hpp"
#include "checksum/disc_ids.hpp"

namespace dw::rip {

inline constexpr const char* kAccurateRipBaseUrl = "http://www.accuraterip.com/accuraterip/";

struct AccurateRipLookup {
  enum class Status : uint8_t {
    Found,          ///< the dBAR file was fetched and parsed: `entries`
    NotInDatabase,  ///< HTTP 404: the database has no submission for these disc ids
    Failed,         ///< no answer, another HTTP status, or a malformed file: `error`
  };
  Status status = Status::Failed;
  std::string url;  ///< what was asked
  std::vector<AccurateRipEntry> entries;
  std::string error;  ///< Failed: the curl error, the HTTP status or the parse error, in words
};

/// The database's base URL: the environment variable DW_ACCURATERIP_URL when set and not empty
/// (tests point it at a local server), else kAccurateRipBaseUrl; always ending in '/'.
std::string accuraterip_base_url();

/// GETs base + ids.path() with http_get (connect timeout 10 s, whole transfer 30 s, redirects
/// followed) and parses the body with parse_accuraterip_response. Never throws for network, HTTP or format
/// problems: they come back as Status::Failed with `error` saying which.
AccurateRipLookup lookup_accuraterip(const AccurateRipIds& ids);

}  // namespace dw::rip
