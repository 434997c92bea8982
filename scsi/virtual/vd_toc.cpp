// The tables of a disc: READ TOC/PMA/ATIP formats 0-5, READ DISC INFORMATION, READ TRACK
// INFORMATION, READ SUB-CHANNEL, READ CAPACITY, READ DISC STRUCTURE. Layouts: reference/mmc.md
// and MMC-6; the full TOC and CD-Text bytes come from the disc model's own builders.
#include "disc/cdtext.hpp"
#include "disc/full_toc.hpp"
#include "disc/subq.hpp"
#include "scsi/virtual/vd_context.hpp"

namespace dw::vdrive {

namespace {

uint32_t address(Lba lba, bool msf) { return msf ? mmc_msf(lba) : static_cast<uint32_t>(lba); }

// Data mode nibble of READ TRACK INFORMATION.
uint8_t data_mode(TrackMode m) {
  switch (m) {
    case TrackMode::Mode1: return 1;
    case TrackMode::Mode2Formless:
    case TrackMode::Mode2Xa:
    case TrackMode::CdI: return 2;
    default: return 0x0F;
  }
}

}  // namespace

void VirtualDrive::read_toc(Ctx& c) {
  if (!need_media(c)) return;
  const bool msf = c.at(1) & 0x02;
  // SFF-8020i put the format in the control byte's top two bits; drives still honour it when
  // byte 2 says 0, and Linux's sr driver asks for the session info that way (sr_cd_check).
  const uint8_t format = (c.at(2) & 0x0F) != 0 ? c.at(2) & 0x0F : c.at(9) >> 6;
  const uint8_t number = c.at(6);
  const size_t alloc = be16(c.cdb, 7);
  if (format == 4 && recordable_) return c.respond(recordable_->atip(), alloc);
  if (blank_answer(c)) return;
  const Disc& d = media_->disc();
  std::vector<uint8_t> r(4, 0);
  switch (format) {
    case 0: {
      if (number > d.last_track() && number != 0xAA) return c.invalid_field();
      r[2] = d.first_track();
      r[3] = d.last_track();
      auto entry = [&](uint8_t adr_ctl, uint8_t track, Lba lba) {
        std::vector<uint8_t> e(8, 0);
        e[1] = adr_ctl;
        e[2] = track;
        put32(e, 4, address(lba, msf));
        r.insert(r.end(), e.begin(), e.end());
      };
      for (const Track* t : d.tracks())
        if (t->number >= number) entry(uint8_t(0x10 | t->control.bits), t->number, t->start());
      const Session& last = d.sessions.back();
      entry(uint8_t(0x10 | last.a2_control.bits), 0xAA, last.leadout);
      break;
    }
    case 1: {
      const Session& last = d.sessions.back();
      const Track& first = last.tracks.front();
      r[2] = d.sessions.front().number;
      r[3] = last.number;
      std::vector<uint8_t> e(8, 0);
      e[1] = uint8_t(0x10 | first.control.bits);
      e[2] = first.number;
      put32(e, 4, address(first.start(), msf));
      r.insert(r.end(), e.begin(), e.end());
      break;
    }
    case 2: {
      if (!personality_.full_toc_read) return c.invalid_field();
      auto full = build_full_toc(d);
      r.assign(full.begin(), full.begin() + 4);
      for (size_t at = 4; at + 11 <= full.size(); at += 11)
        if (full[at] >= number)
          r.insert(r.end(), full.begin() + static_cast<long>(at), full.begin() + static_cast<long>(at + 11));
      break;
    }
    case 5: {
      if (!personality_.cdtext_read) return c.invalid_field();
      r[2] = r[3] = 0;
      if (!d.cdtext.empty()) {
        auto bytes = cdtext_bytes(build_cdtext_packs(d.cdtext));
        r.insert(r.end(), bytes.begin(), bytes.end());
      }
      break;
    }
    default: return c.invalid_field();  // PMA and ATIP exist on recordable media only
  }
  put16(r, 0, static_cast<uint32_t>(r.size() - 2));
  c.respond(r, alloc);
}

// Blank (or being written) media: the invisible track runs from where the next track starts to
// the last possible lead-out, blank with its next writable address valid (cdrdao asks for track
// FFh before writing). In TAO it is the track after the closed ones, or the open track (no longer
// blank, its next writable address where writing continues); in SAO and RAW writing it has no
// next writable address. On an appendable disc the address depends on mode page 05's write type,
// as cdrdao expects of real drives (it sets SAO before asking): SAO, where the host writes the
// session from its first pregap - the end of the new lead-in; TAO, the first track's index 1,
// 150 blocks later (the drive writes the pregap), which is what `cdrecord -msinfo` reports.
void VirtualDrive::invisible_track_information(Ctx& c) {
  const RecordableMedia& m = *recordable_;
  const bool open = m.tao() && m.tao_track_open();
  // After closed sessions, the next session's first track starts after its pregap.
  const auto next_track =
      static_cast<uint32_t>(m.sessions() ? m.recorded().sessions.back().tracks.back().number + 1 : 1);
  const auto number = static_cast<uint32_t>(m.tao() ? m.tao_tracks() + (open ? 0 : 1) : next_track);
  const bool sao = (mode_page(0x05)[2] & 0x0F) == 2;
  const Lba start = m.tao()               ? m.tao_start()
                    : m.sessions() && sao ? m.program_start()
                                          : m.program_start() + kPregapSectors;
  const bool empty = m.state() == RecordableMedia::State::Blank || m.state() == RecordableMedia::State::Appendable;
  const bool blank = !open && (m.tao() || empty) && !spoiled_;
  const bool nwa_valid = open || blank;
  const Lba nwa = open ? m.next_writable() : start;
  const uint8_t type = c.at(1) & 0x03;
  const uint32_t asked = be32(c.cdb, 2);
  const auto capacity = static_cast<uint32_t>(m.capacity());
  const bool ok = (type == 0 && asked >= static_cast<uint32_t>(start) && asked < capacity) ||
                  (type == 1 && (asked == number || asked == 0xFF)) || (type == 2 && asked == 1);
  if (!ok) return c.invalid_field();
  std::vector<uint8_t> r(48, 0);
  put16(r, 0, 46);
  r[2] = static_cast<uint8_t>(number);
  r[3] = static_cast<uint8_t>(m.sessions() + 1);  // the session being (or to be) written
  r[6] = uint8_t((blank ? 0x40 : 0x00) | 0x0F);   // Blank; data mode Fh (no data block type yet)
  r[7] = nwa_valid ? 0x01 : 0x00;                 // NWA_V
  put32(r, 8, static_cast<uint32_t>(start));
  put32(r, 12, nwa_valid ? static_cast<uint32_t>(nwa) : 0);
  put32(r, 16, capacity - static_cast<uint32_t>(nwa));    // free blocks
  put32(r, 24, capacity - static_cast<uint32_t>(start));  // track size
  c.respond(r, be16(c.cdb, 7));
}

void VirtualDrive::disc_information(Ctx& c) {
  if (!need_media(c)) return;
  if ((c.at(1) & 0x07) != 0) return c.invalid_field();  // only standard disc information
  std::vector<uint8_t> r(34, 0);
  put16(r, 0, 32);
  const uint8_t erasable = recordable_ && recordable_->kind() == RecordableMedia::Kind::CdRw ? 0x10 : 0;
  if (recordable_ && recordable_->state() != RecordableMedia::State::Complete) {
    // Blank; written and not finalised; or appendable (closed sessions and an empty one after).
    const RecordableMedia& m = *recordable_;
    const bool blank = m.state() == RecordableMedia::State::Blank && !spoiled_;
    const bool appendable = m.state() == RecordableMedia::State::Appendable && !spoiled_;
    // Disc status 00 empty / 01 incomplete; last session state 00 empty / 01 incomplete.
    r[2] = uint8_t(erasable | (blank ? 0x00 : appendable ? 0x01 : 0x05));
    const auto next_track = uint8_t(m.sessions() ? m.recorded().sessions.back().tracks.back().number + 1 : 1);
    r[3] = 1;
    r[4] = static_cast<uint8_t>(m.sessions() + 1);
    r[5] = r[6] = next_track;
    r[7] = 0x20;
    if (m.sessions()) r[8] = static_cast<uint8_t>(m.recorded().sessions.front().type);
    const auto atip = m.atip();
    if (m.sessions()) {  // the next session's lead-in
      const auto f = static_cast<uint32_t>(m.next_leadin() + kPregapSectors);
      r[17] = uint8_t(f / 4500);
      r[18] = uint8_t(f / 75 % 60);
      r[19] = uint8_t(f % 75);
    } else {
      std::copy_n(atip.begin() + 8, 3, r.begin() + 17);  // lead-in start MSF
    }
    std::copy_n(atip.begin() + 12, 3, r.begin() + 21);  // last possible lead-out start MSF
    return c.respond(r, be16(c.cdb, 7));
  }
  const Disc& d = media_->disc();
  r[2] = uint8_t(0x0E | erasable);  // last session complete, disc complete
  r[3] = d.first_track();
  const auto sessions = static_cast<uint32_t>(d.sessions.size());
  const Session& last = d.sessions.back();
  r[4] = uint8_t(sessions);
  r[9] = uint8_t(sessions >> 8);
  r[5] = last.tracks.front().number;
  r[6] = last.tracks.back().number;
  r[7] = 0x20;  // unrestricted use
  r[8] = static_cast<uint8_t>(last.type);
  put32(r, 16, 0xFFFFFFFF);
  put32(r, 20, 0xFFFFFFFF);
  c.respond(r, be16(c.cdb, 7));
}

void VirtualDrive::track_information(Ctx& c) {
  if (!need_media(c)) return;
  if (recordable_ && !media_) return invisible_track_information(c);
  if (!recordable_ && !personality_.cd_track_info && media_ && media_->is_cd()) return c.invalid_field();
  const Disc& d = media_->disc();
  const bool appendable = recordable_ && recordable_->state() != RecordableMedia::State::Complete;
  const uint8_t type = c.at(1) & 0x03;
  const uint32_t number = be32(c.cdb, 2);
  const Track* track = nullptr;
  if (type == 0) {  // LBA: the track holding it
    const Position pos = d.locate(static_cast<Lba>(number));
    if (pos.area == Position::Area::Program) track = d.find_track(pos.track);
  } else if (type == 1) {
    track = number <= 99 ? d.find_track(static_cast<uint8_t>(number)) : nullptr;
  } else if (type == 2) {
    for (const auto& s : d.sessions)
      if (s.number == number) track = &s.tracks.front();
  }
  if (!track && appendable) return invisible_track_information(c);  // the next session's track
  if (!track) return c.invalid_field();
  const Session* session = d.session_of(track->number);
  // Size runs to the next track's index 1 (or the session's lead-out), as drives report it.
  Lba end = session->leadout;
  for (const auto& t : session->tracks)
    if (t.number == track->number + 1) end = t.start();
  std::vector<uint8_t> r(48, 0);
  put16(r, 0, 46);
  r[2] = track->number;
  r[3] = session->number;
  r[5] = track->control.bits & 0x0F;
  r[6] = data_mode(track->mode);
  put32(r, 8, static_cast<uint32_t>(track->start()));
  put32(r, 24, static_cast<uint32_t>(end - track->start()));
  put32(r, 28, static_cast<uint32_t>(end - 1));
  r[7] = 0x02;  // last recorded address valid
  c.respond(r, be16(c.cdb, 7));
}

void VirtualDrive::read_subchannel(Ctx& c) {
  if (!need_media(c) || blank_answer(c)) return;
  const Disc& d = media_->disc();
  const bool msf = c.at(1) & 0x02;
  const bool subq = c.at(2) & 0x40;
  const uint8_t format = c.at(3);
  const size_t alloc = be16(c.cdb, 7);
  std::vector<uint8_t> r(4, 0);
  r[1] = 0x15;  // audio status: none
  if (subq) {
    switch (format) {
      case 1: {
        r.resize(16, 0);
        r[4] = 0x01;
        const Position pos = d.locate(head_);
        const Track* t = pos.area == Position::Area::Program ? d.find_track(pos.track) : nullptr;
        r[5] = uint8_t(0x10 | (t ? t->control.bits : 0));
        r[6] = pos.track;
        r[7] = pos.index;
        put32(r, 8, address(head_, msf));
        const Lba rel = t ? head_ - t->start() : 0;
        put32(r, 12, msf ? mmc_msf(rel - 150) : static_cast<uint32_t>(rel));
        break;
      }
      case 2: {
        r.resize(24, 0);
        r[4] = 0x02;
        if (!d.mcn.empty()) {
          r[8] = 0x80;
          std::copy(d.mcn.begin(), d.mcn.end(), r.begin() + 9);
        }
        break;
      }
      case 3: {
        const Track* t = d.find_track(c.at(6));
        if (!t) return c.invalid_field();
        r.resize(24, 0);
        r[4] = 0x03;
        r[5] = uint8_t(0x10 | t->control.bits);
        r[6] = t->number;
        if (!t->isrc.empty()) {
          r[8] = 0x80;
          std::copy(t->isrc.begin(), t->isrc.end(), r.begin() + 9);
        }
        break;
      }
      default: return c.invalid_field();
    }
  }
  put16(r, 2, static_cast<uint32_t>(r.size() - 4));
  c.respond(r, alloc);
}

// READ CAPACITY: the last LBA of the last complete session, 2048. A blank CD-R/RW (or one being
// written, before its first session is complete) has no recorded session: LBA 0, as drives answer
// it (libburn counts on 0 for a blank BD-R; cdemu answers 0 without a session) rather than failing.
void VirtualDrive::read_capacity(Ctx& c) {
  if (!need_media(c)) return;
  std::vector<uint8_t> r(8, 0);
  if (media_) put32(r, 0, static_cast<uint32_t>(media_->disc().leadout() - 1));
  put32(r, 4, 2048);
  c.respond(r, 8);
}

void VirtualDrive::disc_structure(Ctx& c) {
  if (!need_media(c) || (!dvdr_ && blank_answer(c))) return;
  const uint8_t format = c.at(7);
  const size_t alloc = be16(c.cdb, 8);
  if (!dvdr_ && media_->is_cd()) return c.fail(scsi::sense_key::kIllegalRequest, 0x30, 0x02);
  if (dvdr_ && dvdr_->bd()) return bd_disc_structure(c);
  if ((c.at(1) & 0x0F) != 0 || c.at(6) != 0) return c.invalid_field();  // media type DVD; one layer
  std::vector<uint8_t> r(4, 0);
  if (format == 0x00) {  // physical format information: DVD-ROM, 120 mm, one embossed layer
    r.resize(4 + 2048, 0);
    // Book type DVD-ROM, part version 1 (DVD-R: DVD-R, version 5; DVD+R: DVD+R, version 1;
    // DVD-RW: DVD-RW, version 2).
    // DVD+RW: DVD+RW, version 2.
    r[4] = !dvdr_ ? 0x01 : dvdr_->plus() ? 0xA1 : dvdr_->erasable() ? 0x32 : dvdr_->overwritable() ? 0x92 : 0x25;
    r[5] = 0x02;  // 120 mm, max rate 10.08 Mbit/s
    // One layer, parallel track path, embossed (DVD-R: recordable; DVD-RW, DVD+RW: rewritable).
    r[6] = !dvdr_ ? 0x01 : dvdr_->erasable() || dvdr_->overwritable() ? 0x04 : 0x02;
    // Linear density (bits 7-4) 0: 0.267 um/bit (1 would be 0.293); track density (bits 3-0) 0:
    // 0.74 um/track (ECMA-267's physical format information; MMC's READ DISC STRUCTURE format 0).
    // Single-layer DVD-ROM, DVD-R, DVD+R, DVD-RW and DVD+RW alike.
    r[7] = 0x00;
    // DVD-R: the data area ends where recording may end until the disc is finalised.
    const int64_t end = media_ ? media_->disc().leadout() : dvdr_->capacity();
    put32(r, 8, 0x030000);
    put32(r, 12, static_cast<uint32_t>(0x030000 + end - 1));
    put32(r, 16, 0);
  } else if (format == 0x0E && dvdr_ &&
             !dvdr_->plus()) {  // DVD-R pre-recorded lead-in information (ECMA-279): fields 1-5
    r.resize(4 + 40, 0);
    for (uint8_t field = 1; field <= 5; ++field) r[4 + (field - 1) * 8] = field;
    const auto last = static_cast<uint32_t>(0x030000 + dvdr_->capacity() - 1);  // last recordable address
    r[4 + 3] = uint8_t(last >> 16);
    r[4 + 4] = uint8_t(last >> 8);
    r[4 + 5] = uint8_t(last);
    const std::string id = "DWRITEVDR001";  // the media manufacturer ID, in fields 3 and 4
    std::copy_n(id.begin(), 6, r.begin() + 4 + 17);
    std::copy_n(id.begin() + 6, 6, r.begin() + 4 + 25);
  } else if (format == 0x01) {  // copyright: no protection, all regions
    r.resize(8, 0);
  } else if (format == 0xFF) {  // the structures this disc has
    r.insert(r.end(), {0x00, 0x40, 0x08, 0x04, 0x01, 0x40, 0x00, 0x08, 0xFF, 0x40, 0x00, 0x10});
  } else {
    return c.invalid_field();  // no BCA, no manufacturing data
  }
  put16(r, 0, static_cast<uint32_t>(r.size() - 2));
  c.respond(r, alloc);
}

}  // namespace dw::vdrive
