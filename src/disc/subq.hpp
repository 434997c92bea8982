// Subchannel Q: the 12-byte frame codec for ADR 1 (position; lead-in TOC points), ADR 2 (media
// catalogue number), ADR 3 (ISRC) and ADR 5 (lead-in B0/C0 of recordable multisession media),
// with its CRC-16. Facts: reference/cd-physical.md, "Subchannel".
#pragma once

#include <array>
#include <cstdint>
#include <optional>
#include <span>
#include <string>
#include <variant>

#include "disc/disc.hpp"
#include "disc/msf.hpp"

namespace dw {

using QFrame = std::array<uint8_t, 12>;

/// ADR 1 in the program area or lead-out: where this sector is.
struct QPosition {
  Control control;
  Bcd track;        ///< 01..99, or AA in the lead-out
  Bcd index;        ///< 00..99
  BcdMsf relative;  ///< counts down through index 0, up from index 1
  uint8_t zero = 0;
  BcdMsf absolute;
  friend bool operator==(const QPosition&, const QPosition&) = default;
};

/// ADR 1 (TNO 00) or ADR 5 in the lead-in: one TOC point.
struct QLeadIn {
  Control control;
  uint8_t adr = 1;    ///< 1, or 5 for B0/C0 pointers
  uint8_t point = 0;  ///< BCD track number 01..99, or A0/A1/A2/B0/C0/...
  BcdMsf running;     ///< MIN SEC FRAME: lead-in running time (for B0: next program area)
  uint8_t zero = 0;   ///< ZERO (B0: number of mode-5 pointers)
  BcdMsf pmsf;        ///< PMIN PSEC PFRAME (A0: first track, disc type, 0)
  friend bool operator==(const QLeadIn&, const QLeadIn&) = default;
};

/// ADR 2: media catalogue number.
struct QCatalog {
  Control control;
  std::string mcn;  ///< 13 digits
  Bcd aframe;       ///< absolute frame
  friend bool operator==(const QCatalog&, const QCatalog&) = default;
};

/// ADR 3: ISRC of the current track.
struct QIsrc {
  Control control;
  std::string isrc;  ///< 5 characters [0-9A-Z] then 7 digits
  Bcd aframe;
  friend bool operator==(const QIsrc&, const QIsrc&) = default;
};

/// Any other ADR, or a frame whose fields do not decode: the 10 data bytes as read.
struct QOther {
  std::array<uint8_t, 10> bytes{};
  friend bool operator==(const QOther&, const QOther&) = default;
};

using QContent = std::variant<QPosition, QLeadIn, QCatalog, QIsrc, QOther>;

struct QDecoded {
  bool crc_ok = false;
  QContent content;
};

/// CRC-16 of bytes 0..9 as stored in bytes 10..11 (big-endian).
uint16_t q_crc(std::span<const uint8_t, 12> frame);
/// True when bytes 10..11 hold the CRC of bytes 0..9.
bool q_crc_ok(std::span<const uint8_t, 12> frame);

/// Builds a 12-byte Q frame with its CRC. Throws ModelError for an MCN or ISRC that does not fit
/// (MCN: 13 digits; ISRC: 5 characters from 0-9/A-Z then 7 digits).
QFrame encode_q(const QContent& content);

/// Decodes any 12 bytes; never throws. The ADR nibble picks the kind; ADR 1 with TNO 00 is a
/// lead-in point. Fields that are not valid for their kind (an MCN digit > 9, an ISRC character
/// code outside 0-9/A-Z, ADR 2/3 padding bits set) give QOther, so decode(encode(x)) == x for every
/// encodable x and nothing is lost for the rest.
QDecoded decode_q(std::span<const uint8_t, 12> frame);

}  // namespace dw
