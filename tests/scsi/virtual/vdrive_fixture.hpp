// A small mixed-mode disc in memory and helpers to send CDBs to a virtual drive. Expected bytes
// in the tests are computed from the image and the reference's rules (scrambler, offsets), not
// taken from the drive's answers.
#pragma once

#include <gtest/gtest.h>

#include <memory>
#include <string>
#include <vector>

#include "disc/scrambler.hpp"
#include "disc/sector.hpp"
#include "disc/sector_source.hpp"
#include "scsi/sense.hpp"
#include "scsi/virtual/pressed_media.hpp"
#include "scsi/virtual/virtual_drive.hpp"
#include "support/test_discs.hpp"

namespace dw::test {

/// Track 1 Mode 1 [0, 300), track 2 audio with index 0 at 300 and index 1 at 450, lead-out 600;
/// MCN, an ISRC on track 2, CD-Text.
inline Disc mixed_disc() {
  Disc d;
  Session s;
  s.tracks.push_back(track(1, TrackMode::Mode1, {{1, 0}}));
  s.tracks.push_back(track(2, TrackMode::Audio, {{0, 300}, {1, 450}}));
  s.tracks[1].isrc = "USDW12600002";
  s.leadout = 600;
  d.sessions = {s};
  d.mcn = "0123456789012";
  CdTextBlock b;
  b.first_track = 1;
  b.last_track = 2;
  b.text[{0x80, 0}] = "Disc";
  b.text[{0x80, 2}] = "Song";
  d.cdtext.blocks.push_back(b);
  set_point_controls(d);
  return d;
}

/// The image's sectors [0, 600): Mode 1 sectors with a counting pattern, then audio noise.
inline std::vector<uint8_t> mixed_main() {
  std::vector<uint8_t> main(600 * 2352);
  std::vector<uint8_t> user(2048);
  for (Lba l = 0; l < 600; ++l) {
    std::span<uint8_t, 2352> out(main.data() + size_t(l) * 2352, 2352);
    if (l < 300) {
      for (size_t i = 0; i < user.size(); ++i) user[i] = uint8_t(i * 3 + size_t(l));
      encode_sector(SectorKind::Mode1, l, user, out);
    } else {
      for (size_t i = 0; i < 2352; ++i) out[i] = uint8_t((i * 7 + size_t(l) * 13) ^ (i >> 3));
    }
  }
  return main;
}

inline std::shared_ptr<SectorSource> mixed_source() {
  return std::make_shared<MemorySectorSource>(mixed_disc(), 0, mixed_main());
}

/// Mastered sector at `lba` of the mixed disc as the surface holds it before scrambling:
/// the image inside [0, 600), an empty Mode 1 sector in track 1's pregap, zeros in the lead-out
/// (the last track is audio).
inline std::array<uint8_t, 2352> mastered(const std::vector<uint8_t>& main, Lba lba) {
  std::array<uint8_t, 2352> s{};
  if (lba >= 0 && lba < 600) {
    std::copy_n(main.begin() + lba * 2352, 2352, s.begin());
  } else if (lba < 0) {
    std::vector<uint8_t> zeros(2048);
    encode_sector(SectorKind::Mode1, lba, zeros, s);
  }
  return s;
}

/// What an audio-type read of `lba` returns from a drive with `read_offset` (samples): the
/// surface stream (data sectors scrambled) starting read_offset samples early.
inline std::vector<uint8_t> expected_audio(const std::vector<uint8_t>& main, Lba lba, int read_offset) {
  std::vector<uint8_t> out(2352);
  for (int64_t k = 0; k < 2352; ++k) {
    const int64_t b = int64_t(lba) * 2352 - int64_t(read_offset) * 4 + k;
    const auto l = static_cast<Lba>(b >= 0 ? b / 2352 : -((-b + 2351) / 2352));
    const auto off = static_cast<size_t>(b - int64_t(l) * 2352);
    const auto s = mastered(main, l);
    const bool data = l < 300;
    out[size_t(k)] = uint8_t(s[off] ^ (data ? scramble_table()[off] : 0));
  }
  return out;
}

struct Answer {
  vdrive::Reply reply;
  std::vector<uint8_t> data;
  [[nodiscard]] scsi::Sense sense() const { return scsi::parse_sense(reply.sense); }
  [[nodiscard]] std::string code() const { return reply.status ? scsi::code_string(sense()) : "GOOD"; }
};

/// "GOOD", or the sense as KEY/ASC/ASCQ.
inline std::string code(const vdrive::Reply& r) {
  return r.status ? scsi::code_string(scsi::parse_sense(r.sense)) : "GOOD";
}

inline Answer send(vdrive::VirtualDrive& drive, std::vector<uint8_t> cdb, size_t alloc) {
  Answer a;
  a.data.resize(alloc);
  a.reply = drive.execute(cdb, a.data, false);
  a.data.resize(a.reply.transferred);
  return a;
}

/// Polls TEST UNIT READY while the drive answers 02/04/07 (an IMMED operation in progress), as
/// a host does after BLANK or SYNCHRONIZE CACHE with IMMED; returns how many polls found it so.
inline int poll_while_in_progress(vdrive::VirtualDrive& drive) {
  int polls = 0;
  while (polls < 100 && send(drive, {0, 0, 0, 0, 0, 0}, 0).code() == "02/04/07") ++polls;
  return polls;
}

/// READ CD: expected type, LBA, count, byte 9, byte 10.
inline std::vector<uint8_t> read_cd_cdb(uint8_t type, Lba lba, uint32_t count, uint8_t b9, uint8_t b10) {
  const auto u = static_cast<uint32_t>(lba);
  return {0xBE,
          uint8_t(type << 2),
          uint8_t(u >> 24),
          uint8_t(u >> 16),
          uint8_t(u >> 8),
          uint8_t(u),
          uint8_t(count >> 16),
          uint8_t(count >> 8),
          uint8_t(count),
          b9,
          b10,
          0};
}

/// A drive with the mixed disc inserted and its first unit attention consumed.
inline std::unique_ptr<vdrive::VirtualDrive> ready_drive(const char* personality = "generic",
                                                         vdrive::FaultPlan faults = {},
                                                         vdrive::TimingMode timing = vdrive::TimingMode::Instant) {
  auto d = std::make_unique<vdrive::VirtualDrive>(*vdrive::find_personality(personality), timing, std::move(faults));
  d->insert(std::make_shared<vdrive::PressedMedia>(mixed_source()));
  send(*d, {0, 0, 0, 0, 0, 0}, 0);  // TEST UNIT READY: 06/28/00 once
  return d;
}

}  // namespace dw::test
