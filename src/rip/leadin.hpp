// The lead-in a Plextor drive reads with D8 (leadin.bin: 2448 bytes per sector, main then raw
// P-W): its Q carries the TOC (ADR 1, TNO 00: one frame per point, each repeated), its R-W the
// CD-Text packs. The split cross-checks the lead-in's TOC with the full TOC the drive answered,
// and takes CD-Text from the lead-in when READ TOC gave none.
// Facts: reference/cd-physical.md, "Subchannel" (ADR 1 in the lead-in) and "CD-Text".
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

/// Compares the lead-in TOC in `sub` (sectors of 96 raw interleaved P-W bytes) with session 1 of
/// `disc`: every track's start and CONTROL, A0 (first track, disc type), A1 (last track), A2
/// (lead-out). Points that disagree, appear with two values, or are missing become sentences in
/// report.differences. Never throws on garbage.
void check_leadin_toc(std::span<const uint8_t> sub, const Disc& disc, LeadInReport& report);

/// Reads the dump's leadin.bin (when there is one): fills `report` (check_leadin_toc and the
/// CD-Text packs of the R-W), and returns the lead-in's CD-Text (empty when it has none or its
/// packs do not parse). Throws InputError when leadin.bin's size disagrees with the manifest.
CdText read_dump_leadin(const Dump& dump, const Disc& disc, LeadInReport& report);

}  // namespace dw::rip
