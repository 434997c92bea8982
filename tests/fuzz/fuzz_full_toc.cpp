// Full-TOC parser: any bytes parse or throw InputError, under each encoding; what parses must
// build back, in the encoding it was read with, into bytes that parse to the same disc.
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
    const auto used = enc == dw::FullTocEncoding::Auto ? dw::detect_full_toc_encoding({data, size}) : enc;
    const auto bytes = dw::build_full_toc(disc, used);
    if (!(dw::parse_full_toc(bytes, "rebuilt", used) == disc)) std::abort();
  }
  return 0;
}
