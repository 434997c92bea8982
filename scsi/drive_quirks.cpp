#include "scsi/drive_quirks.hpp"

#include <array>
#include <cctype>
#include <string>

namespace dw::scsi {

namespace {

// Figures from redumper's drive database (superg/redumper drive.ixx, commit 2ab9a42, read for
// facts) and its AccurateRip-derived offset table (offsets.ixx, same commit). redumper lists as
// "recommended" only drives that return subchannel and C2, read scrambled data, and read at least
// 75 sectors of lead-in and of lead-out: those rows carry lead_out_sectors = 75.
constexpr DriveQuirks row(std::string_view vendor, std::string_view product, std::string_view revision, bool prefix,
                          int32_t offset, uint16_t c2, SectorOrder order, LeadInAccess lead_in, int32_t first_lba,
                          uint16_t lead_out, ReadMethod method, std::string_view source) {
  DriveQuirks q;
  q.vendor = vendor;
  q.product = product;
  q.revision = revision;
  q.product_prefix = prefix;
  q.known = true;
  q.offset_known = true;
  q.read_offset = offset;
  q.c2_shift = c2;
  q.sector_order = order;
  q.lead_in = lead_in;
  q.first_lba = first_lba;
  q.lead_out_sectors = lead_out;
  q.read_method = method;
  q.source = source;
  return q;
}

// The MediaTek cache of a row: redumper drive/mediatek.ixx MEDIATEK_CACHE_CONFIG gives, per chipset
// type, the megabytes it reads with F1 and the entries of the ring in them.
struct MediatekCache {
  uint32_t megabytes, entries;
};
constexpr MediatekCache kMtk3{3, 1070}, kMtk8A{8, 2806}, kMtk8B{8, 1079}, kMtk8C{8, 1268};
constexpr DriveQuirks with_cache(DriveQuirks q, MediatekCache c) {
  q.cache_bytes = c.megabytes * 1024 * 1024;
  q.cache_entries = c.entries;
  return q;
}

// A drive of which only the read offset is sourced: everything else stays at the safe defaults.
constexpr DriveQuirks offset_only(std::string_view vendor, std::string_view product, int32_t offset,
                                  std::string_view source) {
  return row(vendor, product, "", false, offset, 0, SectorOrder::MainC2Sub, LeadInAccess::None, 0, 0, ReadMethod::BE,
             source);
}

using enum SectorOrder;
using enum LeadInAccess;
using enum ReadMethod;

// clang-format off
constexpr std::array kTable{
    // Plextor (own firmware): D8 reads, C2 one sector late (294 bytes; 295 on the PX-712 and later).
    row("PLEXTOR", "CD-R PX-W4012A", "", false, +98, 294, MainC2Sub, PlextorD8, -75, 75, D8,
        "redumper drive.ixx @2ab9a42: PLEXTOR CD-R PX-W4012A +98, C2 shift 294, D8, DATA_C2_SUB, pregap -75, type PLEXTOR, recommended"),
    row("PLEXTOR", "CD-R PX-W4824A", "", false, +98, 294, MainC2Sub, None, -75, 75, D8,
        "redumper drive.ixx @2ab9a42: PLEXTOR CD-R PX-W4824A +98, C2 shift 294, D8, DATA_C2_SUB, pregap -75, type GENERIC, recommended; offsets.ixx (AccurateRip) +98"),
    row("PLEXTOR", "CD-R PX-W5224A", "", false, +30, 294, MainC2Sub, PlextorD8, -75, 75, D8,
        "redumper drive.ixx @2ab9a42: PLEXTOR CD-R PX-W5224A +30, C2 shift 294, D8, DATA_C2_SUB, pregap -75, recommended; offsets.ixx (AccurateRip) +30"),
    row("PLEXTOR", "CD-R PREMIUM", "", true, +30, 294, MainC2Sub, PlextorD8, -75, 75, D8,
        "redumper drive.ixx @2ab9a42: PLEXTOR CD-R PREMIUM and PREMIUM2 +30, C2 shift 294, D8, DATA_C2_SUB, pregap -75, recommended; offsets.ixx (AccurateRip) +30 both"),
    row("PLEXTOR", "DVDR PX-704A", "", false, +30, 294, MainC2Sub, PlextorD8, -75, 75, D8,
        "redumper drive.ixx @2ab9a42: PLEXTOR DVDR PX-704A +30, C2 shift 294, D8, DATA_C2_SUB, pregap -75, recommended"),
    row("PLEXTOR", "DVDR PX-708A", "", true, +30, 294, MainC2Sub, PlextorD8, -75, 75, D8,
        "redumper drive.ixx @2ab9a42: PLEXTOR DVDR PX-708A and PX-708A2 +30, C2 shift 294, D8, DATA_C2_SUB, pregap -75, recommended; offsets.ixx (AccurateRip) +30"),
    row("PLEXTOR", "DVDR PX-712A", "", false, +30, 295, MainC2Sub, PlextorD8, -75, 75, D8,
        "redumper drive.ixx @2ab9a42: PLEXTOR DVDR PX-712A +30, C2 shift 295, D8, DATA_C2_SUB, pregap -75, recommended; offsets.ixx (AccurateRip) +30"),
    row("PLEXTOR", "DVDR PX-714A", "", false, +30, 295, MainC2Sub, PlextorD8, -75, 75, D8,
        "redumper drive.ixx @2ab9a42: PLEXTOR DVDR PX-714A +30, C2 shift 295, D8, DATA_C2_SUB, pregap -75, recommended"),
    row("PLEXTOR", "DVDR PX-716A", "", true, +30, 295, MainC2Sub, PlextorD8, -75, 75, D8,
        "redumper drive.ixx @2ab9a42: PLEXTOR DVDR PX-716A and PX-716AL +30, C2 shift 295, D8, DATA_C2_SUB, pregap -75, recommended; offsets.ixx (AccurateRip) PX-716A +30"),
    row("PLEXTOR", "DVDR PX-755A", "", false, +30, 295, MainC2Sub, PlextorD8, -75, 75, D8,
        "redumper drive.ixx @2ab9a42: PLEXTOR DVDR PX-755A +30, C2 shift 295, D8, DATA_C2_SUB, pregap -75, recommended; offsets.ixx (AccurateRip) +30"),
    row("PLEXTOR", "DVDR PX-760A", "", false, +30, 295, MainC2Sub, PlextorD8, -75, 75, D8,
        "redumper drive.ixx @2ab9a42: PLEXTOR DVDR PX-760A +30, C2 shift 295, D8, DATA_C2_SUB, pregap -75, recommended; offsets.ixx (AccurateRip) +30"),
    // MediaTek-based drives: READ CD, lead-in and lead-out through the F1 cache read.
    with_cache(row("ATAPI", "iHBS112 2", "", false, +6, 0, MainC2Sub, MediatekF1, -135, 75, BE,
        "redumper drive.ixx @2ab9a42: ATAPI iHBS112 2 (LITE-ON) +6, C2 shift 0, BE, DATA_C2_SUB, pregap -135, type MTK8A, recommended; offsets.ixx (AccurateRip) +6"), kMtk8A),
    with_cache(row("HL-DT-ST", "BD-RE BU40N", "", false, +6, 0, MainC2Sub, MediatekF1, -135, 75, BE,
        "redumper drive.ixx @2ab9a42: HL-DT-ST BD-RE BU40N +6, BE, DATA_C2_SUB, pregap -135, type MTK8B, recommended; offsets.ixx (AccurateRip) +6"), kMtk8B),
    with_cache(row("ASUS", "BW-16D1HT", "", false, +6, 0, MainC2Sub, MediatekF1, -135, 75, BE,
        "redumper drive.ixx @2ab9a42: ASUS BW-16D1HT (checked on 3.02) +6, BE, DATA_C2_SUB, pregap -135, type MTK3, recommended; offsets.ixx (AccurateRip) +6"), kMtk3),
    row("ASUS", "BW-16D1HT", "3.10", false, +6, 0, MainC2Sub, None, -135, 75, BE,
        "redumper drive.ixx @04c1350: ASUS BW-16D1HT 3.10 (patched 3.10MK / RibShark firmware) +6, BE, DATA_C2_SUB, pregap -135, type GENERIC (no cache read needed), recommended"),
    with_cache(row("HL-DT-ST", "BD-RE BH16NS55", "", false, +6, 0, MainC2Sub, MediatekF1, -135, 75, BE,
        "redumper drive.ixx @2ab9a42: HL-DT-ST BD-RE BH16NS55 +6, BE, DATA_C2_SUB, pregap -135, type MTK3, recommended; offsets.ixx (AccurateRip) +6"), kMtk3),
    with_cache(row("HL-DT-ST", "BD-RE BH16NS40", "", false, +6, 0, MainC2Sub, MediatekF1, -135, 75, BE,
        "redumper drive.ixx @2ab9a42: HL-DT-ST BD-RE BH16NS40 +6, BE, DATA_C2_SUB, pregap -135, type MTK8C, recommended; offsets.ixx (AccurateRip) +6"), kMtk8C),
    with_cache(row("HL-DT-ST", "BD-RE WH14NS40", "", false, +6, 0, MainC2Sub, MediatekF1, -135, 75, BE,
        "redumper drive.ixx @2ab9a42: HL-DT-ST BD-RE WH14NS40 +6, BE, DATA_C2_SUB, pregap -135, type MTK8C, recommended"), kMtk8C),
    with_cache(row("Optiarc", "BD RW BD-5300S", "", false, +6, 0, MainC2Sub, MediatekF1, -135, 75, BE,
        "redumper drive.ixx @2ab9a42: Optiarc BD RW BD-5300S +6, BE, DATA_C2_SUB, pregap -135, type MTK8A, recommended; offsets.ixx (AccurateRip) +6"), kMtk8A),
    with_cache(row("PLEXTOR", "BD-R PX-B950SA", "", false, +6, 0, MainC2Sub, MediatekF1, -135, 75, BE,
        "redumper drive.ixx @2ab9a42: PLEXTOR BD-R PX-B950SA +6, BE, DATA_C2_SUB, pregap -135, type MTK8A, recommended"), kMtk8A),
    // Drives redumper lists below its "recommended" line: no lead-in / lead-out access known.
    row("HL-DT-ST", "BD-RE WH16NS40", "", false, +6, 0, MainC2Sub, None, -135, 0, BE,
        "redumper drive.ixx @2ab9a42: HL-DT-ST BD-RE WH16NS40 +6, BE, DATA_C2_SUB, pregap -135, generic (scrambled); offsets.ixx (AccurateRip) +6"),
    row("HL-DT-ST", "BD-RE WH16NS60", "", false, +6, 0, MainC2Sub, None, -135, 0, BE,
        "redumper drive.ixx @2ab9a42: HL-DT-ST BD-RE WH16NS60 +6, BE, DATA_C2_SUB, pregap -135, generic (scrambled); offsets.ixx (AccurateRip) +6"),
    row("HL-DT-ST", "DVDRAM GH24NSC0", "", false, +6, 0, MainSubC2, None, -135, 0, BE,
        "redumper drive.ixx @2ab9a42: HL-DT-ST DVDRAM GH24NSC0 +6, BE, DATA_SUB_C2, pregap -135, generic; offsets.ixx (AccurateRip) +6"),
    row("PIONEER", "BD-RW BDR-209D", "", false, +667, 0, MainSub, None, 0, 0, BE,
        "redumper drive.ixx @2ab9a42: PIONEER BD-RW BDR-209D +667, BE, DATA_SUB (no C2 with subchannel), pregap 0, generic; offsets.ixx (AccurateRip) +667"),
    row("TSSTcorp", "DVD-ROM TS-H352C", "", false, +6, 0, MainSub, None, 0, 0, BE,
        "redumper drive.ixx @2ab9a42: TSSTcorp DVD-ROM TS-H352C +6, BE, DATA_SUB (C2 on data only), pregap 0, generic; offsets.ixx (AccurateRip) +6"),
    row("LITE-ON", "DVD SOHD-167T", "", false, +12, 0, MainC2Sub, None, -135, 0, BE,
        "redumper drive.ixx @2ab9a42: LITE-ON DVD SOHD-167T +12, BE, DATA_C2_SUB, pregap -135, generic; offsets.ixx (AccurateRip) +12"),
    row("ASUS", "SDRW-08D2S-U", "", false, +6, 0, MainSubC2, None, -135, 0, BE,
        "redumper drive.ixx @2ab9a42: ASUS SDRW-08D2S-U +6, BE, DATA_SUB_C2, pregap -135, generic"),
    row("ASUS", "DRW-24D5MT", "", false, +6, 0, MainSubC2, None, -135, 0, BE,
        "redumper drive.ixx @2ab9a42: ASUS DRW-24D5MT +6, BE, DATA_SUB_C2, pregap -135, generic; offsets.ixx (AccurateRip) +6"),
    row("PLEXTOR", "DVDR PX-L890SA", "", false, +6, 0, MainSubC2, None, -135, 0, BE,
        "redumper drive.ixx @2ab9a42: PLEXTOR DVDR PX-L890SA +6, BE, DATA_SUB_C2, pregap -135, generic (OEM); offsets.ixx (AccurateRip) +6"),
    // Offset only.
    offset_only("HL-DT-ST", "DVDRAM GH24NSB0", +6, "redumper offsets.ixx @2ab9a42 (AccurateRip list): HL-DT-ST DVDRAM GH24NSB0 +6"),
    offset_only("HL-DT-ST", "DVDRAM GH24NSD1", +6, "redumper offsets.ixx @2ab9a42 (AccurateRip list): HL-DT-ST DVDRAM GH24NSD1 +6"),
    offset_only("TSSTcorp", "CDDVDW SH-224DB", +6, "redumper offsets.ixx @2ab9a42 (AccurateRip list): TSSTcorp CDDVDW SH-224DB +6"),
    offset_only("Optiarc", "DVD RW AD-7280S", +48, "redumper offsets.ixx @2ab9a42 (AccurateRip list): Optiarc DVD RW AD-7280S +48"),
    offset_only("PIONEER", "BD-RW BDR-XD05", +667, "redumper offsets.ixx @2ab9a42 (AccurateRip list): PIONEER BD-RW BDR-XD05 +667"),
    // discwright's own virtual drive (personality generic): its maker knows its offset.
    offset_only("DISCWRT", "VIRTUAL CD-RW", +6, "discwright virtual drive, personality generic (scsi/virtual/personality.cpp): +6"),
};
// clang-format on

// INQUIRY fields are space padded and drives pad inside them too ("DVDR   PX-716A").
std::string normalize(std::string_view s) {
  std::string out;
  bool space = false;
  for (char c : s) {
    if (std::isspace(static_cast<unsigned char>(c)) || c == '\0') {
      space = !out.empty();
      continue;
    }
    if (space) out += ' ';
    space = false;
    out += static_cast<char>(std::toupper(static_cast<unsigned char>(c)));
  }
  return out;
}

}  // namespace

std::span<const DriveQuirks> drive_quirks_table() { return kTable; }

DriveQuirks lookup_quirks(std::string_view vendor, std::string_view product, std::string_view revision) {
  const std::string v = normalize(vendor), p = normalize(product), r = normalize(revision);
  const DriveQuirks* best = nullptr;
  size_t best_score = 0;
  for (const DriveQuirks& q : kTable) {
    if (normalize(q.vendor) != v) continue;
    const std::string qp = normalize(q.product);
    const bool exact = qp == p;
    if (!exact && !(q.product_prefix && p.starts_with(qp))) continue;
    const std::string qr = normalize(q.revision);
    if (!qr.empty() && qr != r) continue;
    // Exact product first, then the longest prefix; within those a matching revision.
    const size_t score = (exact ? 1000u : 0u) + qp.size() * 2 + (qr.empty() ? 0u : 1u);
    if (score > best_score) {
      best = &q;
      best_score = score;
    }
  }
  if (best) return *best;
  return DriveQuirks{};
}

}  // namespace dw::scsi
