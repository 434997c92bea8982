// Small discs for the burn tests: the audio demo disc's layout and a mixed-mode disc, with
// sectors that are never silent (a pseudo-random pattern), so an audio offset is found once.
#pragma once

#include <vector>

#include "disc/disc.hpp"
#include "disc/sector.hpp"
#include "support/test_discs.hpp"

namespace dw::test {

inline std::vector<uint8_t> audio_pattern(Lba sectors) {
  std::vector<uint8_t> main(size_t(sectors) * 2352);
  for (size_t i = 0; i < main.size(); ++i) main[i] = static_cast<uint8_t>((i * 2654435761u) >> 13);  // no period
  return main;
}

inline CdText demo_text(uint8_t last) {
  CdTextBlock b;
  b.first_track = 1;
  b.last_track = last;
  b.text[{0x80, 0}] = "Disc";
  b.text[{0x80, 1}] = "One";
  CdText t;
  t.blocks.push_back(b);
  return t;
}

// The audio demo disc (testdata/make_disc.cpp "audio"): pre-emphasis track 1, track 2 with copy
// permitted, ISRC and a stored pregap, track 3 with index 02; MCN and CD-Text.
inline Disc audio_disc() {
  Disc d;
  Session s;
  s.tracks.push_back(track(1, TrackMode::Audio, {{1, 0}}));
  s.tracks[0].control.bits = Control::kPreEmphasis;
  s.tracks.push_back(track(2, TrackMode::Audio, {{0, 600}, {1, 750}}));
  s.tracks[1].control.bits = Control::kCopyPermitted;
  s.tracks[1].isrc = "USDW12600001";
  s.tracks.push_back(track(3, TrackMode::Audio, {{1, 1200}, {2, 1400}}));
  s.leadout = 1575;
  d.sessions.push_back(s);
  d.mcn = "0123456789012";
  d.cdtext = demo_text(3);
  dw::test::set_point_controls(d);
  return d;
}

// Mode 1 track of 300 sectors, then two audio tracks (the second with an ISRC); MCN, no CD-Text.
inline Disc mixed_disc() {
  Disc d;
  Session s;
  s.tracks.push_back(track(1, TrackMode::Mode1, {{1, 0}}));
  s.tracks.push_back(track(2, TrackMode::Audio, {{0, 300}, {1, 450}}));
  s.tracks.push_back(track(3, TrackMode::Audio, {{1, 600}}));
  s.tracks[2].isrc = "USDW12600002";
  s.leadout = 900;
  d.sessions.push_back(s);
  d.mcn = "0123456789012";
  dw::test::set_point_controls(d);
  return d;
}

inline std::vector<uint8_t> mixed_main() {
  auto main = audio_pattern(900);
  std::vector<uint8_t> user(2048);
  for (Lba l = 0; l < 300; ++l) {
    for (size_t k = 0; k < user.size(); ++k) user[k] = static_cast<uint8_t>(k + size_t(l));
    encode_sector(SectorKind::Mode1, l, user, std::span<uint8_t, 2352>(main.data() + size_t(l) * 2352, 2352));
  }
  return main;
}

}  // namespace dw::test
