// READ TOC/PMA/ATIP responses: the first byte picks the format, the rest is the response.
#include <cstddef>
#include <cstdint>
#include <stdexcept>

#include "disc/error.hpp"
#include "scsi/mmc_toc.hpp"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  if (size == 0) return 0;
  const std::span<const uint8_t> in(data + 1, size - 1);
  try {
    switch (data[0] % 8) {
      case 0: (void)dw::scsi::parse_toc(in, false); break;
      case 1: (void)dw::scsi::parse_toc(in, true); break;
      case 2: (void)dw::scsi::parse_session_info(in, data[0] & 0x80); break;
      case 3: (void)dw::scsi::parse_toc_full(in); break;
      case 4: (void)dw::scsi::parse_pma(in); break;
      case 5: (void)dw::scsi::parse_atip(in); break;
      case 6: (void)dw::scsi::parse_toc_cdtext(in); break;
      default: (void)dw::scsi::parse_toc_full(in, dw::FullTocEncoding::Auto); break;
    }
  } catch (const dw::InputError&) {
  } catch (const dw::ModelError&) {
  }
  return 0;
}
