// identify: signatures at the start and end of files that are not CD sector data: archives,
// virtual disks, partitioned disks and floppies, and the Alcohol descriptor. Facts:
// reference/image-formats.md "Telling files apart"; the headers' own specifications (qcow2,
// VMDK sparse extent, VHD footer, UDIF trailer, gzip RFC 1952, FAT BPB, MBR, UEFI GPT).
#include <algorithm>
#include <array>
#include <cstring>

#include "formats/identify_detail.hpp"

namespace dw::identify_detail {

namespace {

std::string field(const uint8_t* p, size_t n) {
  return printable(std::string_view(reinterpret_cast<const char*>(p), n));
}

Identification finish(Result& r, std::string summary, std::string advice) {
  r.id.summary = std::move(summary);
  r.id.advice = std::move(advice);
  return std::move(r.id);
}

constexpr const char* kNotCd = "; it is not a CD image";

std::optional<Identification> compressed(const Input& in) {
  const Bytes& b = in.bytes;
  if (b.equals(0, "\x1f\x8b")) {
    Result r(FileKind::Gzip);
    const uint8_t* h = b.at(0, 10);
    if (h) {
      r.add("method", h[2] == 8 ? "deflate" : "method " + std::to_string(h[2]));
      // FNAME (flag 0x08): the original name, NUL-terminated, after FEXTRA when present.
      uint64_t off = 10;
      if (h[3] & 0x04) {
        const uint8_t* x = b.at(10, 2);
        off = x ? 12 + uint64_t{le16(x)} : UINT64_MAX;
      }
      if (h[3] & 0x08) {
        std::string name;
        for (uint64_t i = off; i < off + 256 && off != UINT64_MAX; ++i) {
          const uint8_t* c = b.at(i, 1);
          if (!c || *c == 0) break;
          name += static_cast<char>(*c);
        }
        if (!name.empty()) r.add("original_name", printable(name));
      }
    }
    if (const uint8_t* isize = b.at(b.size() - 4, 4); isize && b.size() >= 18)
      r.add("uncompressed_size_mod_4gib", le32(isize));
    return finish(r, "gzip-compressed data", "gzip-compressed: decompress it (gunzip -k) and identify what comes out");
  }
  if (b.equals(0, std::string_view("\xfd\x37\x7a\x58\x5a\x00", 6))) {
    Result r(FileKind::Xz);
    return finish(r, "xz-compressed data", "xz-compressed: decompress it (xz -dk) and identify what comes out");
  }
  if (const uint8_t* h = b.at(0, 4); h && b.equals(0, "BZh") && h[3] >= '1' && h[3] <= '9') {
    Result r(FileKind::Bzip2);
    r.add("block_size", std::to_string(h[3] - '0') + "00k");
    return finish(r, "bzip2-compressed data",
                  "bzip2-compressed: decompress it (bunzip2 -k) and identify what comes out");
  }
  if (b.equals(0, std::string_view("PK\x03\x04", 4))) {
    Result r(FileKind::Zip);
    if (const uint8_t* h = b.at(0, 30)) {
      const uint16_t n = le16(h + 26);
      if (const uint8_t* name = b.at(30, n)) r.add("first_entry", field(name, n));
    }
    return finish(r, "zip archive", "a zip archive: unpack it (unzip or 7z x) and identify what is inside");
  }
  if (b.equals(0, std::string_view("7z\xbc\xaf\x27\x1c", 6))) {
    Result r(FileKind::SevenZip);
    return finish(r, "7-Zip archive", "a 7-Zip archive: unpack it (7z x) and identify what is inside");
  }
  if (b.equals(0, std::string_view("\x28\xb5\x2f\xfd", 4))) {
    Result r(FileKind::Zstd);
    return finish(r, "zstd-compressed data", "zstd-compressed: decompress it (zstd -d) and identify what comes out");
  }
  return std::nullopt;
}

std::string vhd_type(uint32_t t) {
  switch (t) {
    case 2: return "fixed";
    case 3: return "dynamic";
    case 4: return "differencing";
    default: return "type " + std::to_string(t);
  }
}

Identification vhd(const uint8_t* footer, bool at_start) {
  Result r(FileKind::Vhd);
  const std::string type = vhd_type(be32(footer + 60));
  r.add("vhd_type", type).add("virtual_size", be64(footer + 48)).add("footer", at_start ? "start and end" : "end");
  return finish(
      r, "VHD virtual disk (" + type + ", " + size_text(be64(footer + 48)) + ")",
      std::string("a VHD virtual disk: convert it with qemu-img convert -O raw, or attach it with qemu-nbd") + kNotCd);
}

std::string mds_medium(uint16_t t) {
  switch (t) {
    case 0x00: return "CD-ROM";
    case 0x01: return "CD-R";
    case 0x02: return "CD-RW";
    case 0x10: return "DVD-ROM";
    case 0x12: return "DVD-R";
    default: return "medium type " + std::to_string(t);
  }
}

struct Floppy {
  uint64_t size;
  const char* capacity;
  const char* geometry;  // cylinders x heads x sectors per track
};
constexpr Floppy kFloppies[] = {
    {163840, "160 KB", "40x1x8"},    {184320, "180 KB", "40x1x9"},          {327680, "320 KB", "40x2x8"},
    {368640, "360 KB", "40x2x9"},    {737280, "720 KB", "80x2x9"},          {1228800, "1.2 MB", "80x2x15"},
    {1474560, "1.44 MB", "80x2x18"}, {1720320, "1.68 MB (DMF)", "80x2x21"}, {2949120, "2.88 MB", "80x2x36"},
};

// A FAT BIOS parameter block: 512-byte sectors, a power-of-two cluster, one or two FATs, a
// media descriptor byte (0xF0..0xFF).
bool fat_bpb(const uint8_t* s) {
  const uint8_t spc = s[13];
  return le16(s + 11) == 512 && spc != 0 && (spc & (spc - 1)) == 0 && le16(s + 14) >= 1 && (s[16] == 1 || s[16] == 2) &&
         s[21] >= 0xF0;
}

void add_fat_details(Result& r, const uint8_t* s) {
  r.add("oem_name", field(s + 3, 8));
  // FAT32 has a zero sectors-per-FAT at 22 and its extended BPB at 64; FAT12/16 at 36.
  const bool fat32 = le16(s + 22) == 0;
  const size_t ext = fat32 ? 64 : 36;
  if (s[ext + 2] == 0x29) {
    r.add("volume_label", field(s + ext + 7, 11));
    r.add("fs_type", field(s + ext + 18, 8));
  }
  r.add("bpb_sectors_per_track", le16(s + 24)).add("bpb_heads", le16(s + 26));
}

std::optional<Identification> disk_layouts(const Input& in) {
  const Bytes& b = in.bytes;
  for (uint64_t lba_size : {512u, 4096u}) {
    const uint8_t* g = b.at(lba_size, 92);
    if (!g || !b.equals(lba_size, "EFI PART")) continue;
    Result r(FileKind::GptDisk);
    r.add("sector_size", lba_size);
    const uint64_t entries_lba = le64(g + 72);
    const uint32_t count = le32(g + 80), entry = le32(g + 84);
    r.add("partition_entries", count);
    if (entry >= 128 && entry <= 4096 && count <= 1024 && entries_lba < UINT64_MAX / lba_size) {
      size_t used = 0;
      for (uint32_t i = 0; i < count; ++i) {
        const uint8_t* e = b.at(entries_lba * lba_size + uint64_t{i} * entry, 16);
        if (!e) break;
        if (std::any_of(e, e + 16, [](uint8_t x) { return x != 0; })) ++used;
      }
      r.add("partitions", used);
    }
    return finish(r, "disk image with a GUID partition table (" + size_text(b.size()) + ")",
                  std::string("a GPT disk image: list it with fdisk -l, loop-mount partitions with losetup -P, or "
                              "write it to a drive with dd") +
                      kNotCd);
  }
  const uint8_t* s = b.at(0, 512);
  if (!s) return std::nullopt;
  const bool signature = s[510] == 0x55 && s[511] == 0xAA;
  const bool bpb = fat_bpb(s);
  for (const Floppy& f : kFloppies) {
    if (b.size() != f.size || (!signature && !bpb)) continue;
    Result r(FileKind::FloppyImage);
    r.add("capacity", f.capacity).add("geometry", f.geometry).add("sectors", b.size() / 512);
    r.add("boot_signature", signature ? "yes" : "no");
    if (bpb) add_fat_details(r, s);
    const std::string what =
        std::string(bpb ? "FAT floppy image" : "floppy image") + " (" + f.capacity + ", " + f.geometry + ")";
    return finish(r, what, "a " + what + ": use mtools or mount -o loop, not a CD tool");
  }
  if (bpb && signature) {
    Result r(FileKind::FatVolume);
    r.add("size", b.size());
    add_fat_details(r, s);
    return finish(r, "FAT file system image without a partition table (" + size_text(b.size()) + ")",
                  std::string("a FAT file system image: mount -o loop or mtools read it") + kNotCd);
  }
  if (!signature) return std::nullopt;
  Result r(FileKind::MbrDisk);
  size_t used = 0;
  for (size_t i = 0; i < 4; ++i) {
    const uint8_t* e = s + 446 + 16 * i;
    if (e[0] != 0x00 && e[0] != 0x80) return std::nullopt;  // not a partition table
    if (e[4] == 0) continue;
    const uint32_t start = le32(e + 8), sectors = le32(e + 12);
    if (sectors == 0) return std::nullopt;
    ++used;
    r.add("partition_" + std::to_string(i + 1), "type 0x" + hex_bytes({e + 4, 1}, 1) + ", start " +
                                                    std::to_string(start) + ", " + std::to_string(sectors) +
                                                    " sectors" + (e[0] == 0x80 ? ", active" : ""));
  }
  if (used == 0) return std::nullopt;
  r.id.details.insert(r.id.details.begin(), {"partitions", std::to_string(used)});
  return finish(
      r,
      "disk image with an MBR partition table (" + std::to_string(used) + " partition(s), " + size_text(b.size()) + ")",
      std::string("an MBR disk image: list it with fdisk -l, loop-mount partitions with losetup -P") + kNotCd);
}

}  // namespace

std::optional<Identification> probe_magic(const Input& in) {
  const Bytes& b = in.bytes;
  if (auto c = compressed(in)) return c;
  if (const uint8_t* h = b.at(0, 32); h && b.equals(0, "QFI\xfb")) {
    Result r(FileKind::Qcow2);
    r.add("version", be32(h + 4)).add("virtual_size", be64(h + 24));
    return finish(
        r, "qcow2 virtual disk (version " + std::to_string(be32(h + 4)) + ", " + size_text(be64(h + 24)) + ")",
        std::string("a qcow2 disk image: convert it with qemu-img convert -O raw, or attach it with qemu-nbd") +
            kNotCd);
  }
  if (const uint8_t* h = b.at(0, 20); h && b.equals(0, "KDMV")) {
    Result r(FileKind::Vmdk);
    r.add("variant", "sparse extent").add("version", le32(h + 4)).add("virtual_size", le64(h + 12) * 512);
    return finish(r, "VMware VMDK sparse disk (" + size_text(le64(h + 12) * 512) + ")",
                  std::string("a VMware disk: convert it with qemu-img convert -O raw") + kNotCd);
  }
  if (const uint8_t* h = b.at(0, 512); h && b.equals(0, "conectix")) return vhd(h, true);
  if (const uint8_t* h = b.at(0, 16); h && b.equals(0, "MComprHD")) {
    Result r(FileKind::Chd);
    r.add("version", be32(h + 12));
    return finish(r, "MAME CHD (compressed hunks of data), version " + std::to_string(be32(h + 12)),
                  "a MAME CHD: extract it with chdman extractcd (a CD) or chdman extracthd (a disk), then use the "
                  "result");
  }
  if (b.equals(0, std::string_view("ECM\0", 4))) {
    Result r(FileKind::Ecm);
    return finish(r, "ECM-packed CD image (EDC/ECC stripped)",
                  "an ECM-packed image: restore it with unecm, then identify the result");
  }
  if (const uint8_t* h = b.at(0, 24); h && b.equals(0, "MEDIA DESCRIPTOR")) {
    Result r(FileKind::Mds);
    const std::string version = std::to_string(h[16]) + "." + std::to_string(h[17]);
    r.add("version", version).add("medium", mds_medium(le16(h + 18))).add("sessions", le16(h + 20));
    std::string advice = "an Alcohol 120% descriptor: open it (the .mdf next to it holds the sectors)";
    if (h[16] >= 2)
      advice =
          "an Alcohol 120% descriptor, version 2 (encrypted layout): only Alcohol or DAEMON Tools "
          "read it; re-dump or convert it there";
    return finish(r, "Alcohol 120% descriptor (MDS " + version + ", " + mds_medium(le16(h + 18)) + ")", advice);
  }
  return std::nullopt;
}

std::optional<Identification> probe_footers(const Input& in) {
  const Bytes& b = in.bytes;
  // VHD: a 512-byte footer (511 bytes in some old files) at the very end.
  for (uint64_t n : {512u, 511u}) {
    if (b.size() < n) continue;
    if (const uint8_t* f = b.at(b.size() - n, 511); f && b.equals(b.size() - n, "conectix")) return vhd(f, false);
  }
  if (b.size() >= 512) {
    if (const uint8_t* k = b.at(b.size() - 512, 512); k && b.equals(b.size() - 512, "koly")) {
      Result r(FileKind::Dmg);
      r.add("udif_version", be32(k + 4));
      return finish(r, "Apple disk image (UDIF, koly trailer)",
                    std::string("an Apple disk image: convert it with dmg2img (or hdiutil on macOS)") + kNotCd);
    }
  }
  return std::nullopt;
}

std::optional<Identification> probe_disk(const Input& in) { return disk_layouts(in); }

}  // namespace dw::identify_detail
