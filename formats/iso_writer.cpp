#include "formats/iso_writer.hpp"

#include <fmt/format.h>

#include <algorithm>

#include "disc/error.hpp"
#include "disc/sector.hpp"
#include "formats/conversion.hpp"
#include "formats/output_file.hpp"

namespace dw {

namespace {

bool iso_mode(TrackMode m) { return m == TrackMode::Mode1 || m == TrackMode::Mode2Xa || m == TrackMode::CdI; }

std::string describe(const Disc& disc) {
  std::string out;
  for (const Track* t : disc.tracks())
    out += fmt::format("{}{} {}", out.empty() ? "" : ", ", t->number, to_string(t->mode));
  return out;
}

}  // namespace

const Track& iso_track(const Disc& disc, std::optional<uint8_t> track) {
  if (track) {
    const Track* t = disc.find_track(*track);
    if (!t) throw InputError("--track", fmt::format("the disc has no track {} (tracks: {})", *track, describe(disc)));
    if (!iso_mode(t->mode))
      throw InputError("--track", fmt::format("track {} is {}: an ISO holds Mode 1 or Mode 2 Form 1 data", *track,
                                              to_string(t->mode)));
    return *t;
  }
  if (disc.track_count() != 1 || !iso_mode(disc.tracks().front()->mode))
    throw InputError("ISO", fmt::format("an ISO holds one data track, and this disc has {} ({})", disc.track_count(),
                                        describe(disc)));
  return *disc.tracks().front();
}

std::vector<Loss> iso_losses(SectorSource& source, std::optional<uint8_t> track) {
  const Disc& disc = source.disc();
  const Track& t = iso_track(disc, track);
  std::vector<Loss> losses;
  if (disc.track_count() > 1)
    losses.push_back({LossKind::OtherTracks, fmt::format("every track but track {} ({} of {})", t.number,
                                                         disc.track_count() - 1, disc.track_count())});
  if (subchannel_beyond_toc(source)) losses.push_back({LossKind::Subchannel, "the image's own subchannel"});
  if (t.start() > t.pregap_start())
    losses.push_back(
        {LossKind::Pregap, fmt::format("track {}'s pregap ({} sectors)", t.number, t.start() - t.pregap_start())});
  if (t.mode != TrackMode::Mode1) {
    // Form 2 sectors carry 2324 user bytes that an ISO cannot hold.
    std::vector<uint8_t> main(256 * 2352);
    uint64_t form2 = 0;
    const Lba end = std::min(disc.track_end(t.number), source.end());
    for (Lba at = t.start(); at < end;) {
      const auto n = static_cast<uint32_t>(std::min<Lba>(256, end - at));
      source.read(at, n, std::span(main).first(size_t{n} * 2352), {}, {});
      for (uint32_t i = 0; i < n; ++i) form2 += (main[size_t{i} * 2352 + 18] & 0x20) != 0;
      at += static_cast<Lba>(n);
    }
    if (form2)
      losses.push_back(
          {LossKind::Form2Sectors,
           fmt::format("{} Mode 2 Form 2 sectors (their 2324-byte payloads, e.g. video or audio)", form2)});
  }
  return losses;
}

uint64_t write_iso(SectorSource& source, const std::filesystem::path& path, std::optional<uint8_t> track, bool force,
                   const std::function<void(uint64_t, uint64_t)>& progress) {
  const Disc& disc = source.disc();
  const Track& t = iso_track(disc, track);
  const Lba first = t.start(), end = std::min(disc.track_end(t.number) - t.postgap_generated, source.end());
  const size_t user_at = t.mode == TrackMode::Mode1 || disc.media != MediaKind::Cd ? 16 : 24;
  OutputFile out(path, force);
  std::vector<uint8_t> main(256 * 2352), user(256 * 2048);
  uint64_t form2 = 0;
  for (Lba at = first; at < end;) {
    const auto n = static_cast<uint32_t>(std::min<Lba>(256, end - at));
    source.read(at, n, std::span(main).first(size_t{n} * 2352), {}, {});
    for (uint32_t i = 0; i < n; ++i) {
      const uint8_t* s = main.data() + size_t{i} * 2352;
      if (user_at == 24) form2 += (s[18] & 0x20) != 0;
      std::copy(s + user_at, s + user_at + 2048, user.begin() + size_t{i} * 2048);
    }
    out.write(std::span(user).first(size_t{n} * 2048));
    at += static_cast<Lba>(n);
    if (progress) progress(static_cast<uint64_t>(at - first), static_cast<uint64_t>(end - first));
  }
  out.commit();
  return form2;
}

}  // namespace dw
