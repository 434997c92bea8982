// INQUIRY: standard data and the unit serial number page. Facts: reference/mmc.md (vendor 8,
// product 16, revision 4 at bytes 8/16/32; peripheral type 5 = CD/DVD), SPC-3.
#pragma once

#include <cstdint>
#include <span>
#include <string>

namespace dw::scsi {

struct Inquiry {
  uint8_t peripheral_qualifier = 0;       ///< byte 0 bits 7-5 (0 = connected)
  uint8_t peripheral_type = 0;            ///< byte 0 bits 4-0; 5 = CD/DVD device
  bool removable = false;                 ///< RMB, byte 1 bit 7
  uint8_t version = 0;                    ///< byte 2 (0 for most ATAPI drives)
  uint8_t response_format = 0;            ///< byte 3 bits 3-0
  uint8_t additional_length = 0;          ///< byte 4
  std::string vendor, product, revision;  ///< trailing spaces and NULs removed
  /// The drive announced more than was received (normal: it was asked for 36 bytes).
  bool truncated = false;
};

/// Parses standard INQUIRY data. Needs the 5-byte header; the identification strings are taken
/// as far as both the received bytes and the additional length reach (old drives send fewer than
/// 36 bytes, and a drive asked for 36 bytes sends 36 while announcing 96). Throws dw::InputError
/// ("INQUIRY response") for fewer than 5 bytes.
Inquiry parse_inquiry(std::span<const uint8_t> response);

/// Parses VPD page 0x80 (unit serial number): byte 1 page code, 2-3 page length, then the
/// serial in ASCII, returned without surrounding spaces. Throws dw::InputError for another page,
/// a short response or a page length beyond the data.
std::string parse_unit_serial_number(std::span<const uint8_t> response);

}  // namespace dw::scsi
