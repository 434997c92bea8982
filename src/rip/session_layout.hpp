// Sessions of a disc whose drive gives no full TOC (READ TOC format 2 refused): READ TOC format 0
// lists every track and the last lead-out, format 1 where the last session begins
// (scsi::disc_from_toc), and Q in the program area says where each earlier session ends. That is
// how redump lays out a multisession disc (CD-Extra) read on such a drive.
#pragma once

#include <string>
#include <vector>

#include "disc/disc.hpp"
#include "scsi/drive.hpp"

namespace dw::rip {

/// Each session but the last gets its lead-out from Q as the drive reads it: a Q frame of the
/// lead-out (TNO AA, good CRC) counts up from the lead-out's first sector, so its absolute time
/// minus its relative time is that sector; the estimate (the Orange Book gap before the next
/// session) is tried first, else the last sector whose Q still names the session's last track
/// is searched between that track's start and the next session's pregap. A session whose Q does
/// not tell keeps its estimate. Returns one line per session for the log; sets each
/// `Session::leadout` it found.
std::vector<std::string> leadouts_from_q(scsi::Drive& drive, Disc& disc);

}  // namespace dw::rip
