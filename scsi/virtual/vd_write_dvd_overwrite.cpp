// Recording on overwritable DVDs: DVD+RW (profile 001Ah) and DVD-RW in Restricted Overwrite
// mode (0013h). FORMAT UNIT (DVD+RW: format type 26h, MMC-5 6.5.4.2.14; DVD-RW: 00h full, 10h
// DVD-RW full, 15h DVD-RW quick, which turn a DVD-RW to Restricted Overwrite, and 13h quick grow,
// which has nothing left to grow), READ FORMAT CAPACITIES, READ DISC INFORMATION (with the DVD+RW
// background format status, 6.22.3.1.13), READ TRACK INFORMATION of the one track, WRITE(10)
// anywhere on the formatted disc, and SYNCHRONIZE CACHE / CLOSE TRACK SESSION, which have nothing
// to close (libburn and growisofs send CLOSE TRACK SESSION only to end a background format or a
// Restricted Overwrite "session"). Once formatted the disc reads back at once, every block as
// last written, zeros where never written. The media: dvd_recordable_media.hpp.
#include <cmath>
#include <stdexcept>

#include "scsi/virtual/vd_context.hpp"

namespace dw::vdrive {

namespace {

constexpr uint8_t kDvdPlusRwFormat = 0x26;
// DVD-RW format types (MMC-5 6.5.4.2): full format, DVD-RW full format, DVD-RW quick grow the
// last session, DVD-RW quick.
constexpr uint8_t kFullFormat = 0x00, kDvdRwFullFormat = 0x10, kDvdRwQuickGrow = 0x13, kDvdRwQuick = 0x15;
// BD-RE format types (MMC-5 6.5.4.2.15-16): with spare areas, and without.
constexpr uint8_t kBdReSpares = 0x30, kBdReNoSpares = 0x31;
// BD-R format type (MMC-5 6.5.4.2.17): with spare areas.
constexpr uint8_t kBdRSpares = 0x32;
using Media = DvdRecordableMedia;

}  // namespace

VirtualDrive::Handler VirtualDrive::overwrite_handler(uint8_t op) const {
  switch (op) {
    case 0x04: return &VirtualDrive::overwrite_format_unit;
    case 0x23: return &VirtualDrive::overwrite_format_capacities;
    case 0x25: return dvdr_->formatted() ? nullptr : &VirtualDrive::dvd_read_capacity;
    case 0x2A: return &VirtualDrive::overwrite_write10;
    case 0x35: return &VirtualDrive::overwrite_nothing_to_close;
    case 0x51: return &VirtualDrive::overwrite_disc_information;
    case 0x52: return &VirtualDrive::overwrite_track_information;
    case 0x5B: return &VirtualDrive::overwrite_nothing_to_close;
    case 0xA1: return &VirtualDrive::dvd_blank;  // not erasable by BLANK: 05/30/05
    case 0xB6: return &VirtualDrive::set_streaming;
    default: return nullptr;
  }
}

// What the host wrote so far is readable (media_, the whole formatted disc) and what `save=`
// keeps (recorded_, up to the last block written).
void VirtualDrive::overwrite_changed() {
  if (!media_) media_ = std::make_shared<PressedMedia>(dvdr_->overwritable_view(static_cast<Lba>(dvdr_->capacity())));
  if (dvdr_->written_end() > 0) recorded_ = dvdr_->overwritable_view(dvdr_->written_end());
  last_write_.reset();
  forget_reads();
}

// FORMAT UNIT with FmtData, format code 001b and one 8-byte descriptor (any number of blocks:
// the whole disc). DVD+RW: type 26h, the background format complete at once. DVD-RW: 00h, 10h or
// 15h format it to Restricted Overwrite (what was recorded is gone); 13h (quick grow) on a
// Restricted Overwrite disc is taken with nothing to do, the whole disc being formatted.
void VirtualDrive::overwrite_format_unit(Ctx& c) {
  if (dvdr_->bd() && !dvdr_->formatted()) return bd_format_unit(c);  // an unformatted BD-RE
  if (!need_media(c)) return;
  if (personality_.max_write_speed <= 0) return c.fail(scsi::sense_key::kIllegalRequest, 0x30, 0x05);
  if ((c.at(1) & 0x1F) != 0x11) return c.invalid_field();  // FmtData, CmpList 0, format code 001b
  if (c.data.size() < 12) return c.fail(scsi::sense_key::kIllegalRequest, 0x1A, 0x00);
  const uint8_t type = c.data[8] >> 2;
  if (be16(c.data, 2) != 8) return c.fail(scsi::sense_key::kIllegalRequest, 0x26, 0x00);
  c.reply.transferred = 12;
  const bool immediate = c.data[1] & 0x02;
  if (dvdr_->erasable()) {
    if (type == kDvdRwQuickGrow && dvdr_->restricted_overwrite()) return;
    if (type != kFullFormat && type != kDvdRwFullFormat && type != kDvdRwQuick)
      return c.fail(scsi::sense_key::kIllegalRequest, 0x26, 0x00);
    dvdr_->format_restricted_overwrite();
    media_.reset();
    recorded_.reset();
    overwrite_changed();
    // A quick format writes the lead-in and a little more; a full one the whole disc.
    clock_.wait_us(type == kDvdRwQuick ? 60'000'000 : 1'800'000'000);
    return;
  }
  if (dvdr_->bd()) {  // a reformat: the disc stays formatted, its blocks as they were
    if (type != kFullFormat && type != kBdReSpares && type != kBdReNoSpares)
      return c.fail(scsi::sense_key::kIllegalRequest, 0x26, 0x00);
    clock_.wait_us(immediate ? 100'000 : 60'000'000);
    return;
  }
  if (type != kDvdPlusRwFormat) return c.fail(scsi::sense_key::kIllegalRequest, 0x26, 0x00);
  const bool first = !dvdr_->formatted();
  dvdr_->format();
  overwrite_changed();
  if (first) clock_.wait_us(immediate ? 100'000 : 60'000'000);  // IMMED: in the background; else a minute
}

// The formattable capacity descriptors (MMC-5 6.24.3.3) of the disc: DVD-RW full, DVD-RW full and
// quick (as libburn looks for them before formatting); BD-RE full, with and without spare areas;
// DVD+RW basic format - each for the whole disc; none for DVD-R and DVD+R. A blank BD-R lists
// what a real one does (dvd+rw-mediainfo on a blank 25 GB BD-R in an HL-DT-ST WH16NS40:
// "00h(3000): 11826176", "32h(0): 11826176", "32h(0): 5796864", "32h(0): 12088320"): full format
// (00h) with the default spare areas, 12288 clusters (3000h, the type dependent parameter), then
// BD-R with spare areas (32h, MMC-5 6.5.4.2.17) with the default, the largest (200704 clusters)
// and the smallest (4096 clusters) spares; each here the disc's capacity less those clusters.
// Only while blank and unformatted: a BD-R is formatted once, before it is written. An
// unformatted BD-RE lists what a real blank one did (dvd+rw-mediainfo, quoted in libburn's mmc.c
// for Libburn_dvd_ram_as_bd_rE): 00h 11826176 (3000h), 30h 11826176 (3000h), 11564032 (5000h) and
// 12088320 (1000h), 31h 12219392 (000800h, a block length) - the parameter of 00h and 30h being
// the spare clusters (12288, 20480, 4096), each again the capacity less those clusters.
void VirtualDrive::append_formattable_descriptors(std::vector<uint8_t>& r) const {
  struct Descriptor {
    uint8_t type;
    uint32_t spare_clusters = 0, parameter = 0;
  };
  std::vector<Descriptor> list;
  if (dvdr_->erasable())
    list = {{kFullFormat}, {kDvdRwFullFormat}, {kDvdRwQuick}};
  else if (dvdr_->bd_r() && dvdr_->state() == DvdRecordableMedia::State::Blank && !dvdr_->formatted())
    list = {{kFullFormat, Media::kBdRDefaultSpares, Media::kBdRDefaultSpares},
            {kBdRSpares, Media::kBdRDefaultSpares},
            {kBdRSpares, Media::kBdRMostSpares},
            {kBdRSpares, Media::kBdRFewestSpares}};
  else if (dvdr_->bd() && !dvdr_->bd_r() && !dvdr_->formatted())  // a real blank BD-RE's list
    list = {{kFullFormat, Media::kBdReDefaultSpares, Media::kBdReDefaultSpares},
            {kBdReSpares, Media::kBdReDefaultSpares, Media::kBdReDefaultSpares},
            {kBdReSpares, Media::kBdReMostSpares, Media::kBdReMostSpares},
            {kBdReSpares, Media::kBdReFewestSpares, Media::kBdReFewestSpares},
            {kBdReNoSpares, 0, 0x000800}};
  else if (dvdr_->bd() && !dvdr_->bd_r())
    list = {{kFullFormat}, {kBdReSpares}, {kBdReNoSpares}};
  else if (dvdr_->overwritable())
    list = {{kDvdPlusRwFormat}};
  for (const Descriptor& d : list) {
    const int64_t blocks = dvdr_->capacity() - int64_t{d.spare_clusters} * DvdRecordableMedia::kBdCluster;
    if (blocks <= 0) continue;  // a disc too small for those spares
    const size_t at = r.size();
    r.resize(at + 8, 0);
    put32(r, at, static_cast<uint32_t>(blocks));
    put32(r, at + 4, d.parameter);
    r[at + 4] = uint8_t(d.type << 2);
  }
  r[3] = static_cast<uint8_t>(r.size() - 4);
}

void VirtualDrive::overwrite_format_capacities(Ctx& c) {
  if (!need_media(c)) return;
  std::vector<uint8_t> r(12, 0);  // the current/maximum capacity descriptor, then the formattable ones
  put32(r, 4, static_cast<uint32_t>(dvdr_->capacity()));
  r[8] = dvdr_->formatted() ? 0x02 : 0x01;  // formatted media, or unformatted
  r[10] = 0x08;                             // block length 2048
  append_formattable_descriptors(r);
  c.respond(r, be16(c.cdb, 7));
}

void VirtualDrive::overwrite_write10(Ctx& c) {
  if (!need_media(c)) return;
  if (personality_.max_write_speed <= 0) return c.fail(scsi::sense_key::kIllegalRequest, 0x30, 0x05);
  const auto lba = static_cast<Lba>(be32(c.cdb, 2));
  const uint32_t blocks = be16(c.cdb, 7);
  // An unformatted BD-RE has no user data area yet (MEDIUM NOT FORMATTED; libburn formats first).
  if (dvdr_->bd() && !dvdr_->formatted()) return c.fail(scsi::sense_key::kIllegalRequest, 0x30, 0x10);
  if (lba < 0 || int64_t{lba} + blocks > dvdr_->capacity()) return c.fail(scsi::sense_key::kIllegalRequest, 0x21, 0x00);
  if (blocks == 0) return;
  if (c.data.size() != size_t{blocks} * 2048) return c.invalid_field();
  if (!check_write_faults(c, lba, blocks, false, true)) return;
  dvdr_->overwrite(lba, blocks, c.data);  // an unformatted disc starts its background format
  overwrite_changed();
  const double speed = write_speed_ > 0 ? write_speed_ : personality_.max_write_speed;
  clock_.write(static_cast<uint32_t>(std::lround(blocks * 2048.0 / 2352.0)), speed);
  c.reply.transferred = c.data.size();
}

// SYNCHRONIZE CACHE and CLOSE TRACK SESSION (functions 000b-011b: stop the background format,
// close the "session"): the writes are on the disc already and there is nothing to close.
void VirtualDrive::overwrite_nothing_to_close(Ctx& c) {
  if (!need_media(c)) return;
  if (c.cdb[0] == 0x5B && (c.at(2) & 0x07) > 3) c.invalid_field();
}

void VirtualDrive::overwrite_disc_information(Ctx& c) {
  if (!need_media(c)) return;
  if ((c.at(1) & 0x07) != 0) return c.invalid_field();  // only standard disc information
  const bool formatted = dvdr_->formatted();
  std::vector<uint8_t> r(34, 0);
  put16(r, 0, 32);
  // Erasable; formatted: a complete disc with a complete session, else empty.
  r[2] = uint8_t(0x10 | (formatted ? 0x0C | 0x02 : 0x00));
  r[3] = r[4] = r[5] = r[6] = 1;  // first track, one session, its first and last track
  // Unrestricted use; DVD+RW: background format complete / not started (DVD-RW has none).
  r[7] = uint8_t(0x20 | (formatted && !dvdr_->erasable() && !dvdr_->bd() ? 0x03 : 0x00));
  put32(r, 16, 0xFFFFFFFF);
  put32(r, 20, 0xFFFFFFFF);
  c.respond(r, be16(c.cdb, 7));
}

// The one track: the whole disc from LBA 0.
void VirtualDrive::overwrite_track_information(Ctx& c) {
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
  put32(r, 20, dvdr_->ecc_block());  // fixed packet size: one ECC block (DVD), one cluster (BD)
  put32(r, 24, capacity);
  c.respond(r, be16(c.cdb, 7));
}

}  // namespace dw::vdrive
