#include "rip/ctdb_lookup.hpp"

#include <fmt/format.h>

#include <cstdlib>

#include "disc/error.hpp"
#include "rip/http_get.hpp"

namespace dw::rip {

namespace {

// An entry is a few hundred bytes (its base64 syndrome the most); the database keeps a handful
// per TOC. A larger answer is not a lookup answer.
constexpr size_t kMaxResponseBytes = 4u << 20;

}  // namespace

std::string ctdb_base_url() {
  const char* env = std::getenv("DW_CTDB_URL");
  std::string base = env && *env ? env : kCtdbBaseUrl;
  if (base.back() != '/') base += '/';
  return base;
}

std::string ctdb_lookup_url(const std::string& toc) {
  return ctdb_base_url() + "lookup2.php?version=3&ctdb=1&fuzzy=0&metadata=none&toc=" + toc;
}

CtdbLookup lookup_ctdb(const std::string& toc) {
  CtdbLookup r;
  r.url = ctdb_lookup_url(toc);
  HttpAnswer a = http_get(r.url, kMaxResponseBytes, "a CTDB answer");
  if (!a.transferred) {
    r.error = a.error;
    return r;
  }
  if (a.status == 404) {
    r.status = CtdbLookup::Status::NotInDatabase;
    return r;
  }
  if (a.status != 200) {
    r.error = fmt::format("{}: HTTP status {}", r.url, a.status);
    return r;
  }
  try {
    r.entries = parse_ctdb_response(a.body, r.url);
    r.status = r.entries.empty() ? CtdbLookup::Status::NotInDatabase : CtdbLookup::Status::Found;
  } catch (const InputError& e) {
    r.error = e.what();
  }
  return r;
}

}  // namespace dw::rip
