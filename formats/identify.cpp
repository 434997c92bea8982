#include "formats/identify.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <array>
#include <cctype>
#include <cstring>
#include <map>

#include "disc/scrambler.hpp"
#include "disc/sector.hpp"
#include "formats/image_file.hpp"

namespace dw {

std::string Identification::detail(const std::string& key) const {
  for (const auto& [k, v] : details)
    if (k == key) return v;
  return {};
}

namespace {

bool at(std::span<const uint8_t> b, size_t offset, std::string_view magic) {
  return offset + magic.size() <= b.size() && std::memcmp(b.data() + offset, magic.data(), magic.size()) == 0;
}

uint16_t le16(std::span<const uint8_t> b, size_t o) { return static_cast<uint16_t>(b[o] | b[o + 1] << 8); }
uint32_t le32(std::span<const uint8_t> b, size_t o) {
  return b[o] | b[o + 1] << 8 | b[o + 2] << 16 | static_cast<uint32_t>(b[o + 3]) << 24;
}

std::string trimmed(std::span<const uint8_t> b, size_t o, size_t n) {
  if (o + n > b.size()) return {};
  std::string s(reinterpret_cast<const char*>(b.data() + o), n);
  while (!s.empty() && (s.back() == ' ' || s.back() == '\0')) s.pop_back();
  for (char& c : s)
    if (static_cast<unsigned char>(c) < 0x20 || static_cast<unsigned char>(c) > 0x7e) c = '?';
  return s;
}

std::string mib(uint64_t size) { return fmt::format("{:.1f} MiB", static_cast<double>(size) / (1 << 20)); }

Identification make(FileKind kind, std::string name, std::string summary, std::string advice, bool optical) {
  Identification r;
  r.kind = kind;
  r.name = std::move(name);
  r.summary = std::move(summary);
  r.advice = std::move(advice);
  r.optical = optical;
  return r;
}

// ISO 9660 primary volume descriptor at `pvd` (the byte holding type 1): label etc.
void iso_details(std::span<const uint8_t> b, size_t pvd, Identification& r) {
  r.details.push_back({"volume_label", trimmed(b, pvd + 40, 32)});
  r.details.push_back({"system_id", trimmed(b, pvd + 8, 32)});
  if (pvd + 84 <= b.size()) r.details.push_back({"volume_blocks", std::to_string(le32(b, pvd + 80))});
  if (at(b, pvd + 1024, "CD-XA001")) r.details.push_back({"cd_xa", "yes"});
}

std::string text_kind(std::span<const uint8_t> head) {
  const size_t n = std::min<size_t>(head.size(), 4096);
  if (n == 0) return {};
  size_t printable = 0;
  for (size_t i = 0; i < n; ++i) {
    const auto c = head[i];
    printable += (c >= 0x20 && c < 0x7f) || c == '\n' || c == '\r' || c == '\t' || c >= 0x80;
  }
  if (printable < n * 95 / 100) return {};
  std::string t(reinterpret_cast<const char*>(head.data()), n);
  std::string u = t;
  for (char& c : u) c = static_cast<char>(std::toupper(static_cast<unsigned char>(c)));
  if (u.find("[CLONECD]") != std::string::npos) return "ccd";
  if (u.find("# DISK DESCRIPTORFILE") != std::string::npos) return "vmdk";
  // A cue sheet numbers its tracks ("TRACK 01 AUDIO"); a cdrdao TOC does not ("TRACK AUDIO").
  bool cue = false, toc = false;
  for (size_t p = u.find("TRACK"); p != std::string::npos; p = u.find("TRACK", p + 5)) {
    if (p > 0 && std::isalnum(static_cast<unsigned char>(u[p - 1]))) continue;
    size_t q = p + 5;
    while (q < u.size() && (u[q] == ' ' || u[q] == '\t')) ++q;
    if (q < u.size() && std::isdigit(static_cast<unsigned char>(u[q]))) cue = true;
    if (u.compare(q, 5, "AUDIO") == 0 || u.compare(q, 4, "MODE") == 0) toc = true;
  }
  if (cue) return "cue";
  if (toc) return "toc";
  return {};
}

// A sample of raw sectors at `stride`: how many of each class.
std::map<std::string, int> classify_sample(std::span<const uint8_t> head, size_t stride) {
  std::map<std::string, int> counts;
  for (size_t o = 0; o + 2352 <= head.size() && counts.size() < 64; o += stride) {
    const auto c = classify_sector(std::span<const uint8_t, 2352>(head.data() + o, 2352));
    ++counts[to_string(c)];
  }
  return counts;
}

std::optional<Identification> raw_cd(std::span<const uint8_t> head, uint64_t size, Siblings sib) {
  if (!has_sync(head)) return std::nullopt;
  for (size_t stride : {size_t{2352}, size_t{2448}}) {
    if (size % stride != 0 || (head.size() >= stride + 12 && !has_sync(head.subspan(stride)))) continue;
    const auto counts = classify_sample(head, stride);
    Identification r = sib.ccd
                           ? make(FileKind::CloneCdImage, "clonecd-img", "CloneCD image data (raw sectors)",
                                  "open the .ccd beside it: it holds the TOC (discwright info NAME.ccd)", true)
                           : make(FileKind::RawCd, "raw-cd", fmt::format("raw CD sectors, {} bytes each", stride),
                                  sib.cue ? "open the .cue beside it (discwright info NAME.cue)"
                                          : "a one-track raw image (a \"raw ISO\"): discwright reads it as is; a .cue "
                                            "sheet would say more about its tracks",
                                  true);
    r.details.push_back({"sector_size", std::to_string(stride)});
    r.details.push_back({"sectors", std::to_string(size / stride)});
    std::string sample;
    for (const auto& [k, v] : counts) sample += fmt::format("{}{} {}", sample.empty() ? "" : ", ", v, k);
    r.details.push_back({"sample", sample});
    const bool scrambled = counts.count(to_string(SectorClass::Scrambled)) > 0;
    r.details.push_back({"scrambled", scrambled ? "yes" : "no"});
    if (scrambled) r.summary += ", data scrambled as on the disc surface";
    const size_t pvd = 16 * stride;
    for (size_t user : {size_t{16}, size_t{24}})
      if (at(head, pvd + user,
             "\x01"
             "CD001")) {
        r.details.push_back({"filesystem", "iso9660"});
        iso_details(head, pvd + user, r);
        r.summary += fmt::format(" holding an ISO 9660 volume '{}'", r.detail("volume_label"));
      }
    return r;
  }
  return std::nullopt;
}

std::optional<Identification> floppy_or_disk(std::span<const uint8_t> head, uint64_t size) {
  if (head.size() < 512 || head[510] != 0x55 || head[511] != 0xAA) return std::nullopt;
  static const std::map<uint64_t, std::array<int, 3>> kFloppies = {{368640, {40, 2, 9}},
                                                                   {737280, {80, 2, 9}},
                                                                   {1228800, {80, 2, 15}},
                                                                   {1474560, {80, 2, 18}},
                                                                   {2949120, {80, 2, 36}}};
  const auto f = kFloppies.find(size);
  const bool fat_boot = (head[0] == 0xEB || head[0] == 0xE9) && le16(head, 11) == 512;
  if (f != kFloppies.end() && fat_boot) {
    Identification r =
        make(FileKind::FloppyImage, "floppy", fmt::format("a FAT floppy disk image ({} KiB)", size / 1024),
             "not a CD: use mtools (mdir -i FILE) or mount -o loop", false);
    r.details.push_back(
        {"geometry", fmt::format("{} cylinders x {} heads x {} sectors", f->second[0], f->second[1], f->second[2])});
    r.details.push_back({"oem", trimmed(head, 3, 8)});
    return r;
  }
  bool partition = false;
  for (int i = 0; i < 4; ++i) partition = partition || head[446 + i * 16 + 4] != 0;
  if (!partition) return std::nullopt;
  Identification r = make(FileKind::MbrDisk, "mbr-disk", "a hard disk image with an MBR partition table",
                          "not a CD: use fdisk -l, losetup -P or qemu", false);
  for (int i = 0; i < 4; ++i)
    if (const uint8_t type = head[446 + i * 16 + 4])
      r.details.push_back({fmt::format("partition_{}", i + 1),
                           fmt::format("type 0x{:02x}, start {}, {} sectors", type, le32(head, 446 + i * 16 + 8),
                                       le32(head, 446 + i * 16 + 12))});
  return r;
}

}  // namespace

Identification identify_bytes(std::span<const uint8_t> head, std::span<const uint8_t> tail, uint64_t size,
                              std::string_view file_name, Siblings sib) {
  if (size == 0) return make(FileKind::Empty, "empty", "an empty file", "nothing to open", false);
  // Containers and wrappers first: their magic is unambiguous.
  if (tail.size() >= 12 && at(tail, tail.size() - 12, "NER5")) {
    Identification r = make(FileKind::Nrg, "nrg", "a Nero image (NRG v2)", "discwright info/convert read it", true);
    r.details.push_back({"version", "2"});
    return r;
  }
  if (tail.size() >= 8 && at(tail, tail.size() - 8, "NERO")) {
    Identification r = make(FileKind::Nrg, "nrg", "a Nero image (NRG v1)", "discwright info/convert read it", true);
    r.details.push_back({"version", "1"});
    return r;
  }
  if (at(head, 0, "MEDIA DESCRIPTOR"))
    return make(FileKind::Mds, "mds", "an Alcohol 120% descriptor (MDS)",
                "the sectors are in the .mdf beside it; open both with a tool that reads MDS (e.g. cdemu)", true);
  if (at(head, 0, "\x1f\x8b"))
    return make(FileKind::Gzip, "gzip", "gzip-compressed data", "decompress it (gunzip) and identify what is inside",
                false);
  if (at(head, 0,
         std::string_view("\xfd"
                          "7zXZ\0",
                          6)))
    return make(FileKind::Xz, "xz", "xz-compressed data", "decompress it (unxz) and identify what is inside", false);
  if (at(head, 0, "QFI\xfb"))
    return make(FileKind::Qcow2, "qcow2", "a QEMU qcow2 disk image", "not a CD: convert with qemu-img convert -O raw",
                false);
  if (at(head, 0, "KDMV"))
    return make(FileKind::Vmdk, "vmdk", "a VMware VMDK disk image", "not a CD: convert with qemu-img convert -O raw",
                false);
  if ((tail.size() >= 512 && at(tail, tail.size() - 512, "conectix")) || at(head, 0, "conectix"))
    return make(FileKind::Vhd, "vhd", "a Microsoft VHD disk image",
                "not a CD: convert with qemu-img convert -O raw, or mount with guestmount", false);
  if (tail.size() >= 512 && at(tail, tail.size() - 512, "koly"))
    return make(FileKind::Dmg, "dmg", "an Apple disk image (DMG)", "not a CD image: use dmg2img, then mount it", false);
  const std::string text = text_kind(head);
  if (text == "ccd")
    return make(FileKind::CloneCdControl, "clonecd-ccd", "a CloneCD control file",
                "discwright info/convert read it with its .img (and .sub)", true);
  if (text == "cue")
    return make(FileKind::Cue, "cue", "a CUE sheet", "discwright info/verify/convert read it with the files it names",
                true);
  if (text == "toc")
    return make(FileKind::CdrdaoToc, "cdrdao-toc", "a cdrdao TOC file",
                "cdrdao (and discwright, once its TOC reader lands) read it with the files it names", true);
  if (text == "vmdk")
    return make(FileKind::Vmdk, "vmdk", "a VMware VMDK descriptor",
                "not a CD: the data is in the extent files it names", false);
  if (auto r = raw_cd(head, size, sib)) return *r;
  // Cooked sectors: ISO 9660 and/or UDF descriptors from sector 16.
  const bool iso = at(head, 32768,
                      "\x01"
                      "CD001");
  bool udf = false;
  for (size_t s = 16; s < 32 && !udf; ++s) udf = at(head, s * 2048 + 1, "NSR02") || at(head, s * 2048 + 1, "NSR03");
  if (iso || udf) {
    const bool dvd = size > 900ull << 20;
    Identification r = iso ? make(FileKind::Iso9660, "iso9660", "",
                                  "discwright info/verify/convert read it; mount -o loop shows its files", true)
                           : make(FileKind::Udf, "udf", "",
                                  "mount -o loop shows its files; discwright reads it as one data track", true);
    if (iso) iso_details(head, 32768, r);
    r.details.push_back({"sectors", std::to_string(size / 2048)});
    if (size % 2048) r.details.push_back({"trailing_bytes", std::to_string(size % 2048)});
    if (udf) r.details.push_back({"udf", "yes"});
    const bool eltorito = at(head, 34816,
                             std::string_view("\0CD001\x01"
                                              "EL TORITO SPECIFICATION",
                                              31));
    if (eltorito) r.details.push_back({"el_torito", "yes (bootable)"});
    const bool mbr = head.size() >= 512 && head[510] == 0x55 && head[511] == 0xAA && head[446 + 4] != 0;
    if (mbr) r.details.push_back({"isohybrid", "yes (MBR partition table: also bootable from USB)"});
    r.summary = fmt::format("{} image{}{}, {} ({})",
                            iso && udf ? "ISO 9660 + UDF bridge"
                            : iso      ? "ISO 9660"
                                       : "UDF",
                            iso ? fmt::format(" '{}'", r.detail("volume_label")) : "",
                            eltorito ? ", El Torito bootable" : "", mib(size), dvd ? "DVD or larger" : "CD size");
    r.details.push_back({"media", dvd ? "dvd" : "cd"});
    return r;
  }
  if (head.size() >= 520 && at(head, 512, "EFI PART"))
    return make(FileKind::GptDisk, "gpt-disk", "a hard disk image with a GPT partition table",
                "not a CD: use gdisk -l, losetup -P or qemu", false);
  if (auto r = floppy_or_disk(head, size)) return *r;
  if (size % 2352 == 0) {
    Identification r =
        make(FileKind::AudioBin, "audio-bin", "raw CD audio (no sync pattern): 44.1 kHz, 16-bit, stereo",
             sib.cue ? "open the .cue beside it (discwright info NAME.cue)"
                     : "write a .cue sheet for it (FILE \"NAME\" BINARY / TRACK 01 AUDIO / INDEX 01 00:00:00)",
             true);
    const uint64_t sectors = size / 2352;
    r.details.push_back({"sectors", std::to_string(sectors)});
    r.details.push_back(
        {"duration", fmt::format("{:02}:{:02}:{:02}", sectors / 4500, sectors / 75 % 60, sectors % 75)});
    return r;
  }
  Identification r =
      make(FileKind::Unknown, "unknown", "not a format discwright knows", "check it with the file(1) command", false);
  std::string hex;
  for (size_t i = 0; i < std::min<size_t>(head.size(), 16); ++i) hex += fmt::format("{:02x} ", head[i]);
  if (!hex.empty()) hex.pop_back();
  r.details.push_back({"first_bytes", hex});
  if (!file_name.empty()) r.details.push_back({"name", std::string(file_name)});
  return r;
}

Identification identify_file(const std::filesystem::path& path) {
  const auto file = ImageFile::open(path);
  std::vector<uint8_t> head(static_cast<size_t>(std::min<uint64_t>(file->size(), kHeadBytes)));
  file->read_at(0, head);
  std::vector<uint8_t> tail(static_cast<size_t>(std::min<uint64_t>(file->size(), kTailBytes)));
  file->read_at(file->size() - tail.size(), tail);
  Siblings sib;
  std::error_code ec;
  auto p = path;
  for (const char* ext : {".ccd", ".CCD"}) sib.ccd = sib.ccd || std::filesystem::exists(p.replace_extension(ext), ec);
  for (const char* ext : {".cue", ".CUE"}) sib.cue = sib.cue || std::filesystem::exists(p.replace_extension(ext), ec);
  // A sheet of another name that lists this file (redump's "<name> (Track N).bin").
  std::string sheet;
  if (!sib.cue) {
    int looked = 0;
    const auto dir = path.has_parent_path() ? path.parent_path() : std::filesystem::path(".");
    for (std::filesystem::directory_iterator it(dir, ec), end; !ec && it != end && looked < 50; it.increment(ec)) {
      if (it->path().extension() != ".cue" || it->file_size(ec) > kHeadBytes) continue;
      ++looked;
      const auto text = ImageFile::open(it->path())->read_all(kHeadBytes);
      if (std::string(text.begin(), text.end()).find(path.filename().string()) != std::string::npos) {
        sib.cue = true;
        sheet = it->path().filename().string();
        break;
      }
    }
  }
  const std::string ext = path.extension().string();
  if (ext == ".ccd" || ext == ".cue") sib = {};
  Identification r = identify_bytes(head, tail, file->size(), path.filename().string(), sib);
  if (!sheet.empty()) {
    r.details.push_back({"listed_in", sheet});
    r.advice = fmt::format("a track of {}: open that sheet (discwright info \"{}\")", sheet,
                           (path.parent_path() / sheet).string());
  }
  return r;
}

}  // namespace dw
