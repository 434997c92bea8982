// CloneCD control files (.ccd): an INI text holding the whole full TOC ([Entry k]), per-track
// modes and indices ([TRACK n]), CD-Text packs ([CDText]) and disc flags ([Disc]). Parsed here
// without touching the .img/.sub; ccd_reader lays the disc out. Facts: reference/image-formats.md
// "CloneCD".
#pragma once

#include <array>
#include <cstdint>
#include <map>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "disc/disc.hpp"

namespace dw {

struct CcdEntry {
  uint8_t session = 1, point = 0, adr = 1, control = 0, tno = 0;
  uint8_t amin = 0, asec = 0, aframe = 0, zero = 0, pmin = 0, psec = 0, pframe = 0;
  int line = 0;
};

struct CcdTrack {
  uint8_t number = 0;
  int mode = 0;                    ///< MODE= 0 audio, 1 Mode 1, 2 Mode 2
  std::map<uint8_t, Lba> indices;  ///< INDEX n=absolute LBA
  std::string isrc;
  uint8_t flags = 0;  ///< Control bits from FLAGS= (DCP, PRE, 4CH)
  int line = 0;
};

struct CcdSheet {
  int version = 0;
  int sessions = 0;
  bool scrambled = false;  ///< DataTracksScrambled=1
  std::string catalog;
  std::vector<CcdEntry> entries;
  std::vector<CcdTrack> tracks;
  std::vector<uint8_t> cdtext;  ///< packs, 18 bytes each with a computed CRC
};

/// Parses a .ccd. Keys and section names are case-insensitive; CRLF and ';' comments are fine.
/// Throws InputError naming `source` and the line for: no [CloneCD] section, a [Disc] count
/// that disagrees with the entries, a value that is not a number or out of range (points,
/// MSF, ADR/Control nibbles), an entry or track missing a required key, a CDText entry that is
/// not 16 hex bytes, CATALOG not 13 digits, an ISRC not 12 characters.
CcdSheet parse_ccd(std::string_view text, const std::string& source);

/// The entries as a READ TOC format-2 response (4-byte header + 11 bytes per entry).
std::vector<uint8_t> ccd_full_toc(const CcdSheet& sheet);

}  // namespace dw
