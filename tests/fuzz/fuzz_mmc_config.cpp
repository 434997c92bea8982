// GET CONFIGURATION responses: any bytes parse or throw InputError.
#include <cstddef>
#include <cstdint>

#include "disc/error.hpp"
#include "scsi/mmc_config.hpp"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  try {
    auto c = dw::scsi::parse_configuration({data, size});
    (void)dw::scsi::profile_name(c.current_profile);
  } catch (const dw::InputError&) {
  }
  return 0;
}
