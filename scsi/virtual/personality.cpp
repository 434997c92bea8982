#include "scsi/virtual/personality.hpp"

#include <array>

namespace dw::vdrive {

namespace {

// Read offsets of the modelled drives are those of the AccurateRip drive offset list; the other
// traits follow what redumper's and cdrdao's drive notes say of each family (reference/mmc.md
// "Drive quirks worth modelling"). The combinations are chosen so that, between them, every
// strategy branch of a ripper is exercised.
std::array<Personality, 6> make_table() {
  Personality generic;
  generic.name = "generic";
  generic.vendor = "DISCWRT";
  generic.product = "VIRTUAL CD-RW";
  generic.revision = "1.00";
  generic.serial = "DW0000000001";
  generic.model_of = "a well-behaved MMC drive: C2, accurate stream, data-as-audio, no lead-in access";
  generic.read_offset = 6;
  generic.max_write_speed = 52;  // the fastest CD-R recorders sold (52x); the others are 48x or slower

  Personality plextor = generic;
  plextor.name = "plextor";
  plextor.vendor = "PLEXTOR";
  plextor.product = "DVDR   PX-760A";
  plextor.revision = "1.07";
  plextor.serial = "DW0000000002";
  plextor.model_of =
      "Plextor PX-760A: read offset +30, C2 295 bytes late, READ CD from LBA -75, 75 sectors past the lead-out, "
      "D8 lead-in reads (redumper drive.ixx, as scsi/drive_quirks.cpp cites it)";
  plextor.read_offset = 30;
  plextor.write_offset = 0;
  plextor.c2_shift_bytes = 295;
  plextor.pregap_min_lba = -75;
  plextor.leadout_overread = 75;
  plextor.leadin = LeadInAccess::PlextorD8;
  plextor.max_read_speed = 48;
  plextor.max_write_speed = 48;

  Personality mediatek = generic;
  mediatek.name = "asus";
  mediatek.vendor = "ASUS";
  mediatek.product = "BW-16D1HT";
  mediatek.revision = "3.10";
  mediatek.serial = "DW0000000003";
  mediatek.model_of =
      "ASUS BW-16D1HT (MediaTek chipset): read offset +6, READ CD from LBA -135, 75 sectors past the lead-out "
      "(redumper drive.ixx); F1 cache reads with read-ahead into the lead-out";
  mediatek.read_offset = 6;
  mediatek.pregap_min_lba = -135;
  mediatek.leadout_overread = 75;
  mediatek.leadin = LeadInAccess::MediaTekCache;
  mediatek.max_read_speed = 40;
  mediatek.max_write_speed = 0;
  mediatek.raw_write = false;
  mediatek.test_write = false;

  // The same drive on its stock firmware: READ CD stops at the lead-out, and the lead-out is read
  // from the cache (F1) the read-ahead filled (redumper drive.ixx: 3.02 is type MTK3, read through
  // the cache; only the patched 3.10 reads past the lead-out with READ CD).
  Personality mediatek_stock = mediatek;
  mediatek_stock.name = "asus-stock";
  mediatek_stock.revision = "3.02";
  mediatek_stock.serial = "DW0000000006";
  mediatek_stock.model_of =
      "ASUS BW-16D1HT on stock firmware 3.02 (MediaTek chipset): read offset +6, READ CD from LBA -135 and not "
      "past the lead-out; F1 cache reads with read-ahead into the lead-out (redumper drive.ixx, type MTK3)";
  mediatek_stock.leadout_overread = 0;

  Personality lg = generic;
  lg.name = "lg";
  lg.vendor = "HL-DT-ST";
  lg.product = "DVDRAM GH24NSC0";
  lg.revision = "LY00";
  lg.serial = "DW0000000004";
  lg.model_of =
      "LG GH24NSC0: read offset +6, subchannel before C2 in READ CD replies, READ CD from LBA -135 (redumper "
      "drive.ixx); FUA ignored; writes audio 24 samples late";
  lg.read_offset = 6;
  lg.pregap_min_lba = -135;
  lg.order = SectorOrder::MainSubC2;
  lg.fua_honoured = false;
  lg.max_read_speed = 48;
  lg.max_write_speed = 24;
  // Recorders start writing audio a few samples off: chosen (not from a drive list) so that one
  // personality's combined write+read offset is not the read offset alone.
  lg.write_offset = 24;

  Personality cheap = generic;
  cheap.name = "cheap";
  cheap.vendor = "SLIMTYPE";
  cheap.product = "DVD A  DS8A8SH";
  cheap.revision = "KAA2";
  cheap.serial = "DW0000000005";
  cheap.model_of =
      "a notebook slim drive (LITE-ON DS8A8SH class): read offset +6; no C2, no data-as-audio, audio jitter, no "
      "CD-Text, no full TOC, no R-W de-interleaved and corrected (READ CD subchannel 100b), CLV";
  cheap.read_offset = 6;
  cheap.c2 = false;
  cheap.data_as_audio = false;
  cheap.accurate_stream = false;
  cheap.jitter_samples = 3;
  cheap.cache_sectors = 256;
  cheap.fua_honoured = false;
  cheap.cdtext_read = false;
  cheap.full_toc_read = false;
  cheap.rw_corrected = false;
  cheap.max_read_speed = 24;
  cheap.max_write_speed = 8;
  cheap.cav = false;
  cheap.raw_write = false;
  cheap.bufe = false;
  cheap.buffer_kib = 1024;
  return {generic, plextor, mediatek, mediatek_stock, lg, cheap};
}

}  // namespace

std::span<const Personality> personalities() {
  static const auto table = make_table();
  return table;
}

const Personality* find_personality(std::string_view name) {
  for (const auto& p : personalities())
    if (p.name == name) return &p;
  return nullptr;
}

}  // namespace dw::vdrive
