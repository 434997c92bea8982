// Recording on DVD+RW (profile 001Ah): FORMAT UNIT (format type 26h, MMC-5 6.5.4.2.14), READ
// FORMAT CAPACITIES, READ DISC INFORMATION with the background format status (6.22.3.1.13), READ
// TRACK INFORMATION of the one track, WRITE(10) anywhere on the formatted disc, and SYNCHRONIZE
// CACHE / CLOSE TRACK SESSION, which have nothing to close (MMC-5 4.10: DVD+RW has no sessions to
// close; libburn and growisofs send CLOSE TRACK SESSION only to end a background format). Once
// formatted the disc reads back at once, every block as last written, zeros where never written.
// The media: dvd_recordable_media.hpp.
#include <cmath>
#include <stdexcept>

#include "scsi/virtual/vd_context.hpp"

namespace dw::vdrive {

namespace {

constexpr uint8_t kDvdPlusRwFormat = 0x26;

}  // namespace

VirtualDrive::Handler VirtualDrive::plus_rw_handler(uint8_t op) const {
  switch (op) {
    case 0x04: return &VirtualDrive::plus_rw_format_unit;
    case 0x23: return &VirtualDrive::plus_rw_format_capacities;
    case 0x25: return dvdr_->formatted() ? nullptr : &VirtualDrive::dvd_read_capacity;
    case 0x2A: return &VirtualDrive::plus_rw_write10;
    case 0x35: return &VirtualDrive::plus_rw_nothing_to_close;
    case 0x51: return &VirtualDrive::plus_rw_disc_information;
    case 0x52: return &VirtualDrive::plus_rw_track_information;
    case 0x5B: return &VirtualDrive::plus_rw_nothing_to_close;
    case 0xA1: return &VirtualDrive::dvd_blank;  // not erasable by BLANK: 05/30/05
    case 0xB6: return &VirtualDrive::set_streaming;
    default: return nullptr;
  }
}

// What the host wrote so far is readable (media_, the whole formatted disc) and what `save=`
// keeps (recorded_, up to the last block written).
void VirtualDrive::plus_rw_changed() {
  if (!media_) media_ = std::make_shared<PressedMedia>(dvdr_->overwritable_view(static_cast<Lba>(dvdr_->capacity())));
  if (dvdr_->written_end() > 0) recorded_ = dvdr_->overwritable_view(dvdr_->written_end());
  last_write_.reset();
  forget_reads();
}

// FORMAT UNIT with FmtData, format code 001b and one descriptor of type 26h (DVD+RW basic
// format, any number of blocks: the whole disc). The background format is complete at once.
void VirtualDrive::plus_rw_format_unit(Ctx& c) {
  if (!need_media(c)) return;
  if (personality_.max_write_speed <= 0) return c.fail(scsi::sense_key::kIllegalRequest, 0x30, 0x05);
  if ((c.at(1) & 0x17) != 0x11) return c.invalid_field();  // FmtData, CmpList 0, format code 001b
  if (c.data.size() < 12) return c.fail(scsi::sense_key::kIllegalRequest, 0x1A, 0x00);
  if (be16(c.data, 2) != 8 || (c.data[8] >> 2) != kDvdPlusRwFormat)
    return c.fail(scsi::sense_key::kIllegalRequest, 0x26, 0x00);
  const bool first = !dvdr_->formatted();
  dvdr_->format();
  plus_rw_changed();
  if (first) clock_.wait_us(c.data[1] & 0x02 ? 100'000 : 60'000'000);  // IMMED: background; else a minute
  c.reply.transferred = 12;
}

void VirtualDrive::plus_rw_format_capacities(Ctx& c) {
  if (!need_media(c)) return;
  std::vector<uint8_t> r(20, 0);
  r[3] = 16;  // the current/maximum capacity descriptor and one formattable descriptor
  const auto capacity = static_cast<uint32_t>(dvdr_->capacity());
  put32(r, 4, capacity);
  r[8] = dvdr_->formatted() ? 0x02 : 0x01;  // formatted media, or unformatted
  r[10] = 0x08;                             // block length 2048
  put32(r, 12, capacity);
  r[16] = kDvdPlusRwFormat << 2;
  c.respond(r, be16(c.cdb, 7));
}

void VirtualDrive::plus_rw_write10(Ctx& c) {
  if (!need_media(c)) return;
  if (personality_.max_write_speed <= 0) return c.fail(scsi::sense_key::kIllegalRequest, 0x30, 0x05);
  const auto lba = static_cast<Lba>(be32(c.cdb, 2));
  const uint32_t blocks = be16(c.cdb, 7);
  if (int64_t{lba} + blocks > dvdr_->capacity()) return c.fail(scsi::sense_key::kIllegalRequest, 0x21, 0x00);
  if (blocks == 0) return;
  if (c.data.size() != size_t{blocks} * 2048) return c.invalid_field();
  if (!check_write_faults(c, lba, blocks, false, true)) return;
  dvdr_->overwrite(lba, blocks, c.data);  // an unformatted disc starts its background format
  plus_rw_changed();
  const double speed = write_speed_ > 0 ? write_speed_ : personality_.max_write_speed;
  clock_.write(static_cast<uint32_t>(std::lround(blocks * 2048.0 / 2352.0)), speed);
  c.reply.transferred = c.data.size();
}

// SYNCHRONIZE CACHE and CLOSE TRACK SESSION (functions 000b-011b: stop the background format,
// close the "session"): the writes are on the disc already and there is nothing to close.
void VirtualDrive::plus_rw_nothing_to_close(Ctx& c) {
  if (!need_media(c)) return;
  if (c.cdb[0] == 0x5B && (c.at(2) & 0x07) > 3) c.invalid_field();
}

void VirtualDrive::plus_rw_disc_information(Ctx& c) {
  if (!need_media(c)) return;
  if ((c.at(1) & 0x07) != 0) return c.invalid_field();  // only standard disc information
  const bool formatted = dvdr_->formatted();
  std::vector<uint8_t> r(34, 0);
  put16(r, 0, 32);
  // Erasable; formatted: a complete disc with a complete session, else empty.
  r[2] = uint8_t(0x10 | (formatted ? 0x0C | 0x02 : 0x00));
  r[3] = r[4] = r[5] = r[6] = 1;                     // first track, one session, its first and last track
  r[7] = uint8_t(0x20 | (formatted ? 0x03 : 0x00));  // unrestricted use; background format complete / not started
  put32(r, 16, 0xFFFFFFFF);
  put32(r, 20, 0xFFFFFFFF);
  c.respond(r, be16(c.cdb, 7));
}

// The one track: the whole disc from LBA 0.
void VirtualDrive::plus_rw_track_information(Ctx& c) {
  if (!need_media(c)) return;
  const uint8_t type = c.at(1) & 0x03;
  const uint32_t number = be32(c.cdb, 2);
  const auto capacity = static_cast<uint32_t>(dvdr_->capacity());
  const bool match =
      (type == 0 && number < capacity) || (type == 1 && (number == 1 || number == 0xFF)) || (type == 2 && number == 1);
  if (!match) return c.invalid_field();
  std::vector<uint8_t> r(48, 0);
  put16(r, 0, 46);
  r[2] = r[3] = 1;  // track 1, session 1
  r[5] = 0x04;      // data track, recorded uninterrupted
  r[6] = 0x01;      // data mode 1
  r[7] = 0x01;      // NWA valid: writing may start anywhere; 0 is where libburn starts
  put32(r, 16, capacity);
  put32(r, 20, 16);  // fixed packet size: one ECC block
  put32(r, 24, capacity);
  c.respond(r, be16(c.cdb, 7));
}

}  // namespace dw::vdrive
