#include "formats/toc_reader.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <cctype>
#include <map>

#include "disc/error.hpp"
#include "formats/sector_copy.hpp"
#include "formats/wave_file.hpp"

namespace dw {

namespace {

Storage data_storage(const TocTrack& t) {
  switch (t.sector_size) {
    case 2048: return t.mode == TrackMode::Mode1 ? Storage::Mode1User : Storage::Form1User;
    case 2324: return Storage::Form2User;
    case 2336: return Storage::Mode2NoSync;
    default: return Storage::Raw;
  }
}

bool is_wave(const std::string& name) {
  std::string n = name;
  for (char& c : n) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  return n.size() > 4 && n.compare(n.size() - 4, 4, ".wav") == 0;
}

}  // namespace

CueLayout layout_toc(const TocSheet& sheet, const TocFileResolver& resolve, const std::string& source) {
  CueLayout out;
  Disc& d = out.disc;
  Session s;
  s.type = sheet.disc_type == "CD_ROM_XA" ? DiscType::CdRomXa
           : sheet.disc_type == "CD_I"    ? DiscType::CdI
                                          : DiscType::CdDaOrCdRom;
  Lba lba = 0;
  for (size_t k = 0; k < sheet.tracks.size(); ++k) {
    const TocTrack& tt = sheet.tracks[k];
    Track t;
    t.number = static_cast<uint8_t>(k + 1);
    t.mode = tt.mode;
    t.control.bits = static_cast<uint8_t>(
        (tt.mode != TrackMode::Audio ? Control::kData : 0) | (tt.copy ? Control::kCopyPermitted : 0) |
        (tt.pre_emphasis ? Control::kPreEmphasis : 0) | (tt.four_channel ? Control::kFourChannel : 0));
    t.isrc = tt.isrc;
    const Lba track_start = lba;
    if (tt.pregap > 0) {
      out.extents.push_back(Extent::generated(lba, static_cast<uint32_t>(tt.pregap), gap_kind(tt.mode)));
      lba += static_cast<Lba>(tt.pregap);
    }
    for (const TocData& x : tt.data) {
      if (x.kind == TocData::Kind::Silence || x.kind == TocData::Kind::Zero) {
        const uint64_t n = x.length.value_or(0);
        if (n > 500'000)
          throw InputError(source, fmt::format("{} sectors is more than any CD", n), std::nullopt, x.line);
        if (n)
          out.extents.push_back(Extent::generated(
              lba, static_cast<uint32_t>(n), x.kind == TocData::Kind::Silence ? SectorKind::Audio : gap_kind(tt.mode)));
        lba += static_cast<Lba>(n);
        continue;
      }
      const bool audio = x.kind == TocData::Kind::AudioFile;
      const uint32_t size = audio ? 2352 : tt.sector_size;
      const uint32_t stride = size + (tt.sub.empty() ? 0 : 96);
      if (x.length_samples && *x.length_samples % 588)
        throw InputError(
            source,
            fmt::format("FILE \"{}\" length of {} samples is not whole sectors (588 samples each): not supported",
                        x.file, *x.length_samples),
            std::nullopt, x.line);
      const auto file = resolve(x.file, x.line);
      const uint64_t begin = x.byte_offset + (audio ? x.start_samples * 4 : 0) + (file ? file->offset : 0);
      uint64_t n = 0;
      if (x.length && *x.length > 0) {  // a length of 0 means "to the end of the file", as in cdrdao
        n = *x.length;
        if (file && begin + n * stride > file->offset + file->size)
          throw InputError(source,
                           fmt::format("FILE \"{}\": {} sectors from byte {} are past its end ({} bytes)", x.file, n,
                                       begin - file->offset, file->size),
                           std::nullopt, x.line);
      } else {
        if (!file)
          throw InputError(source, fmt::format("FILE \"{}\" has no length, and its size is not known", x.file),
                           std::nullopt, x.line);
        const uint64_t end = file->offset + file->size;
        if (begin > end)
          throw InputError(source, fmt::format("FILE \"{}\" start is past its end ({} bytes)", x.file, file->size),
                           std::nullopt, x.line);
        n = (end - begin) / stride;
        if ((end - begin) % stride) {
          out.notes.push_back(fmt::format("FILE \"{}\" ends with {} bytes that are not a whole sector", x.file,
                                          (end - begin) % stride));
          out.partial.push_back(
              {file->file ? file->file->name() : x.file, file->size, is_wave(x.file), stride, (end - begin) % stride});
        }
      }
      if (n > 500'000) throw InputError(source, fmt::format("{} sectors is more than any CD", n), std::nullopt, x.line);
      if (n) {
        Storage st =
            audio ? ((tt.swap || (file && is_wave(x.file))) ? Storage::Raw : Storage::RawSwapped) : data_storage(tt);
        if (audio && tt.mode != TrackMode::Audio) st = Storage::Raw;  // raw data sectors given as FILE
        out.extents.push_back(
            Extent::stored(lba, static_cast<uint32_t>(n), st, file ? file->file : nullptr, begin, stride));
        if (tt.sub == "RW_RAW") out.extents.back().embedded_sub = SubLayout::RwRaw;
        if (tt.sub == "RW") out.extents.back().embedded_sub = SubLayout::RwPacked;
      }
      lba += static_cast<Lba>(n);
    }
    const uint64_t length = static_cast<uint64_t>(lba - track_start);
    const uint64_t to_index1 = tt.pregap > 0 ? tt.pregap : tt.start.value_or(0);
    if (to_index1 > length)
      throw InputError(source, fmt::format("TRACK {}: START is after the track's end", t.number), std::nullopt,
                       tt.line);
    if (to_index1 > 0) t.indices.push_back({0, track_start});
    const Lba index1 = track_start + static_cast<Lba>(to_index1);
    t.indices.push_back({1, index1});
    uint8_t n = 2;
    for (uint64_t at : tt.indices) t.indices.push_back({n++, index1 + static_cast<Lba>(at)});
    t.pregap_generated = static_cast<int32_t>(tt.pregap);
    s.tracks.push_back(std::move(t));
  }
  s.leadout = lba;
  s.a0_control = s.tracks.front().control;
  s.a1_control = s.a2_control = s.tracks.back().control;
  d.sessions.push_back(std::move(s));
  d.mcn = sheet.catalog;
  d.cdtext = sheet.cdtext;
  out.begin = 0;
  out.end = lba;
  try {
    d.validate();
  } catch (const ModelError& e) {
    throw InputError(source, fmt::format("the TOC does not describe a valid disc: {}", e.what()));
  }
  return out;
}

Image read_toc(const std::filesystem::path& path) {
  const auto bytes = ImageFile::open(path)->read_all(4 << 20);
  const std::string source = path.string();
  const TocSheet sheet = parse_toc(std::string_view(reinterpret_cast<const char*>(bytes.data()), bytes.size()), source);
  Image image;
  image.format = "toc";
  report_sheet_notes(sheet.notes, source, image.notes);
  std::map<std::string, CueFileData> opened;
  const auto resolve = [&](const std::string& name, int line) -> std::optional<CueFileData> {
    if (auto it = opened.find(name); it != opened.end()) return it->second;
    const FoundFile found = find_sheet_file(path, name, line, false);
    if (found.fallback) image.notes.push_back(fmt::format("FILE \"{}\" was found as {}", name, found.path.string()));
    CueFileData d;
    d.file = ImageFile::open(found.path);
    d.size = d.file->size();
    if (is_wave(name)) {
      const WaveData w = read_wave_header(*d.file);
      d.offset = w.offset;
      d.size = w.size;
    }
    opened[name] = d;
    return d;
  };
  CueLayout l = layout_toc(sheet, resolve, source);
  image.notes.insert(image.notes.end(), l.notes.begin(), l.notes.end());
  const auto has = [&](SubLayout layout) {
    return std::any_of(l.extents.begin(), l.extents.end(), [&](const Extent& e) { return e.embedded_sub == layout; });
  };
  const bool raw = has(SubLayout::RwRaw), packed = has(SubLayout::RwPacked);
  image.notes.push_back(
      raw || packed ? fmt::format("P and Q subchannel are synthesised from the TOC; R-W comes from the data files ({})",
                                  raw && packed ? "RW_RAW as stored, RW packs interleaved as on the disc"
                                  : raw         ? "RW_RAW"
                                                : "RW packs interleaved as on the disc")
                    : "subchannel is synthesised from the TOC");
  auto extent_source = std::make_unique<ExtentSectorSource>(std::move(l.disc), l.begin, l.end, std::move(l.extents));
  extent_source->set_partial_sectors(std::move(l.partial));
  image.source = std::move(extent_source);
  return image;
}

}  // namespace dw
