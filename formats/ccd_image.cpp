#include "formats/ccd_image.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <memory>

#include "disc/cdtext.hpp"
#include "disc/error.hpp"
#include "disc/full_toc.hpp"
#include "disc/subchannel.hpp"
#include "formats/extent_source.hpp"
#include "formats/output_file.hpp"
#include "formats/sector_copy.hpp"
#include "formats/write_behind.hpp"

namespace dw {

namespace {

TrackMode ccd_mode(int mode, DiscType type) {
  if (mode == 0) return TrackMode::Audio;
  if (mode == 1) return TrackMode::Mode1;
  return type == DiscType::CdI ? TrackMode::CdI : TrackMode::Mode2Xa;
}

int mode_number(TrackMode m) {
  return m == TrackMode::Audio ? 0 : m == TrackMode::Mode1 || m == TrackMode::Mode0 ? 1 : 2;
}

}  // namespace

Disc ccd_disc(const CcdSheet& sheet, const std::string& source) {
  Disc d = parse_full_toc(ccd_full_toc(sheet), source);
  for (const CcdTrack& ct : sheet.tracks) {
    Track* t = nullptr;
    Session* in = nullptr;
    for (Session& s : d.sessions)
      for (Track& x : s.tracks)
        if (x.number == ct.number) t = &x, in = &s;
    if (!t)
      throw InputError(source, fmt::format("[TRACK {}] has no full-TOC [Entry]", ct.number), std::nullopt, ct.line);
    t->mode = ccd_mode(ct.mode, in->type);
    if (t->mode != TrackMode::Audio) t->control.bits |= Control::kData;
    t->indices.clear();
    for (const auto& [n, lba] : ct.indices) t->indices.push_back({n, lba});
    t->isrc = ct.isrc;
  }
  d.mcn = sheet.catalog;
  if (!sheet.cdtext.empty()) d.cdtext = parse_cdtext(sheet.cdtext, source + " [CDText]");
  try {
    d.validate();
  } catch (const ModelError& e) {
    throw InputError(source, fmt::format("the control file does not describe a valid disc: {}", e.what()));
  }
  return d;
}

Image read_ccd(const std::filesystem::path& path) {
  auto ccd = path;
  ccd.replace_extension(".ccd");
  const FoundFile found_ccd = find_sheet_file(path, ccd.filename().string());
  const auto text = ImageFile::open(found_ccd.path)->read_all(4 << 20);
  const std::string source = found_ccd.path.string();
  const CcdSheet sheet = parse_ccd(std::string_view(reinterpret_cast<const char*>(text.data()), text.size()), source);
  Disc disc = ccd_disc(sheet, source);
  Image image;
  image.format = "ccd";
  const std::string stem = found_ccd.path.stem().string();
  const FoundFile img_path = find_sheet_file(found_ccd.path, stem + ".img", 0, false);
  const auto img = ImageFile::open(img_path.path);
  const Lba leadout = disc.leadout();
  const auto sectors = static_cast<Lba>(std::min<uint64_t>(img->size() / 2352, 500'000));
  if (sectors < leadout)
    throw InputError(img->name(),
                     fmt::format("holds {} sectors, but the control file's lead-out is at LBA {}", sectors, leadout));
  std::vector<PartialSector> partial;
  if (img->size() % 2352) {
    image.notes.push_back(
        fmt::format("{} ends with {} bytes that are not a whole sector", img->name(), img->size() % 2352));
    partial.push_back({img->name(), img->size(), false, 2352, img->size() % 2352});
  }
  if (sectors > leadout)
    image.notes.push_back(fmt::format("{} sectors after the lead-out start are not read", sectors - leadout));
  std::vector<Extent> extents;
  if (!sheet.scrambled) {
    extents.push_back(Extent::stored(0, static_cast<uint32_t>(leadout), Storage::Raw, img, 0, 2352));
  } else {
    // Data sectors are stored as they are on the disc surface: scrambled.
    Lba at = 0;
    for (const Track* t : disc.tracks()) {
      const Lba first = std::max(at, disc.q_pregap_start(t->number)), end = disc.track_end(t->number);
      if (first > at)
        extents.push_back(
            Extent::stored(at, static_cast<uint32_t>(first - at), Storage::Raw, img, uint64_t(at) * 2352, 2352));
      Extent e =
          Extent::stored(first, static_cast<uint32_t>(end - first), Storage::Raw, img, uint64_t(first) * 2352, 2352);
      e.scrambled = t->is_data();
      extents.push_back(e);
      at = end;
    }
    if (at < leadout)
      extents.push_back(
          Extent::stored(at, static_cast<uint32_t>(leadout - at), Storage::Raw, img, uint64_t(at) * 2352, 2352));
    image.notes.push_back("DataTracksScrambled=1: data sectors are descrambled on read");
  }
  std::optional<SubFile> sub;
  try {
    const FoundFile sub_path = find_sheet_file(found_ccd.path, stem + ".sub", 0, false);
    sub = SubFile{ImageFile::open(sub_path.path), 0, SubLayout::Linear};
    if (sub->file->size() < uint64_t(leadout) * 96) {
      image.notes.push_back(
          fmt::format("{} covers {} sectors, fewer than the image: subchannel is synthesised from the TOC",
                      sub->file->name(), sub->file->size() / 96));
      sub.reset();
    }
  } catch (const InputError&) {
    image.notes.push_back("no .sub file: subchannel is synthesised from the TOC");
  }
  auto extent_source =
      std::make_unique<ExtentSectorSource>(std::move(disc), 0, leadout, std::move(extents), std::move(sub));
  extent_source->set_partial_sectors(std::move(partial));
  image.source = std::move(extent_source);
  return image;
}

std::string make_ccd(const Disc& disc) {
  const std::vector<uint8_t> toc = build_full_toc(disc);
  const size_t entries = (toc.size() - 4) / 11;
  std::vector<uint8_t> packs;
  if (!disc.cdtext.empty()) packs = cdtext_bytes(build_cdtext_packs(disc.cdtext));
  std::string s =
      fmt::format("[CloneCD]\nVersion=3\n[Disc]\nTocEntries={}\nSessions={}\nDataTracksScrambled=0\nCDTextLength={}\n",
                  entries, disc.sessions.size(), packs.size());
  if (!disc.mcn.empty()) s += fmt::format("CATALOG={}\n", disc.mcn);
  if (!packs.empty()) {
    s += fmt::format("[CDText]\nEntries={}\n", packs.size() / 18);
    for (size_t k = 0; k < packs.size() / 18; ++k) {
      s += fmt::format("Entry {}=", k);
      for (size_t i = 0; i < 16; ++i) s += fmt::format("{:02x}{}", packs[k * 18 + i], i < 15 ? " " : "\n");
    }
  }
  for (const Session& session : disc.sessions)
    s += fmt::format("[Session {}]\nPreGapMode={}\nPreGapSubC={}\n", session.number,
                     mode_number(session.tracks.front().mode), session.tracks.front().is_data() ? 1 : 0);
  const auto lba_of = [](uint8_t m, uint8_t sec, uint8_t f) {
    const auto l = msf_to_lba(Msf{m, sec, f});
    return l ? *l : (m * 60 + sec) * 75 + f - 150;
  };
  for (size_t k = 0; k < entries; ++k) {
    const uint8_t* e = toc.data() + 4 + k * 11;
    s += fmt::format(
        "[Entry "
        "{}]\nSession={}\nPoint=0x{:02x}\nADR=0x{:02x}\nControl=0x{:02x}\nTrackNo={}\nAMin={}\nASec={}\nAFrame={}"
        "\nALBA={}\n"
        "Zero={}\nPMin={}\nPSec={}\nPFrame={}\nPLBA={}\n",
        k, e[0], e[3], e[1] >> 4, e[1] & 0x0F, e[2], e[4], e[5], e[6], lba_of(e[4], e[5], e[6]), e[7], e[8], e[9],
        e[10], lba_of(e[8], e[9], e[10]));
  }
  for (const Track* t : disc.tracks()) {
    s += fmt::format("[TRACK {}]\nMODE={}\n", t->number, mode_number(t->mode));
    if (!t->isrc.empty()) s += fmt::format("ISRC={}\n", t->isrc);
    std::string flags;
    if (t->control.copy_permitted()) flags += " DCP";
    if (t->control.pre_emphasis()) flags += " PRE";
    if (t->control.four_channel()) flags += " 4CH";
    if (!flags.empty()) s += fmt::format("FLAGS={}\n", flags.substr(1));
    for (const Index& x : t->indices) s += fmt::format("INDEX {}={}\n", x.number, x.lba);
  }
  return s;
}

std::array<std::filesystem::path, 3> ccd_file_set(const std::filesystem::path& ccd_path) {
  auto img = ccd_path, sub = ccd_path;
  return {ccd_path, img.replace_extension(".img"), sub.replace_extension(".sub")};
}

std::vector<std::filesystem::path> write_ccd(SectorSource& source, const std::filesystem::path& ccd_path, bool force,
                                             const std::function<void(uint64_t, uint64_t)>& progress) {
  const Disc& disc = source.disc();
  const std::string text = make_ccd(disc);
  const auto [ccd_file, img_path, sub_path] = ccd_file_set(ccd_path);
  OutputFile img(img_path, force), sub(sub_path, force), ccd(ccd_file, force);
  const Lba end = disc.leadout();
  constexpr uint32_t kChunk = 1024;
  // The .img is written on a second thread (WriteBehind) while this one reads and makes the
  // .sub: main-channel bytes the source stores as they are go in one kernel copy (like cp) as
  // far as they reach; others a chunk at a time from two buffers, one written, one filled.
  std::vector<uint8_t> mains[2] = {std::vector<uint8_t>(kChunk * 2352), std::vector<uint8_t>(kChunk * 2352)};
  std::vector<uint8_t> raw(kChunk * 96), linear(kChunk * 96);
  WriteBehind behind(img);
  int turn = 0;
  Lba copied_to = 0;  // the .img copy handed to the writer reaches this LBA
  // Sub for LBAs the source does not hold (never for our readers): synthesised from the disc.
  SubchannelSynthesizer synth(disc);
  for (Lba at = 0; at < end;) {
    if (at >= copied_to)
      if (std::optional<StoredRun> stored = stored_main(source, at, 1)) {
        const auto n = static_cast<uint32_t>(std::min<Lba>(stored->count, end - at));
        behind.copy_from(std::move(stored->file), stored->offset, uint64_t{n} * 2352);
        copied_to = at + static_cast<Lba>(n);
      }
    const bool copied = at < copied_to;
    const auto n = static_cast<uint32_t>(std::min<Lba>(kChunk, (copied ? copied_to : end) - at));
    const auto r = std::span(raw).first(size_t{n} * 96);
    const auto m = copied ? std::span<uint8_t>() : std::span(mains[turn]).first(size_t{n} * 2352);
    turn ^= 1;
    read_padded(source, at, n, m, r, &synth);
    for (uint32_t i = 0; i < n; ++i)
      deinterleave_subchannel(std::span<const uint8_t, 96>(raw.data() + size_t{i} * 96, 96),
                              std::span<uint8_t, 96>(linear.data() + size_t{i} * 96, 96));
    if (!copied) behind.write(m);
    sub.write(std::span(linear).first(size_t{n} * 96));
    at += static_cast<Lba>(n);
    if (progress) progress(static_cast<uint64_t>(at), static_cast<uint64_t>(end));
  }
  behind.wait();
  ccd.write(text);
  img.commit();
  sub.commit();
  ccd.commit();
  return {ccd_file, img_path, sub_path};
}

}  // namespace dw
