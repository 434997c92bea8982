// The evidence decide_sessions weighs comes from the drive (READ TOC format 1, READ TRACK
// INFORMATION's session numbers, Q before each track): any of it must give rising first tracks
// that are tracks of the disc, and a layout split_sessions accepts or refuses with InputError,
// never a crash. Input: the last session's number and its first track, then 4 bytes a track
// (start step in units of 8 sectors as 2 bytes, session number or FF for none, Q gap).
#include <cstdint>
#include <cstdlib>
#include <span>

#include "disc/error.hpp"
#include "rip/session_layout.hpp"
#include "scsi/mmc_toc.hpp"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  if (size < 2) return 0;
  dw::rip::SessionEvidence e;
  e.first_session = 1;
  e.last_session = data[0];
  e.last_session_first_track = data[1];
  dw::Lba start = 0;
  for (size_t at = 2; at + 4 <= size && e.tracks.size() < 99; at += 4) {
    dw::rip::TrackSessionEvidence t;
    t.track = static_cast<uint8_t>(e.tracks.size() + 1);
    start += (data[at] << 8 | data[at + 1]) * 8 + 1;
    t.start = start;
    if (data[at + 2] != 0xFF) t.info_session = data[at + 2];
    t.q = static_cast<dw::rip::QGap>(data[at + 3] % 4);
    t.q_lba = start - 4651;
    e.tracks.push_back(t);
  }
  if (e.tracks.empty()) return 0;
  const dw::rip::SessionDecision d = dw::rip::decide_sessions(e);
  for (size_t i = 0; i < d.first_tracks.size(); ++i)
    if (d.first_tracks[i] < 2 || d.first_tracks[i] > e.tracks.size() ||
        (i > 0 && d.first_tracks[i] <= d.first_tracks[i - 1]))
      std::abort();
  dw::Disc disc;
  dw::Session s;
  for (const auto& t : e.tracks) {
    dw::Track track;
    track.number = t.track;
    track.indices = {{1, t.start}};
    s.tracks.push_back(track);
  }
  s.leadout = start + 1;
  disc.sessions = {s};
  try {
    dw::scsi::split_sessions(disc, d.first_tracks, "fuzz");
  } catch (const dw::InputError&) {
  }
  return 0;
}
