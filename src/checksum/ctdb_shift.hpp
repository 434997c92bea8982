// CTDB entries at other shifts: CUETools finds the offset of a rip against an entry from the
// entry's parity data and compares track CRCs at every shift within 2939 samples; here the disc
// CRC and every track CRC are compared at every shift the search covers (shift_search.hpp), so a
// rip of another pressing, or with a read offset off by a few samples, is verified where its audio
// matches. (The parity data, which also finds larger offsets and repairs, is not used.)
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "checksum/ctdb.hpp"
#include "checksum/shift_search.hpp"

namespace dw {

struct CtdbShiftFound {
  int32_t shift = 0;
  uint64_t confidence = 0;  ///< the matching comparable entries' confidences, added up
};

struct CtdbShiftMatch {
  std::optional<CtdbShiftFound> disc;                 ///< the disc CRC equals entries' at this shift
  std::vector<std::optional<CtdbShiftFound>> tracks;  ///< per audio track: its CRC equals entries' track CRC
};

/// For every non-zero shift of `search`, the disc CRC against the comparable entries' (the
/// highest confidence wins, then the smaller |shift|), and each audio track's CRC against the
/// track CRCs of the comparable entries that have them (the same order). Entries whose disc CRC
/// matches at a shift count for every track at that shift.
CtdbShiftMatch match_ctdb_at_shifts(const ShiftSearch& search, const std::string& disc_toc,
                                    const std::vector<CtdbEntry>& entries);

}  // namespace dw
