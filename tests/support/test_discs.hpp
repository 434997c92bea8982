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

/// A small two-session disc. Session 1: audio track 1 at LBA 0 (ISRC, copy permitted) and audio
/// track 2 (index 0 at 100, index 1 at 150, index 2 at 170); lead-out 200. Session 2: data
/// track 3 of `data_mode` at 200 + 11400 = 11600, 30 sectors. MCN and English CD-Text.
inline Disc two_session_disc(TrackMode data_mode) {
  Disc d;
  Session s1;
  s1.tracks.push_back(track(1, TrackMode::Audio, {{1, 0}}));
  s1.tracks[0].isrc = "USSM19922509";
  s1.tracks[0].control.bits = Control::kCopyPermitted;
  s1.tracks.push_back(track(2, TrackMode::Audio, {{0, 100}, {1, 150}, {2, 170}}));
  s1.leadout = 200;
  Session s2;
  s2.number = 2;
  if (data_mode == TrackMode::Mode2Xa) s2.type = DiscType::CdRomXa;
  s2.tracks.push_back(track(3, data_mode, {{1, 11600}}));
  s2.leadout = 11630;
  d.sessions = {s1, s2};
  d.mcn = "0724384260927";
  CdTextBlock b;
  b.first_track = 1;
  b.last_track = 3;
  b.text[{0x80, 0}] = "Album";
  b.text[{0x81, 0}] = "Band";
  b.text[{0x80, 2}] = "Second";
  d.cdtext.blocks.push_back(b);
  set_point_controls(d);
  return d;
}

// One session of one audio track, index 1 at LBA 0, the lead-out at `leadout`.
inline Disc single_audio_disc(Lba leadout) {
  Disc d;
  Session s;
  s.tracks.push_back(track(1, TrackMode::Audio, {{1, 0}}));
  s.leadout = leadout;
  d.sessions = {s};
  set_point_controls(d);
  return d;
}

/// A mixed-mode disc for the audio checksum tests (the layout accuraterip_ref.py's `golden` uses):
/// data track 1, audio track 2 (index 0 at 100, index 1 at 250), audio track 3 (index 0 at 800,
/// index 1 at 830), lead-out 1300: AccurateRip tracks 2 = [250, 830) and 3 = [830, 1300).
inline Disc ar_mixed_disc() {
  Disc d;
  Session s;
  s.tracks.push_back(track(1, TrackMode::Mode1, {{1, 0}}));
  s.tracks.push_back(track(2, TrackMode::Audio, {{0, 100}, {1, 250}}));
  s.tracks.push_back(track(3, TrackMode::Audio, {{0, 800}, {1, 830}}));
  s.leadout = 1300;
  d.sessions.push_back(s);
  set_point_controls(d);
  return d;
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
