#include "scsi/mmc_mode.hpp"

#include <stdexcept>

#include "scsi/be.hpp"

namespace dw::scsi {

namespace {

bool bit(uint8_t byte, int n) { return (byte >> n & 1) != 0; }

void check_page(const be::Reader& r, uint8_t code, size_t minimum) {
  r.need(0, 2, "the page header");
  if ((r.u8(0) & 0x3F) != code)
    r.fail("page code is " + std::to_string(r.u8(0) & 0x3F) + ", expected " + std::to_string(code), 0);
  const size_t length = r.u8(1);
  if (length + 2 > r.size())
    r.fail("page length " + std::to_string(length) + " exceeds the " + std::to_string(r.size() - 2) + " bytes given",
           1);
  if (length + 2 < minimum)
    r.fail("page length " + std::to_string(length) + " is shorter than the " + std::to_string(minimum - 2) +
               " bytes of its layout",
           1);
}

}  // namespace

const ModePage* ModeSense::find(uint8_t code) const {
  for (const auto& p : pages)
    if (p.code == code) return &p;
  return nullptr;
}

ModeSense parse_mode_sense10(std::span<const uint8_t> response) {
  const be::Reader all(response, "MODE SENSE response");
  all.need(0, 8, "the mode parameter header");
  const be::Reader r = all.with_length_field(2, 8);
  ModeSense m;
  m.mode_data_length = r.u16(0);
  m.medium_type = r.u8(2);
  m.device_specific = r.u8(3);
  m.block_descriptor_length = r.u16(6);
  size_t at = 8 + size_t{m.block_descriptor_length};
  if (at > r.size())
    r.fail("block descriptor length " + std::to_string(m.block_descriptor_length) + " runs past the mode data", 6);
  while (at < r.size()) {
    if (r.size() - at < 2) r.fail("a page header is cut by the end of the mode data", at);
    const uint8_t first = r.u8(at);
    // SPF pages (sub-pages) have a 2-byte length at 2-3; MMC pages use the short form.
    const bool spf = bit(first, 6);
    size_t total = 0;
    if (spf) {
      r.need(at, 4, "a sub-page header");
      total = 4 + size_t{r.u16(at + 2)};
    } else {
      total = 2 + size_t{r.u8(at + 1)};
    }
    if (total > r.size() - at)
      r.fail("page " + std::to_string(first & 0x3F) + " of " + std::to_string(total) + " bytes runs past the mode data",
             at);
    ModePage p;
    p.code = first & 0x3F;
    p.ps = bit(first, 7);
    p.offset = at;
    const auto bytes = r.bytes(at, total);
    p.bytes.assign(bytes.begin(), bytes.end());
    m.pages.push_back(std::move(p));
    at += total;
  }
  return m;
}

ReadErrorRecoveryPage parse_read_error_recovery_page(std::span<const uint8_t> page) {
  const be::Reader r(page, "mode page 01");
  check_page(r, 0x01, 4);
  return {r.u8(2), r.u8(3)};
}

WriteParametersPage parse_write_parameters_page(std::span<const uint8_t> page) {
  const be::Reader r(page, "mode page 05");
  check_page(r, 0x05, 52);
  WriteParametersPage w;
  w.ps = bit(r.u8(0), 7);
  w.page_length = r.u8(1);
  const uint8_t b2 = r.u8(2), b3 = r.u8(3);
  w.bufe = bit(b2, 6);
  w.ls_v = bit(b2, 5);
  w.test_write = bit(b2, 4);
  w.write_type = b2 & 0x0F;
  w.multisession = static_cast<uint8_t>(b3 >> 6);
  w.fp = bit(b3, 5);
  w.copy = bit(b3, 4);
  w.track_mode = b3 & 0x0F;
  w.data_block_type = r.u8(4) & 0x0F;
  w.link_size = r.u8(5);
  w.host_application_code = r.u8(7) & 0x3F;
  w.session_format = r.u8(8);
  w.packet_size = r.u32(10);
  w.audio_pause_length = r.u16(14);
  w.mcn_valid = bit(r.u8(16), 7);
  if (w.mcn_valid) w.mcn = be::trimmed_ascii(r.bytes(17, 13));
  w.isrc_valid = bit(r.u8(32), 7);
  if (w.isrc_valid) w.isrc = be::trimmed_ascii(r.bytes(33, 12));
  const auto sub = r.bytes(48, 4);
  w.subheader.assign(sub.begin(), sub.end());
  return w;
}

std::vector<uint8_t> build_write_parameters_page(const WriteParametersPage& w) {
  if (w.page_length < 0x32) throw std::invalid_argument("mode page 05: page length below 0x32");
  if (w.mcn_valid && w.mcn.size() != 13) throw std::invalid_argument("mode page 05: MCN must be 13 digits");
  if (w.isrc_valid && w.isrc.size() != 12) throw std::invalid_argument("mode page 05: ISRC must be 12 characters");
  if (w.subheader.size() != 4) throw std::invalid_argument("mode page 05: subheader must be 4 bytes");
  std::vector<uint8_t> p(size_t{w.page_length} + 2, 0);
  p[0] = 0x05;
  p[1] = w.page_length;
  p[2] = static_cast<uint8_t>((w.bufe ? 0x40 : 0) | (w.ls_v ? 0x20 : 0) | (w.test_write ? 0x10 : 0) |
                              (w.write_type & 0x0F));
  p[3] =
      static_cast<uint8_t>((w.multisession & 3) << 6 | (w.fp ? 0x20 : 0) | (w.copy ? 0x10 : 0) | (w.track_mode & 0x0F));
  p[4] = w.data_block_type & 0x0F;
  p[5] = w.link_size;
  p[7] = w.host_application_code & 0x3F;
  p[8] = w.session_format;
  be::put32(p, 10, w.packet_size);
  be::put16(p, 14, w.audio_pause_length);
  if (w.mcn_valid) {
    p[16] = 0x80;
    for (size_t i = 0; i < 13; ++i) p[17 + i] = static_cast<uint8_t>(w.mcn[i]);
  }
  if (w.isrc_valid) {
    p[32] = 0x80;
    for (size_t i = 0; i < 12; ++i) p[33 + i] = static_cast<uint8_t>(w.isrc[i]);
  }
  for (size_t i = 0; i < 4; ++i) p[48 + i] = w.subheader[i];
  return p;
}

std::vector<uint8_t> mode_select_parameters(std::span<const uint8_t> page) {
  std::vector<uint8_t> out(page.begin(), page.end());
  if (!out.empty()) out[0] &= 0x7F;  // PS is reserved in MODE SELECT
  out.insert(out.begin(), 8, uint8_t{0});
  return out;
}

CapabilitiesPage parse_capabilities_page(std::span<const uint8_t> page) {
  const be::Reader r(page, "mode page 2A");
  check_page(r, 0x2A, 6);
  CapabilitiesPage c;
  c.page_length = r.u8(1);
  const size_t n = size_t{c.page_length} + 2;
  const uint8_t b2 = r.u8(2), b3 = r.u8(3), b4 = r.u8(4), b5 = r.u8(5);
  c.read_cd_r = bit(b2, 0);
  c.read_cd_rw = bit(b2, 1);
  c.method2 = bit(b2, 2);
  c.read_dvd_rom = bit(b2, 3);
  c.read_dvd_r = bit(b2, 4);
  c.read_dvd_ram = bit(b2, 5);
  c.write_cd_r = bit(b3, 0);
  c.write_cd_rw = bit(b3, 1);
  c.test_write = bit(b3, 2);
  c.write_dvd_r = bit(b3, 4);
  c.write_dvd_ram = bit(b3, 5);
  c.audio_play = bit(b4, 0);
  c.mode2_form1 = bit(b4, 4);
  c.mode2_form2 = bit(b4, 5);
  c.multisession = bit(b4, 6);
  c.buf = bit(b4, 7);
  c.cdda_supported = bit(b5, 0);
  c.cdda_accurate = bit(b5, 1);
  c.rw_supported = bit(b5, 2);
  c.rw_deinterleaved = bit(b5, 3);
  c.c2_pointers = bit(b5, 4);
  c.isrc = bit(b5, 5);
  c.upc = bit(b5, 6);
  c.read_bar_code = bit(b5, 7);
  // Later bytes arrived with later MMC versions: read each only when the page holds it.
  auto u16_if = [&](size_t at) -> uint16_t { return at + 2 <= n ? r.u16(at) : 0; };
  if (n > 6) {
    const uint8_t b6 = r.u8(6);
    c.loading_mechanism = static_cast<uint8_t>(b6 >> 5);
    c.eject = bit(b6, 3);
    c.prevent_jumper = bit(b6, 2);
    c.lock_state = bit(b6, 1);
    c.lock = bit(b6, 0);
  }
  if (n > 7) c.rw_in_lead_in = bit(r.u8(7), 5);
  c.max_read_speed = u16_if(8);
  c.volume_levels = u16_if(10);
  c.buffer_size_kb = u16_if(12);
  c.current_read_speed = u16_if(14);
  c.max_write_speed = u16_if(18);
  c.current_write_speed = u16_if(20);
  c.copy_management_revision = u16_if(22);
  if (n > 27) c.rotation_control_selected = r.u8(27) & 0x03;
  c.current_write_speed_selected = u16_if(28);
  const uint16_t count = u16_if(30);
  if (count > 0) {
    if (32 + size_t{count} * 4 > n)
      r.fail(std::to_string(count) + " write speed descriptors do not fit in a page of " + std::to_string(n) + " bytes",
             30);
    for (size_t i = 0; i < count; ++i) {
      const size_t at = 32 + i * 4;
      c.write_speeds.push_back({static_cast<uint8_t>(r.u8(at + 1) & 0x07), r.u16(at + 2)});
    }
  }
  return c;
}

}  // namespace dw::scsi
