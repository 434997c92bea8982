#include "scsi/mmc_disc_info.hpp"

#include <algorithm>
#include <string>

#include "scsi/be.hpp"

namespace dw::scsi {

namespace {
bool bit(uint8_t byte, int n) { return (byte >> n & 1) != 0; }
}  // namespace

DiscInformation parse_disc_information(std::span<const uint8_t> response) {
  const be::Reader r(response, "READ DISC INFORMATION response");
  // Bytes 0-23, through the last possible lead-out, are what a host uses; a drive asked for
  // fewer bytes than it has (allocation length) sends a prefix with the full length field, as
  // real drives answer a 32-byte request (mmc_captures_disc_info_test.cpp).
  r.need(0, 24, "the standard disc information through the last possible lead-out");
  const size_t announced = size_t{r.u16(0)} + 2;
  if (announced < 32)
    r.fail("data length " + std::to_string(announced - 2) + " is shorter than the standard disc information (30)", 0);
  if ((r.u8(2) >> 5) != 0) r.fail("data type " + std::to_string(r.u8(2) >> 5) + " is not standard disc information", 2);
  DiscInformation d;
  const uint8_t b2 = r.u8(2), b7 = r.u8(7);
  d.erasable = bit(b2, 4);
  d.last_session_state = static_cast<SessionState>(b2 >> 2 & 3);
  d.status = static_cast<DiscStatus>(b2 & 3);
  d.first_track = r.u8(3);
  d.sessions = static_cast<uint16_t>(r.u8(9) << 8 | r.u8(4));
  d.first_track_last_session = static_cast<uint16_t>(r.u8(10) << 8 | r.u8(5));
  d.last_track_last_session = static_cast<uint16_t>(r.u8(11) << 8 | r.u8(6));
  d.dbc_valid = bit(b7, 6);
  d.uru = bit(b7, 5);
  d.dac_valid = bit(b7, 4);
  d.dbit = bit(b7, 2);
  d.bg_format_status = b7 & 3;
  d.disc_type = r.u8(8);
  if (bit(b7, 7)) d.disc_id = r.u32(12);
  d.last_session_lead_in = {r.u8(17), r.u8(18), r.u8(19)};
  d.last_possible_lead_out = {r.u8(21), r.u8(22), r.u8(23)};
  if (announced >= 34 && response.size() >= 34) d.opc_tables = r.u8(33);
  return d;
}

TrackInformation parse_track_information(std::span<const uint8_t> all) {
  const be::Reader r = be::Reader(all, "READ TRACK INFORMATION response").with_length_field_or_prefix(2, 28);
  TrackInformation t;
  const uint8_t b5 = r.u8(5), b6 = r.u8(6), b7 = r.u8(7);
  const bool msb = r.size() >= 34;  // track and session MSBs arrived with MMC-3
  t.track = static_cast<uint16_t>((msb ? r.u8(32) << 8 : 0) | r.u8(2));
  t.session = static_cast<uint16_t>((msb ? r.u8(33) << 8 : 0) | r.u8(3));
  t.damage = bit(b5, 5);
  t.copy = bit(b5, 4);
  t.track_mode = b5 & 0x0F;
  t.rt = bit(b6, 7);
  t.blank = bit(b6, 6);
  t.packet = bit(b6, 5);
  t.fixed_packet = bit(b6, 4);
  t.data_mode = b6 & 0x0F;
  t.start = r.u32(8);
  if (bit(b7, 0)) t.next_writable = r.u32(12);
  t.free_blocks = r.u32(16);
  t.fixed_packet_size = r.u32(20);
  t.size = r.u32(24);
  if (bit(b7, 1) && r.size() >= 32) t.last_recorded = r.u32(28);
  return t;
}

}  // namespace dw::scsi
