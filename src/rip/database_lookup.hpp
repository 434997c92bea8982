// What the database lookups (AccurateRip, CTDB) share: one HTTP GET with libcurl (the same
// timeouts and redirect policy for both), the base URL from the environment, and the answer as a
// value: a disc the database does not know and a network that is down are things a rip reports,
// not reasons to fail it.
#pragma once

#include <cstddef>
#include <cstdint>
#include <span>
#include <string>
#include <vector>

#include "disc/error.hpp"

namespace dw::rip {

inline constexpr long kHttpConnectTimeoutS = 10;
inline constexpr long kHttpTotalTimeoutS = 30;

struct HttpAnswer {
  bool transferred = false;   ///< an HTTP answer came (any status); else `error` says why not
  long status = 0;            ///< the HTTP status when transferred
  std::vector<uint8_t> body;  ///< the body when transferred
  std::string error;          ///< not transferred: "URL: curl's reason" or the size limit
};

/// GETs `url` (connect timeout 10 s, whole transfer 30 s, up to 5 redirects followed, HTTP and
/// HTTPS only for the URL and its redirects, user agent "discwright"). A body longer than `max_bytes` stops the
/// transfer: the error then says "the answer is larger than MAX bytes, not WHAT".
HttpAnswer http_get(const std::string& url, size_t max_bytes, const std::string& what);

/// The environment variable `variable` when set and not empty (tests point it at a local
/// server), else `fallback`; always ending in '/'.
std::string base_url_from_env(const char* variable, const char* fallback);

/// A database's answer for one disc.
template <typename Entry>
struct DatabaseLookup {
  enum class Status : uint8_t {
    Found,          ///< the answer was fetched and parsed: `entries`
    NotInDatabase,  ///< HTTP 404, or an answer without entries: the database does not know the disc
    Failed,         ///< no answer, another HTTP status, or a malformed answer: `error`
  };
  Status status = Status::Failed;
  std::string url;  ///< what was asked
  std::vector<Entry> entries;
  std::string error;  ///< Failed: the curl error, the HTTP status or the parse error, in words
};

/// GETs `url` with http_get and parses a 200 answer with `parse(body, url)`, which throws
/// InputError for a malformed one. Never throws for network, HTTP or format problems.
template <typename Entry, typename Parse>
DatabaseLookup<Entry> lookup_database(std::string url, size_t max_bytes, const std::string& what, Parse parse) {
  DatabaseLookup<Entry> r;
  r.url = std::move(url);
  HttpAnswer a = http_get(r.url, max_bytes, what);
  if (!a.transferred) {
    r.error = a.error;
  } else if (a.status == 404) {
    r.status = DatabaseLookup<Entry>::Status::NotInDatabase;
  } else if (a.status != 200) {
    r.error = r.url + ": HTTP status " + std::to_string(a.status);
  } else {
    try {
      r.entries = parse(std::span<const uint8_t>(a.body), r.url);
      r.status =
          r.entries.empty() ? DatabaseLookup<Entry>::Status::NotInDatabase : DatabaseLookup<Entry>::Status::Found;
    } catch (const InputError& e) {
      r.error = e.what();
    }
  }
  return r;
}

}  // namespace dw::rip
