// Small discs used by several tests. Layouts come from the corpus README and the reference.
#pragma once

#include <initializer_list>
#include <utility>

#include "disc/disc.hpp"

namespace dw::test {

inline Track track(uint8_t number, TrackMode mode, std::initializer_list<std::pair<uint8_t, Lba>> indices) {
  Track t;
  t.number = number;
  t.mode = mode;
  t.control.bits = mode == TrackMode::Audio ? 0 : Control::kData;
  for (auto [n, lba] : indices) t.indices.push_back({n, lba});
  return t;
}

/// Sets the A0/A1/A2 CONTROL nibbles as pressed discs (and our readers) have them: A0 from the
/// first track of the session, A1 and A2 from the last.
inline void set_point_controls(Disc& d) {
  for (Session& s : d.sessions) {
    s.a0_control = s.tracks.front().control;
    s.a1_control = s.a2_control = s.tracks.back().control;
  }
}

/// Ladyhawke (Enhanced CD), from ../shared/corpus/README.md: track starts (index 1) and lead-out;
/// the audio session ends 11400 sectors before the data track; the data track has a 150-sector
/// pregap as every session's first track does.
inline Disc ladyhawke() {
  static constexpr Lba starts[] = {0, 15537, 31691, 50866, 66466, 81202, 99409, 115920, 133093, 149847, 161560, 177682};
  Disc d;
  Session s1;
  for (int i = 0; i < 12; ++i)
    s1.tracks.push_back(track(static_cast<uint8_t>(i + 1), TrackMode::Audio, {{1, starts[i]}}));
  s1.leadout = 207106 - 11400;
  Session s2;
  s2.number = 2;
  s2.type = DiscType::CdRomXa;
  s2.tracks.push_back(track(13, TrackMode::Mode2Xa, {{0, 207106 - 150}, {1, 207106}}));
  s2.leadout = 210385;
  d.sessions = {s1, s2};
  return d;
}

}  // namespace dw::test
