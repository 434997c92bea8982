// The split side of a dump: the Disc decoded from what the drive said (TOC / full TOC, CD-Text,
// the data sectors' headers, indices, MCN and ISRCs from Q), and a SectorSource that hands out
// the dump's sectors with the read and write offsets applied and data sectors descrambled. Any
// formats writer turns it into an image; re-splitting the same dump gives the same files.
#pragma once

#include <cstdint>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "disc/sector_source.hpp"
#include "rip/dump.hpp"
#include "rip/leadin.hpp"
#include "rip/q_layout.hpp"

namespace dw::rip {

struct SplitOptions {
  std::optional<int32_t> write_offset;  ///< samples; overrides detection
};

/// How the dump was laid out for the split: the offsets used and how they were found.
struct SplitLayout {
  int32_t read_offset = 0;   ///< from the manifest
  int32_t write_offset = 0;  ///< samples: from a data track's sync/header, the user, or 0
  std::string write_offset_source;
  QLayoutReport q;
  LeadInReport leadin;                        ///< the lead-in read with D8 (leadin.bin), when the dump has one
  std::vector<LeadInReport> session_leadins;  ///< later sessions' lead-ins read with D8, checked against their sessions
  std::vector<std::string> notes;
  uint64_t zero_filled_samples = 0;  ///< samples the drive could not deliver (no overread)
  /// Audio-only discs: the write offset that makes every index-0 range (pregap) silent, when
  /// exactly one does (redumper's "perfect audio offset"). It becomes `write_offset` when found
  /// at silence level 0 (exact digital silence); otherwise non-zero samples outside the program
  /// area are shifted in (shift_out_of_edges), else 0. --write-offset overrides all of it.
  std::optional<int32_t> perfect_write_offset;
  std::string perfect_offset_note;  ///< how it was found, or why there is none
};

/// Decodes the dump's disc and opens its sectors. `dump` must outlive the source. Throws
/// InputError when the saved drive answers do not parse.
std::unique_ptr<SectorSource> open_dump_source(const Dump& dump, const SplitOptions& options, SplitLayout& layout);

/// The disc the dump's saved TOC answers describe (before modes, indices and codes are added).
Disc disc_from_responses(const Dump& dump);

}  // namespace dw::rip
