#include "rip/session_layout.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <array>
#include <optional>
#include <variant>

#include "disc/error.hpp"
#include "disc/subchannel.hpp"
#include "disc/subq.hpp"
#include "scsi/mmc_cdb.hpp"
#include "scsi/mmc_disc_info.hpp"

namespace dw::rip {
namespace {

// Q of one sector, when the drive reads it and its CRC is good.
std::optional<QPosition> q_at(scsi::Drive& drive, Lba lba) {
  std::array<uint8_t, 2352> main{};
  std::array<uint8_t, 96> sub{};
  scsi::ReadCdRequest req;
  req.selection = scsi::ReadCdSelection::raw(scsi::C2Mode::None, scsi::SubchannelMode::Raw);
  if (!drive.read_cd(lba, 1, req, main, {}, sub).ok()) return std::nullopt;
  const QFrame q = extract_channel(std::span<const uint8_t, kSubchannelSize>(sub.data(), sub.size()), Channel::Q);
  const QDecoded d = decode_q(q);
  const auto* p = std::get_if<QPosition>(&d.content);
  if (!d.crc_ok || !p || !p->absolute.valid() || !p->relative.valid()) return std::nullopt;
  return *p;
}

int frames(const BcdMsf& m) { return (m.m.value() * 60 + m.s.value()) * 75 + m.f.value(); }

// The first lead-out sector a lead-out Q frame points back to.
std::optional<Lba> leadout_start(const QPosition& p) {
  if (p.track.byte() != kLeadOutTrack) return std::nullopt;
  const auto abs = bcd_msf_to_lba(p.absolute);
  if (!abs) return std::nullopt;
  return *abs - frames(p.relative);
}

// Q of `lba` or, when its CRC is bad, of one of the next few sectors (Q damage is local).
std::optional<QPosition> q_near(scsi::Drive& drive, Lba lba, Lba limit) {
  for (Lba l = lba; l < lba + 4 && l < limit; ++l)
    if (auto q = q_at(drive, l)) return q;
  return std::nullopt;
}

// Sectors between a session's last track and the next session's first: its lead-out, the next
// lead-in and pregap. After session 1 the lead-out is 6750 sectors, after later ones 2250.
constexpr Lba gap_sectors(bool first_boundary) {
  return kPregapSectors + kLeadInSectors + (first_boundary ? kFirstLeadOutSectors : kLaterLeadOutSectors);
}

const char* q_gap_text(QGap q) {
  switch (q) {
    case QGap::Track: return "names a track";
    case QGap::LeadOut: return "is a lead-out frame";
    case QGap::Unreadable: return "is not readable (a lead-in)";
    case QGap::Unknown: break;
  }
  return "was not read";
}

bool q_says_boundary(QGap q) { return q == QGap::LeadOut || q == QGap::Unreadable; }

// What Q shows where the lead-out before a track would be: its last sector when the track's
// session has the Orange Book's 150-sector pregap, else the middle of a later session's
// 2250-sector lead-out (a longer pregap). A frame whose lead-out start is not between the tracks
// is damage that passed its CRC and does not count.
std::pair<QGap, Lba> probe_gap(scsi::Drive& drive, Lba prev_start, Lba start) {
  const Lba leadin = start - kPregapSectors - kLeadInSectors;
  for (const Lba at : {leadin - 1, leadin - kLaterLeadOutSectors / 2}) {
    for (Lba l = at; l > at - 4 && l > prev_start; --l) {
      const auto q = q_at(drive, l);
      if (!q) continue;
      if (q->track.byte() != kLeadOutTrack) return {QGap::Track, l};
      if (const auto from = leadout_start(*q); from && *from > prev_start && *from <= l) return {QGap::LeadOut, l};
    }
  }
  return {QGap::Unreadable, leadin - 1};
}

}  // namespace

SessionDecision decide_sessions(const SessionEvidence& e) {
  SessionDecision out;
  const auto& t = e.tracks;
  const auto note = [&](bool warning, std::string text) { out.notes.push_back({warning, std::move(text)}); };
  const auto last_at = static_cast<size_t>(
      std::find_if(t.begin(), t.end(), [&](const auto& x) { return x.track == e.last_session_first_track; }) -
      t.begin());
  if (last_at == 0 || last_at >= t.size()) {
    note(true, fmt::format("READ TOC format 1's last session opens with track {:02}, which is not a track after the "
                           "first: one session",
                           e.last_session_first_track));
    return out;
  }
  const int want = e.last_session - e.first_session + 1;
  // A boundary before track i needs room for the gap after track i - 1.
  const auto room = [&](size_t i, bool first) { return t[i].start - t[i - 1].start > gap_sectors(first); };

  // READ TRACK INFORMATION: used when every track has a session number and they fit format 0 and 1.
  std::optional<std::vector<size_t>> by_info;
  const auto answered = std::count_if(t.begin(), t.end(), [](const auto& x) { return x.info_session.has_value(); });
  if (answered == 0) {
    note(false, "READ TRACK INFORMATION gave no session numbers: Q decides");
  } else if (static_cast<size_t>(answered) < t.size()) {
    note(true,
         fmt::format("READ TRACK INFORMATION gave session numbers for {} of {} tracks: Q decides", answered, t.size()));
  } else {
    std::vector<size_t> cuts;
    std::string problem;
    if (*t[0].info_session != e.first_session)
      problem = fmt::format("track {:02} is in session {}, format 1 says the first session is {}", t[0].track,
                            *t[0].info_session, e.first_session);
    for (size_t i = 1; i < t.size() && problem.empty(); ++i) {
      const int step = int{*t[i].info_session} - int{*t[i - 1].info_session};
      if (step < 0 || step > 1)
        problem = fmt::format("track {:02} is in session {} after track {:02} in session {}", t[i].track,
                              *t[i].info_session, t[i - 1].track, *t[i - 1].info_session);
      else if (step == 1 && !room(i, cuts.empty()))
        problem = fmt::format("track {:02} opens session {} only {} sectors after track {:02} (no room for the gap)",
                              t[i].track, *t[i].info_session, t[i].start - t[i - 1].start, t[i - 1].track);
      else if (step == 1)
        cuts.push_back(i);
    }
    const auto opens_last = static_cast<size_t>(
        std::find_if(t.begin(), t.end(), [&](const auto& x) { return *x.info_session == e.last_session; }) - t.begin());
    if (problem.empty() && (opens_last != last_at || *t.back().info_session != e.last_session))
      problem = fmt::format("format 1 opens the last session ({}) with track {:02}, the track information with {}",
                            e.last_session, t[last_at].track,
                            opens_last < t.size() ? fmt::format("track {:02}", t[opens_last].track) : "none");
    if (problem.empty())
      by_info = std::move(cuts);
    else
      note(true, "READ TRACK INFORMATION's session numbers do not fit READ TOC (" + problem + "): Q decides");
  }

  // Q: a lead-out frame or nothing readable before a track (with room for the gap) opens a session.
  std::vector<size_t> by_q;
  for (size_t i = 1; i <= last_at; ++i)
    if (i == last_at || (q_says_boundary(t[i].q) && room(i, by_q.empty()))) by_q.push_back(i);
  if (!by_info && static_cast<int>(by_q.size()) + 1 > want) {
    note(true, fmt::format("Q shows {} sessions, READ TOC format 1 says {}: only format 1's last session is kept",
                           by_q.size() + 1, want));
    by_q = {last_at};
  }

  const std::vector<size_t>& cuts = by_info ? *by_info : by_q;
  if (by_info)
    for (size_t i = 1; i < t.size(); ++i) {
      if (t[i].q == QGap::Unknown) continue;
      const bool info_cut = std::find(cuts.begin(), cuts.end(), i) != cuts.end();
      if (info_cut != q_says_boundary(t[i].q))
        note(true, fmt::format("track {:02}: READ TRACK INFORMATION puts it in session {} (track {:02} in {}), but Q "
                               "at LBA {} {}: the track information is kept",
                               t[i].track, *t[i].info_session, t[i - 1].track, *t[i - 1].info_session, t[i].q_lba,
                               q_gap_text(t[i].q)));
    }
  for (size_t k = 0; k < cuts.size(); ++k) {
    const auto& x = t[cuts[k]];
    std::string why;
    if (by_info)
      why = cuts[k] == last_at ? "READ TOC format 1 and READ TRACK INFORMATION" : "READ TRACK INFORMATION";
    else if (cuts[k] == last_at)
      why = "READ TOC format 1";
    else
      why = fmt::format("Q at LBA {} {}", x.q_lba, q_gap_text(x.q));
    note(false, fmt::format("session {} opens with track {:02} at LBA {} ({})", e.first_session + k + 1, x.track,
                            x.start, why));
    out.first_tracks.push_back(x.track);
  }
  if (static_cast<int>(cuts.size()) + 1 < want)
    note(true, fmt::format("READ TOC format 1 says {} sessions, {} found: the tracks of a session not found stay in "
                           "the session before them",
                           want, cuts.size() + 1));
  return out;
}

void relayout_sessions(Disc& disc, std::span<const uint8_t> first_tracks, const std::string& source) {
  Session all = disc.sessions.front();
  for (size_t i = 1; i < disc.sessions.size(); ++i)
    all.tracks.insert(all.tracks.end(), disc.sessions[i].tracks.begin(), disc.sessions[i].tracks.end());
  all.leadout = disc.sessions.back().leadout;
  all.a2_control = disc.sessions.back().a2_control;
  disc.sessions = {std::move(all)};
  scsi::split_sessions(disc, first_tracks, source);
}

SessionDecision find_sessions(scsi::Drive& drive, Disc& disc, const scsi::SessionInfo& info) {
  SessionEvidence e;
  e.first_session = info.first_session;
  e.last_session = info.last_session;
  e.last_session_first_track = info.first_track_last_session.track;
  std::vector<SessionNote> notes;
  bool asking = true;  // a drive that refuses the command once refuses it for every track
  for (const Track* track : disc.tracks()) {
    TrackSessionEvidence x;
    x.track = track->number;
    x.start = track->start();
    if (asking) {
      std::vector<uint8_t> buf(48);
      const scsi::CommandResult r =
          drive.send(scsi::cdb::read_track_information(scsi::cdb::TrackAddress::Track, x.track, 48),
                     scsi::Direction::FromDevice, buf);
      if (!r.ok()) {
        notes.push_back({false, fmt::format("READ TRACK INFORMATION of track {:02}: {}", x.track, r.describe())});
        asking = false;
      } else {
        buf.resize(buf.size() - std::min<size_t>(r.residual, buf.size()));
        try {
          const scsi::TrackInformation ti = scsi::parse_track_information(buf);
          if (ti.track == x.track && static_cast<Lba>(ti.start) == x.start)
            x.info_session = ti.session;
          else
            notes.push_back({true, fmt::format("READ TRACK INFORMATION of track {:02} describes track {:02} at LBA "
                                               "{} (format 0: LBA {}): not used",
                                               x.track, ti.track, static_cast<Lba>(ti.start), x.start)});
        } catch (const InputError& err) {
          notes.push_back({true, fmt::format("READ TRACK INFORMATION of track {:02}: {}", x.track, err.what())});
        }
      }
    }
    if (!e.tracks.empty() && x.start - e.tracks.back().start > gap_sectors(false))
      std::tie(x.q, x.q_lba) = probe_gap(drive, e.tracks.back().start, x.start);
    e.tracks.push_back(x);
  }
  SessionDecision d = decide_sessions(e);
  notes.insert(notes.end(), d.notes.begin(), d.notes.end());
  d.notes = std::move(notes);
  const Disc before = disc;
  try {
    relayout_sessions(disc, d.first_tracks, "READ TOC, READ TRACK INFORMATION and Q");
  } catch (const InputError& err) {  // format 1's track without room for the gap: the disc as it was
    disc = before;
    d.first_tracks.clear();
    for (size_t i = 1; i < disc.sessions.size(); ++i) d.first_tracks.push_back(disc.sessions[i].tracks.front().number);
    d.notes.push_back({true, std::string("the sessions found do not fit the TOC (") + err.what() + "): not used"});
  }
  return d;
}

std::vector<std::string> leadouts_from_q(scsi::Drive& drive, Disc& disc) {
  std::vector<std::string> log;
  for (size_t i = 0; i + 1 < disc.sessions.size(); ++i) {
    Session& s = disc.sessions[i];
    const uint8_t last = s.tracks.back().number;
    const Lba estimate = s.leadout;
    const Lba next = disc.q_pregap_start(disc.sessions[i + 1].tracks.front().number);
    // A lead-out from Q counts only where one can be: after the last track starts and before the
    // next session's lead-in (a damaged frame that passes its CRC says anything).
    const auto plausible = [&](Lba l) { return l > s.tracks.back().start() && l <= next - kLeadInSectors; };
    if (auto q = q_near(drive, estimate, next); q && leadout_start(*q) && plausible(*leadout_start(*q))) {
      s.leadout = *leadout_start(*q);
      log.push_back(fmt::format("session {}: lead-out at LBA {} from Q (a lead-out frame at the estimate LBA {})",
                                s.number, s.leadout, estimate));
      continue;
    }
    // In the track: Q names it. Past it: the lead-out (AA), the next lead-in (no read) or the next
    // session's pregap. The first sector that is not in the track is the lead-out's first.
    Lba lo = s.tracks.back().start(), hi = next;
    while (hi - lo > 1) {
      const Lba mid = lo + (hi - lo) / 2;
      const auto q = q_near(drive, mid, hi);
      if (q && q->track.value() == last)
        lo = mid;
      else
        hi = mid;
    }
    const auto q = q_near(drive, hi, next);
    if (q && q->track.byte() != kLeadOutTrack && q->track.value() == last) {
      log.push_back(
          fmt::format("session {}: Q does not show where the lead-out starts; LBA {} (the Orange Book gap) "
                      "kept",
                      s.number, estimate));
      continue;
    }
    s.leadout = q && leadout_start(*q) && plausible(*leadout_start(*q)) ? *leadout_start(*q) : hi;
    log.push_back(
        fmt::format("session {}: lead-out at LBA {} from Q (track {:02} ends there; the Orange Book gap "
                    "said LBA {})",
                    s.number, s.leadout, last, estimate));
  }
  return log;
}

}  // namespace dw::rip
