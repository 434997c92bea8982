// FORMAT UNIT of a blank BD-R (profile 0041h) and of an unformatted BD-RE (0043h): spare areas for
// defect management. The descriptor types and subtypes are MMC's (MMC-6 6.5.4.2): on BD-R 00h
// "full format" and 32h "BD-R with spare areas", subtype 00b SRM+POW, 01b SRM without POW (as the
// Pioneer BDR-203 command reference 4.3.1.1.2 and 4.3.1.3 lists them and libburn's mmc.c
// mmc_format_unit sends them; 10b, Random Recording Mode, is not modelled); on BD-RE 00h, 30h
// "with spare areas" (subtypes: certification, which is not modelled, so any is taken) and 31h
// "without spare areas". A BD-R is formatted once, before anything is written; a formatted BD-RE
// is reformatted by vd_write_dvd_overwrite.cpp. Other descriptors are none the drive offers:
// 05/26/00. The media: dvd_recordable_media.hpp.
#include <stdexcept>

#include "scsi/virtual/vd_context.hpp"

namespace dw::vdrive {

namespace {

constexpr uint8_t kFullFormat = 0x00, kBdReSpares = 0x30, kBdReNoSpares = 0x31, kBdRSpares = 0x32;
constexpr uint8_t kSrmPow = 0b00, kSrm = 0b01;
constexpr uint32_t kCluster = DvdRecordableMedia::kBdCluster;

// The spare clusters that make the user data area at least `blocks` in whole clusters (Pioneer
// BDR-203 4.3.1.2: "The drive formats the disc in order that the User Data Area contains at least
// Number of Blocks"; libburn picks a size between the smallest and the largest descriptor and
// rounds it up to 64 KiB), or 0 when that is not within [fewest, most].
uint64_t spares_for(uint64_t blocks, uint64_t physical, uint32_t fewest, uint32_t most) {
  const uint64_t user = (blocks + kCluster - 1) / kCluster * kCluster;
  const uint64_t spares = user >= physical ? 0 : (physical - user) / kCluster;
  return spares >= fewest && spares <= most ? spares : 0;
}

}  // namespace

// FORMAT UNIT with FmtData, format code 001b and one 8-byte descriptor. Type 00h takes the default
// spare areas and ignores the number of blocks and the type dependent parameter (Pioneer BDR-203
// 4.3.1.1.2: "The Drive ignores the Number of Blocks field and the Block Length field"; libburn
// sends 000800h there, a block length); 32h (BD-R) and 30h (BD-RE) make the user data area at
// least the number of blocks; 31h (BD-RE) leaves the whole disc to the user data area.
void VirtualDrive::bd_format_unit(Ctx& c) {
  if (!need_media(c)) return;
  if (personality_.max_write_speed <= 0) return c.fail(scsi::sense_key::kIllegalRequest, 0x30, 0x05);
  if ((c.at(1) & 0x1F) != 0x11) return c.invalid_field();  // FmtData, CmpList 0, format code 001b
  if (c.data.size() < 12) return c.fail(scsi::sense_key::kIllegalRequest, 0x1A, 0x00);
  if (be16(c.data, 2) != 8) return c.fail(scsi::sense_key::kIllegalRequest, 0x26, 0x00);
  c.reply.transferred = 12;
  const bool immediate = c.data[1] & 0x02;
  const uint8_t type = c.data[8] >> 2, subtype = c.data[8] & 0x03;
  DvdRecordableMedia& m = *dvdr_;
  const bool bd_r = m.bd_r();
  if (m.formatted() || m.state() != DvdRecordableMedia::State::Blank || (bd_r && subtype != kSrmPow && subtype != kSrm))
    return c.fail(scsi::sense_key::kIllegalRequest, 0x26, 0x00);
  const auto physical = static_cast<uint64_t>(m.physical_capacity());
  uint64_t spares = bd_r ? DvdRecordableMedia::kBdRDefaultSpares : DvdRecordableMedia::kBdReDefaultSpares;
  if (type == (bd_r ? kBdRSpares : kBdReSpares)) {
    spares = bd_r ? spares_for(be32(c.data, 4), physical, DvdRecordableMedia::kBdRFewestSpares,
                               DvdRecordableMedia::kBdRMostSpares)
                  : spares_for(be32(c.data, 4), physical, DvdRecordableMedia::kBdReFewestSpares,
                               DvdRecordableMedia::kBdReMostSpares);
    if (spares == 0) return c.fail(scsi::sense_key::kIllegalRequest, 0x26, 0x00);
  } else if (!bd_r && type == kBdReNoSpares) {
    spares = 0;
  } else if (type != kFullFormat) {
    return c.fail(scsi::sense_key::kIllegalRequest, 0x26, 0x00);
  }
  try {
    if (bd_r)
      m.format_bd_r(static_cast<uint32_t>(spares), subtype == kSrmPow);
    else
      m.format_bd_re(static_cast<uint32_t>(spares));
  } catch (const std::invalid_argument&) {
    return c.fail(scsi::sense_key::kIllegalRequest, 0x26, 0x00);  // a disc too small for those spares
  }
  if (!bd_r) overwrite_changed();                    // the formatted BD-RE reads at once (zeros)
  clock_.wait_us(immediate ? 100'000 : 60'000'000);  // IMMED: in the background; else a minute
}

}  // namespace dw::vdrive
