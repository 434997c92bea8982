// INQUIRY data from a drive: standard data and VPD 80h must parse or throw InputError.
#include <cstddef>
#include <cstdint>

#include "disc/error.hpp"
#include "scsi/mmc_inquiry.hpp"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  const std::span<const uint8_t> in(data, size);
  try {
    (void)dw::scsi::parse_inquiry(in);
  } catch (const dw::InputError&) {
  }
  try {
    (void)dw::scsi::parse_unit_serial_number(in);
  } catch (const dw::InputError&) {
  }
  return 0;
}
