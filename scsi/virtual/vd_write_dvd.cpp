// Recording on blank DVD-R (profile 0011h), DVD+R (001Bh) and BD-R (0041h, Sequential Recording
// Mode): the commands that answer differently from CD media - READ FORMAT CAPACITIES, READ
// CAPACITY while unfinished, WRITE(10) of 2048-byte blocks, SYNCHRONIZE CACHE, READ DISC/TRACK
// INFORMATION, RESERVE TRACK, CLOSE TRACK SESSION and SET STREAMING - as MMC-5 defines them for
// DVD-R Sequential Recording (4.5, 6.3, 6.22, 6.27, 6.35, 6.39). BD-R answers as DVD+R does, in
// clusters of 32 blocks, and finalises with CLOSE TRACK SESSION 110b only. The media:
// dvd_recordable_media.hpp.
#include <cmath>
#include <stdexcept>

#include "scsi/virtual/vd_context.hpp"

namespace dw::vdrive {

namespace {

constexpr uint8_t kIncremental = 0, kDao = 2;
constexpr uint8_t kMode1Block = 8;  // data block type: Mode 1, 2048 bytes

// One READ TRACK INFORMATION reply (MMC-5 table 6.27.3).
struct TrackInfo {
  uint32_t packet = DvdRecordableMedia::kEccBlock;  ///< fixed packet size: an ECC block, a BD cluster
  uint8_t number = 1, session = 1;
  bool reserved = false, blank = false, incremental = false, nwa_valid = false;
  uint32_t start = 0, nwa = 0, free = 0, size = 0;
  uint32_t written = 0;  ///< blocks recorded from start (LRA valid when not 0)

  [[nodiscard]] std::vector<uint8_t> bytes() const {
    std::vector<uint8_t> r(48, 0);
    put16(r, 0, 46);
    r[2] = number;
    r[3] = session;
    r[5] = incremental ? 0x05 : 0x04;  // track mode: data, recorded incrementally or uninterrupted
    r[6] = uint8_t((reserved ? 0x80 : 0) | (blank ? 0x40 : 0) | (incremental ? 0x20 : 0) | 0x01);  // data mode 1
    r[7] = uint8_t((written ? 0x02 : 0) | (nwa_valid ? 0x01 : 0));
    put32(r, 8, start);
    put32(r, 12, nwa_valid ? nwa : 0);
    put32(r, 16, free);
    put32(r, 20, packet);  // fixed packet size (FP is 0: for information only)
    put32(r, 24, size);
    put32(r, 28, written ? start + written - 1 : 0);
    return r;
  }
};

}  // namespace

VirtualDrive::Handler VirtualDrive::dvd_handler(uint8_t op) const {
  if (!dvdr_) return nullptr;
  if (dvdr_->overwritable()) return overwrite_handler(op);
  switch (op) {
    case 0x04:  // DVD-RW: to Restricted Overwrite; BD-R: spare areas
      return dvdr_->erasable() ? &VirtualDrive::overwrite_format_unit
             : dvdr_->bd_r()   ? &VirtualDrive::bd_format_unit
                               : nullptr;
    case 0x23: return &VirtualDrive::read_format_capacities;
    case 0x25: return media_ ? nullptr : &VirtualDrive::dvd_read_capacity;
    case 0x2A: return &VirtualDrive::dvd_write10;
    case 0x35: return &VirtualDrive::dvd_synchronize_cache;
    case 0x51: return &VirtualDrive::dvd_disc_information;
    case 0x52: return &VirtualDrive::dvd_track_information;
    case 0x53: return &VirtualDrive::reserve_track;
    case 0x5B: return &VirtualDrive::dvd_close_track;
    case 0xA1: return &VirtualDrive::dvd_blank;
    case 0xB6: return &VirtualDrive::set_streaming;
    default: return nullptr;
  }
}

bool VirtualDrive::dvd_write_parameters_ok(std::span<const uint8_t> page) const {
  const uint8_t type = page[2] & 0x0F;
  return (type == kIncremental || type == kDao) && (page[4] & 0x0F) == kMode1Block;
}

// The recording is finished (DAO) or its session closed: from now on it reads as a DVD data disc.
void VirtualDrive::dvd_recorded(std::shared_ptr<SectorSource> disc) {
  recorded_ = std::move(disc);
  media_ = std::make_shared<PressedMedia>(recorded_);
  last_write_.reset();
  forget_reads();
  clock_.wait_us(5'000'000);  // writing the lead-out (or the border-out)
}

void VirtualDrive::read_format_capacities(Ctx& c) {
  if (!need_media(c)) return;
  std::vector<uint8_t> r(12, 0);
  const bool blank = dvdr_->state() == DvdRecordableMedia::State::Blank;
  // A BD-R formatted with spare areas: formatted media, its user data area (MMC-6 6.24.3.2).
  const bool formatted = dvdr_->formatted();
  put32(r, 4, static_cast<uint32_t>(blank || formatted ? dvdr_->capacity() : dvdr_->next_writable()));
  r[8] = blank && !formatted ? 0x01 : 0x02;  // unformatted media, or formatted (recorded) media
  r[10] = 0x08;                              // block length 2048
  append_formattable_descriptors(r);         // DVD-RW, blank BD-R: what FORMAT UNIT can make of it; DVD-R, DVD+R: none
  c.respond(r, be16(c.cdb, 7));
}

// Nothing readable yet: the last LBA is 0 (what drives answer for blank DVD-R).
void VirtualDrive::dvd_read_capacity(Ctx& c) {
  if (!need_media(c)) return;
  std::vector<uint8_t> r(8, 0);
  put32(r, 4, 2048);
  c.respond(r, 8);
}

void VirtualDrive::dvd_disc_information(Ctx& c) {
  if (!need_media(c)) return;
  if ((c.at(1) & 0x07) != 0) return c.invalid_field();  // only standard disc information
  using State = DvdRecordableMedia::State;
  const DvdRecordableMedia& m = *dvdr_;
  const auto closed = static_cast<uint8_t>(m.closed().size());
  std::vector<uint8_t> r(34, 0);
  put16(r, 0, 32);
  // One track per session; the session being written (or the empty one after closed sessions)
  // counts, with its invisible track.
  uint8_t status = 0, last_session = 0, sessions = uint8_t(closed + 1), last_track = uint8_t(closed + 1);
  switch (m.state()) {
    case State::Blank: break;
    case State::Writing:  // incomplete disc, incomplete session
      status = last_session = 1;
      if (m.track_closed()) ++last_track;
      break;
    case State::Appendable: status = 1; break;  // the next session is empty
    case State::Complete:
      status = 2;
      last_session = 3;
      sessions = last_track = closed;
      break;
  }
  r[2] = uint8_t((m.erasable() ? 0x10 : 0) | last_session << 2 | status);  // erasable: DVD-RW
  r[3] = 1;                                                                // first track on the disc
  r[4] = sessions;
  r[5] = sessions;  // first track in the last session: one track a session
  r[6] = last_track;
  r[7] = 0x20;  // unrestricted use
  r[8] = 0x00;  // disc type (CD only): 00h
  if (m.state() == State::Complete) {
    put32(r, 16, 0xFFFFFFFF);
    put32(r, 20, 0xFFFFFFFF);
  } else {
    put32(r, 16, 0);  // the next session's border-in is not modelled: it starts where writing may
    put32(r, 20, static_cast<uint32_t>(m.capacity()));  // last possible lead-out start
  }
  c.respond(r, be16(c.cdb, 7));
}

void VirtualDrive::dvd_track_information(Ctx& c) {
  if (!need_media(c)) return;
  using State = DvdRecordableMedia::State;
  const DvdRecordableMedia& m = *dvdr_;
  const auto next = static_cast<uint32_t>(m.next_writable());
  const auto start = static_cast<uint32_t>(m.track_start());
  const auto capacity = static_cast<uint32_t>(m.capacity());
  // The closed sessions' tracks, then the open one (reserved or incremental), or the invisible
  // track after a closed track or session.
  std::vector<TrackInfo> tracks;
  TrackInfo blank_info;
  blank_info.packet = m.ecc_block();
  for (const auto& t : m.closed()) {
    TrackInfo ti = blank_info;
    ti.number = ti.session = static_cast<uint8_t>(tracks.size() + 1);
    ti.start = static_cast<uint32_t>(t.start);
    ti.size = ti.written = static_cast<uint32_t>(t.end - t.start);
    ti.incremental = t.incremental;
    tracks.push_back(ti);
  }
  const auto session = static_cast<uint8_t>(tracks.size() + 1);
  TrackInfo open = blank_info;
  open.number = open.session = session;
  open.start = start;
  if (m.state() == State::Writing && m.track_closed()) {
    open.size = open.written = next - start;
    open.incremental = m.reserved() == 0;
    tracks.push_back(open);
    TrackInfo after = blank_info;
    after.number = static_cast<uint8_t>(session + 1);
    after.session = session;
    after.blank = after.incremental = after.nwa_valid = true;
    after.start = after.nwa = next;
    after.free = after.size = capacity - next;
    tracks.push_back(after);
  } else if (m.state() == State::Writing && m.reserved()) {  // DAO: the reserved track, filled from its start
    open.reserved = true;
    open.blank = next == start;
    open.nwa_valid = next < m.reserved();
    open.nwa = next;
    open.free = m.reserved() - next;
    open.size = m.reserved() - start;
    open.written = next - start;
    tracks.push_back(open);
  } else if (m.state() != State::Complete) {  // the invisible (incomplete) track
    open.blank = next == start;
    open.incremental = open.nwa_valid = true;
    open.nwa = next;
    open.free = capacity - next;
    open.size = capacity - start;
    open.written = next - start;
    tracks.push_back(open);
  }
  const uint8_t type = c.at(1) & 0x03;
  const uint32_t number = be32(c.cdb, 2);
  const TrackInfo* found = nullptr;
  for (const auto& t : tracks) {
    const bool match = (type == 0 && number >= t.start && number < t.start + t.size) ||
                       (type == 1 && (number == t.number || (number == 0xFF && &t == &tracks.back()))) ||
                       (type == 2 && number == t.session);
    if (match && !found) found = &t;
  }
  if (!found) return c.invalid_field();
  c.respond(found->bytes(), be16(c.cdb, 7));
}

// RESERVE TRACK: on a blank disc, or for the track of the next session on an appendable one.
void VirtualDrive::reserve_track(Ctx& c) {
  if (!need_media(c)) return;
  if (c.at(1) & 0x01) return c.invalid_field();  // ARSV: reserving by LBA is not modelled
  using State = DvdRecordableMedia::State;
  if (dvdr_->state() != State::Blank && dvdr_->state() != State::Appendable)
    return c.fail(scsi::sense_key::kIllegalRequest, 0x2C, 0x00);
  try {
    dvdr_->reserve(be32(c.cdb, 5));
  } catch (const std::invalid_argument&) {
    return c.invalid_field();
  }
}

void VirtualDrive::dvd_write10(Ctx& c) {
  if (!need_media(c)) return;
  using State = DvdRecordableMedia::State;
  DvdRecordableMedia& m = *dvdr_;
  // An appendable disc takes its next session's track at the NWA; a second track in one session
  // is not modelled. Anywhere but the NWA: 05/21/02 invalid address for write (MMC-5 6.44: a
  // sequential recording is written at the next writable address only).
  if (m.state() == State::Complete || (m.state() == State::Writing && m.track_closed()))
    return c.fail(scsi::sense_key::kIllegalRequest, 0x2C, 0x00);
  // DVD+R and BD-R have no write parameters (MMC-5 4.9: page 05 does not apply) and no
  // simulation: a track is written at its next writable address, reserved or not.
  const bool by_host = m.closed_by_host();
  const std::vector<uint8_t> page = mode_page(0x05);
  const uint8_t type = page[2] & 0x0F;
  const bool test = !by_host && (page[2] & 0x10);
  if (!by_host && !dvd_write_parameters_ok(page)) return c.fail(scsi::sense_key::kIllegalRequest, 0x64, 0x00);
  if (!by_host && type == kDao && !m.reserved()) return c.fail(scsi::sense_key::kIllegalRequest, 0x2C, 0x00);
  const auto lba = static_cast<Lba>(be32(c.cdb, 2));
  const uint32_t blocks = be16(c.cdb, 7);
  if (lba != m.next_writable()) return c.fail(scsi::sense_key::kIllegalRequest, 0x21, 0x02);
  if (int64_t{lba} + blocks > m.writable_end()) return c.fail(scsi::sense_key::kIllegalRequest, 0x21, 0x00);
  if (blocks == 0) return;
  if (c.data.size() != size_t{blocks} * 2048) return c.invalid_field();
  m.write(blocks, c.data, test);
  // The clock counts CD sectors: the same bytes take as long at the same kB/s.
  const double speed = write_speed_ > 0 ? write_speed_ : personality_.max_write_speed;
  clock_.write(static_cast<uint32_t>(std::lround(blocks * 2048.0 / 2352.0)), speed);
  c.reply.transferred = c.data.size();
}

void VirtualDrive::dvd_synchronize_cache(Ctx& c) {
  if (!need_media(c)) return;
  if (dvdr_->state() != DvdRecordableMedia::State::Writing) return;
  if (dvdr_->closed_by_host()) return;                     // DVD+R, BD-R: only CLOSE TRACK SESSION closes anything
  if (mode_page(0x05)[2] & 0x10) return dvdr_->abandon();  // a simulation leaves the disc blank
  // DAO: the drive finalises once the reservation is written (padding its last ECC block).
  if (dvdr_->reservation_written() && !dvdr_->track_closed()) dvd_recorded(dvdr_->close_session(false));
}

void VirtualDrive::dvd_close_track(Ctx& c) {
  if (!need_media(c)) return;
  using State = DvdRecordableMedia::State;
  DvdRecordableMedia& m = *dvdr_;
  const uint8_t function = c.at(2) & 0x07;
  const std::vector<uint8_t> page = mode_page(0x05);
  // DVD+R (MMC-5 6.3.2.5): 001b close track, 010b close session (appendable), 101b finalise with
  // minimum radius (what libburn sends), 110b finalise the disc. BD-R (MMC-6 6.3, CLOSE TRACK SESSION): 001b,
  // 010b and 110b "close the session and finalise the disc" (what libburn sends for BD-R:
  // write.c burn_disc_finalize_dvd_plus_r, "CLOSE SESSION, 110b, Finalize Disc").
  const bool by_host = m.closed_by_host();
  const bool host_final = by_host && (function == 6 || (function == 5 && m.plus()));
  if (function != 1 && function != 2 && !host_final) return c.invalid_field();
  if (m.state() == State::Complete || m.state() == State::Appendable) {
    if (function == 1) return c.invalid_field();  // no open track
    return;                                       // the session is closed already
  }
  if (!by_host && (page[2] & 0x10)) return m.abandon();  // after a simulation the disc stays blank
  if (m.state() == State::Blank || m.next_writable() == m.track_start())
    return c.fail(scsi::sense_key::kIllegalRequest, 0x2C, 0x00);
  if (function == 1) {
    if (be16(c.cdb, 4) != m.closed().size() + 1 || m.track_closed()) return c.invalid_field();
    m.close_track();
    return;
  }
  // DVD-R: multi-session field 11b: a next session is allowed (border-out); else the disc is
  // finalised. DVD+R, BD-R: the function says which.
  dvd_recorded(m.close_session(by_host ? !host_final : (page[3] >> 6) == 3));
}

// BLANK (MMC-5 6.2) of a DVD-RW in Sequential Recording mode: 000b blank the disc, 001b minimal
// blank; either empties it (what a minimal blank leaves unreadable is not modelled). Media that
// are not rewritable (DVD-R, DVD+R) cannot be blanked: 05/30/05, as a CD-R answers.
void VirtualDrive::dvd_blank(Ctx& c) {
  if (!need_media(c)) return;
  if (!dvdr_->erasable() || personality_.max_write_speed <= 0)
    return c.fail(scsi::sense_key::kIllegalRequest, 0x30, 0x05);
  const uint8_t type = c.at(1) & 0x07;
  if (type > 1) return c.invalid_field();
  dvdr_->erase();
  blanked(type == 0 ? 900'000'000 : 60'000'000);  // full: a quarter of an hour; minimal: a minute
}

// SET STREAMING with a performance descriptor: the speeds asked for, as SET CD SPEED takes them.
void VirtualDrive::set_streaming(Ctx& c) {
  if (c.at(8) != 0) return c.invalid_field();  // only the performance descriptor
  const size_t len = be16(c.cdb, 9);
  if (len > c.data.size() || len < 28) return c.fail(scsi::sense_key::kIllegalRequest, 0x1A, 0x00);
  const std::span<const uint8_t> d = c.data.first(len);
  auto speed = [](uint32_t kb, uint32_t ms, double max) {
    return kb == 0 || ms == 0 ? 0.0 : std::min(max, kb * 1000.0 / ms / 176.4);
  };
  read_speed_ = speed(be32(d, 12), be32(d, 16), personality_.max_read_speed);
  write_speed_ = speed(be32(d, 20), be32(d, 24), personality_.max_write_speed);
  c.reply.transferred = len;
}

}  // namespace dw::vdrive
