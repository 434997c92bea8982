#include "rip/accuraterip_lookup.hpp"

#include <fmt/format.h>

#include <cstdlib>

#include "disc/error.hpp"
#include "rip/http_get.hpp"

namespace dw::rip {

namespace {

// A dBAR file is 13 bytes per submission plus 9 per track; even a disc with thousands of
// submissions stays far below this. A larger answer is not a dBAR file.
constexpr size_t kMaxResponseBytes = 16u << 20;

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
  HttpAnswer a = http_get(r.url, kMaxResponseBytes, "a dBAR file");
  if (!a.transferred) {
    r.error = a.error;
    return r;
  }
  if (a.status == 404) {
    r.status = AccurateRipLookup::Status::NotInDatabase;
    return r;
  }
  if (a.status != 200) {
    r.error = fmt::format("{}: HTTP status {}", r.url, a.status);
    return r;
  }
  try {
    r.entries = parse_accuraterip_response(a.body, r.url);
    r.status = AccurateRipLookup::Status::Found;
  } catch (const InputError& e) {
    r.error = e.what();
  }
  return r;
}

}  // namespace dw::rip
