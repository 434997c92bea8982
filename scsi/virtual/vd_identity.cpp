// Identity, capabilities and state: INQUIRY, TEST UNIT READY, REQUEST SENSE, GET CONFIGURATION,
// MODE SENSE/SELECT(10), START STOP UNIT, PREVENT ALLOW, GET EVENT STATUS NOTIFICATION,
// SET CD SPEED, GET PERFORMANCE, READ BUFFER CAPACITY. Layouts: reference/mmc.md and MMC-6.
#include <algorithm>
#include <chrono>
#include <cmath>

#include "scsi/virtual/vd_context.hpp"

namespace dw::vdrive {

namespace {

void put_text(std::vector<uint8_t>& b, size_t at, size_t width, const std::string& s) {
  for (size_t i = 0; i < width; ++i) b[at + i] = i < s.size() ? static_cast<uint8_t>(s[i]) : ' ';
}

uint16_t kbps(double x) { return static_cast<uint16_t>(std::lround(std::min(x * 176.4, 65535.0))); }

void add_feature(std::vector<uint8_t>& out, uint16_t code, uint8_t version, bool current,
                 std::initializer_list<uint8_t> body) {
  out.push_back(uint8_t(code >> 8));
  out.push_back(uint8_t(code));
  out.push_back(uint8_t(version << 2 | (code <= 0x0001 ? 0x02 : 0) | (current ? 1 : 0)));
  out.push_back(static_cast<uint8_t>(body.size()));
  out.insert(out.end(), body);
}

}  // namespace

void VirtualDrive::inquiry(Ctx& c) {
  const size_t alloc = be16(c.cdb, 3);
  if (c.at(1) & 0x01) {  // vital product data
    std::vector<uint8_t> r;
    switch (c.at(2)) {
      case 0x00: r = {0x05, 0x00, 0x00, 0x02, 0x00, 0x80}; break;
      case 0x80: {
        r = {0x05, 0x80, 0x00, static_cast<uint8_t>(personality_.serial.size())};
        r.insert(r.end(), personality_.serial.begin(), personality_.serial.end());
        break;
      }
      default: return c.invalid_field();
    }
    return c.respond(r, alloc);
  }
  if (c.at(2) != 0) return c.invalid_field();  // a page code without EVPD
  std::vector<uint8_t> r(96, 0);
  r[0] = 0x05;  // CD/DVD device
  r[1] = 0x80;  // removable
  r[2] = 0x05;  // SPC-3
  r[3] = 0x12;  // HiSup, response data format 2
  r[4] = 96 - 5;
  put_text(r, 8, 8, personality_.vendor);
  put_text(r, 16, 16, personality_.product);
  put_text(r, 32, 4, personality_.revision);
  c.respond(r, alloc);
}

void VirtualDrive::test_unit_ready(Ctx& c) { need_media(c); }

// REQUEST SENSE (SPC-4 6.39): a pending unit attention is reported (and so cleared) here as by
// any other command; else the sense of the command before, which the next command replaces (a
// GOOD one leaves NO SENSE, 00/00/00): the sense of a CHECK CONDITION is read once.
void VirtualDrive::request_sense(Ctx& c) {
  std::vector<uint8_t> s;
  if (unit_attention_) {
    unit_attention_ = false;
    s = scsi::build_fixed_sense(scsi::sense_key::kUnitAttention, 0x28, 0x00);
  } else {
    s = last_sense_.empty() ? scsi::build_fixed_sense(0, 0, 0) : last_sense_;
  }
  last_sense_.clear();
  c.respond(s, c.at(4));
}

void VirtualDrive::get_configuration(Ctx& c) {
  const uint8_t rt = c.at(1) & 0x03;
  const uint16_t start = be16(c.cdb, 2);
  const size_t alloc = be16(c.cdb, 7);
  if (rt == 3) return c.invalid_field();
  const bool recorder = personality_.max_write_speed > 0;
  const bool cd = (media_ && media_->is_cd()) || recordable_;
  const bool bd = dvdr_ && dvdr_->bd();
  const bool dvd = ((media_ && !media_->is_cd()) || dvdr_) && !bd;
  uint16_t current = !media_ ? 0x0000 : cd ? 0x0008 : 0x0010;
  if (recordable_) current = recordable_->kind() == RecordableMedia::Kind::CdRw ? 0x000A : 0x0009;
  if (dvdr_) current = dvdr_->profile();  // DVD-R Sequential Recording or DVD+R, written or not
  // The personalities model CD recorders; DVD-R (DVD+R) media makes the recorder a DVD-R (DVD+R)
  // one too.
  const bool dvd_writer = recorder && dvdr_;
  const bool plus_rw = dvd_writer && dvdr_->overwritable();
  const bool dvd_writable = dvd_writer && !plus_rw && dvdr_->state() != DvdRecordableMedia::State::Complete;
  const bool dash_writable = dvd_writable && !dvdr_->closed_by_host(), plus_writable = dvd_writable && dvdr_->plus();
  // TAO and CD Mastering are current while the CD can still be written: blank, being written or
  // appendable, not once finalised (WRITE then answers 05/2C/00).
  const bool cd_writable = recorder && recordable_ && recordable_->state() != RecordableMedia::State::Complete;
  // BD Write is current on BD-RE, and on BD-R until it is finalised.
  const bool bd_writable = bd && recorder && (!dvdr_->bd_r() || dvd_writable);

  std::vector<std::pair<uint16_t, std::vector<uint8_t>>> features;
  auto feature = [&](uint16_t code, uint8_t version, bool cur, std::initializer_list<uint8_t> body) {
    std::vector<uint8_t> f;
    add_feature(f, code, version, cur, body);
    features.emplace_back(code, std::move(f));
  };
  {  // 0000 profile list, newest profile first as drives list them
    std::vector<uint8_t> f;
    std::vector<uint16_t> profiles{0x0010, 0x0008};
    if (recorder) profiles = {0x0010, 0x0009, 0x000A, 0x0008};
    if (dvd_writer && dvdr_->erasable())  // DVD-RW: both modes it can be in
      profiles.insert(profiles.begin() + 1, {uint16_t{0x0013}, uint16_t{0x0014}});
    else if (dvd_writer && bd)  // a BD writer: BD-RE, BD-R Sequential Recording, BD-ROM (MMC-5 5.3.1)
      profiles.insert(profiles.begin(), {uint16_t{0x0043}, uint16_t{0x0041}, uint16_t{0x0040}});
    else if (dvd_writer)
      profiles.insert(profiles.begin() + 1, dvdr_->profile());
    std::initializer_list<uint8_t> none{};
    add_feature(f, 0x0000, 0, true, none);
    for (uint16_t p : profiles) {
      f.push_back(uint8_t(p >> 8));
      f.push_back(uint8_t(p));
      f.push_back(p == current ? 1 : 0);
      f.push_back(0);
    }
    f[3] = static_cast<uint8_t>(f.size() - 4);
    features.emplace_back(0x0000, std::move(f));
  }
  feature(0x0001, 2, true, {0, 0, 0, 2, 0, 0, 0, 0});  // core: ATAPI
  feature(0x0002, 1, true, {0x02, 0, 0, 0});           // morphing: OCEvent
  feature(0x0003, 0, true, {0x29, 0, 0, 0});           // removable medium: tray, eject, lock
  // Random Readable: current when there is something to read (pressed media, or recorded
  // sessions); a blank disc has nothing.
  feature(0x0010, 0, media_ != nullptr,
          {0x00, 0x00, 0x08, 0x00, 0x00,
           uint8_t(bd    ? 0x20
                   : dvd ? 0x10
                         : 0x01),
           0x00, 0x00});       // blocking
  feature(0x001D, 0, cd, {});  // multi-read
  feature(0x001E, 2, cd, {uint8_t((personality_.c2 ? 0x02 : 0) | (personality_.cdtext_read ? 0x01 : 0)), 0, 0, 0});
  feature(0x001F, 0, dvd, {0, 0, 0, 0});
  if (plus_rw) {  // random writable (last LBA, 2048-byte blocks, blocking 16, PP)
    const auto last = static_cast<uint32_t>(dvdr_->capacity() - 1);
    feature(
        0x0020, 1, dvdr_->formatted(),
        {uint8_t(last >> 24), uint8_t(last >> 16), uint8_t(last >> 8), uint8_t(last), 0, 0, 0x08, 0, 0, 0x10, 0x01, 0});
  }
  if (plus_rw || (dvd_writer && dvdr_->erasable()))
    feature(0x0023, 1, true, {0, 0, 0, 0, 0, 0, 0, 0});  // formattable: no flags, RRM 0
  if (dvd_writer && dvdr_->erasable())                   // rigid restricted overwrite: Intermediate, Blank
    feature(0x002C, 1, dvdr_->restricted_overwrite(), {0x03, 0, 0, 0});
  if (dvd_writer)  // incremental streaming writable: data block type 8 (Mode 1), BUF, one link size: 16
    feature(0x0021, 1, dash_writable, {0x01, 0x00, uint8_t(personality_.bufe ? 0x01 : 0), 0x01, 0x10, 0, 0, 0});
  if (recorder) {
    const uint8_t tao = uint8_t((personality_.bufe ? 0x40 : 0) | (personality_.test_write ? 0x04 : 0) | 0x02);
    feature(0x002D, 2, cd_writable, {tao, 0, 0x00, 0x7F});
    const uint8_t mastering =
        uint8_t((personality_.bufe ? 0x40 : 0) | 0x20 | (personality_.raw_write ? 0x08 : 0) |
                (personality_.raw_write && personality_.raw_multisession ? 0x10 : 0) |
                (personality_.test_write ? 0x04 : 0) | 0x02 | (personality_.raw_write ? 0x01 : 0));
    feature(0x002E, 0, cd_writable, {mastering, 0x00, 0x0F, 0xFF});  // max cue sheet length 4095
  }
  if (plus_rw && !dvdr_->erasable())  // DVD+RW: Write; neither Quick Start nor Close Only
    feature(0x002A, 1, true, {0x01, 0, 0, 0});
  if (dvd_writer)  // DVD+R: Write (no DL)
    feature(0x002B, 0, plus_writable, {0x01, 0, 0, 0});
  if (dvd_writer)  // DVD-R/-RW write: BUF, test write; DVD-RW where DVD-RW media makes it one
    feature(0x002F, 1, dash_writable,
            {uint8_t((personality_.bufe ? 0x40 : 0) | (personality_.test_write ? 0x04 : 0) |
                     (dvdr_->erasable() ? 0x02 : 0)),
             0, 0, 0});
  // BD-R Pseudo-Overwrite (MMC-6 feature 0038h, version 0, 4 reserved bytes): a BD writer can
  // format a BD-R SRM+POW; current only on such a disc (libburn, drive.c burn_drive_get_bd_r_pow,
  // then refuses to write it: "unsuitable BD-R Pseudo Overwrite formatting").
  if (bd && recorder) feature(0x0038, 0, bd_writable && dvdr_->pseudo_overwrite(), {0, 0, 0, 0});
  if (bd) {  // BD read and BD write: class 0 version 1 (bit 1) of BD-RE, BD-R and BD-ROM / BD-RE, BD-R
    feature(0x0040, 1, true,
            {0, 0, 0, 0, 0, 0x02, 0, 0, 0, 0, 0, 0, 0, 0x02, 0, 0, 0, 0, 0, 0, 0, 0x02, 0, 0, 0, 0, 0, 0});
    feature(0x0041, 2, bd_writable, {0, 0, 0, 0, 0, 0x02, 0, 0, 0, 0, 0, 0, 0, 0x02, 0, 0, 0, 0, 0, 0});
  }
  feature(0x0107, 3, media_ != nullptr, {0x01, 0, 0, 0});  // real-time streaming: SW (set speed)

  // In ascending feature code, as MMC-5 5.2.2 wants them.
  std::stable_sort(features.begin(), features.end(), [](const auto& a, const auto& b) { return a.first < b.first; });
  std::vector<uint8_t> r(8, 0);
  r[6] = uint8_t(current >> 8);
  r[7] = uint8_t(current);
  for (auto& [code, bytes] : features) {
    if (code < start && rt != 0 && rt != 1) continue;
    if (code < start) continue;
    if (rt == 1 && !(bytes[2] & 0x01)) continue;
    if (rt == 2 && code != start) continue;
    r.insert(r.end(), bytes.begin(), bytes.end());
  }
  put32(r, 0, static_cast<uint32_t>(r.size() - 4));
  c.respond(r, alloc);
}

std::vector<uint8_t> VirtualDrive::mode_page(uint8_t page) const {
  const auto& p = personality_;
  switch (page) {
    case 0x01: return {0x01, 0x0A, 0x00, read_retries_, 0, 0, 0, 0, read_retries_, 0, 0, 0};
    case 0x0E:  // CD audio control: IMMED; port 0 plays channel 0, port 1 channel 1, ports 2-3 muted
      return {0x0E, 0x0E, 0x04, 0, 0, 0, 0, 0, 0x01, volume_[0], 0x02, volume_[1], 0x00, volume_[2], 0x00, volume_[3]};
    case 0x05: {
      if (!page05_.empty()) return page05_;
      std::vector<uint8_t> b(52, 0);
      b[0] = 0x05;
      b[1] = 0x32;
      b[2] = uint8_t((p.bufe ? 0x40 : 0) | 0x01);  // TAO until a host selects otherwise
      b[3] = 0x04;                                 // track mode: data
      b[4] = 0x08;                                 // Mode 1
      b[14] = 0x00;
      b[15] = 150;  // audio pause length
      return b;
    }
    case 0x2A: {
      const bool rec = p.max_write_speed > 0;
      const uint16_t read_max = kbps(p.max_read_speed), write_max = kbps(p.max_write_speed);
      const uint16_t read_cur = kbps(read_speed_ > 0 ? read_speed_ : p.max_read_speed);
      const uint16_t write_cur = kbps(write_speed_ > 0 ? write_speed_ : p.max_write_speed);
      std::vector<uint8_t> speeds;
      if (rec)
        for (double x : {p.max_write_speed, p.max_write_speed / 2, 4.0}) {
          const uint16_t k = kbps(x);
          speeds.insert(speeds.end(), {0, 0, uint8_t(k >> 8), uint8_t(k)});
        }
      std::vector<uint8_t> b(32 + speeds.size(), 0);
      b[0] = 0x2A;
      b[1] = static_cast<uint8_t>(b.size() - 2);
      b[2] = 0x1F;  // reads CD-R, CD-RW, method 2, DVD-ROM, DVD-R
      b[3] = uint8_t(rec ? (0x03 | (p.test_write ? 0x04 : 0) | (dvdr_ ? 0x10 : 0)) : 0);  // + DVD-R write
      b[4] = uint8_t((p.bufe && rec ? 0x80 : 0) | 0x71);  // multisession, mode 2 form 1/2, audio play
      // UPC, ISRC, C2, R-W (raw P-W, READ CD subchannel 001b), R-W de-interleaved and corrected
      // (100b), accurate stream, CD-DA commands
      b[5] = uint8_t(0x65 | (p.c2 ? 0x10 : 0) | (p.rw_corrected ? 0x08 : 0) | (p.accurate_stream ? 0x02 : 0));
      b[6] = uint8_t(0x20 | 0x08 | (locked_ ? 0x02 : 0) | 0x01);  // tray, eject, lock state, lock
      put16(b, 8, read_max);
      put16(b, 10, 0x0100);
      put16(b, 12, static_cast<uint32_t>(p.buffer_kib));
      put16(b, 14, read_cur);
      put16(b, 18, write_max);
      put16(b, 20, write_cur);
      put16(b, 28, write_cur);
      put16(b, 30, static_cast<uint32_t>(speeds.size() / 4));
      std::copy(speeds.begin(), speeds.end(), b.begin() + 32);
      return b;
    }
    default: return {};
  }
}

// The mode pages MODE SENSE asks for (both CDB sizes); false when the request was refused.
bool VirtualDrive::mode_pages(Ctx& c, uint8_t pc, uint8_t code, std::vector<uint8_t>& r) const {
  if (pc == 3) {  // saving not supported
    c.fail(scsi::sense_key::kIllegalRequest, 0x39, 0x00);
    return false;
  }
  auto add = [&](uint8_t page) {
    auto b = mode_page(page);
    if (pc == 1) {  // changeable values: what MODE SELECT accepts
      std::fill(b.begin() + 2, b.end(), uint8_t{0});
      if (page == 0x01 && b.size() > 3) b[3] = 0xFF;
      if (page == 0x0E) b[9] = b[11] = b[13] = b[15] = 0xFF;  // the volumes
      if (page == 0x05) {
        b[2] = 0x7F;
        b[3] = 0xFF;
        b[4] = 0x0F;
        b[8] = 0xFF;
      }
    }
    r.insert(r.end(), b.begin(), b.end());
  };
  if (code == 0x3F) {
    for (uint8_t p : {uint8_t{0x01}, uint8_t{0x05}, uint8_t{0x0E}, uint8_t{0x2A}})
      if (p != 0x05 || personality_.max_write_speed > 0) add(p);
  } else if (code == 0x01 || code == 0x0E || code == 0x2A || (code == 0x05 && personality_.max_write_speed > 0)) {
    add(code);
  } else {
    c.invalid_field();
    return false;
  }
  return true;
}

void VirtualDrive::mode_sense(Ctx& c) {
  std::vector<uint8_t> r(8, 0);
  if (!mode_pages(c, c.at(2) >> 6, c.at(2) & 0x3F, r)) return;
  put16(r, 0, static_cast<uint32_t>(r.size() - 2));
  c.respond(r, be16(c.cdb, 7));
}

// MODE SENSE(6): the same pages behind a 4-byte header (SPC), as older programs (cdparanoia,
// wodim) ask for them.
void VirtualDrive::mode_sense6(Ctx& c) {
  std::vector<uint8_t> r(4, 0);
  if (!mode_pages(c, c.at(2) >> 6, c.at(2) & 0x3F, r)) return;
  if (r.size() > 256) return c.invalid_field();
  r[0] = static_cast<uint8_t>(r.size() - 1);
  c.respond(r, c.at(4));
}

void VirtualDrive::mode_select(Ctx& c) {
  const size_t len = be16(c.cdb, 7);
  if (!(c.at(1) & 0x10)) return c.invalid_field();  // PF must be set for MMC pages
  if (len > c.data.size() || len < 8 + 2) return c.fail(scsi::sense_key::kIllegalRequest, 0x1A, 0x00);
  std::span<const uint8_t> d = c.data.first(len);
  select_pages(c, d, 8 + be16(d, 6));
}

// MODE SELECT(6): a 4-byte header, an optional block descriptor, pages. A block descriptor alone
// (programs setting the logical block length) is accepted for 2048-byte blocks, the only length
// READ(10) delivers here; others are refused as an invalid field in the parameter list.
void VirtualDrive::mode_select6(Ctx& c) {
  const size_t len = c.at(4);
  if (len > c.data.size() || len < 4) return c.fail(scsi::sense_key::kIllegalRequest, 0x1A, 0x00);
  std::span<const uint8_t> d = c.data.first(len);
  const size_t bd = d[3];
  if (4 + bd > len || (bd != 0 && bd != 8)) return c.fail(scsi::sense_key::kIllegalRequest, 0x26, 0x00);
  if (bd == 8 && (d[9] << 16 | d[10] << 8 | d[11]) != 2048) return c.fail(scsi::sense_key::kIllegalRequest, 0x26, 0x00);
  if (4 + bd == len) {
    c.reply.transferred = len;
    return;
  }
  if (!(c.at(1) & 0x10)) return c.invalid_field();
  select_pages(c, d, 4 + bd);
}

void VirtualDrive::select_pages(Ctx& c, std::span<const uint8_t> d, size_t at) {
  const size_t len = d.size();
  const auto bad = [&] { c.fail(scsi::sense_key::kIllegalRequest, 0x26, 0x00); };
  while (at + 2 <= len) {
    const uint8_t page = d[at] & 0x3F;
    const size_t plen = d[at + 1];
    if (at + 2 + plen > len) return bad();
    auto body = d.subspan(at, plen + 2);
    if (page == 0x01) {
      if (plen < 0x0A) return bad();
      read_retries_ = body[3];
    } else if (page == 0x0E) {
      if (plen < 0x0E) return bad();
      volume_ = {body[9], body[11], body[13], body[15]};  // the channel selections are not modelled
    } else if (page == 0x05) {
      if (personality_.max_write_speed <= 0 || plen < 0x32 - 0x0A) return bad();
      const uint8_t type = body[2] & 0x0F, block = body[4];
      const bool test = body[2] & 0x10;
      // DVD-R: incremental or DAO, Mode 1 blocks. (DVD+R takes the same and ignores it.)
      if (dvdr_ && !dvd_write_parameters_ok(body)) return bad();
      if ((type == 0 && !dvdr_) || type > 3 || (type == 3 && !personality_.raw_write) ||
          (test && !personality_.test_write))
        return bad();
      const bool raw_block = block <= 3;
      // RAW takes the block types the personality has: 1 (2368, raw + P-Q), 2 and 3 (2448).
      if (type == 3 && !(block >= 1 && block <= 3 && (personality_.raw_block_types >> block & 1))) return bad();
      if (type == 3 && (body[3] >> 6) == 3 && !personality_.raw_multisession) return bad();  // no RAW MS
      if (type == 1 && !(raw_block || (block >= 8 && block <= 13))) return bad();
      if (type == 2 && !(block == 0 || block == 3 || (block >= 8 && block <= 13))) return bad();
      if ((body[2] & 0x40) && !personality_.bufe) return bad();
      page05_.assign(body.begin(), body.end());
      page05_[0] &= 0x3F;
      page05_.resize(52, 0);
      page05_[1] = 0x32;
    } else {
      return bad();
    }
    at += 2 + plen;
  }
  c.reply.transferred = len;
}

void VirtualDrive::start_stop(Ctx& c) {
  const bool loej = c.at(4) & 0x02, start = c.at(4) & 0x01;
  if (!loej) {
    spinning_ = start && media_;
    if (start && media_) clock_.spin_up();
    return;
  }
  if (start) {  // load: close the tray
    if (tray_open_) {
      tray_open_ = false;
      if (media_) {
        unit_attention_ = true;
        media_event_ = 2;
      }
    }
    return;
  }
  if (locked_) return c.fail(scsi::sense_key::kIllegalRequest, 0x53, 0x02);
  tray_open_ = true;
  spinning_ = false;
  media_event_ = 3;
  cache_begin_ = cache_end_ = 0;
}

void VirtualDrive::prevent_allow(Ctx& c) { locked_ = c.at(4) & 0x01; }

void VirtualDrive::event_status(Ctx& c) {
  if (!(c.at(1) & 0x01)) return c.invalid_field();  // only polled operation
  const size_t alloc = be16(c.cdb, 7);
  std::vector<uint8_t> r(4, 0);
  r[3] = 0x10;  // supported: media class
  if (c.at(4) & 0x10) {
    r.resize(8, 0);
    put16(r, 0, 6);
    r[2] = 0x04;  // media class
    r[4] = media_event_;
    // Any medium, pressed or recordable, blank or written, is present; a disc on an open tray is
    // not in the drive: media present 0, door open 1 (what Linux's sr_drive_status tells apart as
    // CDS_TRAY_OPEN).
    r[5] = uint8_t((has_media() && !tray_open_ ? 0x02 : 0) | (tray_open_ ? 0x01 : 0));
    media_event_ = 0;
  } else {
    put16(r, 0, 2);
    r[2] = 0x80;  // no event available
  }
  c.respond(r, alloc);
}

void VirtualDrive::set_speed(Ctx& c) {
  const uint16_t rd = be16(c.cdb, 2), wr = be16(c.cdb, 4);
  read_speed_ = rd == 0xFFFF ? 0 : std::min(personality_.max_read_speed, rd / 176.4);
  write_speed_ = wr == 0xFFFF ? 0 : std::min(personality_.max_write_speed, wr / 176.4);
}

void VirtualDrive::get_performance(Ctx& c) {
  const uint8_t type = c.at(10);
  const size_t max_desc = be16(c.cdb, 8);
  const size_t alloc = 8 + max_desc * 16;
  std::vector<uint8_t> r(8, 0);
  // The last LBA: of the readable disc, or of the blank sequential DVD/BD's user area (a blank
  // 25 GB BD-R in an HL-DT-ST WH16NS40 reports 12219391, formatted with 4096 spare clusters
  // 12088319: dvd+rw-mediainfo's speed descriptors).
  const Lba end = media_ ? media_->disc().leadout() - 1 : dvdr_ ? static_cast<Lba>(dvdr_->capacity() - 1) : 0;
  if (type == 0x00) {
    const bool write = c.at(1) & 0x04;
    const double max = write ? personality_.max_write_speed : personality_.max_read_speed;
    if (write && max <= 0) return c.invalid_field();
    r[4] = write ? 0x02 : 0x00;
    r.resize(24, 0);
    const double at_start = TimingModel::speed_at(0, max, personality_.cav);
    const double at_end = TimingModel::speed_at(end, max, personality_.cav);
    put32(r, 12, static_cast<uint32_t>(std::lround(at_start * 176.4)));
    put32(r, 16, static_cast<uint32_t>(end));
    put32(r, 20, static_cast<uint32_t>(std::lround(at_end * 176.4)));
  } else if (type == 0x03) {
    if (personality_.max_write_speed <= 0) return c.invalid_field();
    for (double x : {personality_.max_write_speed, personality_.max_write_speed / 2, 4.0}) {
      std::vector<uint8_t> d(16, 0);
      d[0] = personality_.cav ? 0x08 : 0x00;
      put32(d, 4, static_cast<uint32_t>(end));
      put32(d, 8, kbps(personality_.max_read_speed));
      put32(d, 12, kbps(x));
      r.insert(r.end(), d.begin(), d.end());
    }
  } else {
    return c.invalid_field();
  }
  put32(r, 0, static_cast<uint32_t>(r.size() - 4));
  c.respond(r, alloc);
}

// READ BUFFER CAPACITY (MMC-5 6.24): how full the write buffer is (buffered_bytes, vd_write.cpp).
// Block 0: data length 000Ah, reserved, the buffer's length and its blank (free) length in bytes.
// Block 1 (CDB byte 1 bit 0): data length 000Ah, reserved, byte 3 bit 0 Block set, 4 reserved
// bytes, the available length in blocks of the last WRITE's size.
void VirtualDrive::buffer_capacity(Ctx& c) {
  if (personality_.max_write_speed <= 0) return c.fail(scsi::sense_key::kIllegalRequest, 0x20, 0x00);
  const auto size = static_cast<uint32_t>(personality_.buffer_kib) * 1024u;
  const auto blank = static_cast<uint32_t>(size - buffered_bytes(std::chrono::steady_clock::now()));
  std::vector<uint8_t> r(12, 0);
  put16(r, 0, 10);
  if (c.at(1) & 0x01) {
    r[3] = 0x01;
    put32(r, 8, blank / write_block_bytes_);
  } else {
    put32(r, 4, size);
    put32(r, 8, blank);
  }
  c.respond(r, be16(c.cdb, 7));
}

// READ BUFFER (SPC-3 6.15): the drive's one buffer, ID 0, of the personality's buffer size. Its
// bytes are not modelled (zeros: nothing is being written). wodim reads the 4-byte header of
// mode 0 to size the buffer, then reads it 100 times to time the host link ("DMA speed").
void VirtualDrive::read_buffer(Ctx& c) {
  const uint8_t mode = c.at(1) & 0x1F, id = c.at(2);
  const uint32_t offset = be24(c.cdb, 3), alloc = be24(c.cdb, 6);
  const auto capacity = static_cast<uint32_t>(personality_.buffer_kib) * 1024u;
  if (id != 0) return c.invalid_field();
  std::vector<uint8_t> r;
  switch (mode) {
    case 0x00:  // combined header and data: reserved, buffer capacity (3 bytes), then the data
      if (offset != 0) return c.invalid_field();
      r.assign(4 + std::min<size_t>(alloc, capacity), 0);
      put32(r, 0, capacity & 0xFFFFFF);
      break;
    case 0x02:  // data, from the offset
      if (offset > capacity) return c.invalid_field();
      r.assign(std::min<size_t>(alloc, capacity - offset), 0);
      break;
    case 0x03:  // descriptor: offset boundary (2^0: any byte), buffer capacity
      r.assign(4, 0);
      put32(r, 0, capacity & 0xFFFFFF);
      break;
    default: return c.invalid_field();
  }
  c.respond(r, alloc);
}

}  // namespace dw::vdrive
