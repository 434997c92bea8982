// Full-TOC parser: any bytes parse or throw InputError, under each encoding; what parses must
// build back into bytes that parse to the same disc.
#include <cstdint>
#include <cstdlib>

#include "disc/error.hpp"
#include "disc/full_toc.hpp"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  for (auto enc : {dw::FullTocEncoding::Binary, dw::FullTocEncoding::Bcd, dw::FullTocEncoding::Auto}) {
    dw::Disc disc;
    try {
      disc = dw::parse_full_toc({data, size}, "fuzz", enc);
    } catch (const dw::InputError&) {
      continue;
    }
    const auto bytes = dw::build_full_toc(disc, dw::FullTocEncoding::Binary);
    if (!(dw::parse_full_toc(bytes, "rebuilt") == disc)) std::abort();
  }
  return 0;
}
