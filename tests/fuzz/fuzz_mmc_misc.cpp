// The smaller responses: sub-channel, performance, event status, buffer capacity, disc
// structure, capacity. The first byte picks the parser.
#include <cstddef>
#include <cstdint>

#include "disc/error.hpp"
#include "scsi/mmc_misc.hpp"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  if (size == 0) return 0;
  const std::span<const uint8_t> in(data + 1, size - 1);
  try {
    switch (data[0] % 11) {
      case 0: (void)dw::scsi::parse_subchannel_position(in, false); break;
      case 1: (void)dw::scsi::parse_subchannel_position(in, true); break;
      case 2: (void)dw::scsi::parse_subchannel_mcn(in); break;
      case 3: (void)dw::scsi::parse_subchannel_isrc(in); break;
      case 4: (void)dw::scsi::parse_performance(in); break;
      case 5: (void)dw::scsi::parse_write_speeds(in); break;
      case 6: (void)dw::scsi::parse_media_event(in); break;
      case 7: (void)dw::scsi::parse_buffer_capacity(in); break;
      case 8: (void)dw::scsi::parse_dvd_physical_format(in); break;
      case 9: (void)dw::scsi::parse_dvd_copyright(in); break;
      default: (void)dw::scsi::parse_capacity(in); break;
    }
  } catch (const dw::InputError&) {
  }
  return 0;
}
