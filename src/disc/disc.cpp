#include "disc/disc.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <cctype>

#include "disc/error.hpp"

namespace dw {

const char* to_string(TrackMode mode) {
  switch (mode) {
    case TrackMode::Audio: return "audio";
    case TrackMode::Mode0: return "mode0";
    case TrackMode::Mode1: return "mode1";
    case TrackMode::Mode2Formless: return "mode2";
    case TrackMode::Mode2Xa: return "mode2-xa";
    case TrackMode::CdI: return "cdi";
  }
  return "?";
}

std::optional<Lba> Track::index(uint8_t n) const {
  for (const auto& i : indices)
    if (i.number == n) return i.lba;
  return std::nullopt;
}

Lba Track::start() const {
  auto i1 = index(1);
  if (!i1) throw ModelError(fmt::format("track {} has no index 1", number));
  return *i1;
}

Lba Track::pregap_start() const {
  auto i0 = index(0);
  return i0 ? *i0 : start();
}

void Disc::validate() const {
  if (sessions.empty()) throw ModelError("disc has no session");
  int expected_track = -1;
  Lba previous_end = INT32_MIN;
  for (size_t s = 0; s < sessions.size(); ++s) {
    const auto& session = sessions[s];
    if (session.number != s + 1) throw ModelError(fmt::format("session {} is numbered {}", s + 1, session.number));
    if (session.tracks.empty()) throw ModelError(fmt::format("session {} has no track", session.number));
    for (const auto& t : session.tracks) {
      if (t.number < 1 || t.number > 99) throw ModelError(fmt::format("track number {} is outside 1..99", t.number));
      if (expected_track >= 0 && t.number != expected_track)
        throw ModelError(fmt::format("track {} follows track {}", t.number, expected_track - 1));
      expected_track = t.number + 1;
      if (!t.index(1)) throw ModelError(fmt::format("track {} has no index 1", t.number));
      for (size_t i = 1; i < t.indices.size(); ++i) {
        if (t.indices[i].number <= t.indices[i - 1].number || t.indices[i].number > 99)
          throw ModelError(fmt::format("track {}: index {} follows index {}", t.number, t.indices[i].number,
                                       t.indices[i - 1].number));
        if (t.indices[i].lba <= t.indices[i - 1].lba)
          throw ModelError(fmt::format("track {}: index {} (LBA {}) is not after index {} (LBA {})", t.number,
                                       t.indices[i].number, t.indices[i].lba, t.indices[i - 1].number,
                                       t.indices[i - 1].lba));
      }
      if (t.pregap_start() < previous_end)
        throw ModelError(
            fmt::format("track {} starts at LBA {}, before the previous track ends", t.number, t.pregap_start()));
      previous_end = t.start() + 1;
      if (!t.isrc.empty() && t.isrc.size() != 12)
        throw ModelError(fmt::format("track {}: ISRC '{}' is not 12 characters", t.number, t.isrc));
    }
    if (session.leadout < previous_end)
      throw ModelError(
          fmt::format("session {} lead-out LBA {} is not after its last track", session.number, session.leadout));
    previous_end = session.leadout;
  }
  if (!mcn.empty() &&
      (mcn.size() != 13 || !std::all_of(mcn.begin(), mcn.end(), [](char c) { return std::isdigit(uint8_t(c)); })))
    throw ModelError(fmt::format("MCN '{}' is not 13 digits", mcn));
}

const Track* Disc::find_track(uint8_t number) const {
  for (const auto& s : sessions)
    for (const auto& t : s.tracks)
      if (t.number == number) return &t;
  return nullptr;
}

const Session* Disc::session_of(uint8_t number) const {
  for (const auto& s : sessions)
    for (const auto& t : s.tracks)
      if (t.number == number) return &s;
  return nullptr;
}

uint8_t Disc::first_track() const {
  for (const auto& s : sessions)
    if (!s.tracks.empty()) return s.tracks.front().number;
  return 0;
}

uint8_t Disc::last_track() const {
  for (auto s = sessions.rbegin(); s != sessions.rend(); ++s)
    if (!s->tracks.empty()) return s->tracks.back().number;
  return 0;
}

size_t Disc::track_count() const {
  size_t n = 0;
  for (const auto& s : sessions) n += s.tracks.size();
  return n;
}

std::vector<const Track*> Disc::tracks() const {
  std::vector<const Track*> out;
  for (const auto& s : sessions)
    for (const auto& t : s.tracks) out.push_back(&t);
  return out;
}

namespace {
const Track& require_track(const Disc& disc, uint8_t number) {
  const Track* t = disc.find_track(number);
  if (!t) throw ModelError(fmt::format("no track {} on this disc", number));
  return *t;
}
}  // namespace

Lba Disc::track_end(uint8_t number) const {
  require_track(*this, number);
  const Session& s = *session_of(number);
  for (size_t i = 0; i + 1 < s.tracks.size(); ++i)
    if (s.tracks[i].number == number) return s.tracks[i + 1].pregap_start();
  return s.leadout;
}

int32_t Disc::track_length(uint8_t number) const {
  return track_end(number) - require_track(*this, number).pregap_start();
}

Lba Disc::q_pregap_start(uint8_t number) const {
  const Track& t = require_track(*this, number);
  const Session& s = *session_of(number);
  const Lba from = t.index(0).value_or(&s.tracks.front() == &t ? t.start() - kPregapSectors : t.start());
  // Session 1's program area begins at 00:00:00 (LBA -150) whatever its first track says: an
  // index 0 written at LBA 0 (hidden track one audio in a sheet) started there.
  if (&s == &sessions.front() && &s.tracks.front() == &t) return std::min<Lba>(from, -kPregapSectors);
  return from;
}

Lba Disc::leadout() const {
  if (sessions.empty()) throw ModelError("disc has no session");
  return sessions.back().leadout;
}

Lba Disc::leadin_start(const Session& session) const {
  if (session.leadin_start) return *session.leadin_start;
  return q_pregap_start(session.tracks.front().number) - kLeadInSectors;
}

Lba Disc::leadout_end(const Session& session) const {
  return session.leadout + (session.number == 1 ? kFirstLeadOutSectors : kLaterLeadOutSectors);
}

Position Disc::locate(Lba lba) const {
  for (const auto& s : sessions) {
    if (s.tracks.empty()) continue;
    const Lba program_start = q_pregap_start(s.tracks.front().number);
    if (lba < program_start) {
      if (lba >= leadin_start(s)) return {Position::Area::LeadIn, s.number, 0, 0};
      return {};
    }
    if (lba < s.leadout) {
      const Track* hit = &s.tracks.front();
      for (const auto& t : s.tracks)
        if (t.pregap_start() <= lba) hit = &t;
      uint8_t index = 0;
      for (const auto& i : hit->indices)
        if (i.lba <= lba) index = i.number;
      return {Position::Area::Program, s.number, hit->number, index};
    }
    if (lba < leadout_end(s)) return {Position::Area::LeadOut, s.number, kLeadOutTrack, 1};
  }
  return {};
}

}  // namespace dw
