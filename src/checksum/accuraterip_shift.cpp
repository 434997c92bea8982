#include "checksum/accuraterip_shift.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <array>
#include <cstdlib>
#include <map>
#include <stdexcept>

namespace dw {

namespace {
constexpr uint32_t kRunSectors = 64;
}  // namespace

ShiftedArChecksummer::ShiftedArChecksummer(std::span<const AudioTrackRange> ranges, int32_t shift) : shift_(shift) {
  for (size_t k = 0; k < ranges.size(); ++k) {
    const auto n = static_cast<uint64_t>(ranges[k].sectors()) * kSamplesPerSector;
    lengths_.push_back(n);
    tracks_.emplace_back(n, k == 0, k + 1 == ranges.size());
    total_ += n;
  }
  const auto magnitude = static_cast<uint64_t>(shift < 0 ? -int64_t{shift} : int64_t{shift});
  if (shift > 0) skip_ = std::min(magnitude, total_);      // x[S..T) first, zeros after
  if (shift < 0) emit_zeros(std::min(magnitude, total_));  // zeros first, then x[0..T + S)
}

void ShiftedArChecksummer::emit(std::span<const uint8_t> pcm) {
  while (!pcm.empty()) {
    while (current_ < lengths_.size() && lengths_[current_] == 0) ++current_;
    const uint64_t room = lengths_[current_];
    const auto take = static_cast<size_t>(std::min<uint64_t>(room, pcm.size() / 4));
    tracks_[current_].update(pcm.first(take * 4));
    lengths_[current_] -= take;
    emitted_ += take;
    pcm = pcm.subspan(take * 4);
  }
}

void ShiftedArChecksummer::emit_zeros(uint64_t samples) {
  static constexpr std::array<uint8_t, 4096> kZeros{};
  while (samples > 0) {
    const auto n = std::min<uint64_t>(samples, kZeros.size() / 4);
    emit(std::span(kZeros).first(static_cast<size_t>(n) * 4));
    samples -= n;
  }
}

void ShiftedArChecksummer::update(std::span<const uint8_t> pcm) {
  if (pcm.size() % 4 != 0) throw std::invalid_argument("ShiftedArChecksummer: PCM must hold whole samples");
  uint64_t n = pcm.size() / 4;
  if (fed_ + n > total_)
    throw std::logic_error(
        fmt::format("AccurateRip at a shift: fed {} samples, the disc's audio has {}", fed_ + n, total_));
  // Drop what lies before the shifted stream's start, and what would run past its end.
  const uint64_t dropped = std::min(n, skip_ > fed_ ? skip_ - fed_ : 0);
  fed_ += n;
  n -= dropped;
  const uint64_t keep = std::min(n, total_ - emitted_);
  emit(pcm.subspan(static_cast<size_t>(dropped) * 4, static_cast<size_t>(keep) * 4));
}

ShiftedArChecksums ShiftedArChecksummer::finish() {
  if (fed_ != total_)
    throw std::logic_error(
        fmt::format("AccurateRip at a shift: fed {} samples, the disc's audio has {}", fed_, total_));
  emit_zeros(total_ - emitted_);  // past the disc's last sample
  ShiftedArChecksums out{shift_, {}};
  for (const AccurateRipTrack& t : tracks_) out.tracks.push_back(t.finish());
  return out;
}

std::vector<int32_t> order_frame450_shifts(const std::vector<std::vector<int32_t>>& per_track) {
  std::map<int32_t, size_t> found;  // shift -> tracks that matched there
  for (const auto& shifts : per_track)
    for (const int32_t s : shifts)
      if (s != 0) ++found[s];
  std::vector<std::pair<int32_t, size_t>> order(found.begin(), found.end());
  std::stable_sort(order.begin(), order.end(), [](const auto& a, const auto& b) {
    return a.second != b.second ? a.second > b.second : std::abs(a.first) < std::abs(b.first);
  });
  std::vector<int32_t> out;
  for (const auto& [s, n] : order) out.push_back(s);
  return out;
}

void read_audio_tracks(SectorSource& source, const std::function<void(std::span<const uint8_t>)>& feed,
                       const std::function<void(uint64_t, uint64_t)>& progress) {
  const std::vector<AudioTrackRange> ranges = audio_track_ranges(source.disc());
  uint64_t total = 0;
  for (const AudioTrackRange& r : ranges) {
    if (r.start < source.begin() || r.end > source.end())
      throw std::out_of_range(fmt::format("track {:02} (LBA {}..{}) lies outside the source's sectors {}..{}", r.number,
                                          r.start, r.end - 1, source.begin(), source.end() - 1));
    total += static_cast<uint64_t>(r.sectors());
  }
  std::vector<uint8_t> buf(size_t{kRunSectors} * kRawSectorSize);
  uint64_t done = 0;
  for (const AudioTrackRange& r : ranges) {
    for (Lba lba = r.start; lba < r.end;) {
      const auto n = static_cast<uint32_t>(std::min<Lba>(kRunSectors, r.end - lba));
      const std::span<uint8_t> main(buf.data(), size_t{n} * kRawSectorSize);
      source.read(lba, n, main, {}, {});
      feed(main);
      lba += static_cast<Lba>(n);
      done += n;
      if (progress) progress(done, total);
    }
  }
}

std::vector<ShiftedArChecksums> compute_shifted_accuraterip(SectorSource& source, std::span<const int32_t> shifts,
                                                            const std::function<void(uint64_t, uint64_t)>& progress) {
  const std::vector<AudioTrackRange> ranges = audio_track_ranges(source.disc());
  std::vector<ShiftedArChecksummer> sums;
  for (const int32_t s : shifts) sums.emplace_back(ranges, s);
  read_audio_tracks(
      source,
      [&](std::span<const uint8_t> pcm) {
        for (ShiftedArChecksummer& s : sums) s.update(pcm);
      },
      progress);
  std::vector<ShiftedArChecksums> out;
  for (ShiftedArChecksummer& s : sums) out.push_back(s.finish());
  return out;
}

}  // namespace dw
