// CD-Text parser: any bytes either parse or throw InputError; what parses must survive a
// build/parse round trip unchanged.
#include <cstdint>
#include <cstdlib>

#include "disc/cdtext.hpp"
#include "disc/error.hpp"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  dw::CdText parsed;
  try {
    dw::CdTextParseReport report;
    parsed = dw::parse_cdtext({data, size}, "fuzz", &report);
  } catch (const dw::InputError&) {
    return 0;
  }
  std::vector<dw::CdTextPack> packs;
  try {
    packs = dw::build_cdtext_packs(parsed);
  } catch (const dw::ModelError&) {
    return 0;  // e.g. text for tracks outside the size info's range, or more than 256 packs
  }
  const dw::CdText again = dw::parse_cdtext(dw::cdtext_bytes(packs), "rebuilt");
  if (!(again == parsed)) std::abort();
  return 0;
}
