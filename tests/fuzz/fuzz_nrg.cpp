// NRG chunk chains: any bytes (taken as a whole file: data area, chain, footer) give a valid
// Disc with extents inside the data area, or an InputError; nothing else, and no allocation
// driven by a size field (counts are checked against the chunk sizes first).
#include <cstdint>
#include <cstdlib>
#include <span>

#include "disc/error.hpp"
#include "formats/nrg_image.hpp"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  const std::span<const uint8_t> file(data, size);
  try {
    const uint64_t offset = dw::nrg_chain_offset(file.last(std::min<size_t>(size, 12)), size, "fuzz.nrg");
    if (offset >= size) std::abort();
    const dw::NrgLayout l = dw::parse_nrg(file.subspan(offset), offset, size, "fuzz.nrg");
    l.disc.validate();
    for (const auto& e : l.extents) {
      if (e.first < l.begin || e.first + static_cast<int64_t>(e.count) > l.end) std::abort();
      if (e.storage != dw::Storage::Generated && e.offset + uint64_t(e.count) * e.stride > offset) std::abort();
    }
  } catch (const dw::InputError&) {
  }
  return 0;
}
