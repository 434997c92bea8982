// The sectors a MediaTek drive's read cache holds, as the vendor F1 command returns it: a ring of
// 0xB00-byte entries (scsi/mmc_read_cd.hpp, namespace mediatek), each a sector as read from the
// surface - main channel (audio-style: data still scrambled, at the drive's read offset), raw P-W
// and C2 bits - placed where the drive's read and read-ahead put it. Rippers read it right after a
// read of the last sector before a lead-out: the read-ahead ran on into the lead-out, which READ CD
// refuses on a stock firmware. Facts: redumper drive/mediatek.ixx (the entry map; entries found by
// their Q; a last entry whose Q is damaged may be half overwritten by newer data).
#pragma once

#include <cstdint>
#include <span>
#include <string>
#include <vector>

#include "disc/msf.hpp"

namespace dw::scsi {

/// Consecutive sectors found in a cache dump.
struct CacheRun {
  Lba first = 0;
  uint32_t count = 0;
  std::vector<uint8_t> main;  ///< 2352 bytes a sector
  std::vector<uint8_t> sub;   ///< 96 raw P-W bytes a sector
  std::vector<uint8_t> c2;    ///< 294 bytes of C2 bits a sector
  std::string why;            ///< when count is 0: why nothing was found
};

/// The run of sectors from LBA `from` in the ring of `entries` 0xB00-byte entries at the start of
/// `cache` (the drive's figure: the quirks table's cache_entries; 0, or more than the bytes hold,
/// means every whole entry of `cache`; bytes after the ring are not looked at). The run starts at
/// the entry whose Q (CRC good, ADR 1, a track number) gives absolute address `from`; when that
/// entry's Q is damaged, at the entry the nearest good Qs before and after it place `from` at
/// (only when the entries between them are exactly as many as their addresses apart). The
/// entries after it (wrapping round the ring) follow as long as each good ADR-1 Q gives the next
/// address (a damaged or other-ADR Q is taken on trust between good ones, but not at the end), up
/// to `max` sectors. Never reads outside `cache`.
CacheRun extract_cache_run(std::span<const uint8_t> cache, size_t entries, Lba from, uint32_t max);

}  // namespace dw::scsi
