#include "formats/conversion.hpp"

#include <fmt/format.h>

#include <algorithm>

#include "disc/error.hpp"
#include "disc/subchannel_synth.hpp"
#include "formats/cue_writer.hpp"
#include "formats/extent_source.hpp"
#include "formats/iso_writer.hpp"

namespace dw {

uint64_t damaged_sectors(SectorSource& source) {
  std::vector<SectorState> states(4096);
  uint64_t bad = 0;
  for (Lba at = source.begin(); at < source.end();) {
    const auto n = static_cast<uint32_t>(std::min<Lba>(4096, source.end() - at));
    source.read(at, n, {}, {}, std::span(states).first(n));
    for (uint32_t i = 0; i < n; ++i) bad += states[i].quality != SectorQuality::Good;
    at += static_cast<Lba>(n);
  }
  return bad;
}

uint64_t subchannel_beyond_toc(SectorSource& source) {
  if (source.subchannel_origin() != SubchannelOrigin::Source) return 0;
  const Disc& disc = source.disc();
  SubchannelSynthesizer synth(disc);
  const Lba begin = std::max(source.begin(), synth.begin()), end = std::min(source.end(), synth.end());
  std::vector<uint8_t> stored(4096 * 96), made(4096 * 96);
  uint64_t differ = 0;
  for (Lba at = begin; at < end;) {
    const auto n = static_cast<uint32_t>(std::min<Lba>(4096, end - at));
    source.read(at, n, {}, std::span(stored).first(size_t{n} * 96), {});
    synth.synthesize_run(at, n, std::span(made).first(size_t{n} * 96));
    for (uint32_t i = 0; i < n; ++i)
      differ += !std::equal(stored.begin() + i * 96, stored.begin() + (i + 1) * 96, made.begin() + i * 96);
    at += static_cast<Lba>(n);
  }
  return differ + static_cast<uint64_t>((source.end() - source.begin()) - (end - begin));
}

namespace {

// Non-silent sectors before LBA 0 (an NRG's or a dump's track 1 pregap), which no audio file holds.
bool sound_before_lba0(SectorSource& source) {
  std::vector<uint8_t> main(256 * kRawSectorSize);
  for (Lba at = source.begin(); at < std::min<Lba>(0, source.end());) {
    const auto n = static_cast<uint32_t>(std::min<Lba>(256, std::min<Lba>(0, source.end()) - at));
    const auto chunk = std::span(main).first(size_t{n} * kRawSectorSize);
    source.read(at, n, chunk, {}, {});
    if (std::any_of(chunk.begin(), chunk.end(), [](uint8_t b) { return b != 0; })) return true;
    at += static_cast<Lba>(n);
  }
  return false;
}

}  // namespace

std::vector<Loss> conversion_losses(SectorSource& source, std::string_view format, std::optional<uint8_t> track) {
  std::vector<Loss> losses;
  // Bytes at the end of a file that do not fill a sector are not part of the disc: no output has them.
  for (const PartialSector& p : partial_sectors(source))
    losses.push_back({LossKind::PartialSector, fmt::format("the last {} bytes of {} ({} bytes), which do not fill a "
                                                           "{}-byte sector",
                                                           p.left_over, p.file, p.size, p.sector_size)});
  const bool iso = format == "iso";
  if (iso) {
    std::vector<Loss> of_iso = iso_losses(source, track);
    losses.insert(losses.end(), of_iso.begin(), of_iso.end());
  }
  const bool audio = format == "flac" || format == "wav";
  if (format != "cue" && format != "cue-single" && format != "ccd" && format != "nrg" && !audio && !iso)
    throw InputError(std::string(format), "unknown output format (cue, cue-single, ccd, nrg, iso, flac, wav)");
  if (audio) {
    const Disc& disc = source.disc();
    for (const Track* t : disc.tracks())
      if (t->is_data())
        losses.push_back(
            {LossKind::DataTrack, fmt::format("data track {:02} (audio files hold audio tracks only)", t->number)});
    if (!cdtext_fits_sheet(disc.cdtext, disc))
      losses.push_back(
          {LossKind::CdText, "CD-Text the sheet lines cannot hold (other languages, binary items, double-byte text)"});
    if (sound_before_lba0(source))
      losses.push_back({LossKind::SoundBeforeLba0,
                        "the sound before LBA 0 (the audio files start at LBA 0, hidden track one audio included)"});
  }
  if (format != "ccd" && format != "nrg" && !iso) {  // (an ISO's own line says it above)
    if (const uint64_t n = subchannel_beyond_toc(source))
      losses.push_back({LossKind::Subchannel,
                        fmt::format("the image's own subchannel, which differs from what the TOC gives in {} sectors "
                                    "(a cue sheet has no place for it)",
                                    n)});
  }
  if (const uint64_t bad = damaged_sectors(source))
    losses.push_back(
        {LossKind::DamagedSectors,
         fmt::format("{} sectors marked unreadable or C2-damaged (the image files cannot mark them)", bad)});
  return losses;
}

}  // namespace dw
