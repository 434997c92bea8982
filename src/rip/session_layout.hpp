// Sessions of a disc whose drive gives no full TOC (READ TOC format 2 refused): READ TOC format 0
// lists every track and the last lead-out, format 1 where the last session begins
// (scsi::disc_from_toc), and Q in the program area says where each earlier session ends. That is
// how redump lays out a multisession disc (CD-Extra) read on such a drive. With three or more
// sessions, format 0 and 1 do not say where the sessions in between begin: READ TRACK
// INFORMATION's session numbers and Q before each track do.
#pragma once

#include <cstdint>
#include <optional>
#include <span>
#include <string>
#include <vector>

#include "disc/disc.hpp"
#include "scsi/drive.hpp"
#include "scsi/mmc_toc.hpp"

namespace dw::rip {

/// What Q shows in the sectors before a track, where a session boundary would put the previous
/// session's lead-out and this session's lead-in (the Orange Book gap: pregap 150, lead-in 4500).
enum class QGap : uint8_t {
  Unknown,     ///< not probed (no room for a session gap before the track)
  Track,       ///< Q names a track there: the program area goes on, no boundary
  LeadOut,     ///< a lead-out frame (TNO AA, good CRC): a session ends before the track
  Unreadable,  ///< nothing readable where the lead-out and the lead-in would be
};

/// Each track's evidence for decide_sessions, in READ TOC format 0's order.
struct TrackSessionEvidence {
  uint8_t track = 0;
  Lba start = 0;                         ///< index 1 (READ TOC format 0)
  std::optional<uint16_t> info_session;  ///< READ TRACK INFORMATION's session number (bytes 3 and 33)
  QGap q = QGap::Unknown;                ///< Q before the track
  Lba q_lba = 0;                         ///< the sector that decided `q`
};

struct SessionEvidence {
  uint8_t first_session = 1, last_session = 1;  ///< READ TOC format 1
  uint8_t last_session_first_track = 0;         ///< READ TOC format 1
  std::vector<TrackSessionEvidence> tracks;
};

struct SessionNote {
  bool warning = false;
  std::string text;
};

struct SessionDecision {
  std::vector<uint8_t> first_tracks;  ///< the track that opens each session after the first
  std::vector<SessionNote> notes;     ///< for the log: where each boundary came from, disagreements
};

/// Which tracks open a session, from the best evidence there is: format 1's last session first
/// (the drive read it from the last lead-in); then READ TRACK INFORMATION's session numbers when
/// the drive answered them for every track and they fit format 0 and 1 (starting at the first
/// session, rising by at most one a track, the last session opening at format 1's track, no
/// boundary where there is no room for the gap); else Q (a lead-out frame or nothing readable
/// before a track opens a session there). Where track information and Q disagree, the track
/// information is kept and the disagreement is a warning. Fewer or more sessions than format 1
/// says is a warning too (with more, only format 1's boundary is kept).
SessionDecision decide_sessions(const SessionEvidence& evidence);

/// Lays out a disc read without the full TOC whose READ TOC format 1 says three or more sessions:
/// asks READ TRACK INFORMATION for every track (stopping at the first refusal) and reads Q before
/// every track that has room for a session gap in front of it (the last sector of a lead-out
/// that would end 4,650 sectors before the track, then the middle of a 2,250-sector lead-out), then
/// splits `disc`'s tracks into the sessions decide_sessions finds (lead-outs at the Orange Book
/// gap; leadouts_from_q confirms them). Returns the decision (its notes for the log).
SessionDecision find_sessions(scsi::Drive& drive, Disc& disc, const scsi::SessionInfo& info);

/// Puts every track of `disc` back into one session and splits it again at `first_tracks`
/// (scsi::split_sessions: lead-outs at the Orange Book gap). Throws InputError (`source`) as
/// split_sessions does.
void relayout_sessions(Disc& disc, std::span<const uint8_t> first_tracks, const std::string& source);

/// Each session but the last gets its lead-out from Q as the drive reads it: a Q frame of the
/// lead-out (TNO AA, good CRC) counts up from the lead-out's first sector, so its absolute time
/// minus its relative time is that sector; the estimate (the Orange Book gap before the next
/// session) is tried first, else the last sector whose Q still names the session's last track
/// is searched between that track's start and the next session's pregap. A session whose Q does
/// not tell keeps its estimate. Returns one line per session for the log; sets each
/// `Session::leadout` it found.
std::vector<std::string> leadouts_from_q(scsi::Drive& drive, Disc& disc);

}  // namespace dw::rip
