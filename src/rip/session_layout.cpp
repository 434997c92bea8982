#include "rip/session_layout.hpp"

#include <fmt/format.h>

#include <array>
#include <optional>
#include <variant>

#include "disc/subchannel.hpp"
#include "disc/subq.hpp"

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

}  // namespace

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
