// READ DISC INFORMATION and READ TRACK INFORMATION responses.
#include <cstddef>
#include <cstdint>

#include "disc/error.hpp"
#include "scsi/mmc_disc_info.hpp"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  const std::span<const uint8_t> in(data, size);
  try {
    auto d = dw::scsi::parse_disc_information(in);
    (void)d.lead_in_lba();
  } catch (const dw::InputError&) {
  }
  try {
    (void)dw::scsi::parse_track_information(in);
  } catch (const dw::InputError&) {
  }
  return 0;
}
