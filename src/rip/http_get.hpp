// One HTTP GET with libcurl, for the database lookups (AccurateRip, CTDB): the same timeouts and
// redirect policy for both, and an answer that is a value, never an exception.
#pragma once

#include <cstddef>
#include <cstdint>
#include <string>
#include <vector>

namespace dw::rip {

inline constexpr long kHttpConnectTimeoutS = 10;
inline constexpr long kHttpTotalTimeoutS = 30;

struct HttpAnswer {
  bool transferred = false;   ///< an HTTP answer came (any status); else `error` says why not
  long status = 0;            ///< the HTTP status when transferred
  std::vector<uint8_t> body;  ///< the body when transferred
  std::string error;          ///< not transferred: "URL: curl's reason" or the size limit
};

/// GETs `url` (connect timeout 10 s, whole transfer 30 s, up to 5 redirects followed, user agent
/// "discwright"). A body longer than `max_bytes` stops the transfer: the error then says "the
/// answer is larger than MAX bytes, not WHAT".
HttpAnswer http_get(const std::string& url, size_t max_bytes, const std::string& what);

}  // namespace dw::rip
