#include "rip/accuraterip_lookup.hpp"

namespace dw::rip {

namespace {

// A dBAR file is 13 bytes per submission plus 9 per track; even a disc with thousands of
// submissions stays far below this. A larger answer is not a dBAR file.
constexpr size_t kMaxResponseBytes = 16u << 20;

}  // namespace

std::string accuraterip_base_url() { return base_url_from_env("DW_ACCURATERIP_URL", kAccurateRipBaseUrl); }

AccurateRipLookup lookup_accuraterip(const AccurateRipIds& ids) {
  return lookup_database<AccurateRipEntry>(accuraterip_base_url() + ids.path(), kMaxResponseBytes, "a dBAR file",
                                           parse_accuraterip_response);
}

}  // namespace dw::rip
