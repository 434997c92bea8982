#include "checksum/audio_verify.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <stdexcept>

#include "checksum/ctdb.hpp"
#include "disc/error.hpp"

namespace dw {

namespace {
constexpr uint32_t kRunSectors = 64;  // 150 KB of main channel per read
}  // namespace

std::vector<AudioTrackRange> audio_track_ranges(const Disc& disc) {
  std::vector<AudioTrackRange> out;
  int ordinal = 0;
  for (const Session& s : disc.sessions) {
    for (size_t i = 0; i < s.tracks.size(); ++i) {
      const Track& t = s.tracks[i];
      if (t.control.data()) continue;  // the CONTROL bit, as accuraterip_ids counts
      AudioTrackRange r;
      r.number = t.number;
      r.ordinal = ++ordinal;
      r.start = t.start();
      // The next audio track's pregap is ours; a data track's pregap is not.
      if (i + 1 < s.tracks.size()) {
        const Track& next = s.tracks[i + 1];
        r.end = next.control.data() ? next.pregap_start() : next.start();
      } else {
        r.end = s.leadout;
      }
      if (r.end < r.start)
        throw ModelError(fmt::format("track {:02} ends at LBA {} before it starts at {}", t.number, r.end, r.start));
      out.push_back(r);
    }
  }
  return out;
}

AudioChecksums compute_audio_checksums(SectorSource& source, const std::function<void(uint64_t, uint64_t)>& progress) {
  AudioChecksums out;
  const auto ranges = audio_track_ranges(source.disc());
  if (ranges.empty()) return out;
  uint64_t total_sectors = 0;
  for (const auto& r : ranges) {
    if (r.start < source.begin() || r.end > source.end())
      throw std::out_of_range(fmt::format("track {:02} (LBA {}..{}) lies outside the source's sectors {}..{}", r.number,
                                          r.start, r.end - 1, source.begin(), source.end() - 1));
    total_sectors += static_cast<uint64_t>(r.sectors());
  }
  CtdbCrc ctdb(total_sectors * kSamplesPerSector);
  std::vector<uint8_t> buf(size_t{kRunSectors} * kRawSectorSize);
  uint64_t done = 0;
  for (size_t k = 0; k < ranges.size(); ++k) {
    const AudioTrackRange& r = ranges[k];
    AccurateRipTrack ar(static_cast<uint64_t>(r.sectors()) * kSamplesPerSector, k == 0, k + 1 == ranges.size());
    std::optional<AccurateRipTrack> f450;
    if (r.sectors() > kArFrame450Sector) f450.emplace(kSamplesPerSector, false, false);
    for (Lba lba = r.start; lba < r.end;) {
      const auto n = static_cast<uint32_t>(std::min<Lba>(kRunSectors, r.end - lba));
      const std::span<uint8_t> main(buf.data(), size_t{n} * kRawSectorSize);
      source.read(lba, n, main, {}, {});
      ar.update(main);
      ctdb.update(main);
      const Lba f = r.start + kArFrame450Sector;
      if (f450 && f >= lba && f < lba + static_cast<Lba>(n))
        f450->update(main.subspan(static_cast<size_t>(f - lba) * kRawSectorSize, kRawSectorSize));
      lba += static_cast<Lba>(n);
      done += n;
      if (progress) progress(done, total_sectors);
    }
    AudioTrackChecksums t{r, ar.finish(), std::nullopt};
    if (f450) t.frame450 = f450->finish().v1;
    out.tracks.push_back(t);
  }
  out.ctdb = ctdb.finish();
  return out;
}

std::vector<ArTrackMatch> match_accuraterip(const AudioChecksums& sums, const AccurateRipIds& ids,
                                            const std::vector<AccurateRipEntry>& entries) {
  std::vector<ArTrackMatch> out;
  for (const AudioTrackChecksums& t : sums.tracks) {
    ArTrackMatch m;
    m.number = t.range.number;
    unsigned best_v2 = 0, best_v1 = 0;
    bool v2 = false, v1 = false;
    const auto k = static_cast<size_t>(t.range.ordinal - 1);
    for (const AccurateRipEntry& e : entries) {
      if (e.id1 != ids.id1 || e.id2 != ids.id2 || e.cddb != ids.cddb || k >= e.tracks.size()) continue;
      const AccurateRipEntry::Track& et = e.tracks[k];
      if (et.confidence == 0) continue;
      ++m.submissions;
      m.total += et.confidence;
      if (et.crc == t.ar.v2) {
        v2 = true;
        best_v2 = std::max<unsigned>(best_v2, et.confidence);
      }
      if (et.crc == t.ar.v1) {
        v1 = true;
        best_v1 = std::max<unsigned>(best_v1, et.confidence);
      }
    }
    if (v2 || v1) {
      m.result = ArTrackMatch::Result::Match;
      m.version = v2 ? 2 : 1;
      m.confidence = v2 ? best_v2 : best_v1;
    } else {
      m.result = m.submissions ? ArTrackMatch::Result::NoMatch : ArTrackMatch::Result::NotInDatabase;
    }
    out.push_back(m);
  }
  return out;
}

}  // namespace dw
