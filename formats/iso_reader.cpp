#include "formats/iso_reader.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <cstring>
#include <vector>

#include "disc/error.hpp"
#include "disc/sector.hpp"
#include "formats/extent_source.hpp"

namespace dw {

namespace {

// 99:59:74 is the last address a CD can carry; bigger images are DVD (or BD) media.
constexpr uint64_t kMaxCdSectors = 449'850;

}  // namespace

IsoLayout detect_iso_layout(std::span<const uint8_t> head, uint64_t size, const std::string& source) {
  if (size == 0) throw InputError(source, "is empty");
  if (has_sync(head)) {
    if (size % 2352 == 0 && (head.size() < 2352 + 12 || has_sync(head.subspan(2352)))) return IsoLayout::Raw2352;
    if (size % 2448 == 0 && (head.size() < 2448 + 12 || has_sync(head.subspan(2448)))) return IsoLayout::Raw2448;
  }
  if (size % 2048 == 0) return IsoLayout::Cooked;
  if (!has_sync(head) && size % 2352 == 0)
    throw InputError(source, fmt::format("holds {} whole 2352-byte sectors without a CD sync pattern: raw CD audio (or "
                                         "data stored without sector headers), not an ISO; it needs the sheet (.cue "
                                         "or .toc) that describes its tracks",
                                         size / 2352));
  if (has_sync(head) && size % 2352 != 0 && size % 2448 != 0)
    throw InputError(source, fmt::format("is {} bytes: it starts with a CD sync pattern, but is not a whole number of "
                                         "raw 2352-byte or 2448-byte sectors (cut short?)",
                                         size));
  throw InputError(
      source,
      fmt::format("is {} bytes: not a whole number of 2048-byte sectors (and not raw 2352/2448-byte sectors)", size));
}

Image read_iso(const std::filesystem::path& path) {
  const auto file = ImageFile::open(path);
  const std::string source = path.string();
  std::vector<uint8_t> head(static_cast<size_t>(std::min<uint64_t>(file->size(), 17 * 2448)));
  file->read_at(0, head);
  IsoLayout layout{};
  // A track file of a disc (redump's "<name> (Track 2).bin") read alone: point at its sheet.
  const auto listing = find_listing_sheet(path);
  try {
    layout = detect_iso_layout(head, file->size(), source);
  } catch (const InputError& e) {
    if (!listing) throw;
    throw InputError(source, fmt::format("{}. {} lists this file: open that sheet instead ({})", e.problem(),
                                         listing->filename().string(), listing->string()));
  }
  Image image;
  image.format = "iso";
  if (listing)
    image.notes.push_back(
        fmt::format("{} lists this file: it is one track of that disc; open the sheet for the "
                    "whole disc ({})",
                    listing->filename().string(), listing->string()));
  Track track;
  track.number = 1;
  track.control.bits = Control::kData;
  track.indices.push_back({1, 0});
  Extent extent;
  Disc disc;
  if (layout == IsoLayout::Cooked) {
    const uint64_t sectors = file->size() / 2048;
    // ECMA-119 PVD at sector 16; CD-XA discs mark it with "CD-XA001" at byte 1024.
    const bool xa = head.size() >= 16 * 2048 + 1032 && std::memcmp(head.data() + 16 * 2048 + 1024, "CD-XA001", 8) == 0;
    track.mode = xa ? TrackMode::Mode2Xa : TrackMode::Mode1;
    extent = Extent::stored(0, static_cast<uint32_t>(std::min<uint64_t>(sectors, UINT32_MAX)),
                            xa ? Storage::Form1User : Storage::Mode1User, file, 0, 2048);
    if (sectors > kMaxCdSectors) {
      disc.media = MediaKind::Dvd;
      image.notes.push_back(fmt::format("{} sectors: more than a CD holds, so this is DVD (or BD) media", sectors));
    } else {
      image.notes.push_back(
          fmt::format("sync, headers, EDC and ECC are generated ({})", xa ? "Mode 2 Form 1, CD-XA volume" : "Mode 1"));
    }
  } else {
    const uint32_t stride = layout == IsoLayout::Raw2352 ? 2352 : 2448;
    const uint64_t sectors = file->size() / stride;
    if (sectors > kMaxCdSectors)
      throw InputError(source, fmt::format("holds {} raw sectors, more than any CD", sectors));
    const SectorHeader h = read_header(std::span<const uint8_t, 2352>(head.data(), 2352));
    track.mode = h.mode == 2 ? TrackMode::Mode2Xa : h.mode == 0 ? TrackMode::Mode0 : TrackMode::Mode1;
    extent = Extent::stored(0, static_cast<uint32_t>(sectors), Storage::Raw, file, 0, stride);
    if (stride == 2448) extent.embedded_sub = SubLayout::Interleaved;
    image.notes.push_back(fmt::format("a \"raw ISO\": {}-byte sectors as read from a disc", stride));
    image.description = fmt::format("raw {}-byte sector image (one {} track, no sheet)", stride, to_string(track.mode));
    const auto lba = bcd_msf_to_lba(h.address);
    if (lba && *lba != 0)
      image.notes.push_back(fmt::format("its first sector's header says LBA {}, not 0: it is read as LBA 0", *lba));
  }
  Session session;
  session.type = track.mode == TrackMode::Mode2Xa ? DiscType::CdRomXa : DiscType::CdDaOrCdRom;
  session.leadout = static_cast<Lba>(extent.count);
  session.a0_control = session.a1_control = session.a2_control = track.control;
  session.tracks.push_back(track);
  disc.sessions.push_back(session);
  if (extent.count == 0) throw InputError(source, "holds no sector");
  image.notes.push_back("subchannel is synthesised from the TOC (an ISO stores none)");
  const Lba end = static_cast<Lba>(extent.count);
  image.source = std::make_unique<ExtentSectorSource>(std::move(disc), 0, end, std::vector<Extent>{std::move(extent)});
  return image;
}

}  // namespace dw
