// FORMAT UNIT of a blank BD-R (profile 0041h): spare areas for defect management, with
// Pseudo-Overwrite or without. The descriptor types and subtypes are MMC's (MMC-6 6.5.4.2, format
// types 00h "full format" and 32h "BD-R with spare areas"; subtype 00b SRM+POW, 01b SRM without
// POW, as the Pioneer BDR-203 command reference 4.3.1.1.2 and 4.3.1.3 lists them and libburn's
// mmc.c mmc_format_unit sends them); 10b, Random Recording Mode, is not modelled. A BD-R is
// formatted once, before anything is written: afterwards, or for any other type, the descriptor is
// not one the drive offers (05/26/00). The media: dvd_recordable_media.hpp.
#include <stdexcept>

#include "scsi/virtual/vd_context.hpp"

namespace dw::vdrive {

namespace {

constexpr uint8_t kFullFormat = 0x00, kBdRSpares = 0x32;
constexpr uint8_t kSrmPow = 0b00, kSrm = 0b01;

}  // namespace

// FORMAT UNIT with FmtData, format code 001b and one 8-byte descriptor. Type 00h takes the default
// spare areas and ignores the number of blocks and the type dependent parameter (Pioneer BDR-203
// 4.3.1.1.2: "The Drive ignores the Number of Blocks field and the Block Length field"; libburn
// sends 000800h there, a block length). Type 32h makes the user data area at least the number of
// blocks (rounded up to a whole cluster), the rest of the disc spare, within the fewest and most
// spare clusters its descriptors offer (libburn picks a size between the smallest and the largest
// 32h descriptor and rounds it up to 64 KiB).
void VirtualDrive::bd_r_format_unit(Ctx& c) {
  if (!need_media(c)) return;
  if (personality_.max_write_speed <= 0) return c.fail(scsi::sense_key::kIllegalRequest, 0x30, 0x05);
  if ((c.at(1) & 0x1F) != 0x11) return c.invalid_field();  // FmtData, CmpList 0, format code 001b
  if (c.data.size() < 12) return c.fail(scsi::sense_key::kIllegalRequest, 0x1A, 0x00);
  if (be16(c.data, 2) != 8) return c.fail(scsi::sense_key::kIllegalRequest, 0x26, 0x00);
  c.reply.transferred = 12;
  const bool immediate = c.data[1] & 0x02;
  const uint8_t type = c.data[8] >> 2, subtype = c.data[8] & 0x03;
  DvdRecordableMedia& m = *dvdr_;
  if (m.formatted() || m.state() != DvdRecordableMedia::State::Blank || (subtype != kSrmPow && subtype != kSrm))
    return c.fail(scsi::sense_key::kIllegalRequest, 0x26, 0x00);
  uint64_t spares = DvdRecordableMedia::kBdRDefaultSpares;
  if (type == kBdRSpares) {
    constexpr uint32_t cluster = DvdRecordableMedia::kBdCluster;
    const uint64_t user = (uint64_t{be32(c.data, 4)} + cluster - 1) / cluster * cluster;
    const auto physical = static_cast<uint64_t>(m.physical_capacity());
    spares = user >= physical ? 0 : (physical - user) / cluster;
    if (spares < DvdRecordableMedia::kBdRFewestSpares || spares > DvdRecordableMedia::kBdRMostSpares)
      return c.fail(scsi::sense_key::kIllegalRequest, 0x26, 0x00);
  } else if (type != kFullFormat) {
    return c.fail(scsi::sense_key::kIllegalRequest, 0x26, 0x00);
  }
  try {
    m.format_bd_r(static_cast<uint32_t>(spares), subtype == kSrmPow);
  } catch (const std::invalid_argument&) {
    return c.fail(scsi::sense_key::kIllegalRequest, 0x26, 0x00);  // a disc too small for those spares
  }
  clock_.wait_us(immediate ? 100'000 : 60'000'000);  // IMMED: in the background; else a minute
}

}  // namespace dw::vdrive
