#include "rip/q_layout.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <bit>
#include <map>

#include "disc/subchannel.hpp"

namespace dw::rip {
namespace {

// Where a sector is, as Q says (after repair); track 0 = unknown.
struct Where {
  uint8_t track = 0, index = 0;
  int32_t relative = 0;  // frames
};

int32_t frames_of(const BcdMsf& m) {
  if (!m.valid()) return -1;
  return (m.m.value() * 60 + m.s.value()) * 75 + m.f.value();
}

std::optional<BcdMsf> bcd_msf_of_frames(int32_t frames) {
  if (frames < 0) return std::nullopt;
  const auto msf = frames_to_msf(frames);
  return msf ? to_bcd(*msf) : std::nullopt;
}

Where where_of(const QPosition& p) {
  if (!p.track.valid() || !p.index.valid()) return {};
  return {static_cast<uint8_t>(p.track.value()), static_cast<uint8_t>(p.index.value()), frames_of(p.relative)};
}

bool all_zero(const QFrame& q) {
  return std::all_of(q.begin(), q.end(), [](uint8_t b) { return b == 0; });
}

int bit_distance(const QFrame& a, const QFrame& b) {
  int d = 0;
  for (size_t i = 0; i < a.size(); ++i) d += std::popcount(static_cast<unsigned>(a[i] ^ b[i]));
  return d;
}

std::optional<QPosition> position_of(const QFrame& q) {
  const QDecoded d = decode_q(q);
  if (const auto* p = std::get_if<QPosition>(&d.content)) return *p;
  return std::nullopt;
}

// `from` moved to `lba` in the same track and index.
std::optional<QPosition> extrapolate(Lba from_lba, const QPosition& from, Lba lba) {
  QPosition p = from;
  const int32_t rel = frames_of(from.relative);
  if (rel < 0) return std::nullopt;
  const int32_t moved = from.index.value() == 0 ? rel - (lba - from_lba) : rel + (lba - from_lba);
  if (moved < 0 || lba + 150 < 0 || !bcd_msf_of_frames(moved) || !bcd_msf_of_frames(lba + 150)) return std::nullopt;
  p.relative = *bcd_msf_of_frames(moved);
  p.absolute = *bcd_msf_of_frames(lba + 150);
  return p;
}

}  // namespace

std::optional<QFrame> repair_q(const QFrame& damaged, Lba lba, const std::optional<std::pair<Lba, QPosition>>& before,
                               const std::optional<std::pair<Lba, QPosition>>& after) {
  std::vector<QPosition> candidates;
  for (const auto* n : {&before, &after}) {
    if (!*n) continue;
    if (auto p = extrapolate((*n)->first, (*n)->second, lba)) candidates.push_back(*p);
  }
  if (before) {
    // The next index of the same track, or index 1 of the next track, starting here.
    QPosition next = before->second;
    next.index = Bcd::of(static_cast<uint8_t>(next.index.value() + 1));
    if (next.index.value() == 1) {
      next.relative = *bcd_msf_of_frames(0);
    } else if (auto p = extrapolate(before->first, before->second, lba)) {
      next.relative = p->relative;
    }
    if (auto abs = bcd_msf_of_frames(lba + 150)) {
      next.absolute = *abs;
      candidates.push_back(next);
    }
  }
  if (after && after->second.index.value() <= 1) {
    // Index 0 or 1 of `after`'s track starting here.
    QPosition first = after->second;
    if (auto p = extrapolate(after->first, after->second, lba)) candidates.push_back(*p);
    first.index = Bcd::of(0);
    if (auto abs = bcd_msf_of_frames(lba + 150)) first.absolute = *abs;
    (void)first;
  }
  std::optional<QFrame> best;
  int best_d = 1 << 30;
  for (const QPosition& c : candidates) {
    const QFrame f = encode_q(c);
    const int d = bit_distance(f, damaged);
    if (d < best_d) {
      best_d = d;
      best = f;
    }
  }
  return best;
}

void apply_q_layout(Disc& disc, Lba first, std::span<const uint8_t> sub, QLayoutReport& report) {
  std::vector<QFrame> q(sub.size() / kSubchannelSize);
  for (size_t i = 0; i < q.size(); ++i)
    q[i] = extract_channel(std::span<const uint8_t, kSubchannelSize>(sub.data() + i * kSubchannelSize, kSubchannelSize),
                           Channel::Q);
  apply_q_layout_frames(disc, first, q, report);
}

void apply_q_layout_frames(Disc& disc, Lba first, std::span<const QFrame> frames, QLayoutReport& report) {
  const size_t n = frames.size();
  std::vector<Where> where(n);
  std::vector<uint8_t> bad(n, 0);  // 1: damaged, 2: unread (all zero)
  std::map<std::string, int> mcn;
  std::map<std::pair<uint8_t, std::string>, int> isrc;
  std::vector<std::pair<size_t, std::string>> isrc_at;
  for (size_t i = 0; i < n; ++i) {
    const QFrame& q = frames[i];
    ++report.frames;
    if (!q_crc_ok(q)) {
      if (all_zero(q)) {
        bad[i] = 2;
      } else {
        bad[i] = 1;
        ++report.bad_crc;
      }
      continue;
    }
    const QDecoded d = decode_q(q);
    if (const auto* p = std::get_if<QPosition>(&d.content)) {
      if (p->track.value() >= 1 && p->track.value() <= 99) where[i] = where_of(*p);
    } else if (const auto* c = std::get_if<QCatalog>(&d.content)) {
      if (c->mcn.find_first_not_of('0') != std::string::npos) ++mcn[c->mcn];
    } else if (const auto* s = std::get_if<QIsrc>(&d.content)) {
      isrc_at.emplace_back(i, s->isrc);
    }
  }
  // Repair damaged frames from their good ADR-1 neighbours.
  // The nearest good position frame before and after each frame (-1: none); 4 bytes a frame.
  constexpr int32_t kNone = -1;
  std::vector<int32_t> prev(n, kNone), next(n, kNone);
  int32_t last = kNone;
  for (size_t i = 0; i < n; ++i) {
    prev[i] = last;
    if (where[i].track) last = static_cast<int32_t>(i);
  }
  last = kNone;
  for (size_t i = n; i-- > 0;) {
    next[i] = last;
    if (where[i].track) last = static_cast<int32_t>(i);
  }
  const auto pos_at = [&](int32_t i) -> std::optional<std::pair<Lba, QPosition>> {
    if (i == kNone) return std::nullopt;
    auto p = position_of(frames[static_cast<size_t>(i)]);
    if (!p) return std::nullopt;
    return std::make_pair(first + static_cast<Lba>(i), *p);
  };
  std::vector<Where> repaired = where;
  for (size_t i = 0; i < n; ++i) {
    if (where[i].track || bad[i] == 2) continue;
    const Lba lba = first + static_cast<Lba>(i);
    const auto before = pos_at(prev[i]), after = pos_at(next[i]);
    if (bad[i] == 1) {
      if (auto f = repair_q(frames[i], lba, before, after))
        if (auto p = position_of(*f)) {
          repaired[i] = where_of(*p);
          ++report.repaired;
          continue;
        }
    }
    // A good MCN/ISRC frame (or an unrepairable one): the position of its neighbours; at an
    // index 1 boundary the next frame's relative time says exactly where index 1 starts.
    if (before && after && before->second.track == after->second.track && before->second.index == after->second.index) {
      repaired[i] = where[static_cast<size_t>(prev[i])];
    } else if (after && after->second.index.value() == 1 && lba >= after->first - frames_of(after->second.relative)) {
      repaired[i] = where[static_cast<size_t>(next[i])];
    } else if (before) {
      repaired[i] = where[static_cast<size_t>(prev[i])];
    }
  }
  // Indices: the first sector of each (track, index) run.
  std::map<std::pair<uint8_t, uint8_t>, Lba> starts;
  for (size_t i = 0; i < n; ++i) {
    const Where& w = repaired[i];
    if (!w.track) continue;
    starts.emplace(std::make_pair(w.track, w.index), first + static_cast<Lba>(i));
  }
  for (Session& s : disc.sessions)
    for (Track& t : s.tracks) {
      const Lba i1 = t.start();
      if (auto it = starts.find({t.number, 1}); it != starts.end() && it->second != i1 && it->second != first)
        report.notes.push_back(fmt::format("Q puts index 1 of track {:02} at LBA {}; the TOC says {} (the TOC is kept)",
                                           t.number, it->second, i1));
      std::vector<Index> idx;
      if (auto it = starts.find({t.number, 0}); it != starts.end() && it->second < i1) {
        // The first track of a session has 150 sectors of index 0 anyway: not an explicit index 0
        // when Q starts it there, or at the first sector dumped when that is inside those 150 (the
        // real start lies before the dump). Index 0 that began before the dump and runs longer
        // than 150 sectors is hidden track one audio: kept, from LBA 0 at the earliest (where a
        // sheet's INDEX 00 00:00:00 puts it and the images begin).
        const bool session_first = &t == &s.tracks.front();
        const bool implicit = session_first && (it->second == i1 - 150 || (it->second == first && first >= i1 - 150));
        const bool truncated = it->second == first && first > i1 - 150;
        const bool hidden = session_first && s.number == 1 && it->second < i1 - 150;
        if (hidden)
          idx.push_back({0, std::max<Lba>(it->second, 0)});
        else if (!implicit && !truncated)
          idx.push_back({0, it->second});
      } else if (auto old = t.index(0)) {
        idx.push_back({0, *old});
      }
      idx.push_back({1, i1});
      for (uint8_t k = 2; k <= 99; ++k) {
        auto it = starts.find({t.number, k});
        if (it == starts.end()) break;
        if (it->second > idx.back().lba) idx.push_back({k, it->second});
      }
      t.indices = idx;
    }
  // Codes: the most frequent good value.
  if (!mcn.empty())
    disc.mcn = std::max_element(mcn.begin(), mcn.end(), [](auto& a, auto& b) { return a.second < b.second; })->first;
  for (const auto& [i, code] : isrc_at)
    if (repaired[i].track && code.find_first_not_of('0') != std::string::npos) ++isrc[{repaired[i].track, code}];
  for (Session& s : disc.sessions)
    for (Track& t : s.tracks) {
      int best = 0;
      for (const auto& [key, count] : isrc)
        if (key.first == t.number && count > best) {
          best = count;
          t.isrc = key.second;
        }
    }
}

}  // namespace dw::rip
