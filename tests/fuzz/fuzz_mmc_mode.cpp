// MODE SENSE(10) responses and the pages found in them (01, 05, 2A); page 05 is rebuilt.
#include <cstddef>
#include <cstdint>

#include "disc/error.hpp"
#include "scsi/mmc_mode.hpp"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  const std::span<const uint8_t> in(data, size);
  try {
    auto m = dw::scsi::parse_mode_sense10(in);
    for (const auto& p : m.pages) {
      try {
        if (p.code == 0x01) (void)dw::scsi::parse_read_error_recovery_page(p.bytes);
        if (p.code == 0x2A) (void)dw::scsi::parse_capabilities_page(p.bytes);
        if (p.code == 0x05) {
          auto w = dw::scsi::parse_write_parameters_page(p.bytes);
          if (w.mcn.size() == 13 && w.isrc.size() == 12) (void)dw::scsi::build_write_parameters_page(w);
        }
      } catch (const dw::InputError&) {
      }
    }
  } catch (const dw::InputError&) {
  }
  // The pages on their own, as a caller holding page bytes would pass them.
  try {
    (void)dw::scsi::parse_capabilities_page(in);
  } catch (const dw::InputError&) {
  }
  try {
    (void)dw::scsi::parse_write_parameters_page(in);
  } catch (const dw::InputError&) {
  }
  return 0;
}
