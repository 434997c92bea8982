// identify: optical images by their sectors (cooked ISO/UDF, raw 2352/2448 sectors, audio
// frames) and by their footers (Nero). Facts: reference/image-formats.md, cd-physical.md.
#include <fmt/format.h>

#include <algorithm>
#include <cstring>

#include "disc/msf.hpp"
#include "disc/scrambler.hpp"
#include "disc/sector.hpp"
#include "formats/identify_detail.hpp"

namespace dw::identify_detail {

namespace {

constexpr uint64_t kCdMaxCooked = 900ull * 1024 * 1024;  // beyond any CD (99 min = 870 MiB)
constexpr uint64_t kDvd9 = 8547991552ull;                // dual-layer DVD capacity
constexpr size_t kHeadSample = 64;                       // sectors classified from the head
constexpr size_t kTailSample = 16;                       // and from the tail

/// Classes of a sample of sectors, taken at one stride.
struct Sample {
  size_t stride = 0;
  size_t total = 0, zero = 0;
  std::array<size_t, 7> counts{};  // by SectorClass
  std::optional<Lba> first_lba;    // header address of sector 0 when it is a data sector
  [[nodiscard]] size_t count(SectorClass c) const { return counts[static_cast<size_t>(c)]; }
  [[nodiscard]] size_t data() const { return total - count(SectorClass::AudioLike); }
};

std::optional<Lba> header_lba(std::span<const uint8_t> s) {
  return bcd_msf_to_lba(BcdMsf{Bcd::raw(s[12]), Bcd::raw(s[13]), Bcd::raw(s[14])});
}

// A sector shorter than 2352 bytes (a file smaller than one sector): only the header can be
// judged; a scrambled one is recognised the way redumper accepts it.
SectorClass classify_partial(std::span<const uint8_t> p, std::optional<Lba>& lba) {
  std::vector<uint8_t> copy(p.begin(), p.end());
  if (has_sync(copy) && copy[15] <= 2 && header_lba(copy)) {
    lba = header_lba(copy);
    return copy[15] == 0 ? SectorClass::Mode0 : copy[15] == 1 ? SectorClass::Mode1 : SectorClass::Mode2Formless;
  }
  if (accepted(descramble_checked(copy, Lba{0}))) {
    lba = header_lba(copy);
    return SectorClass::Scrambled;
  }
  return SectorClass::AudioLike;
}

// A whole sector at position k (LBA k when the image starts at LBA 0, as BIN and IMG files do).
SectorClass classify_at(const uint8_t* p, uint64_t k, std::optional<Lba>* lba) {
  const std::span<const uint8_t, 2352> s(p, 2352);
  SectorClass c = classify_sector(s);
  std::array<uint8_t, 2352> copy;
  std::memcpy(copy.data(), p, copy.size());
  if (c == SectorClass::AudioLike) {
    // A scrambled sector whose sync or mode is damaged is still recognised by its address.
    const std::optional<Lba> expected = k <= INT32_MAX ? std::optional<Lba>(static_cast<Lba>(k)) : std::nullopt;
    if (accepted(descramble_checked(copy, expected))) c = SectorClass::Scrambled;
  } else if (c == SectorClass::Scrambled) {
    scramble(copy);
  }
  if (lba && c != SectorClass::AudioLike) *lba = header_lba(copy);
  return c;
}

Sample take_sample(const Bytes& b, size_t stride) {
  Sample s;
  s.stride = stride;
  const auto note = [&](SectorClass c, std::span<const uint8_t> bytes) {
    ++s.total;
    ++s.counts[static_cast<size_t>(c)];
    if (std::all_of(bytes.begin(), bytes.end(), [](uint8_t x) { return x == 0; })) ++s.zero;
  };
  const uint64_t n = b.size() / stride;
  if (n == 0) {
    if (b.size() >= 16 && b.size() < 2352 && b.head().size() == b.size())
      note(classify_partial(b.head(), s.first_lba), b.head());
    return s;
  }
  const auto visit = [&](uint64_t k) {
    if (k > UINT64_MAX / stride) return;
    if (const uint8_t* p = b.at(k * stride, 2352)) note(classify_at(p, k, k == 0 ? &s.first_lba : nullptr), {p, 2352});
  };
  const uint64_t in_head = std::min<uint64_t>(n, b.head().size() / stride);
  if (in_head <= kHeadSample) {
    for (uint64_t k = 0; k < in_head; ++k) visit(k);
  } else {
    for (uint64_t i = 0; i < kHeadSample; ++i) visit(i * in_head / kHeadSample);
  }
  const uint64_t tail_first = std::max<uint64_t>(in_head, (b.tail_start() + stride - 1) / stride);
  for (uint64_t k = tail_first; k < n && k < tail_first + kTailSample; ++k) visit(k);
  return s;
}

std::string msf_text(uint64_t frames) {
  return fmt::format("{:02}:{:02}:{:02}", frames / 75 / 60, frames / 75 % 60, frames % 75);
}

void add_sample(Result& r, const Sample& s) {
  static constexpr std::pair<SectorClass, const char*> kKeys[] = {
      {SectorClass::Mode1, "sample_mode1"},
      {SectorClass::Mode2Form1, "sample_mode2_form1"},
      {SectorClass::Mode2Form2, "sample_mode2_form2"},
      {SectorClass::Mode2Formless, "sample_mode2_formless"},
      {SectorClass::Mode0, "sample_mode0"},
      {SectorClass::AudioLike, "sample_audio"},
      {SectorClass::Scrambled, "sample_scrambled"},
  };
  r.add("sample_sectors", s.total);
  for (auto [c, key] : kKeys)
    if (s.count(c)) r.add(key, s.count(c));
  if (s.zero) r.add("sample_zero", s.zero);
}

// "Mode 1", "Mode 2", "Mode 1 and Mode 2", "audio" ...: the data modes a sample shows.
std::string modes_text(const Sample& s) {
  const size_t m1 = s.count(SectorClass::Mode1);
  const size_t m2 =
      s.count(SectorClass::Mode2Form1) + s.count(SectorClass::Mode2Form2) + s.count(SectorClass::Mode2Formless);
  std::string t = m1 && m2 ? "Mode 1 and Mode 2 data" : m1 ? "Mode 1 data" : m2 ? "Mode 2 data" : "data";
  if (s.count(SectorClass::Scrambled)) t = "scrambled data";
  if (s.count(SectorClass::AudioLike)) t += " and audio";
  return t;
}

std::string media_size(uint64_t bytes) { return bytes <= kCdMaxCooked ? "cd" : bytes <= kDvd9 ? "dvd" : "bd"; }

bool has_partition_table(const Bytes& b) {
  const uint8_t* p = b.at(0, 512);
  if (!p || p[510] != 0x55 || p[511] != 0xAA) return false;
  for (size_t i = 0; i < 4; ++i) {
    const uint8_t* e = p + 446 + 16 * i;
    if ((e[0] == 0x00 || e[0] == 0x80) && e[4] != 0 && le32(e + 12) != 0) return true;
  }
  return false;
}

}  // namespace

std::optional<Identification> probe_cooked(const Input& in) {
  const Bytes& b = in.bytes;
  const VolumeInfo v = analyse_volume(b, UserLayout{});
  if (!v.any()) return std::nullopt;
  Result r(v.udf ? FileKind::Udf : FileKind::Iso9660);
  r.add("sector_size", 2048);
  add_volume_details(r, v);
  const uint64_t file_blocks = b.size() / 2048;
  r.add("file_blocks", file_blocks);
  const bool truncated = v.iso && v.block_size == 2048 && v.blocks > file_blocks;
  if (truncated) r.add("truncated", "yes");
  const bool hybrid = has_partition_table(b);
  const bool gpt = b.equals(512, "EFI PART");
  r.add("isohybrid", hybrid ? (gpt ? "mbr+gpt" : "mbr") : "no");
  const std::string media = media_size(b.size());
  r.add("media_size", media);

  std::string& sum = r.id.summary;
  sum = std::string(v.udf ? (v.iso ? "UDF/ISO 9660 bridge image \"" : "UDF image \"") : "ISO 9660 image \"") +
        (v.udf ? v.udf_label : v.label) + "\"";
  if (v.el_torito) sum += ", bootable (El Torito)";
  if (v.iso) sum += ", " + std::to_string(v.blocks) + " blocks";
  if (hybrid) sum += ", isohybrid (also a disk image)";
  if (truncated) sum += ", TRUNCATED (the volume claims more blocks than the file holds)";

  std::string& adv = r.id.advice;
  if (hybrid) {
    adv = "a hybrid ISO: burn it as is, or write it to a USB stick with dd; mount -o loop reads it";
  } else if (v.udf) {
    adv = "a UDF image (DVD/BD-style file system): mount -o loop -t udf, or burn it as is";
  } else {
    adv = "a plain ISO 9660 image: mount -o loop (or open with 7z / xorriso), or burn it as is";
  }
  if (media != "cd") adv += std::string("; too big for a CD: burn it to a ") + (media == "dvd" ? "DVD" : "BD");
  if (truncated) adv += "; the file is shorter than the volume: get a complete copy first";
  if (in.ext == "img" || in.ext == "bin")
    adv += "; it is a cooked ISO despite its ." + in.ext + " name: renaming it .iso helps other tools";
  return std::move(r.id);
}

std::optional<Identification> probe_raw(const Input& in) {
  const Bytes& b = in.bytes;
  const Sample s2352 = take_sample(b, 2352), s2448 = take_sample(b, 2448);
  if (s2352.data() == 0 && s2448.data() == 0) return std::nullopt;
  // A 2448 image has sync at every 2448 bytes, a 2352 image at every 2352: the stride that finds
  // more data sectors wins; with one sector only, the size decides.
  const bool is2448 =
      s2448.data() > s2352.data() || (s2448.data() == s2352.data() && b.size() % 2448 == 0 && b.size() % 2352 != 0);
  const Sample& s = is2448 ? s2448 : s2352;
  FileKind kind = is2448 ? FileKind::RawCd2448 : FileKind::RawCd2352;
  if (in.beside("ccd")) kind = FileKind::CloneCdImg;
  if (in.beside("mds")) kind = FileKind::Mdf;
  Result r(kind);
  r.add("sector_size", s.stride).add("sectors", b.size() / s.stride);
  if (b.size() % s.stride) r.add("trailing_bytes", b.size() % s.stride);
  if (is2448) r.add("subchannel", "96 bytes after each sector");
  add_sample(r, s);
  const bool scrambled = s.count(SectorClass::Scrambled) > 0;
  r.add("scrambled", scrambled ? "yes" : "no");
  if (s.first_lba) r.add("first_sector_lba", std::to_string(*s.first_lba));
  const VolumeInfo v = analyse_volume(b, UserLayout{0, s.stride, UserLayout::Form::Raw});
  if (v.any()) add_volume_details(r, v);

  const std::string size = std::to_string(s.stride);
  std::string& sum = r.id.summary;
  sum = (kind == FileKind::CloneCdImg ? "CloneCD image data"
         : kind == FileKind::Mdf      ? "Alcohol 120% image data"
                                      : "raw CD image") +
        std::string(" (") + size + "-byte sectors, " +
        (b.size() < s.stride ? "one truncated sector of " + std::to_string(b.size()) + " bytes"
                             : std::to_string(b.size() / s.stride) + " sectors") +
        "): " + modes_text(s) + volume_phrase(v);
  if (b.size() > s.stride && b.size() % s.stride) sum += ", " + std::to_string(b.size() % s.stride) + " trailing bytes";

  const size_t m1 = s.count(SectorClass::Mode1);
  const bool mode2 = s.data() > m1 + s.count(SectorClass::Scrambled);
  const std::string cue_mode = mode2 && !m1 ? "MODE2/2352" : "MODE1/2352";
  std::string& adv = r.id.advice;
  if (kind == FileKind::CloneCdImg) {
    adv = "a CloneCD image: open the .ccd next to it";
  } else if (kind == FileKind::Mdf) {
    adv = "an Alcohol 120% image: open the .mds next to it";
  } else if (scrambled) {
    adv =
        "scrambled raw sectors (a drive's dump read as audio): descramble them first (redumper split, or "
        "discwright convert); CD tools and mount cannot read them";
  } else if (in.beside("cue")) {
    adv = "raw CD sectors: open the .cue next to it, not the ." + (in.ext.empty() ? std::string("bin") : in.ext);
  } else if (in.beside("toc")) {
    adv = "raw CD sectors: open the cdrdao .toc next to it";
  } else if (is2448) {
    adv =
        "raw sectors with subchannel (2448 bytes each): give it a cue sheet with CDG-style tracks or convert it "
        "with discwright convert";
  } else if (in.ext == "iso") {
    adv =
        "named .iso but holds raw 2352-byte sectors (a \"raw ISO\"): mount and ISO tools will fail; write a cue "
        "sheet for it (TRACK 01 " +
        cue_mode + ") or convert it to a cooked ISO with discwright convert";
  } else {
    adv = "raw CD sectors without a sheet: write a cue sheet (FILE \"" + printable(in.name) + "\" BINARY, TRACK 01 " +
          cue_mode + ", INDEX 01 00:00:00) or convert it with discwright convert";
  }
  return std::move(r.id);
}

std::optional<Identification> probe_audio(const Input& in) {
  const Bytes& b = in.bytes;
  if (b.size() % 2352 != 0) return std::nullopt;
  const Sample s = take_sample(b, 2352);
  if (s.data() != 0) return std::nullopt;
  FileKind kind = FileKind::AudioBin;
  if (in.beside("ccd")) kind = FileKind::CloneCdImg;
  if (in.beside("mds")) kind = FileKind::Mdf;
  Result r(kind);
  const uint64_t frames = b.size() / 2352;
  r.add("sector_size", 2352).add("sectors", frames).add("duration", msf_text(frames));
  add_sample(r, s);
  if (s.zero == s.total) r.add("silent_sample", "yes");
  r.id.summary =
      (kind == FileKind::AudioBin ? std::string("CD audio (raw 2352-byte frames") : "CD audio image data (") +
      ", no data sectors): " + std::to_string(frames) + " sectors, " + msf_text(frames);
  std::string& adv = r.id.advice;
  if (kind == FileKind::CloneCdImg) {
    adv = "a CloneCD image of an audio CD: open the .ccd next to it";
  } else if (kind == FileKind::Mdf) {
    adv = "an Alcohol 120% image: open the .mds next to it";
  } else if (in.beside("cue")) {
    adv = "CD audio: open the .cue next to it";
  } else if (in.beside("toc")) {
    adv = "CD audio: open the cdrdao .toc next to it (cdrdao raw audio is big-endian)";
  } else {
    adv =
        "raw CD audio (44.1 kHz 16-bit stereo PCM, little-endian) without a sheet: write a cue sheet (TRACK 01 "
        "AUDIO, INDEX 01 00:00:00) or import it as raw PCM (sox -t raw -r 44100 -e signed -b 16 -c 2)";
  }
  return std::move(r.id);
}

std::optional<Identification> probe_companion_sub(const Input& in) {
  if (in.ext != "sub" || !in.beside("ccd") || in.bytes.size() % 96 != 0) return std::nullopt;
  Result r(FileKind::CloneCdSub);
  r.add("sectors", in.bytes.size() / 96);
  r.id.summary = "CloneCD subchannel data: " + std::to_string(in.bytes.size() / 96) + " sectors of 96 bytes";
  r.id.advice = "CloneCD subchannel: open the .ccd next to it (the .img holds the sectors)";
  return std::move(r.id);
}

std::optional<Identification> probe_nrg(const Input& in) {
  const Bytes& b = in.bytes;
  int version = 0;
  uint64_t chain = 0, footer = 0;
  if (b.size() >= 12 && b.equals(b.size() - 12, "NER5")) {
    version = 2, footer = 12, chain = be64(b.at(b.size() - 8, 8));
  } else if (b.size() >= 8 && b.equals(b.size() - 8, "NERO")) {
    version = 1, footer = 8, chain = be32(b.at(b.size() - 4, 4));
  }
  if (!version || chain >= b.size() - footer) return std::nullopt;

  Result r(FileKind::Nrg);
  r.add("nrg_version", std::to_string(version)).add("chain_offset", chain);
  std::string chunks, layout;
  size_t sessions = 0, tracks = 0;
  bool cdtext = false, complete = false;
  struct First {
    uint64_t offset;
    uint32_t size;
    uint8_t mode;
  };
  std::optional<First> first;
  // Sector size of an ETNF/ETN2 mode code (the DAO chunks give the size outright).
  const auto size_of_mode = [](uint32_t mode) -> uint32_t {
    switch (mode) {
      case 0x00:
      case 0x02: return 2048;
      case 0x03: return 2336;
      case 0x05:
      case 0x06:
      case 0x07: return 2352;
      case 0x0F:
      case 0x10:
      case 0x11: return 2448;
      default: return 0;
    }
  };
  uint64_t off = chain;
  for (int i = 0; i < 256; ++i) {
    const uint8_t* h = b.at(off, 8);
    if (!h) break;
    const std::string id = printable(std::string_view(reinterpret_cast<const char*>(h), 4));
    const uint32_t size = be32(h + 4);
    if (i < 32) chunks += (chunks.empty() ? "" : " ") + id;
    if (id == "END!") {
      complete = true;
      break;
    }
    const uint8_t* body = b.at(off + 8, size);
    const bool v2 = id == "DAOX" || id == "ETN2";
    if (id == "SINF") ++sessions;
    if (id == "CDTX") cdtext = true;
    if (body && (id == "DAOX" || id == "DAOI") && size >= 22) {
      layout = "DAO";
      const size_t entry = v2 ? 42 : 30;
      if (body[21] >= body[20]) tracks += body[21] - body[20] + 1u;
      if (!first && size >= 22 + entry) {
        const uint8_t* t = body + 22;
        first = First{v2 ? be64(t + 26) : be32(t + 22), be16(t + 12), t[14]};
      }
    }
    if (body && (id == "ETNF" || id == "ETN2")) {
      layout = "TAO";
      const size_t entry = v2 ? 32 : 20;
      tracks += size / entry;
      if (!first && size >= entry) {
        const uint32_t mode = be32(body + (v2 ? 16 : 8));
        first = First{v2 ? be64(body) : be32(body), size_of_mode(mode), static_cast<uint8_t>(mode)};
      }
    }
    if (off > UINT64_MAX - 8 - size) break;
    off += 8 + uint64_t{size};
  }
  r.add("chunks", chunks);
  if (!complete) r.add("chain_complete", "no");
  if (!layout.empty()) r.add("layout", layout);
  r.add("sessions", sessions).add("tracks", tracks);
  r.add("cd_text", cdtext ? "yes" : "no");
  VolumeInfo v;
  if (first) {
    r.add("first_track_offset", first->offset).add("first_track_sector_size", first->size);
    const bool audio = first->mode == 0x07 || first->mode == 0x10;
    UserLayout l{first->offset, first->size, UserLayout::Form::Raw};
    if (first->size == 2048) l.form = UserLayout::Form::Cooked;
    if (first->size == 2336) l.form = UserLayout::Form::Formless2336;
    if (!audio && (first->size == 2048 || first->size == 2336 || first->size == 2352 || first->size == 2448)) {
      v = analyse_volume(b, l);
      if (v.any()) add_volume_details(r, v);
    }
  }
  r.id.summary = "Nero image (NRG v" + std::to_string(version) + (layout.empty() ? "" : ", " + layout) + ", " +
                 std::to_string(sessions) + " session(s), " + std::to_string(tracks) + " track(s))" + volume_phrase(v);
  r.id.advice =
      "a Nero image: open it with discwright or convert it to cue/bin; nrg2iso is only right for a single "
      "cooked Mode 1 track";
  return std::move(r.id);
}

}  // namespace dw::identify_detail
