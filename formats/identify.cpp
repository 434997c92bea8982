// identify: the order of the probes, the file access around them, and shared helpers.
#include "formats/identify.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <array>
#include <stdexcept>
#include <system_error>

#include "disc/utf8.hpp"
#include "formats/identify_detail.hpp"
#include "formats/image_file.hpp"

namespace dw {

namespace identify_detail {

const uint8_t* Bytes::at(uint64_t off, size_t n) const {
  if (off > size_ || n > size_ - off) return nullptr;
  if (off + n <= head_.size()) return head_.data() + off;
  const uint64_t t = tail_start();
  if (off >= t) return tail_.data() + (off - t);
  return nullptr;
}

bool Bytes::equals(uint64_t off, std::string_view s) const {
  const uint8_t* p = at(off, s.size());
  return p && std::equal(s.begin(), s.end(), p, [](char c, uint8_t b) { return static_cast<uint8_t>(c) == b; });
}

std::string printable(std::string_view raw) {
  while (!raw.empty() && (raw.back() == ' ' || raw.back() == '\0')) raw.remove_suffix(1);
  const bool utf8 = valid_utf8(raw);
  std::string out;
  out.reserve(raw.size());
  for (char ch : raw) {
    const auto c = static_cast<uint8_t>(ch);
    if (c < 0x20 || c == 0x7F || (c >= 0x80 && c < 0xA0 && !utf8)) {
      out += '?';
    } else if (utf8) {
      out += ch;
    } else {
      append_utf8(out, c);  // ISO 8859-1: the byte is the code point
    }
  }
  return out;
}

std::string hex_bytes(std::span<const uint8_t> bytes, size_t n) {
  static constexpr char kDigits[] = "0123456789abcdef";
  std::string out;
  for (size_t i = 0; i < std::min(n, bytes.size()); ++i) {
    if (i) out += ' ';
    out += kDigits[bytes[i] >> 4];
    out += kDigits[bytes[i] & 15];
  }
  return out;
}

std::string extension_of(std::string_view name) {
  const auto slash = name.find_last_of("/\\");
  if (slash != std::string_view::npos) name.remove_prefix(slash + 1);
  const auto dot = name.rfind('.');
  if (dot == std::string_view::npos || dot == 0) return {};
  std::string ext(name.substr(dot + 1));
  for (char& c : ext) c = static_cast<char>(c >= 'A' && c <= 'Z' ? c - 'A' + 'a' : c);
  return ext;
}

std::string size_text(uint64_t bytes) {
  static constexpr std::array<const char*, 5> kUnits = {"KiB", "MiB", "GiB", "TiB", "PiB"};
  std::string s = std::to_string(bytes) + " bytes";
  if (bytes < 1024) return s;
  double v = static_cast<double>(bytes);
  size_t u = 0;
  v /= 1024;
  while (v >= 1024 && u + 1 < kUnits.size()) v /= 1024, ++u;
  const auto tenths = static_cast<uint64_t>(v * 10 + 0.5);
  return s + " (" + std::to_string(tenths / 10) + "." + std::to_string(tenths % 10) + " " + kUnits[u] + ")";
}

Result::Result(FileKind kind) {
  id.kind = kind;
  id.name = machine_name(kind);
}

Result& Result::add(std::string key, std::string value) {
  id.details.emplace_back(std::move(key), std::move(value));
  return *this;
}

Result& Result::add(std::string key, uint64_t value) { return add(std::move(key), std::to_string(value)); }

bool Input::beside(std::string_view ext_lower) const {
  return std::find(companions.begin(), companions.end(), ext_lower) != companions.end();
}

}  // namespace identify_detail

const char* machine_name(FileKind kind) {
  switch (kind) {
    case FileKind::Unknown: return "unknown";
    case FileKind::Empty: return "empty";
    case FileKind::Iso9660: return "iso9660";
    case FileKind::Udf: return "udf";
    case FileKind::RawCd2352: return "raw-cd-2352";
    case FileKind::RawCd2448: return "raw-cd-2448";
    case FileKind::AudioBin: return "audio-bin";
    case FileKind::CloneCdImg: return "clonecd-img";
    case FileKind::CloneCdCcd: return "clonecd-ccd";
    case FileKind::CloneCdSub: return "clonecd-sub";
    case FileKind::Nrg: return "nrg";
    case FileKind::Mds: return "mds";
    case FileKind::Mdf: return "mdf";
    case FileKind::CdrdaoToc: return "cdrdao-toc";
    case FileKind::Cue: return "cue";
    case FileKind::FloppyImage: return "floppy-image";
    case FileKind::FatVolume: return "fat-volume";
    case FileKind::MbrDisk: return "mbr-disk";
    case FileKind::GptDisk: return "gpt-disk";
    case FileKind::Vhd: return "vhd";
    case FileKind::Vmdk: return "vmdk";
    case FileKind::Qcow2: return "qcow2";
    case FileKind::Dmg: return "dmg";
    case FileKind::Chd: return "chd";
    case FileKind::Ecm: return "ecm";
    case FileKind::Gzip: return "gzip";
    case FileKind::Xz: return "xz";
    case FileKind::Bzip2: return "bzip2";
    case FileKind::Zip: return "zip";
    case FileKind::SevenZip: return "7z";
    case FileKind::Zstd: return "zstd";
  }
  return "unknown";
}

const std::string* Identification::detail(std::string_view key) const {
  for (const auto& [k, v] : details)
    if (k == key) return &v;
  return nullptr;
}

bool Identification::optical() const {
  switch (kind) {
    case FileKind::Iso9660:
    case FileKind::Udf:
    case FileKind::RawCd2352:
    case FileKind::RawCd2448:
    case FileKind::AudioBin:
    case FileKind::CloneCdImg:
    case FileKind::CloneCdCcd:
    case FileKind::CloneCdSub:
    case FileKind::Nrg:
    case FileKind::Mds:
    case FileKind::Mdf:
    case FileKind::CdrdaoToc:
    case FileKind::Cue:
    case FileKind::Chd:
    case FileKind::Ecm: return true;
    default: return false;
  }
}

Identification identify_bytes(std::span<const uint8_t> head, std::span<const uint8_t> tail, uint64_t file_size,
                              std::string_view name, const std::vector<std::string>& companions) {
  using namespace identify_detail;
  if (head.size() > file_size || tail.size() > file_size)
    throw std::invalid_argument("identify_bytes: head or tail larger than the file");
  if (file_size == 0) {
    Result r(FileKind::Empty);
    r.id.summary = "empty file (0 bytes)";
    r.id.advice = "nothing to identify: the file is empty (an interrupted copy or download?)";
    return std::move(r.id);
  }
  const Bytes bytes(head, tail, file_size);
  const Input in{bytes, name, extension_of(name), companions};
  // Order matters: text and magic numbers are unambiguous; footers come before content at
  // offset 0 (an NRG or a fixed VHD starts with what it wraps); cooked volumes before raw
  // sectors; disk layouts before the weakest rule of all (audio: no sync, size % 2352 == 0).
  for (auto probe : {probe_text, probe_magic, probe_nrg, probe_footers, probe_cooked, probe_companion_sub, probe_raw,
                     probe_disk, probe_audio}) {
    if (auto found = probe(in)) return std::move(*found);
  }
  Result r(FileKind::Unknown);
  r.add("size", file_size).add("first_bytes", hex_bytes(head, 16));
  r.id.summary = "not a format discwright recognises (" + size_text(file_size) + ")";
  r.id.advice = "no known image, disk or archive signature: check where the file came from (`file` may know it)";
  return std::move(r.id);
}

Identification identify_file(const std::filesystem::path& path) {
  const auto file = ImageFile::open(path);
  const uint64_t size = file->size();
  std::vector<uint8_t> head(static_cast<size_t>(std::min<uint64_t>(size, kIdentifyHeadSize)));
  std::vector<uint8_t> tail(static_cast<size_t>(std::min<uint64_t>(size, kIdentifyTailSize)));
  file->read_at(0, head);
  file->read_at(size - tail.size(), tail);

  // Companions: the same stem with the extensions that pair up image files, as users name them.
  std::vector<std::string> companions;
  static constexpr std::array<const char*, 9> kPaired = {"ccd", "cue", "toc", "mds", "mdf", "sub", "img", "bin", "iso"};
  std::error_code ec;
  for (const char* ext : kPaired) {
    std::string upper(ext);
    for (char& c : upper) c = static_cast<char>(c - 'a' + 'A');
    for (const std::string& variant : {std::string(ext), upper}) {
      auto other = path;
      other.replace_extension(variant);
      if (other != path && std::filesystem::is_regular_file(other, ec)) {
        companions.emplace_back(ext);
        break;
      }
    }
  }
  // A sheet of another name that lists this file (redump's "<name> (Track N).bin"): counts as
  // a .cue (or .toc) beside it, and the advice names it.
  std::string sheet;
  const auto has = [&](const char* ext) {
    return std::find(companions.begin(), companions.end(), ext) != companions.end();
  };
  const std::string own = path.extension().string();
  if (!has("cue") && !has("toc") && own != ".cue" && own != ".toc") {
    if (const auto found = find_listing_sheet(path)) {
      sheet = found->filename().string();
      std::string ext = found->extension().string().substr(1);
      for (char& c : ext) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
      companions.push_back(ext);
    }
  }
  Identification r = identify_bytes(head, tail, size, path.filename().string(), companions);
  if (!sheet.empty()) {
    r.details.emplace_back("listed_in", sheet);
    r.advice = fmt::format("a track of {}: open that sheet (discwright info \"{}\")", sheet,
                           (path.parent_path() / sheet).string());
  }
  return r;
}

}  // namespace dw
