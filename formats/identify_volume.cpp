// identify: ISO 9660 and UDF volume descriptors, in any sector layout. Facts: ECMA-119
// (volume descriptors from sector 16, PVD fields), El Torito 1.0 (boot record, boot catalog),
// Joliet (SVD escape sequences), ECMA-167 / OSTA UDF (recognition sequence, anchor at 256 or
// in the last sector, descriptor tags, dstrings).
#include <algorithm>
#include <cstring>

#include "disc/scrambler.hpp"
#include "disc/sector.hpp"
#include "disc/utf8.hpp"
#include "formats/identify_detail.hpp"

namespace dw::identify_detail {

namespace {

constexpr uint32_t kFirstDescriptor = 16;
constexpr uint32_t kMaxDescriptors = 64;  // a real sequence has a handful; stop runaway scans
constexpr uint32_t kUdfAnchor = 256;

// A UCS-2 / UTF-16 unit as UTF-8; a lone surrogate half is no character: '?'.
void append_ucs2(std::string& out, uint16_t unit) {
  append_utf8(out, unit >= 0xD800 && unit <= 0xDFFF ? U'?' : char32_t{unit});
}

std::string text_field(const uint8_t* p, size_t n) {
  return printable(std::string_view(reinterpret_cast<const char*>(p), n));
}

std::string ucs2_field(const uint8_t* p, size_t n) {
  std::string s;
  for (size_t i = 0; i + 1 < n; i += 2) append_ucs2(s, be16(p + i));
  return printable(s);
}

// OSTA compressed Unicode: byte 0 says 8 or 16 bits per character, the last byte of the field
// is the number of bytes used (counting byte 0).
std::string dstring(const uint8_t* p, size_t n) {
  const size_t used = p[n - 1];
  if (used < 2 || used > n - 1) return {};
  std::string s;
  if (p[0] == 8 || p[0] == 254) {
    for (size_t i = 1; i < used; ++i) append_utf8(s, p[i]);
  } else if (p[0] == 16 || p[0] == 255) {
    for (size_t i = 1; i + 1 < used; i += 2) append_ucs2(s, be16(p + i));
  }
  return printable(s);
}

// An ECMA-167 descriptor tag: its id when the checksum holds and it says it is at `sector`.
std::optional<uint16_t> udf_tag(const std::array<uint8_t, 2048>& d, uint32_t sector) {
  uint8_t sum = 0;
  for (size_t i = 0; i < 16; ++i)
    if (i != 4) sum = static_cast<uint8_t>(sum + d[i]);
  if (sum != d[4] || le32(d.data() + 12) != sector) return std::nullopt;
  return le16(d.data());
}

std::string hex8(uint8_t v) { return hex_bytes(std::span<const uint8_t>(&v, 1), 1); }

std::string platform_name(uint8_t p) {
  switch (p) {
    case 0x00: return "x86";
    case 0x01: return "PowerPC";
    case 0x02: return "Mac";
    case 0xEF: return "EFI";
    default: return "platform 0x" + hex8(p);
  }
}

std::string boot_entry(uint8_t platform, const uint8_t* e) {
  static constexpr const char* kMedia[] = {"no emulation", "1.2 MB floppy", "1.44 MB floppy", "2.88 MB floppy",
                                           "hard disk"};
  const uint8_t media = e[1] & 0x0F;
  std::string s = platform_name(platform) + ", " + (media < 5 ? kMedia[media] : "media type " + std::to_string(media));
  if (e[0] != 0x88) s += ", not bootable";
  return s;
}

void read_boot_catalog(const Bytes& bytes, const UserLayout& layout, VolumeInfo& v) {
  std::array<uint8_t, 2048> c;
  if (!v.boot_catalog || !read_user(bytes, layout, *v.boot_catalog, c)) return;
  if (c[0] != 0x01 || c[30] != 0x55 || c[31] != 0xAA) return;  // validation entry
  v.boot_entries.push_back(boot_entry(c[1], c.data() + 32));   // initial/default entry
  // Section headers (0x90 more follow, 0x91 last) each followed by their entries.
  for (size_t off = 64; off + 32 <= c.size();) {
    const uint8_t header = c[off];
    if (header != 0x90 && header != 0x91) break;
    const uint8_t platform = c[off + 1];
    const size_t entries = le16(c.data() + off + 2);
    off += 32;
    for (size_t k = 0; k < entries && off + 32 <= c.size(); ++k, off += 32) {
      if (c[off] == 0x88 || c[off] == 0x00) v.boot_entries.push_back(boot_entry(platform, c.data() + off));
    }
    if (header == 0x91) break;
  }
}

void read_udf_anchor(const Bytes& bytes, const UserLayout& layout, VolumeInfo& v) {
  std::array<uint8_t, 2048> d;
  std::vector<uint64_t> anchors = {kUdfAnchor};
  if (bytes.size() > layout.base) {
    const uint64_t sectors = (bytes.size() - layout.base) / layout.stride;
    if (sectors > kUdfAnchor + 1) anchors.push_back(sectors - 1);
  }
  for (uint64_t a : anchors) {
    if (a > UINT32_MAX || !read_user(bytes, layout, a, d) || udf_tag(d, static_cast<uint32_t>(a)) != 2) continue;
    const uint32_t length = le32(d.data() + 16), location = le32(d.data() + 20);
    const uint32_t count = std::min(length / 2048, kMaxDescriptors);
    std::string logical;
    for (uint32_t i = 0; i < count && location <= UINT32_MAX - i; ++i) {
      if (!read_user(bytes, layout, location + i, d)) break;
      const auto tag = udf_tag(d, location + i);
      if (!tag || *tag == 8) break;  // 8: terminating descriptor
      if (*tag == 1 && v.udf_label.empty()) v.udf_label = dstring(d.data() + 24, 32);
      if (*tag == 6) {
        logical = dstring(d.data() + 84, 128);
        // Domain identifier (regid at 216): "*OSTA UDF Compliant", suffix starts with the
        // UDF revision as BCD-like hex, 0x0102 = 1.02.
        if (std::memcmp(d.data() + 217, "*OSTA UDF Compliant", 19) == 0) {
          const uint16_t rev = le16(d.data() + 240);
          v.udf_revision = std::to_string(rev >> 8 & 0xFF) + "." + hex8(static_cast<uint8_t>(rev));
        }
      }
    }
    if (v.udf_label.empty()) v.udf_label = logical;
    return;
  }
}

}  // namespace

bool read_user(const Bytes& bytes, const UserLayout& layout, uint64_t sector, std::array<uint8_t, 2048>& out) {
  if (sector > UINT32_MAX) return false;
  const uint64_t rel = sector * layout.stride;
  if (layout.base > UINT64_MAX - rel) return false;
  const uint64_t off = layout.base + rel;
  switch (layout.form) {
    case UserLayout::Form::Cooked:
    case UserLayout::Form::Formless2336: {
      const size_t skip = layout.form == UserLayout::Form::Cooked ? 0 : 8;  // the XA subheader
      const uint8_t* p = bytes.at(off, skip + 2048);
      if (!p) return false;
      std::memcpy(out.data(), p + skip, 2048);
      return true;
    }
    case UserLayout::Form::Raw: {
      const uint8_t* p = bytes.at(off, 2352);
      if (!p) return false;
      std::array<uint8_t, 2352> s;
      std::memcpy(s.data(), p, s.size());
      const auto data_mode = [&] { return has_sync(s) && (s[15] == 1 || s[15] == 2); };
      if (!data_mode()) {
        scramble(s);
        if (!data_mode()) return false;
      }
      std::memcpy(out.data(), s.data() + (s[15] == 1 ? 16 : 24), 2048);
      return true;
    }
  }
  return false;
}

VolumeInfo analyse_volume(const Bytes& bytes, const UserLayout& layout) {
  VolumeInfo v;
  std::array<uint8_t, 2048> d;
  for (uint32_t s = kFirstDescriptor; s < kFirstDescriptor + kMaxDescriptors; ++s) {
    if (!read_user(bytes, layout, s, d)) break;
    const std::string_view id(reinterpret_cast<const char*>(d.data() + 1), 5);
    if (id == "CD001") {
      switch (d[0]) {
        case 0:  // boot record
          if (std::memcmp(d.data() + 7, "EL TORITO SPECIFICATION", 23) == 0) {
            v.el_torito = true;
            v.boot_catalog = le32(d.data() + 71);
          }
          break;
        case 1:  // primary volume descriptor
          if (!v.iso) {
            v.iso = true;
            v.system_id = text_field(d.data() + 8, 32);
            v.label = text_field(d.data() + 40, 32);
            v.blocks = le32(d.data() + 80);
            v.block_size = le16(d.data() + 128);
            v.application_id = text_field(d.data() + 574, 128);
          }
          break;
        case 2:  // supplementary: Joliet when the escape sequence names UCS-2 level 1, 2 or 3
          if (d[88] == '%' && d[89] == '/' && (d[90] == '@' || d[90] == 'C' || d[90] == 'E')) {
            v.joliet = true;
            v.joliet_label = ucs2_field(d.data() + 40, 32);
          }
          break;
        default: break;  // partition descriptors, the terminator (255): the sequence may go on
      }
      continue;
    }
    if (id == "NSR02" || id == "NSR03") {
      v.udf = true;
      v.udf_nsr = std::string(id);
      continue;
    }
    if (id == "BEA01" || id == "TEA01" || id == "BOOT2" || id == "CDW02") continue;
    break;  // not a volume structure descriptor: the recognition sequence is over
  }
  if (v.el_torito) read_boot_catalog(bytes, layout, v);
  if (v.udf) read_udf_anchor(bytes, layout, v);
  return v;
}

void add_volume_details(Result& r, const VolumeInfo& v) {
  if (v.udf) {
    r.add("filesystem", v.iso ? "udf+iso9660" : "udf");
    r.add("volume_label", v.udf_label);
    r.add("udf_nsr", v.udf_nsr);
    if (!v.udf_revision.empty()) r.add("udf_revision", v.udf_revision);
    if (v.iso) r.add("iso9660_label", v.label);
  } else if (v.iso) {
    r.add("filesystem", "iso9660");
    r.add("volume_label", v.label);
  }
  if (v.iso) {
    r.add("system_id", v.system_id);
    if (!v.application_id.empty()) r.add("application_id", v.application_id);
    r.add("volume_blocks", v.blocks);
    r.add("block_size", v.block_size);
    if (v.joliet) r.add("joliet_label", v.joliet_label);
  }
  r.add("el_torito", v.el_torito ? "yes" : "no");
  if (v.el_torito) {
    if (v.boot_catalog) r.add("boot_catalog", *v.boot_catalog);
    for (size_t i = 0; i < v.boot_entries.size(); ++i) r.add("boot_entry_" + std::to_string(i + 1), v.boot_entries[i]);
  }
}

std::string volume_phrase(const VolumeInfo& v) {
  std::string s;
  if (v.udf) {
    s = " with a UDF" + std::string(v.iso ? "/ISO 9660 bridge" : "") + " volume \"" + v.udf_label + "\"";
  } else if (v.iso) {
    s = " with an ISO 9660 volume \"" + v.label + "\"";
  }
  if (v.el_torito) s += ", bootable (El Torito)";
  return s;
}

}  // namespace dw::identify_detail
