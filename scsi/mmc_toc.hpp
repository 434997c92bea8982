// READ TOC/PMA/ATIP responses, formats 0-5. Formats 2 and 5 are handed to the disc model's own
// parsers (dw::parse_full_toc, dw::parse_cdtext): one place each. Facts: reference/mmc.md
// (command 43), MMC-5 6.26.
#pragma once

#include <array>
#include <cstdint>
#include <optional>
#include <span>
#include <string>
#include <vector>

#include "disc/cdtext.hpp"
#include "disc/disc.hpp"
#include "disc/full_toc.hpp"
#include "disc/msf.hpp"

namespace dw::scsi {

/// One track descriptor of format 0 (or the one of format 1).
struct TocEntry {
  uint8_t adr = 0, control = 0;
  uint8_t track = 0;       ///< 1..99, 0xAA the lead-out
  Lba lba = 0;             ///< from the LBA form, or converted from MSF (MMC lead-in rule)
  std::optional<Msf> msf;  ///< set when the response was asked in MSF form
  friend bool operator==(const TocEntry&, const TocEntry&) = default;
};

struct Toc {
  uint8_t first_track = 0, last_track = 0;
  std::vector<TocEntry> entries;
};

/// Format 0. `msf` says how the command asked (the response does not tell). Throws
/// dw::InputError ("READ TOC response") for a short response, a length beyond the data or that
/// leaves a partial 8-byte descriptor, a track number outside 1..99 and 0xAA, or an MSF with
/// seconds >= 60 or frames >= 75.
Toc parse_toc(std::span<const uint8_t> response, bool msf);

struct SessionInfo {
  uint8_t first_session = 0, last_session = 0;
  TocEntry first_track_last_session;  ///< track number and start of the last session's first track
};
/// Format 1 (multi-session information). Same errors as parse_toc; the data length must hold
/// exactly one descriptor.
SessionInfo parse_session_info(std::span<const uint8_t> response, bool msf);

/// A Disc from a format 0 TOC: data tracks as Mode 1 until a header says otherwise, A0/A1/A2
/// controls from the first/last track and the lead-out descriptor. One session, unless
/// `sessions` (format 1) says the last session starts later: then the tracks from its first track
/// on form that session (numbered 2) and the ones before session 1, whose lead-out is put where
/// the Orange Book's gap says (the next session's first track - 150 - 4500 - 6750); the caller
/// confirms it from Q (rip/session_layout.hpp). Format 0 does not say where sessions between the
/// first and the last begin: with more than two, those tracks stay in session 1 (the rip finds
/// them: rip/session_layout.hpp, then split_sessions). Throws InputError ("READ TOC response")
/// when there is no track descriptor, or ("READ TOC session info response") when the session
/// info's track is not in the TOC or leaves no room for the gap.
Disc disc_from_toc(const Toc& toc, const SessionInfo* sessions = nullptr);

/// Splits a one-session `disc` (as disc_from_toc makes it without session info) into sessions
/// numbered from 1, each of `first_tracks` (ascending track numbers) opening the next one. Each
/// session but the last gets the CONTROL of its last track for A1/A2 and its lead-out where the
/// Orange Book gap before the next session's first track puts it (pregap 150, lead-in 4500, a
/// lead-out of 6750 after session 1 and 2250 after later ones); the last keeps the disc's
/// lead-out. Throws InputError (`source`) when a first track is not a track after the previous
/// session's first, or leaves no room for the gap after the track before it; std::logic_error
/// when `disc` has more than one session.
void split_sessions(Disc& disc, std::span<const uint8_t> first_tracks, const std::string& source);

/// Format 2 through dw::parse_full_toc (source "READ TOC full TOC response").
Disc parse_toc_full(std::span<const uint8_t> response, FullTocEncoding encoding = FullTocEncoding::Binary);

/// Format 3: the PMA descriptors as the drive sent them (11 bytes each: ADR/CONTROL, TNO,
/// POINT, MIN, SEC, FRAME, ZERO, PMIN, PSEC, PFRAME - the layout of the full TOC).
struct Pma {
  std::vector<std::array<uint8_t, 11>> descriptors;
};
/// Throws for a short response, a length beyond the data or a partial descriptor.
Pma parse_pma(std::span<const uint8_t> response);

/// Format 4, ATIP of recordable media.
struct Atip {
  uint8_t writing_power = 0;    ///< byte 4 bits 7-4, indicative target writing power
  bool ddcd = false;            ///< byte 4 bit 3
  uint8_t reference_speed = 0;  ///< byte 4 bits 2-0
  bool uru = false;             ///< byte 5 bit 6, unrestricted use
  bool cd_rw = false;           ///< byte 6 bit 6, disc type
  uint8_t disc_subtype = 0;     ///< byte 6 bits 5-3
  bool a1_valid = false, a2_valid = false, a3_valid = false;
  Msf lead_in_start;                        ///< bytes 8-10
  Msf last_lead_out_start;                  ///< bytes 12-14, last possible start of the lead-out
  std::array<uint8_t, 3> a1{}, a2{}, a3{};  ///< bytes 16-18, 20-22, 24-26 when present
  /// Bytes 4-6 as they are (ATIP special information 1: writing power and reference speed, URU
  /// and application code, disc type and sub-type): a recorder copies them into C0's MIN SEC
  /// FRAME in the first lead-in of a multisession disc.
  std::array<uint8_t, 3> special_info{};
  /// The lead-in start as an LBA (about -11635 on a 80-minute CD-R): MSF 9x:xx:xx is lead-in.
  [[nodiscard]] std::optional<Lba> lead_in_lba() const { return msf_to_lba(lead_in_start); }
};
/// Throws for a short response (the descriptor up to byte 14 is needed), a length beyond the
/// data, or lead-in / lead-out MSF with seconds >= 60 or frames >= 75.
Atip parse_atip(std::span<const uint8_t> response);

/// Format 5 through dw::parse_cdtext (source "READ TOC CD-Text response"). A response of just
/// the 4-byte header (no CD-Text on the disc) gives an empty CdText.
CdText parse_toc_cdtext(std::span<const uint8_t> response, CdTextParseReport* report = nullptr);

}  // namespace dw::scsi
