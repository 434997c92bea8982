// Q decoder: any 12 bytes decode without crashing, and nothing is lost: re-encoding what was
// decoded gives back the same 10 data bytes (CRC recomputed), whatever the input.
#include <cstdint>
#include <cstdlib>
#include <cstring>

#include "disc/subq.hpp"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  for (size_t off = 0; off + 12 <= size; off += 12) {
    dw::QFrame f;
    std::memcpy(f.data(), data + off, 12);
    const dw::QDecoded d = dw::decode_q(f);
    const dw::QFrame back = dw::encode_q(d.content);
    if (std::memcmp(back.data(), f.data(), 10) != 0) std::abort();
    if (!dw::q_crc_ok(back)) std::abort();
    if (d.crc_ok != (std::memcmp(back.data() + 10, f.data() + 10, 2) == 0)) std::abort();
  }
  return 0;
}
