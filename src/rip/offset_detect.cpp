#include "rip/offset_detect.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <cstdlib>
#include <cstring>
#include <limits>

#include "checksum/multihash.hpp"
#include "disc/scrambler.hpp"
#include "disc/sector_layout.hpp"

namespace dw::rip {

namespace {

constexpr int64_t kSectorBytes = static_cast<int64_t>(layout::kSector);
constexpr int64_t kSectorSamples = 588;
constexpr int64_t kSampleBytes = 4;
// A sync is only usable with its header's three address bytes after it (bytes 0..14).
constexpr size_t kSyncAndAddress = layout::kHeaderOffset + 3;
// Consecutive agreeing syncs wanted, and the fewest accepted in a span too short for that.
constexpr int64_t kChainWanted = 3;
constexpr int64_t kChainMinimum = 2;

void set_why(std::string* why, std::string text) {
  if (why) *why = std::move(text);
}

bool is_sync(const uint8_t* p) {
  static constexpr uint8_t kFf[10] = {0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF};
  return p[1] == 0xFF && p[0] == 0x00 && p[11] == 0x00 && std::memcmp(p + 1, kFf, sizeof kFf) == 0;
}

struct Sync {
  int64_t pos = 0;
  std::optional<Lba> lba;  // nullopt: the descrambled address is not a valid BCD MSF
};

struct Chain {
  int64_t pos = 0;  // byte position of the first sync
  Lba lba = 0;      // its header address
  int64_t length = 0;
  int64_t byte_offset = 0;
};

// How many syncs at byte positions congruent to `pos` modulo a sector fit in `size` bytes.
int64_t slots(int64_t pos, int64_t size) {
  const int64_t phase = pos % kSectorBytes;
  const int64_t last = size - static_cast<int64_t>(kSyncAndAddress);
  return phase > last ? 0 : (last - phase) / kSectorBytes + 1;
}

std::string chain_text(const Chain& c) {
  return "byte offset " + std::to_string(c.byte_offset) + " (" + std::to_string(c.length) + " syncs from byte " +
         std::to_string(c.pos) + ", LBA " + std::to_string(c.lba) + ")";
}

}  // namespace

std::optional<int32_t> data_write_offset(std::span<const uint8_t> stream, Lba first, std::string* why) {
  const int64_t size = static_cast<int64_t>(stream.size());
  if (stream.size() < kSyncAndAddress) {
    set_why(why, "stream of " + std::to_string(size) + " bytes is too short for a sync and a header");
    return std::nullopt;
  }

  const uint8_t* s = stream.data();
  const auto& table = scramble_table();
  std::vector<Sync> syncs;
  for (size_t pos = 0; pos + kSyncAndAddress <= stream.size(); ++pos) {
    if (!is_sync(s + pos)) continue;
    const uint8_t* h = s + pos + layout::kHeaderOffset;
    const BcdMsf msf{Bcd::raw(h[0] ^ table[layout::kHeaderOffset]), Bcd::raw(h[1] ^ table[layout::kHeaderOffset + 1]),
                     Bcd::raw(h[2] ^ table[layout::kHeaderOffset + 2])};
    syncs.push_back({static_cast<int64_t>(pos), bcd_msf_to_lba(msf)});
    pos += layout::kSyncSize - 2;  // the next sync can start at this one's last byte at the earliest
  }
  if (syncs.empty()) {
    set_why(why, "no sync pattern in " + std::to_string(size) + " bytes");
    return std::nullopt;
  }

  // Link each sync to the one a sector later when that one's address is the next LBA. Every
  // sync has at most one predecessor (the position a sector earlier), so chains are disjoint.
  const size_t n = syncs.size();
  std::vector<size_t> next(n, n);
  std::vector<bool> has_prev(n, false);
  size_t valid = 0;
  for (size_t i = 0; i < n; ++i) {
    if (!syncs[i].lba) continue;
    ++valid;
    const int64_t want = syncs[i].pos + kSectorBytes;
    const auto it = std::lower_bound(syncs.begin() + static_cast<ptrdiff_t>(i), syncs.end(), want,
                                     [](const Sync& a, int64_t p) { return a.pos < p; });
    if (it == syncs.end() || it->pos != want || !it->lba || static_cast<int64_t>(*it->lba) != *syncs[i].lba + 1LL)
      continue;
    const auto j = static_cast<size_t>(it - syncs.begin());
    next[i] = j;
    has_prev[j] = true;
  }
  if (valid == 0) {
    set_why(why, std::to_string(n) + " sync patterns, none followed by a valid BCD address");
    return std::nullopt;
  }

  std::vector<Chain> accepted;
  Chain longest;
  int64_t longest_needed = kChainWanted;
  for (size_t i = 0; i < n; ++i) {
    if (!syncs[i].lba || has_prev[i]) continue;
    Chain c{syncs[i].pos, *syncs[i].lba, 0, 0};
    for (size_t k = i; k < n; k = next[k]) ++c.length;
    c.byte_offset = c.pos - (static_cast<int64_t>(c.lba) - first) * kSectorBytes;
    const int64_t needed = std::max(kChainMinimum, std::min(kChainWanted, slots(c.pos, size)));
    if (c.length > longest.length) {
      longest = c;
      longest_needed = needed;
    }
    if (c.length >= needed) accepted.push_back(c);
  }
  if (accepted.empty()) {
    set_why(why, "no " + std::to_string(longest_needed) +
                     " consecutive syncs 2352 bytes apart with consecutive header addresses (longest run: " +
                     std::to_string(longest.length) + " from byte " + std::to_string(longest.pos) + ")");
    return std::nullopt;
  }
  for (const Chain& c : accepted) {
    if (c.byte_offset != accepted.front().byte_offset) {
      set_why(why, "syncs disagree: " + chain_text(accepted.front()) + " vs " + chain_text(c));
      return std::nullopt;
    }
  }
  const Chain& c = accepted.front();
  if (c.byte_offset % kSampleBytes != 0) {
    set_why(why, chain_text(c) + " is not a whole number of samples");
    return std::nullopt;
  }
  const int64_t samples = c.byte_offset / kSampleBytes;
  if (samples < std::numeric_limits<int32_t>::min() || samples > std::numeric_limits<int32_t>::max()) {
    set_why(why, chain_text(c) + " is out of range");
    return std::nullopt;
  }
  if (why) why->clear();
  return static_cast<int32_t>(samples);
}

namespace {

struct Interval {
  int64_t from = 0, to = 0;  // inclusive
};

struct SampleRange {
  int64_t begin = 0, end = 0;  // stream samples, half-open
};

// Largest |value| of the two channels of stream sample p.
int magnitude(const uint8_t* s, int64_t p) {
  const uint8_t* q = s + p * kSampleBytes;
  const auto left = static_cast<int16_t>(static_cast<uint16_t>(q[0] | q[1] << 8));
  const auto right = static_cast<int16_t>(static_cast<uint16_t>(q[2] | q[3] << 8));
  return std::max(std::abs(static_cast<int>(left)), std::abs(static_cast<int>(right)));
}

// Intersection of two sorted lists of disjoint intervals.
std::vector<Interval> intersect(const std::vector<Interval>& a, const std::vector<Interval>& b) {
  std::vector<Interval> out;
  size_t i = 0, j = 0;
  while (i < a.size() && j < b.size()) {
    const int64_t from = std::max(a[i].from, b[j].from);
    const int64_t to = std::min(a[i].to, b[j].to);
    if (from <= to) out.push_back({from, to});
    if (a[i].to < b[j].to)
      ++i;
    else
      ++j;
  }
  return out;
}

// The shifts in [lo, hi] that make every range silent at `level`. A shift s is valid for a
// range [a, b) when [a + s, b + s) lies in one silent run [rs, re), i.e. s in [rs - a, re - b];
// so the shifts are read off the run list (the runs of one range give disjoint, sorted
// intervals) and intersected over the ranges, without trying shifts one by one.
std::vector<Interval> silent_shifts(const uint8_t* s, const std::vector<SampleRange>& ranges,
                                    const std::vector<SampleRange>& windows, int64_t lo, int64_t hi, int level) {
  int64_t shortest = std::numeric_limits<int64_t>::max();
  for (const auto& r : ranges) shortest = std::min(shortest, r.end - r.begin);

  // Silent runs inside the windows, long enough to hold the shortest range.
  std::vector<SampleRange> runs;
  for (const auto& w : windows) {
    int64_t start = -1;
    for (int64_t p = w.begin; p < w.end; ++p) {
      if (magnitude(s, p) <= level) {
        if (start < 0) start = p;
      } else if (start >= 0) {
        if (p - start >= shortest) runs.push_back({start, p});
        start = -1;
      }
    }
    if (start >= 0 && w.end - start >= shortest) runs.push_back({start, w.end});
  }

  std::vector<Interval> result{{lo, hi}};
  std::vector<Interval> mine;
  for (const auto& r : ranges) {
    mine.clear();
    const int64_t length = r.end - r.begin;
    // Runs ending after the range's earliest start, up to those starting past its latest end.
    auto it = std::upper_bound(runs.begin(), runs.end(), r.begin + lo,
                               [](int64_t p, const SampleRange& run) { return p < run.end; });
    for (; it != runs.end() && it->begin < r.end + hi; ++it) {
      if (it->end - it->begin < length) continue;
      const int64_t from = std::max(it->begin - r.begin, lo);
      const int64_t to = std::min(it->end - r.end, hi);
      if (from <= to) mine.push_back({from, to});
    }
    result = intersect(result, mine);
    if (result.empty()) break;
  }
  return result;
}

}  // namespace

std::optional<int64_t> find_signature(std::span<const uint8_t> stream, Lba first, int64_t begin_byte, int64_t end_byte,
                                      const AudioSignature& signature) {
  const int64_t base = int64_t{first} * kSectorBytes;  // stream byte 0, from LBA 0
  const int64_t size = static_cast<int64_t>(stream.size());
  const int64_t lo = std::max<int64_t>(begin_byte - base, 0);
  const int64_t hi = std::min<int64_t>(end_byte - base, size);
  const auto& magic = signature.bytes;
  const auto n = static_cast<int64_t>(magic.size());
  for (int64_t at = lo; hi - at >= n;) {
    const void* hit = ::memmem(stream.data() + at, static_cast<size_t>(hi - at), magic.data(), magic.size());
    if (!hit) break;
    const int64_t i = static_cast<const uint8_t*>(hit) - stream.data();
    const int64_t start = base + i - signature.bytes_before;
    if (start % kSampleBytes == 0) return start / kSampleBytes;
    at = i + 1;
  }
  return std::nullopt;
}

std::optional<int32_t> perfect_audio_offset(std::span<const uint8_t> stream, Lba first,
                                            std::span<const std::pair<Lba, Lba>> silent_ranges,
                                            int32_t max_shift_samples, PerfectOffsetReport* report) {
  PerfectOffsetReport local;
  PerfectOffsetReport& rep = report ? *report : local;
  rep = PerfectOffsetReport{};
  auto fail = [&rep](std::string text) -> std::optional<int32_t> {
    rep.why = std::move(text);
    return std::nullopt;
  };
  if (max_shift_samples < 0) return fail("negative maximum shift");

  const auto samples = static_cast<int64_t>(stream.size()) / kSampleBytes;
  const int64_t max_shift = max_shift_samples;
  int64_t lo = -max_shift, hi = max_shift;
  std::vector<SampleRange> ranges;
  for (const auto& [begin, end] : silent_ranges) {
    if (end < begin)
      return fail("range [" + std::to_string(begin) + ", " + std::to_string(end) + ") ends before it begins");
    if (end == begin) continue;
    const SampleRange r{(static_cast<int64_t>(begin) - first) * kSectorSamples,
                        (static_cast<int64_t>(end) - first) * kSectorSamples};
    // Only shifts that keep the range inside the stream count.
    lo = std::max(lo, -r.begin);
    hi = std::min(hi, samples - r.end);
    ranges.push_back(r);
  }
  if (ranges.empty()) return fail("no non-empty silent ranges given");
  if (lo > hi)
    return fail("the ranges do not fit inside the stream for any shift within +-" + std::to_string(max_shift) +
                " samples");

  // The stream parts any allowed shift can read, merged so each sample is examined once.
  std::vector<SampleRange> windows;
  for (const auto& r : ranges) windows.push_back({r.begin + lo, r.end + hi});
  std::sort(windows.begin(), windows.end(),
            [](const SampleRange& a, const SampleRange& b) { return a.begin < b.begin; });
  std::vector<SampleRange> merged;
  for (const auto& w : windows) {
    if (!merged.empty() && w.begin <= merged.back().end)
      merged.back().end = std::max(merged.back().end, w.end);
    else
      merged.push_back(w);
  }

  // The silence level is raised until some shift qualifies (redumper, cd/cd_split.ixx
  // disc_offset_by_silence: levels 0..--audio-silence-threshold in turn, the first level with
  // a match decides, and "Perfect Audio Offset applied" only when that level has exactly one
  // shift). Qualifying is monotone in the level, so the lowest such level is found by bisection.
  const uint8_t* s = stream.data();
  std::vector<Interval> found = silent_shifts(s, ranges, merged, lo, hi, kSilenceThreshold);
  if (found.empty()) return fail("no shift within the limits makes every range silent");
  int low = 0, high = kSilenceThreshold;  // high qualifies; find the lowest level that does
  while (low < high) {
    const int mid = low + (high - low) / 2;
    auto at_mid = silent_shifts(s, ranges, merged, lo, hi, mid);
    if (at_mid.empty()) {
      low = mid + 1;
    } else {
      high = mid;
      found = std::move(at_mid);
    }
  }

  rep.silence_level = high;
  for (const auto& f : found) rep.shifts.emplace_back(static_cast<int32_t>(f.from), static_cast<int32_t>(f.to));
  if (found.size() != 1 || found.front().from != found.front().to) {
    int64_t count = 0;
    for (const auto& f : found) count += f.to - f.from + 1;
    return fail("ambiguous: " + std::to_string(count) + " shifts make every range silent at level " +
                std::to_string(high));
  }
  return static_cast<int32_t>(found.front().from);
}

std::pair<size_t, size_t> nonzero_sample_range(std::span<const uint8_t> audio_stream) {
  const size_t samples = audio_stream.size() / kSampleBytes;
  auto zero = [&audio_stream](size_t k) {
    uint32_t v;
    std::memcpy(&v, audio_stream.data() + k * kSampleBytes, sizeof v);
    return v == 0;
  };
  size_t begin = 0, end = samples;
  while (begin < end && zero(begin)) ++begin;
  while (end > begin && zero(end - 1)) --end;
  return {begin, end};
}

std::array<uint8_t, 20> universal_hash(std::span<const uint8_t> audio_stream) {
  const auto [begin, end] = nonzero_sample_range(audio_stream);
  // Only the SHA-1 half of the multi-hasher: the MD5 it would also give is not wanted here.
  MultiHasher hasher;
  if (begin < end) hasher.update_crc_sha1(audio_stream.subspan(begin * kSampleBytes, (end - begin) * kSampleBytes));
  return hasher.finish().sha1;
}

EdgeShift shift_out_of_edges(int64_t data_first, int64_t data_end, int64_t toc_first, int64_t toc_end,
                             int32_t max_shift_samples) {
  EdgeShift r;
  const int64_t data_size = data_end - data_first, toc_size = toc_end - toc_first;
  if (data_size <= 0) {
    r.how = "the dump holds no non-zero sample";
    return r;
  }
  if (data_size > toc_size) {
    r.how = fmt::format("the non-zero samples ({}) do not fit between the first pregap and the lead-out ({})",
                        data_size, toc_size);
    return r;
  }
  int64_t shift = 0;
  if (data_end > toc_end) {
    shift = data_end - toc_end;
    r.how = fmt::format("{} non-zero sample(s) past the lead-out: shifted out of the lead-out", shift);
  } else if (data_first < 0 && data_size <= toc_end) {
    shift = data_first;
    r.how = fmt::format("{} non-zero sample(s) before LBA 0: shifted out of the lead-in", -shift);
  } else if (data_first < toc_first) {
    shift = data_first - toc_first;
    r.how = fmt::format("{} non-zero sample(s) before the first pregap: shifted into the program area", -shift);
  } else {
    r.how = "no non-zero sample before LBA 0 or past the lead-out";
    return r;
  }
  if (shift > max_shift_samples || shift < -int64_t{max_shift_samples}) {
    r.how += fmt::format(" would take {:+} samples, more than {} (2 s): not applied", shift, max_shift_samples);
    return r;
  }
  r.offset = static_cast<int32_t>(shift);
  return r;
}

}  // namespace dw::rip
