#include "rip/ctdb_lookup.hpp"

namespace dw::rip {

namespace {

// An entry is a few hundred bytes (its base64 syndrome the most); the database keeps a handful
// per TOC. A larger answer is not a lookup answer.
constexpr size_t kMaxResponseBytes = 4u << 20;

}  // namespace

std::string ctdb_base_url() { return base_url_from_env("DW_CTDB_URL", kCtdbBaseUrl); }

std::string ctdb_lookup_url(const std::string& toc) {
  return ctdb_base_url() + "lookup2.php?version=3&ctdb=1&fuzzy=0&metadata=none&toc=" + toc;
}

CtdbLookup lookup_ctdb(const std::string& toc) {
  return lookup_database<CtdbEntry>(ctdb_lookup_url(toc), kMaxResponseBytes, "a CTDB answer", parse_ctdb_response);
}

}  // namespace dw::rip
