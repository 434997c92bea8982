// Drive quirks: what a ripper must know about a drive model that the drive does not say itself
// (read offset, where C2 pointers land, READ CD layout, lead-in / lead-out access). Kept as data,
// one row per model with the source of its facts, and looked up by INQUIRY identity.
#pragma once

#include <cstdint>
#include <span>
#include <string_view>

namespace dw::scsi {

/// Order of the parts of a READ CD answer with C2 and subchannel both asked for.
enum class SectorOrder : uint8_t {
  MainC2Sub,  ///< 2352 main, 294 C2, 96 sub (MMC order)
  MainSubC2,  ///< 2352 main, 96 sub, 294 C2
  MainSub,    ///< the drive returns no C2 pointers with subchannel
  MainC2,     ///< the drive returns no subchannel with C2 pointers
};

/// How (if at all) the lead-in (and the first pregap before LBA 0) can be read.
enum class LeadInAccess : uint8_t {
  None,
  PlextorD8,   ///< Plextor READ CDDA (D8) at negative LBAs
  MediatekF1,  ///< MediaTek chipsets: read the cache (F1) after a read near the disc edges
};

/// The read command that gives the truest raw sectors on this drive.
enum class ReadMethod : uint8_t {
  BE,  ///< READ CD
  D8,  ///< Plextor READ CDDA
};

enum class Support : uint8_t { Unknown, Yes, No };

struct DriveQuirks {
  // Key: INQUIRY vendor (8) / product (16) / revision (4), compared with whitespace runs collapsed
  // and case ignored. A prefix row matches every product that starts with its product string
  // (firmware variants: "DVDR PX-716A" also matches "DVDR PX-716AL"); an empty revision matches all.
  std::string_view vendor, product, revision;
  bool product_prefix = false;

  bool known = false;         ///< the drive is in the table
  bool offset_known = false;  ///< read_offset comes from a source (else 0 and unknown)
  int32_t read_offset = 0;    ///< samples to add to the read position (AccurateRip sign convention)
  uint16_t c2_shift = 0;      ///< C2 pointer bytes the C2 stream lags the main channel (294 = one sector)
  SectorOrder sector_order = SectorOrder::MainC2Sub;
  LeadInAccess lead_in = LeadInAccess::None;
  int32_t first_lba = 0;          ///< earliest LBA readable before track 1 (-75 = last 75 pregap sectors)
  uint16_t lead_out_sectors = 0;  ///< sectors the drive reads past the lead-out start (0 = none known)
  ReadMethod read_method = ReadMethod::BE;
  /// MediaTek drives (LeadInAccess::MediatekF1): the bytes of cache F1 reads and how many
  /// 0xB00-byte entries of it form the ring the drive fills (not bytes / 0xB00); 0 when unknown.
  uint32_t cache_bytes = 0;
  uint32_t cache_entries = 0;
  Support accurate_stream = Support::Unknown;  ///< no row has a cited figure yet: stays Unknown
  std::string_view source;                     ///< where the facts come from
};

/// Every row of the table (for listing and for tests).
std::span<const DriveQuirks> drive_quirks_table();

/// The row for this drive, or safe defaults with known == false (offset 0 and offset_known ==
/// false, no C2 shift, MMC sector order, no lead-in / lead-out access, READ CD) so the caller can
/// log "unknown drive" and detect the offset itself. With several matching rows, an exact product
/// beats a prefix (the longer prefix wins) and a matching revision beats a row for any revision.
DriveQuirks lookup_quirks(std::string_view vendor, std::string_view product, std::string_view revision);

}  // namespace dw::scsi
