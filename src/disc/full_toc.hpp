// The full TOC (READ TOC/PMA/ATIP format 2): 11-byte descriptors per session, to a Disc and
// back, byte-exact. Facts: reference/cd-physical.md "Full TOC", reference/mmc.md.
#pragma once

#include <cstdint>
#include <span>
#include <string>
#include <vector>

#include "disc/disc.hpp"

namespace dw {

/// How MSF and track numbers are coded in the descriptors. Drives answer in binary; some Plextor
/// firmwares in BCD. `Auto` decides from the data (see docs/full-toc.md).
enum class FullTocEncoding : uint8_t { Binary, Bcd, Auto };

/// Parses a format-2 response including its 4-byte header (u16 BE length, first and last
/// session). Tracks get index 1 only; data-track modes are assumed from the session's disc type
/// (CD-ROM XA -> Mode 2 XA, CD-i -> CD-i, else Mode 1) until sectors are read. Descriptors the
/// model has no field for are kept in Session::other_descriptors. Throws InputError (source, byte
/// offset, what is wrong) for: a short response, a length field that exceeds the data or leaves
/// a partial descriptor, sessions out of the header's range or without descriptors, a session
/// without A0, A1 or A2, A0/A1 that disagree with its track points, POINT 00, track numbers
/// outside 1..99, non-zero TNO, MSF with seconds >= 60 or frames >= 75, or invalid BCD.
Disc parse_full_toc(std::span<const uint8_t> response, const std::string& source,
                    FullTocEncoding encoding = FullTocEncoding::Binary);

/// Builds the response for `disc`, canonical order per session: A0, A1, A2, tracks ascending,
/// B0, C0, then other_descriptors as stored. Throws ModelError for what cannot be expressed
/// (e.g. a BCD TOC with a value above 99, a lead-out beyond 255 minutes, Bcd with Auto).
std::vector<uint8_t> build_full_toc(const Disc& disc, FullTocEncoding encoding = FullTocEncoding::Binary);

/// The encoding `Auto` would choose for this response (Binary when the data cannot tell).
FullTocEncoding detect_full_toc_encoding(std::span<const uint8_t> response);

}  // namespace dw
