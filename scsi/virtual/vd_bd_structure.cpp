// READ DISC STRUCTURE of blank BD-R and BD-RE media (media type 1, BD): format 00h, the Disc
// Information (DI) of the disc, 0Ah the spare areas of a formatted BD-R, FFh the list of both.
// The DI unit's layout is the one MMC-6 gives for format 00h with media type 1 (T10/1836-D 6.22.3,
// "Disc Information" from the BD physical format specifications), byte for byte as two independent
// readers lay it out (redumper scsi/mmc.ixx READ_DISC_STRUCTURE_DIUnitHeader/BodyCommon/Body1/
// BodyTrailer, Aaru Decoders/Bluray/DI.cs) and as libburn reads it (mmc.c
// mmc_get_media_product_id: "DI" at 0, manufacturer at 100, media type at 106, revision at 111).
// Spare Area Information as MMC-6 6.22.3 lays out format 0Ah for BD (Aaru Decoders/Bluray/Spare.cs;
// libburn mmc_get_bd_spare_info: free spare blocks at 8, allocated at 12).
#include <algorithm>

#include "scsi/virtual/vd_context.hpp"

namespace dw::vdrive {

namespace {

// The first physical sector of a BD's data zone: LBA 0 of a disc without spare areas (redumper
// dvd/bd.ixx LBA_START = -0x100000, bd_scrambler psn = lba + 0x100000).
constexpr uint32_t kDataZoneStart = 0x100000;
constexpr size_t kDiUnitSize = 112;  // a BD-R/RE DI unit: 8 header, 4 common, 100 body bytes

// One DI unit for a single-layer 120 mm BD-R ("BDR") or BD-RE ("BDW") of `blocks` 2048-byte blocks.
std::vector<uint8_t> di_unit(bool rewritable, uint32_t blocks) {
  std::vector<uint8_t> u(kDiUnitSize, 0);
  u[0] = 'D';
  u[1] = 'I';
  u[2] = 0x01;         // DI format 1
  u[3] = 1 << 3 | 0;   // one DI unit in each DI block; layer 0
  u[4] = 0x00;         // legacy
  u[5] = 0x00;         // DI unit sequence number
  u[6] = kDiUnitSize;  // no continuation; the unit's length in bytes
  const char* type = rewritable ? "BDW" : "BDR";
  std::copy_n(type, 3, u.begin() + 8);
  u[11] = 0 << 6 | 0 << 4 | 1;  // 120 mm, class 0, version 1 (what features 0040h/0041h claim)
  u[12] = 1 << 4;               // one recording layer
  u[13] = 0x01;                 // no DVD or CD layer; channel bit length 74.5 nm (25 GB a layer)
  // Bytes 14-15 polarities (push-pull positive, recorded marks darker: HTL), 16 no BCA, 17 no
  // maximum transfer rate given: zeros.
  put32(u, 20, kDataZoneStart + blocks - 1);  // last user data PSN of the disc
  put32(u, 24, kDataZoneStart);               // first AUN of the data zone
  put32(u, 28, kDataZoneStart + blocks - 2);  // last AUN: an address unit is 2 sectors
  const char* maker = "DWRITEVD1";            // disc manufacturer ID (6), media type ID (3)
  std::copy_n(maker, 9, u.begin() + 100);
  u[111] = 0x01;  // product revision number
  return u;
}

}  // namespace

void VirtualDrive::bd_disc_structure(Ctx& c) {
  const uint8_t format = c.at(7);
  const size_t alloc = be16(c.cdb, 8);
  if ((c.at(1) & 0x0F) != 1 || c.at(6) != 0) return c.invalid_field();  // media type BD; one layer
  const DvdRecordableMedia& m = *dvdr_;
  const bool spares = m.bd_r() && m.spare_clusters() != 0;
  std::vector<uint8_t> r(4, 0);
  if (format == 0x00) {  // the DI block: 4096 bytes, the one unit, zeros after it
    const auto unit = di_unit(!m.bd_r(), static_cast<uint32_t>(m.physical_capacity()));
    r.resize(4 + 4096, 0);
    std::copy(unit.begin(), unit.end(), r.begin() + 4);
  } else if (format == 0x0A && spares) {
    // Half of each spare area holds a temporary defect management area on a BD-R: a disc formatted
    // with the fewest spares (4096 clusters) reports 65,536 allocated blocks (dvd+rw-mediainfo,
    // HL-DT-ST WH16NS40: "Spare Area: 36672/65536"), and the Pioneer BDR-203 reference
    // (4.3.1.1.2) puts TDMAs of 2048 and 4096 clusters in the default ISA0 (4096) and OSA (8192).
    // Nothing is replaced (defects are not modelled): every allocated block is free.
    const uint32_t allocated = m.spare_clusters() / 2 * DvdRecordableMedia::kBdCluster;
    r.resize(16, 0);
    put32(r, 8, allocated);     // free spare blocks
    put32(r, 12, allocated);    // allocated spare blocks
  } else if (format == 0xFF) {  // format code, RDS (readable), structure length
    r.insert(r.end(), {0x00, 0x40, 0x10, 0x04});
    if (spares) r.insert(r.end(), {0x0A, 0x40, 0x00, 0x10});
    r.insert(r.end(), {0xFF, 0x40, 0x00, uint8_t(spares ? 0x10 : 0x0C)});
  } else {
    return c.invalid_field();  // no BCA, no spares on an unformatted disc (as a real blank BD-R answers)
  }
  put16(r, 0, static_cast<uint32_t>(r.size() - 2));
  c.respond(r, alloc);
}

}  // namespace dw::vdrive
