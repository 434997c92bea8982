#include "scsi/mmc_misc.hpp"

#include "scsi/be.hpp"

namespace dw::scsi {

namespace {

bool bit(uint8_t byte, int n) { return (byte >> n & 1) != 0; }

// READ SUB-CHANNEL: 4-byte header whose length (at 2-3) counts the data after it.
be::Reader subchannel(std::span<const uint8_t> response, size_t minimum, uint8_t format) {
  const be::Reader all(response, "READ SUB-CHANNEL response");
  all.need(0, 4, "the sub-channel header");
  const size_t announced = size_t{all.u16(2)} + 4;
  if (announced > response.size())
    all.fail("data length " + std::to_string(announced - 4) + " exceeds the " + std::to_string(response.size() - 4) +
                 " bytes received",
             2);
  if (announced < minimum)
    all.fail("data length " + std::to_string(announced - 4) + " is shorter than the " + std::to_string(minimum - 4) +
                 " bytes of format " + std::to_string(format),
             2);
  const be::Reader r(response.first(announced), "READ SUB-CHANNEL response");
  if (r.u8(4) != format)
    r.fail("format code is " + std::to_string(r.u8(4)) + ", expected " + std::to_string(format), 4);
  return r;
}

Lba address(const be::Reader& r, size_t at, bool msf, bool relative) {
  if (!msf) return r.s32(at);
  const Msf m{r.u8(at + 1), r.u8(at + 2), r.u8(at + 3)};
  if (!m.valid()) r.fail("MSF " + m.str() + " has seconds >= 60 or frames >= 75", at + 1);
  // The relative address is a duration within the track, the absolute one a disc position.
  if (relative) return m.frames();
  const auto lba = msf_to_lba(m);
  if (!lba) r.fail("MSF " + m.str() + " is no disc address", at + 1);
  return *lba;
}

}  // namespace

SubchannelPosition parse_subchannel_position(std::span<const uint8_t> response, bool msf) {
  const be::Reader r = subchannel(response, 16, 1);
  SubchannelPosition p;
  p.audio_status = r.u8(1);
  p.adr = static_cast<uint8_t>(r.u8(5) >> 4);
  p.control = r.u8(5) & 0x0F;
  p.track = r.u8(6);
  p.index = r.u8(7);
  p.absolute = address(r, 8, msf, false);
  p.relative = address(r, 12, msf, true);
  return p;
}

SubchannelCode parse_subchannel_mcn(std::span<const uint8_t> response) {
  const be::Reader r = subchannel(response, 24, 2);
  SubchannelCode c;
  c.valid = bit(r.u8(8), 7);
  if (c.valid) c.code = be::trimmed_ascii(r.bytes(9, 13));
  return c;
}

SubchannelCode parse_subchannel_isrc(std::span<const uint8_t> response) {
  const be::Reader r = subchannel(response, 24, 3);
  SubchannelCode c;
  c.adr = static_cast<uint8_t>(r.u8(5) >> 4);
  c.control = r.u8(5) & 0x0F;
  c.track = r.u8(6);
  c.valid = bit(r.u8(8), 7);
  if (c.valid) c.code = be::trimmed_ascii(r.bytes(9, 12));
  return c;
}

namespace {
// GET PERFORMANCE: 8-byte header, 4-byte length at 0 counting what follows it.
be::Reader performance(std::span<const uint8_t> response) {
  const be::Reader all(response, "GET PERFORMANCE response");
  all.need(0, 8, "the performance header");
  const be::Reader r = all.with_length_field(4, 8);
  if ((r.size() - 8) % 16 != 0)
    r.fail("data length " + std::to_string(r.size() - 4) + " leaves a partial 16-byte descriptor", 0);
  return r;
}
}  // namespace

Performance parse_performance(std::span<const uint8_t> response) {
  const be::Reader r = performance(response);
  Performance p;
  p.write = bit(r.u8(4), 1);
  p.except = bit(r.u8(4), 0);
  for (size_t at = 8; at < r.size(); at += 16)
    p.descriptors.push_back({r.u32(at), r.u32(at + 4), r.u32(at + 8), r.u32(at + 12)});
  return p;
}

std::vector<WriteSpeed> parse_write_speeds(std::span<const uint8_t> response) {
  const be::Reader r = performance(response);
  std::vector<WriteSpeed> out;
  for (size_t at = 8; at < r.size(); at += 16) {
    const uint8_t b = r.u8(at);
    out.push_back({static_cast<uint8_t>(b >> 3 & 3), bit(b, 2), bit(b, 1), bit(b, 0), r.u32(at + 4), r.u32(at + 8),
                   r.u32(at + 12)});
  }
  return out;
}

MediaEvent parse_media_event(std::span<const uint8_t> response) {
  const be::Reader all(response, "GET EVENT STATUS NOTIFICATION response");
  all.need(0, 4, "the event header");
  const be::Reader r = all.with_length_field(2, 4);
  MediaEvent e;
  e.no_event_available = bit(r.u8(2), 7);
  e.notification_class = r.u8(2) & 0x07;
  e.supported_classes = r.u8(3);
  if (e.no_event_available) return e;
  if (e.notification_class != 4)
    r.fail("notification class " + std::to_string(e.notification_class) + " is not media (4)", 2);
  r.need(4, 4, "the media event descriptor");
  e.event_code = r.u8(4) & 0x0F;
  e.media_present = bit(r.u8(5), 1);
  e.tray_open = bit(r.u8(5), 0);
  return e;
}

BufferCapacity parse_buffer_capacity(std::span<const uint8_t> response) {
  const be::Reader all(response, "READ BUFFER CAPACITY response");
  all.need(0, 12, "the buffer capacity data");
  const be::Reader r = all.with_length_field(2, 12);
  return {r.u32(4), r.u32(8)};
}

namespace {
be::Reader disc_structure(std::span<const uint8_t> response, size_t minimum) {
  const be::Reader all(response, "READ DISC STRUCTURE response");
  all.need(0, 4, "the structure header");
  return all.with_length_field(2, minimum);
}
}  // namespace

DvdPhysicalFormat parse_dvd_physical_format(std::span<const uint8_t> response) {
  const be::Reader r = disc_structure(response, 21);
  DvdPhysicalFormat f;
  f.book_type = static_cast<uint8_t>(r.u8(4) >> 4);
  f.part_version = r.u8(4) & 0x0F;
  f.disc_size = static_cast<uint8_t>(r.u8(5) >> 4);
  f.max_rate = r.u8(5) & 0x0F;
  f.layers = static_cast<uint8_t>((r.u8(6) >> 5 & 3) + 1);
  f.opposite_track_path = bit(r.u8(6), 4);
  f.layer_type = r.u8(6) & 0x0F;
  f.linear_density = static_cast<uint8_t>(r.u8(7) >> 4);
  f.track_density = r.u8(7) & 0x0F;
  f.data_start = r.u32(8) & 0x00FFFFFF;
  f.data_end = r.u32(12) & 0x00FFFFFF;
  f.layer0_end = r.u32(16) & 0x00FFFFFF;
  f.bca = bit(r.u8(20), 7);
  return f;
}

DvdCopyright parse_dvd_copyright(std::span<const uint8_t> response) {
  const be::Reader r = disc_structure(response, 6);
  return {r.u8(4), r.u8(5)};
}

Capacity parse_capacity(std::span<const uint8_t> response) {
  const be::Reader r(response, "READ CAPACITY response");
  r.need(0, 8, "the capacity data");
  return {r.u32(0), r.u32(4)};
}

}  // namespace dw::scsi
