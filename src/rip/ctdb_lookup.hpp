// The CUETools database (CTDB) query: ask lookup2.php for the entries of the disc's TOC over
// HTTP (libcurl, through http_get) and parse the XML answer. Like the AccurateRip lookup, the
// answer is a value: a disc the database does not know and a network that is down are things a
// rip reports, not reasons to fail it.
#pragma once

#include <cstdint>
#include <string>
#include <vector>

#include "checksum/ctdb.hpp"

namespace dw::rip {

inline constexpr const char* kCtdbBaseUrl = "http://db.cuetools.net/";

struct CtdbLookup {
  enum class Status : uint8_t {
    Found,          ///< the answer lists entries for the TOC: `entries`
    NotInDatabase,  ///< HTTP 404, or an answer without entries
    Failed,         ///< no answer, another HTTP status, or XML that is not a CTDB answer: `error`
  };
  Status status = Status::Failed;
  std::string url;  ///< what was asked
  std::vector<CtdbEntry> entries;
  std::string error;  ///< Failed: the curl error, the HTTP status or the parse error, in words
};

/// The database's base URL: the environment variable DW_CTDB_URL when set and not empty (tests
/// point it at a local server), else kCtdbBaseUrl; always ending in '/'.
std::string ctdb_base_url();

/// base + "lookup2.php?version=3&ctdb=1&fuzzy=0&metadata=none&toc=" + toc: CUETools' query
/// (version 3 answers carry trackcrcs), entries of exactly this TOC, no metadata.
std::string ctdb_lookup_url(const std::string& toc);

/// GETs ctdb_lookup_url(toc) with http_get (connect timeout 10 s, whole transfer 30 s, redirects
/// followed) and parses the body with parse_ctdb_response. Never throws for network, HTTP or
/// format problems: they come back as Status::Failed with `error` saying which.
CtdbLookup lookup_ctdb(const std::string& toc);

}  // namespace dw::rip
