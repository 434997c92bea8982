// AccurateRip response parser: any bytes parse or throw InputError; parsed sizes add up.
#include <cstdint>
#include <cstdlib>

#include "checksum/accuraterip.hpp"
#include "disc/error.hpp"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  try {
    const auto entries = dw::parse_accuraterip_response({data, size}, "fuzz");
    size_t total = 0;
    for (const auto& e : entries) total += 13 + 9 * e.tracks.size();
    if (total != size) std::abort();
  } catch (const dw::InputError&) {
  }
  return 0;
}
