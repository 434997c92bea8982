// identify_bytes: any head/tail/size combination gives an answer with a name and advice, never a
// crash or an out-of-bounds read (the size may lie about the buffers, as a truncated read can).
#include <cstdint>
#include <cstdlib>
#include <span>

#include "formats/identify.hpp"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  const std::span<const uint8_t> all(data, size);
  for (uint64_t claimed : {uint64_t{size}, uint64_t{size} * 2352, uint64_t{1474560}}) {
    const auto r =
        dw::identify_bytes(all.first(std::min(size, dw::kHeadBytes)), all.last(std::min(size, dw::kTailBytes)), claimed,
                           "fuzz.bin", dw::Siblings{size % 2 == 1, size % 3 == 1});
    if (r.name.empty() || r.advice.empty()) std::abort();
  }
  return 0;
}
