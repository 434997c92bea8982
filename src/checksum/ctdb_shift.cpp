#include "checksum/ctdb_shift.hpp"

#include <algorithm>
#include <cstdlib>
#include <unordered_map>

namespace dw {

namespace {
// Keeps the better of two finds: the higher confidence, then the shift nearer 0, then the lower.
void keep_better(std::optional<CtdbShiftFound>& best, CtdbShiftFound found) {
  if (!best || found.confidence > best->confidence ||
      (found.confidence == best->confidence && std::abs(found.shift) < std::abs(best->shift)))
    best = found;
}
}  // namespace

CtdbShiftMatch match_ctdb_at_shifts(const ShiftSearch& search, const std::string& disc_toc,
                                    const std::vector<CtdbEntry>& entries) {
  const auto ours = ctdb_toc_audio(disc_toc);
  const size_t n = search.tracks();
  using CrcIndex = std::unordered_map<uint32_t, std::vector<size_t>>;  // CRC -> the entries holding it
  CrcIndex disc;
  std::vector<CrcIndex> tracks(n);
  for (size_t k = 0; k < entries.size(); ++k) {
    const CtdbEntry& e = entries[k];
    if (!ctdb_comparable(e, ours)) continue;
    disc[e.crc32].push_back(k);
    if (e.track_crcs.size() == n)
      for (size_t i = 0; i < n; ++i) tracks[i][e.track_crcs[i]].push_back(k);
  }
  static const std::vector<size_t> kNone;
  const auto holding = [](const CrcIndex& index, uint32_t crc) -> const std::vector<size_t>& {
    const auto it = index.find(crc);
    return it == index.end() ? kNone : it->second;
  };
  CtdbShiftMatch m;
  m.tracks.resize(n);
  for (int32_t s = -search.range(); s <= search.range(); ++s) {
    if (s == 0) continue;
    const std::vector<size_t>& whole = holding(disc, search.ctdb(s));
    uint64_t whole_confidence = 0;
    for (const size_t k : whole) whole_confidence += entries[k].confidence;
    if (!whole.empty()) keep_better(m.disc, {s, whole_confidence});
    for (size_t i = 0; i < n; ++i) {
      // An entry counts once for a track: by its disc CRC, or else by its track CRC.
      uint64_t confidence = whole_confidence;
      for (const size_t k : holding(tracks[i], search.ctdb_track(i, s)))
        if (std::find(whole.begin(), whole.end(), k) == whole.end()) confidence += entries[k].confidence;
      if (!whole.empty() || confidence > 0) keep_better(m.tracks[i], {s, confidence});
    }
  }
  return m;
}

}  // namespace dw
