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

struct AudioChecksummer::State {
  AccurateRipTrack ar;
  std::optional<AccurateRipTrack> f450;
};

AudioChecksummer::AudioChecksummer(const Disc& disc, Lba begin, Lba end) : ranges_(audio_track_ranges(disc)) {
  for (size_t k = 0; k < ranges_.size(); ++k) {
    const AudioTrackRange& r = ranges_[k];
    if (r.start < begin || r.end > end)
      throw std::out_of_range(fmt::format("track {:02} (LBA {}..{}) lies outside the source's sectors {}..{}", r.number,
                                          r.start, r.end - 1, begin, end - 1));
    total_ += static_cast<uint64_t>(r.sectors());
    State st{AccurateRipTrack(static_cast<uint64_t>(r.sectors()) * kSamplesPerSector, k == 0, k + 1 == ranges_.size()),
             std::nullopt};
    if (r.sectors() > kArFrame450Sector) st.f450.emplace(kSamplesPerSector, false, false);
    states_.push_back(std::move(st));
  }
  if (ranges_.empty()) return;
  ctdb_ = std::make_unique<CtdbCrc>(total_ * kSamplesPerSector);
  uint64_t first = 0;
  for (const AudioTrackRange& r : ranges_) {
    const uint64_t count = static_cast<uint64_t>(r.sectors()) * kSamplesPerSector;
    track_ctdb_.push_back(CtdbCrc::track(total_ * kSamplesPerSector, first, count));
    first += count;
  }
}

AudioChecksummer::~AudioChecksummer() = default;

void AudioChecksummer::feed(Lba first, std::span<const uint8_t> main) {
  const Lba last = first + static_cast<Lba>(main.size() / kRawSectorSize);
  for (size_t k = 0; k < ranges_.size(); ++k) {
    const AudioTrackRange& r = ranges_[k];
    const Lba from = std::max(first, r.start), to = std::min(last, r.end);
    if (from >= to) continue;
    const auto part = main.subspan(static_cast<size_t>(from - first) * kRawSectorSize,
                                   static_cast<size_t>(to - from) * kRawSectorSize);
    states_[k].ar.update(part);
    ctdb_->update(part);
    track_ctdb_[k].update(part);
    const Lba f = r.start + kArFrame450Sector;
    if (states_[k].f450 && f >= from && f < to)
      states_[k].f450->update(main.subspan(static_cast<size_t>(f - first) * kRawSectorSize, kRawSectorSize));
  }
}

AudioChecksums AudioChecksummer::finish() {
  AudioChecksums out;
  if (ranges_.empty()) return out;
  for (size_t k = 0; k < ranges_.size(); ++k) {
    AudioTrackChecksums t{ranges_[k], states_[k].ar.finish(), std::nullopt, track_ctdb_[k].finish()};
    if (states_[k].f450) t.frame450 = states_[k].f450->finish().v1;
    out.tracks.push_back(t);
  }
  out.ctdb = ctdb_->finish();
  return out;
}

AudioChecksums compute_audio_checksums(SectorSource& source, const std::function<void(uint64_t, uint64_t)>& progress) {
  AudioChecksummer sums(source.disc(), source.begin(), source.end());
  std::vector<uint8_t> buf(size_t{kRunSectors} * kRawSectorSize);
  uint64_t done = 0;
  for (const AudioTrackRange& r : audio_track_ranges(source.disc())) {
    for (Lba lba = r.start; lba < r.end;) {
      const auto n = static_cast<uint32_t>(std::min<Lba>(kRunSectors, r.end - lba));
      const std::span<uint8_t> main(buf.data(), size_t{n} * kRawSectorSize);
      source.read(lba, n, main, {}, {});
      sums.feed(lba, main);
      lba += static_cast<Lba>(n);
      done += n;
      if (progress) progress(done, sums.total_sectors());
    }
  }
  return sums.finish();
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
