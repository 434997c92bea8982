// The CUETools database (CTDB) query: ask lookup2.php for the entries of the disc's TOC over
// HTTP (libcurl) and parse the XML answer, as a value (database_lookup.hpp).
#pragma once

#include <string>

#include "checksum/ctdb.hpp"
#include "rip/database_lookup.hpp"

namespace dw::rip {

inline constexpr const char* kCtdbBaseUrl = "http://db.cuetools.net/";

/// Found: the answer lists entries for the TOC; NotInDatabase: HTTP 404 or an answer without
/// entries; Failed: no answer, another HTTP status, or XML that is not a CTDB answer.
using CtdbLookup = DatabaseLookup<CtdbEntry>;

/// The database's base URL: DW_CTDB_URL when set and not empty, else kCtdbBaseUrl; always
/// ending in '/'.
std::string ctdb_base_url();

/// base + "lookup2.php?version=3&ctdb=1&fuzzy=0&metadata=none&toc=" + toc: CUETools' query
/// (version 3 answers carry trackcrcs), entries of exactly this TOC, no metadata.
std::string ctdb_lookup_url(const std::string& toc);

/// GETs ctdb_lookup_url(toc) with http_get (connect timeout 10 s, whole transfer 30 s, redirects
/// followed) and parses the body with parse_ctdb_response. Never throws for network, HTTP or
/// format problems: they come back as Status::Failed with `error` saying which.
CtdbLookup lookup_ctdb(const std::string& toc);

}  // namespace dw::rip
