// The lead-in a Plextor drive reads with D8 (session 1's in leadin.bin: 2448 bytes per sector,
// main then raw P-W; later sessions' in main.bin and sub.bin at their LBAs): its Q carries the TOC (ADR 1, TNO 00: one
// frame per point, each repeated), its R-W the CD-Text packs. The split cross-checks the lead-in's TOC with the full
// TOC the drive answered, and takes CD-Text from the lead-in when READ TOC gave none. Facts: reference/cd-physical.md,
// "Subchannel" (ADR 1 in the lead-in) and "CD-Text".
#pragma once

#include <cstdint>
#include <span>
#include <string>
#include <vector>

#include "disc/cdtext.hpp"
#include "disc/disc.hpp"
#include "rip/dump.hpp"

namespace dw::rip {

struct LeadInReport {
  bool present = false;                  ///< the dump holds a lead-in
  uint8_t session = 1;                   ///< the session it leads into
  Lba first = 0;                         ///< its first LBA
  uint32_t sectors = 0;                  ///< sectors in it
  uint64_t q_frames = 0;                 ///< Q frames with a valid CRC
  uint64_t q_bad_crc = 0;                ///< Q frames with a bad CRC (all-zero frames of unread sectors not counted)
  uint64_t toc_frames = 0;               ///< valid ADR 1 lead-in frames (TOC points)
  size_t points = 0;                     ///< distinct points found
  std::vector<std::string> differences;  ///< with the full TOC, one sentence each
  CdTextRwReport cdtext;                 ///< what the R-W decode saw
  size_t cdtext_packs = 0;               ///< distinct valid packs
  bool cdtext_used = false;              ///< the disc's CD-Text was taken from the lead-in
};

/// Compares the lead-in TOC in `sub` (sectors of 96 raw interleaved P-W bytes) with session
/// `session` (0-based) of `disc`: every track's start and CONTROL, A0 (first track, disc type), A1
/// (last track), A2 (lead-out), and the ADR 5 pointers B0 (next program area, its pointer count
/// and the outermost lead-out) and C0 (first lead-in) where either side has them. Points that
/// disagree, appear with two values, are missing, or name a track of another session become
/// sentences in report.differences. Never throws on garbage.
void check_leadin_toc(std::span<const uint8_t> sub, const Disc& disc, LeadInReport& report, size_t session = 0);

/// The lead-ins of sessions 2 and later that the dump holds (read with D8 into main.bin and
/// sub.bin between the sessions): for each session whose lead-in has good sectors, a report of
/// their Q checked against that session (check_leadin_toc); `first` is the lead-in's first LBA,
/// `sectors` the good ones.
std::vector<LeadInReport> read_session_leadins(const Dump& dump, const Disc& disc);

/// Reads the dump's leadin.bin (when there is one): fills `report` (check_leadin_toc and the
/// CD-Text packs of the R-W), and returns the lead-in's CD-Text (empty when it has none or its
/// packs do not parse). Throws InputError when leadin.bin's size disagrees with the manifest.
CdText read_dump_leadin(const Dump& dump, const Disc& disc, LeadInReport& report);

}  // namespace dw::rip
