// Fault files and virtual: device names are user input: any text must parse or fail cleanly.
#include <cstddef>
#include <cstdint>
#include <string>

#include "disc/error.hpp"
#include "scsi/virtual/faults.hpp"
#include "scsi/virtual/virtual_spec.hpp"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  const std::string text(reinterpret_cast<const char*>(data), size);
  try {
    (void)dw::vdrive::parse_faults(text, "fuzz.json");
  } catch (const dw::InputError&) {
  }
  try {
    (void)dw::vdrive::parse_virtual_spec("virtual:" + text);
  } catch (const dw::vdrive::SpecError&) {
  }
  return 0;
}
