#include "scsi/mmc_inquiry.hpp"

#include <algorithm>

#include "scsi/be.hpp"

namespace dw::scsi {

Inquiry parse_inquiry(std::span<const uint8_t> response) {
  const be::Reader r(response, "INQUIRY response");
  r.need(0, 5, "the INQUIRY header");
  Inquiry q;
  q.peripheral_qualifier = static_cast<uint8_t>(r.u8(0) >> 5);
  q.peripheral_type = r.u8(0) & 0x1F;
  q.removable = (r.u8(1) & 0x80) != 0;
  q.version = r.u8(2);
  q.response_format = r.u8(3) & 0x0F;
  q.additional_length = r.u8(4);
  const size_t announced = size_t{q.additional_length} + 5;
  q.truncated = announced > response.size();
  // Fields are read up to the smaller of what came and what was announced: bytes past the
  // announced length are padding of the allocation, not data.
  const size_t end = std::min(announced, response.size());
  auto field = [&](size_t at, size_t len) -> std::string {
    if (at >= end) return {};
    return be::trimmed_ascii(response.subspan(at, std::min(len, end - at)));
  };
  q.vendor = field(8, 8);
  q.product = field(16, 16);
  q.revision = field(32, 4);
  return q;
}

std::string parse_unit_serial_number(std::span<const uint8_t> response) {
  const be::Reader r(response, "INQUIRY VPD 80h response");
  r.need(0, 4, "the VPD page header");
  if (r.u8(1) != 0x80) r.fail("page code is " + std::to_string(r.u8(1)) + ", not 0x80 (unit serial number)", 1);
  const size_t length = r.u16(2);
  if (length + 4 > response.size())
    r.fail("page length " + std::to_string(length) + " exceeds the " + std::to_string(response.size() - 4) +
               " bytes received",
           2);
  const std::string s = be::trimmed_ascii(response.subspan(4, length));
  return s;
}

}  // namespace dw::scsi
