#include "checksum/shift_search.hpp"

#include <fmt/format.h>
#include <zlib.h>

#include <algorithm>
#include <cstdlib>
#include <limits>
#include <stdexcept>

#include "checksum/accuraterip_shift.hpp"
#include "checksum/ctdb.hpp"
#include "disc/crc_slicing.hpp"

namespace dw {

namespace {
constexpr int64_t kNoPosition = std::numeric_limits<int64_t>::max();
// zlib's CRC-32 (as CtdbCrc computes it with crc32_z), by the slicing table: MultiHasher's.
using Crc32 = SlicingCrc<0xEDB88320u>;
}  // namespace

ShiftSearch::ShiftSearch(std::span<const AudioTrackRange> ranges, int32_t range) : range_(range) {
  if (range < 0 || range > kArSearchRange)
    throw std::invalid_argument(fmt::format("shift search: range {} is not within 0..{}", range, kArSearchRange));
  std::vector<std::pair<int64_t, int64_t>> spans;  // [first, last] positions whose prefixes are needed
  const auto around = [&](int64_t position) { spans.emplace_back(position - range, position + range); };
  for (const AudioTrackRange& r : ranges) total_ += static_cast<int64_t>(r.sectors()) * kSamplesPerSector;
  ctdb_first_ = static_cast<int64_t>(kCtdbSkipSamples);
  ctdb_end_ = static_cast<int64_t>(CtdbCrc::counted_end(static_cast<uint64_t>(total_)));
  int64_t start = 0;
  for (size_t k = 0; k < ranges.size(); ++k) {
    const auto n = static_cast<int64_t>(ranges[k].sectors()) * kSamplesPerSector;
    const int64_t f = k == 0 ? static_cast<int64_t>(kArFirstTrackSkip) + 1 : 1;
    const int64_t l = k + 1 == ranges.size() ? n - static_cast<int64_t>(kArLastTrackSkip) : n;
    TrackEnds t{start, start + f - 1, start + std::max(l, f - 1)};  // no counted samples: J1 = J0
    t.ctdb_first = std::clamp(start, ctdb_first_, ctdb_end_);
    t.ctdb_end = std::clamp(start + n, ctdb_first_, ctdb_end_);
    tracks_.push_back(t);
    for (const int64_t position : {t.before, t.after, t.ctdb_first, t.ctdb_end}) around(position);
    start += n;
  }
  around(ctdb_first_);
  around(ctdb_end_);
  std::sort(spans.begin(), spans.end());
  for (const auto& [first, last] : spans) {
    if (!windows_.empty()) {
      Window& w = windows_.back();
      const int64_t end = w.first + static_cast<int64_t>(w.p0.size());
      if (first <= end) {
        if (last >= end) {
          const auto size = static_cast<size_t>(last - w.first + 1);
          w.p0.resize(size);
          w.p1.resize(size);
          w.crc.resize(size);
        }
        continue;
      }
    }
    const auto size = static_cast<size_t>(last - first + 1);
    windows_.push_back({first, std::vector<uint32_t>(size), std::vector<uint32_t>(size), std::vector<uint32_t>(size)});
  }
  // Positions before the disc's first sample: nothing before them, sums and CRC 0 (the zeros).
  while (window_ < windows_.size() && windows_[window_].first + static_cast<int64_t>(windows_[window_].p0.size()) <= 0)
    ++window_;
}

void ShiftSearch::record(int64_t position) {
  Window& w = windows_[window_];
  const auto at = static_cast<size_t>(position - w.first);
  w.p0[at] = p0_;
  w.p1[at] = p1_;
  w.crc[at] = crc_;
  if (at + 1 == w.p0.size()) ++window_;
}

void ShiftSearch::update(std::span<const uint8_t> pcm) {
  if (pcm.size() % 4 != 0) throw std::invalid_argument("shift search: PCM must hold whole samples");
  const auto n = static_cast<int64_t>(pcm.size() / 4);
  if (finished_ || fed_ + n > total_)
    throw std::logic_error(fmt::format("shift search: fed {} samples, the disc's audio has {}", fed_ + n, total_));
  const uint8_t* p = pcm.data();
  const int64_t end = fed_ + n;
  while (fed_ < end) {
    // The next position to record (at or after fed_), then the samples up to it without checks.
    int64_t next = kNoPosition;
    if (window_ < windows_.size()) next = std::max(windows_[window_].first, fed_);
    if (next == fed_) record(fed_);
    const int64_t stop = std::min(end, next == fed_ ? fed_ + 1 : next);
    const auto bytes = static_cast<size_t>(stop - fed_) * 4;
    crc_ = ~Crc32::update({p, bytes}, ~crc_);
    uint32_t p0 = p0_, p1 = p1_;
    auto j = static_cast<uint32_t>(fed_);
    for (int64_t i = fed_; i < stop; ++i, ++j, p += 4) {
      const uint32_t x = uint32_t{p[0]} | uint32_t{p[1]} << 8 | uint32_t{p[2]} << 16 | uint32_t{p[3]} << 24;
      p0 += x;
      p1 += j * x;
    }
    p0_ = p0;
    p1_ = p1;
    fed_ = stop;
  }
}

void ShiftSearch::finish() {
  if (fed_ != total_)
    throw std::logic_error(fmt::format("shift search: fed {} samples, the disc's audio has {}", fed_, total_));
  // Positions at or past the end: every sample lies before them.
  for (; window_ < windows_.size(); ++window_) {
    Window& w = windows_[window_];
    for (auto at = static_cast<size_t>(std::max<int64_t>(fed_ - w.first, 0)); at < w.p0.size(); ++at) {
      w.p0[at] = p0_;
      w.p1[at] = p1_;
      w.crc[at] = crc_;
    }
  }
  finished_ = true;
}

ShiftSearch::Prefix ShiftSearch::prefix(int64_t position) const {
  auto it = std::upper_bound(windows_.begin(), windows_.end(), position,
                             [](int64_t pos, const Window& w) { return pos < w.first; });
  if (it == windows_.begin()) throw std::logic_error("shift search: position outside the windows");
  --it;
  const int64_t at = position - it->first;
  if (at >= static_cast<int64_t>(it->p0.size())) throw std::logic_error("shift search: position outside the windows");
  const auto i = static_cast<size_t>(at);
  return {it->p0[i], it->p1[i], it->crc[i]};
}

uint32_t ShiftSearch::v1(size_t index, int32_t shift) const {
  if (!finished_) throw std::logic_error("shift search: a checksum before finish()");
  if (index >= tracks_.size() || std::abs(shift) > range_)
    throw std::out_of_range(fmt::format("shift search: track {} at shift {}", index, shift));
  const TrackEnds& t = tracks_[index];
  const Prefix a = prefix(t.before + shift), b = prefix(t.after + shift);
  const auto base = static_cast<uint32_t>(t.start + shift - 1);  // modulo 2^32, as the sums
  return (b.p1 - a.p1) - base * (b.p0 - a.p0);
}

uint32_t ShiftSearch::crc_between(int64_t first, int64_t end) const {
  if (!finished_) throw std::logic_error("shift search: a checksum before finish()");
  const uint32_t a = prefix(first).crc, b = prefix(end).crc;
  return static_cast<uint32_t>(crc32_combine(a, b, static_cast<z_off_t>((end - first) * 4)));
}

uint32_t ShiftSearch::ctdb(int32_t shift) const {
  if (std::abs(shift) > range_) throw std::out_of_range(fmt::format("shift search: CTDB at shift {}", shift));
  return crc_between(ctdb_first_ + shift, ctdb_end_ + shift);
}

uint32_t ShiftSearch::ctdb_track(size_t index, int32_t shift) const {
  if (index >= tracks_.size() || std::abs(shift) > range_)
    throw std::out_of_range(fmt::format("shift search: CTDB of track {} at shift {}", index, shift));
  return crc_between(tracks_[index].ctdb_first + shift, tracks_[index].ctdb_end + shift);
}

std::vector<ArShiftCandidate> find_ar_shifts(const ShiftSearch& search,
                                             const std::vector<std::vector<AccurateRipEntry::Track>>& submitted) {
  std::vector<ArShiftCandidate> out;
  for (int32_t s = -search.range(); s <= search.range(); ++s) {
    if (s == 0) continue;
    ArShiftCandidate c{s, 0, 0};
    for (size_t k = 0; k < submitted.size(); ++k) {
      unsigned best = 0;
      bool found = false;
      for (const AccurateRipEntry::Track& t : submitted[k]) {
        if (t.confidence == 0 || t.crc == 0) continue;
        if (!found || t.confidence > best) {
          if (t.crc == search.v1(k, s)) {
            best = std::max<unsigned>(best, t.confidence);
            found = true;
          }
        }
      }
      if (found) {
        ++c.tracks;
        c.confidence += best;
      }
    }
    if (c.tracks > 0) out.push_back(c);
  }
  std::stable_sort(out.begin(), out.end(), [](const ArShiftCandidate& a, const ArShiftCandidate& b) {
    if (a.tracks != b.tracks) return a.tracks > b.tracks;
    if (a.confidence != b.confidence) return a.confidence > b.confidence;
    return std::abs(a.shift) < std::abs(b.shift);
  });
  return out;
}

ShiftSearch search_shifts(SectorSource& source, int32_t range,
                          const std::function<void(uint64_t, uint64_t)>& progress) {
  const std::vector<AudioTrackRange> ranges = audio_track_ranges(source.disc());
  ShiftSearch search(ranges, range);
  read_audio_tracks(
      source, [&](std::span<const uint8_t> pcm) { search.update(pcm); }, progress);
  search.finish();
  return search;
}

}  // namespace dw
