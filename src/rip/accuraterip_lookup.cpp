#include "rip/accuraterip_lookup.hpp"

#include <curl/curl.h>
#include <fmt/format.h>

#include <cstdlib>
#include <memory>
#include <mutex>

#include "disc/error.hpp"

namespace dw::rip {

namespace {

// A dBAR file is 13 bytes per submission plus 9 per track; even a disc with thousands of
// submissions stays far below this. A larger answer is not a dBAR file.
constexpr size_t kMaxResponseBytes = 16u << 20;

struct Body {
  std::vector<uint8_t> bytes;
  bool too_large = false;
};

size_t on_body(char* data, size_t size, size_t count, void* user) {
  auto* body = static_cast<Body*>(user);
  const size_t n = size * count;
  if (body->bytes.size() + n > kMaxResponseBytes) {
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

std::string accuraterip_base_url() {
  const char* env = std::getenv("DW_ACCURATERIP_URL");
  std::string base = env && *env ? env : kAccurateRipBaseUrl;
  if (base.back() != '/') base += '/';
  return base;
}

AccurateRipLookup lookup_accuraterip(const AccurateRipIds& ids) {
  AccurateRipLookup r;
  r.url = accuraterip_base_url() + ids.path();
  global_init();
  std::unique_ptr<CURL, void (*)(CURL*)> curl(curl_easy_init(), curl_easy_cleanup);
  if (!curl) {
    r.error = "libcurl could not start a transfer";
    return r;
  }
  Body body;
  char message[CURL_ERROR_SIZE] = {};
  CURL* c = curl.get();
  curl_easy_setopt(c, CURLOPT_URL, r.url.c_str());
  curl_easy_setopt(c, CURLOPT_ERRORBUFFER, message);
  curl_easy_setopt(c, CURLOPT_WRITEFUNCTION, on_body);
  curl_easy_setopt(c, CURLOPT_WRITEDATA, &body);
  curl_easy_setopt(c, CURLOPT_CONNECTTIMEOUT, kAccurateRipConnectTimeoutS);
  curl_easy_setopt(c, CURLOPT_TIMEOUT, kAccurateRipTotalTimeoutS);
  curl_easy_setopt(c, CURLOPT_FOLLOWLOCATION, 1L);
  curl_easy_setopt(c, CURLOPT_MAXREDIRS, 5L);
  curl_easy_setopt(c, CURLOPT_NOSIGNAL, 1L);
  curl_easy_setopt(c, CURLOPT_USERAGENT, "discwright");
  const CURLcode rc = curl_easy_perform(c);
  if (rc != CURLE_OK) {
    if (body.too_large)
      r.error = fmt::format("{}: the answer is larger than {} bytes, not a dBAR file", r.url, kMaxResponseBytes);
    else
      r.error = fmt::format("{}: {}", r.url, message[0] ? message : curl_easy_strerror(rc));
    return r;
  }
  long status = 0;
  curl_easy_getinfo(c, CURLINFO_RESPONSE_CODE, &status);
  if (status == 404) {
    r.status = AccurateRipLookup::Status::NotInDatabase;
    return r;
  }
  if (status != 200) {
    r.error = fmt::format("{}: HTTP status {}", r.url, status);
    return r;
  }
  try {
    r.entries = parse_accuraterip_response(body.bytes, r.url);
    r.status = AccurateRipLookup::Status::Found;
  } catch (const InputError& e) {
    r.error = e.what();
  }
  return r;
}

}  // namespace dw::rip
