#include "checksum/disc_ids.hpp"

#include <discid/discid.h>
#include <fmt/format.h>

#include <memory>

#include "disc/error.hpp"

namespace dw {

namespace {
constexpr Lba kEnhancedCdGap = 11400;  // lead-out 6750 + lead-in 4500 + pregap 150

bool is_audio(const Track& t) { return !t.control.data(); }

int digit_sum(int n) {
  int s = 0;
  for (; n > 0; n /= 10) s += n % 10;
  return s;
}

struct MbToc {
  int first = 0, last = 0;
  int offsets[100] = {};  // [0] lead-out, [n] track n
};

MbToc mb_toc(const Disc& disc) {
  auto tracks = disc.tracks();
  if (tracks.empty()) throw ModelError("disc has no track");
  MbToc toc;
  size_t end = tracks.size();
  while (end > 0 && !is_audio(*tracks[end - 1])) --end;
  if (end == 0) throw ModelError("disc has no audio track for a MusicBrainz id");
  toc.first = tracks.front()->number;
  toc.last = tracks[end - 1]->number;
  const Lba leadout = end < tracks.size() ? tracks[end]->start() - kEnhancedCdGap : disc.leadout();
  toc.offsets[0] = leadout + kMsfOffset;
  for (size_t i = 0; i < end; ++i) toc.offsets[tracks[i]->number] = tracks[i]->start() + kMsfOffset;
  return toc;
}
}  // namespace

uint32_t cddb_id(const Disc& disc) {
  auto tracks = disc.tracks();
  if (tracks.empty()) throw ModelError("disc has no track");
  int n = 0;
  for (const Track* t : tracks) n += digit_sum((t->start() + kMsfOffset) / kFramesPerSecond);
  const int seconds =
      (disc.leadout() + kMsfOffset) / kFramesPerSecond - (tracks.front()->start() + kMsfOffset) / kFramesPerSecond;
  return static_cast<uint32_t>((n % 255) << 24 | seconds << 8 | static_cast<int>(tracks.size()));
}

AccurateRipIds accuraterip_ids(const Disc& disc) {
  AccurateRipIds ids;
  uint32_t k = 0;
  for (const Track* t : disc.tracks()) {
    if (!is_audio(*t)) continue;
    ++k;
    const auto start = static_cast<uint32_t>(t->start());
    ids.id1 += start;
    ids.id2 += (start > 0 ? start : 1) * k;
  }
  if (k == 0) throw ModelError("disc has no audio track for AccurateRip");
  const auto leadout = static_cast<uint32_t>(disc.leadout());
  ids.audio_tracks = static_cast<int>(k);
  ids.id1 += leadout;
  ids.id2 += leadout * (k + 1);
  ids.cddb = cddb_id(disc);
  return ids;
}

std::string AccurateRipIds::filename() const {
  return fmt::format("dBAR-{:03}-{:08x}-{:08x}-{:08x}.bin", audio_tracks, id1, id2, cddb);
}

std::string AccurateRipIds::path() const {
  const std::string hex = fmt::format("{:08x}", id1);
  return fmt::format("{}/{}/{}/{}", hex[7], hex[6], hex[5], filename());
}

std::string musicbrainz_toc(const Disc& disc) {
  const MbToc toc = mb_toc(disc);
  std::string s = fmt::format("{} {} {}", toc.first, toc.last, toc.offsets[0]);
  for (int n = toc.first; n <= toc.last; ++n) s += fmt::format(" {}", toc.offsets[n]);
  return s;
}

std::string musicbrainz_id(const Disc& disc) {
  MbToc toc = mb_toc(disc);
  std::unique_ptr<DiscId, void (*)(DiscId*)> d(discid_new(), discid_free);
  if (!d || !discid_put(d.get(), toc.first, toc.last, toc.offsets))
    throw ModelError(fmt::format("libdiscid refused the TOC: {}", d ? discid_get_error_msg(d.get()) : "out of memory"));
  return discid_get_id(d.get());
}

}  // namespace dw
