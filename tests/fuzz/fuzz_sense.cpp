// Sense data from a drive: any bytes must decode without reading out of bounds.
#include <cstddef>
#include <cstdint>

#include "scsi/sense.hpp"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  auto s = dw::scsi::parse_sense({data, size});
  (void)dw::scsi::describe(s);
  (void)dw::scsi::reaction(dw::scsi::classify(s));
  return 0;
}
