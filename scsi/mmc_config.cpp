#include "scsi/mmc_config.hpp"

#include <string>

#include "scsi/be.hpp"

namespace dw::scsi {

namespace {

bool bit(uint8_t byte, int n) { return (byte >> n & 1) != 0; }

// The decoded features have fixed layouts: one that is shorter is a drive (or parser) error, not
// a feature to half-trust.
void need_data(const be::Reader& r, const Feature& f, size_t needed, size_t offset) {
  if (f.data.size() < needed)
    r.fail("feature " + std::to_string(f.code) + " has " + std::to_string(f.data.size()) +
               " additional bytes, its layout needs " + std::to_string(needed),
           offset);
}

void decode(const be::Reader& r, const Feature& f, size_t offset, Configuration& c) {
  const auto& d = f.data;
  switch (f.code) {
    case 0x0000:
      if (d.size() % 4 != 0)
        r.fail("profile list length " + std::to_string(d.size()) + " is not a multiple of 4", offset + 3);
      for (size_t i = 0; i + 4 <= d.size(); i += 4)
        c.profiles.push_back({static_cast<uint16_t>(d[i] << 8 | d[i + 1]), bit(d[i + 2], 0)});
      break;
    case 0x001E:
      need_data(r, f, 1, offset);
      c.cd_read = CdReadFeature{bit(d[0], 7), bit(d[0], 1), bit(d[0], 0)};
      break;
    case 0x002D:
      need_data(r, f, 4, offset);
      c.cd_tao = CdTaoFeature{bit(d[0], 6),
                              bit(d[0], 4),
                              bit(d[0], 3),
                              bit(d[0], 2),
                              bit(d[0], 1),
                              bit(d[0], 0),
                              static_cast<uint16_t>(d[2] << 8 | d[3])};
      break;
    case 0x002E:
      need_data(r, f, 4, offset);
      c.cd_mastering = CdMasteringFeature{
          bit(d[0], 6), bit(d[0], 5), bit(d[0], 4), bit(d[0], 3),
          bit(d[0], 2), bit(d[0], 1), bit(d[0], 0), uint32_t{d[1]} << 16 | uint32_t{d[2]} << 8 | d[3]};
      break;
    case 0x002F:
      need_data(r, f, 1, offset);
      c.dvd_r_write = DvdRWriteFeature{bit(d[0], 6), bit(d[0], 3), bit(d[0], 2), bit(d[0], 1)};
      break;
    case 0x0107:
      need_data(r, f, 1, offset);
      c.real_time_streaming =
          RealTimeStreamingFeature{bit(d[0], 4), bit(d[0], 3), bit(d[0], 2), bit(d[0], 1), bit(d[0], 0)};
      break;
    default: break;
  }
}

}  // namespace

const Feature* Configuration::find(uint16_t code) const {
  for (const auto& f : features)
    if (f.code == code) return &f;
  return nullptr;
}

bool Configuration::has_profile(uint16_t number) const {
  for (const auto& p : profiles)
    if (p.number == number) return true;
  return false;
}

Configuration parse_configuration(std::span<const uint8_t> response) {
  const be::Reader r(response, "GET CONFIGURATION response");
  r.need(0, 8, "the feature header");
  Configuration c;
  c.data_length = r.u32(0);
  if (c.data_length < 4) r.fail("data length " + std::to_string(c.data_length) + " is shorter than the header", 0);
  c.current_profile = r.u16(6);
  const uint64_t announced = uint64_t{c.data_length} + 4;
  c.truncated = announced > response.size();
  const size_t end = c.truncated ? response.size() : static_cast<size_t>(announced);
  size_t at = 8;
  while (at < end) {
    if (end - at < 4) {
      if (c.truncated) break;
      r.fail("a feature header is cut by the end of the data", at);
    }
    Feature f;
    f.code = r.u16(at);
    const uint8_t flags = r.u8(at + 2);
    f.version = static_cast<uint8_t>(flags >> 2 & 0x0F);
    f.persistent = bit(flags, 1);
    f.current = bit(flags, 0);
    const size_t len = r.u8(at + 3);
    if (len > end - at - 4) {
      if (c.truncated) break;
      r.fail("feature " + std::to_string(f.code) + " additional length " + std::to_string(len) +
                 " runs past the end of the data",
             at + 3);
    }
    f.data.assign(response.begin() + static_cast<std::ptrdiff_t>(at + 4),
                  response.begin() + static_cast<std::ptrdiff_t>(at + 4 + len));
    decode(r, f, at, c);
    c.features.push_back(std::move(f));
    at += 4 + len;
  }
  return c;
}

const char* profile_name(uint16_t profile) {
  switch (profile) {
    case 0x0008: return "CD-ROM";
    case 0x0009: return "CD-R";
    case 0x000A: return "CD-RW";
    case 0x0010: return "DVD-ROM";
    case 0x0011: return "DVD-R";
    case 0x0012: return "DVD-RAM";
    case 0x0013: return "DVD-RW restricted overwrite";
    case 0x0014: return "DVD-RW sequential";
    case 0x0015: return "DVD-R DL";
    case 0x001A: return "DVD+RW";
    case 0x001B: return "DVD+R";
    case 0x002B: return "DVD+R DL";
    case 0x0040: return "BD-ROM";
    case 0x0041: return "BD-R";
    case 0x0043: return "BD-RE";
    default: return "unknown";
  }
}

}  // namespace dw::scsi
