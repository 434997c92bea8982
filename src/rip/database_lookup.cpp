#include "rip/database_lookup.hpp"

#include <curl/curl.h>
#include <fmt/format.h>

#include <cstdlib>
#include <memory>
#include <mutex>

namespace dw::rip {

namespace {

struct Body {
  std::vector<uint8_t> bytes;
  size_t max = 0;
  bool too_large = false;
};

size_t on_body(char* data, size_t size, size_t count, void* user) {
  auto* body = static_cast<Body*>(user);
  const size_t n = size * count;
  if (body->bytes.size() + n > body->max) {
    body->too_large = true;
    return 0;  // makes curl stop with CURLE_WRITE_ERROR
  }
  body->bytes.insert(body->bytes.end(), reinterpret_cast<uint8_t*>(data), reinterpret_cast<uint8_t*>(data) + n);
  return n;
}

void global_init() {
  static std::once_flag once;
  std::call_once(once, [] { curl_global_init(CURL_GLOBAL_DEFAULT); });
}

}  // namespace

HttpAnswer http_get(const std::string& url, size_t max_bytes, const std::string& what) {
  HttpAnswer a;
  global_init();
  std::unique_ptr<CURL, void (*)(CURL*)> curl(curl_easy_init(), curl_easy_cleanup);
  if (!curl) {
    a.error = "libcurl could not start a transfer";
    return a;
  }
  Body body;
  body.max = max_bytes;
  char message[CURL_ERROR_SIZE] = {};
  CURL* c = curl.get();
  curl_easy_setopt(c, CURLOPT_URL, url.c_str());
  curl_easy_setopt(c, CURLOPT_ERRORBUFFER, message);
  curl_easy_setopt(c, CURLOPT_WRITEFUNCTION, on_body);
  curl_easy_setopt(c, CURLOPT_WRITEDATA, &body);
  curl_easy_setopt(c, CURLOPT_CONNECTTIMEOUT, kHttpConnectTimeoutS);
  curl_easy_setopt(c, CURLOPT_TIMEOUT, kHttpTotalTimeoutS);
  curl_easy_setopt(c, CURLOPT_FOLLOWLOCATION, 1L);
  curl_easy_setopt(c, CURLOPT_MAXREDIRS, 5L);
  // Only HTTP(S), for the URL and for every redirect: a database answer (or a hostile server)
  // must not send the transfer to a local file or another protocol.
  if (curl_easy_setopt(c, CURLOPT_PROTOCOLS_STR, "http,https") != CURLE_OK ||
      curl_easy_setopt(c, CURLOPT_REDIR_PROTOCOLS_STR, "http,https") != CURLE_OK) {
    a.error = url + ": libcurl cannot restrict the transfer to HTTP and HTTPS; not fetched";
    return a;
  }
  curl_easy_setopt(c, CURLOPT_NOSIGNAL, 1L);
  curl_easy_setopt(c, CURLOPT_USERAGENT, "discwright");
  const CURLcode rc = curl_easy_perform(c);
  if (rc != CURLE_OK) {
    if (body.too_large)
      a.error = fmt::format("{}: the answer is larger than {} bytes, not {}", url, max_bytes, what);
    else
      a.error = fmt::format("{}: {}", url, message[0] ? message : curl_easy_strerror(rc));
    return a;
  }
  curl_easy_getinfo(c, CURLINFO_RESPONSE_CODE, &a.status);
  a.transferred = true;
  a.body = std::move(body.bytes);
  return a;
}

std::string base_url_from_env(const char* variable, const char* fallback) {
  const char* env = std::getenv(variable);
  std::string base = env && *env ? env : fallback;
  if (base.back() != '/') base += '/';
  return base;
}

}  // namespace dw::rip
