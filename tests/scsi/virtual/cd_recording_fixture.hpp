// Helpers for the tests of burning onto the virtual drive's blank CD media: a blank CD-R/RW,
// MODE SELECT of page 05, SEND CUE SHEET, WRITE(10), the mixed disc's cue sheet (written out by
// hand from reference/mmc.md "Cue sheet") and its SAO burn.
#pragma once

#include <gtest/gtest.h>

#include <memory>
#include <vector>

#include "disc/cdtext.hpp"
#include "scsi/virtual/recordable_media.hpp"
#include "vdrive_fixture.hpp"

namespace dw::test {

using vdrive::RecordableMedia;

// The mixed disc: MCN, lead-in with CD-Text (DF 41), track 1 Mode 1 with its generated pregap
// (DF 14) and 2048-byte blocks (DF 10) at 00:02:00, track 2's ISRC, index 0 at 00:06:00 and
// index 1 at 00:08:00 (audio, DF 00), lead-out at 00:10:00.
inline const std::vector<uint8_t> kMixedCueSheet{
    0x02, '0',  '1',  '2',  '3',  '4',  '5',  '6',   //
    0x02, '7',  '8',  '9',  '0',  '1',  '2',  0x00,  //
    0x41, 0x00, 0x00, 0x41, 0x00, 0x00, 0x00, 0x00,  // lead-in, CD-Text in R-W
    0x41, 0x01, 0x00, 0x14, 0x00, 0x00, 0x00, 0x00,  // track 1 pregap, generated
    0x41, 0x01, 0x01, 0x10, 0x00, 0x00, 0x02, 0x00,  // track 1 index 1
    0x03, 0x02, 'U',  'S',  'D',  'W',  '1',  '2',   //
    0x03, 0x02, '6',  '0',  '0',  '0',  '0',  '2',   //
    0x01, 0x02, 0x00, 0x00, 0x00, 0x00, 0x06, 0x00,  // track 2 index 0
    0x01, 0x02, 0x01, 0x00, 0x00, 0x00, 0x08, 0x00,  // track 2 index 1
    0x01, 0xAA, 0x01, 0x00, 0x00, 0x00, 0x0A, 0x00,  // lead-out
};

inline std::vector<uint8_t> page05(uint8_t write_type, uint8_t block_type, bool test = false, bool bufe = true) {
  std::vector<uint8_t> p(8 + 52, 0);
  p[1] = 8 + 52 - 2;
  uint8_t* pg = p.data() + 8;
  pg[0] = 0x05;
  pg[1] = 0x32;
  pg[2] = uint8_t((bufe ? 0x40 : 0) | (test ? 0x10 : 0) | write_type);
  pg[4] = block_type;
  pg[15] = 150;
  return p;
}

inline vdrive::Reply out(vdrive::VirtualDrive& d, std::vector<uint8_t> cdb, std::vector<uint8_t> data) {
  return d.execute(cdb, data, true);
}

inline vdrive::Reply mode_select(vdrive::VirtualDrive& d, const std::vector<uint8_t>& page) {
  return out(d, {0x55, 0x10, 0, 0, 0, 0, 0, uint8_t(page.size() >> 8), uint8_t(page.size()), 0}, page);
}

inline vdrive::Reply cue_sheet(vdrive::VirtualDrive& d, const std::vector<uint8_t>& sheet) {
  const auto n = static_cast<uint32_t>(sheet.size());
  return out(d, {0x5D, 0, 0, 0, 0, 0, uint8_t(n >> 16), uint8_t(n >> 8), uint8_t(n), 0}, sheet);
}

inline vdrive::Reply write(vdrive::VirtualDrive& d, Lba lba, uint32_t blocks, std::vector<uint8_t> data) {
  const auto u = static_cast<uint32_t>(lba);
  return out(d,
             {0x2A, 0, uint8_t(u >> 24), uint8_t(u >> 16), uint8_t(u >> 8), uint8_t(u), 0, uint8_t(blocks >> 8),
              uint8_t(blocks), 0},
             std::move(data));
}

inline std::unique_ptr<vdrive::VirtualDrive> blank_drive(RecordableMedia::Kind kind = RecordableMedia::Kind::CdR,
                                                         int64_t capacity = RecordableMedia::kDefaultCapacity) {
  auto d = std::make_unique<vdrive::VirtualDrive>(*vdrive::find_personality("generic"), vdrive::TimingMode::Instant);
  d->insert_blank(std::make_shared<RecordableMedia>(kind, capacity));
  send(*d, {0, 0, 0, 0, 0, 0}, 0);
  return d;
}

// R-W of the lead-in: the CD-Text packs as 6-bit symbols (MSB first), 4 packs per block, cycled.
inline std::vector<uint8_t> leadin_rw(const CdText& text, uint32_t blocks) {
  const auto packs = build_cdtext_packs(text);
  std::vector<uint8_t> rw(size_t{blocks} * 96, 0);
  for (size_t p = 0; p < size_t{blocks} * 4; ++p) {
    const auto& pack = packs[p % packs.size()];
    for (size_t s = 0; s < 24; ++s)
      for (size_t bit = 0; bit < 6; ++bit) {
        const size_t pos = s * 6 + bit;
        if (pack[pos / 8] & (0x80 >> (pos % 8))) rw[p * 24 + s] |= uint8_t(0x20 >> bit);
      }
  }
  return rw;
}

// Burns the mixed disc in SAO; returns the drive.
inline std::unique_ptr<vdrive::VirtualDrive> burn_mixed(bool test = false) {
  auto d = blank_drive();
  EXPECT_EQ(code(mode_select(*d, page05(2, 0, test))), "GOOD");
  EXPECT_EQ(code(cue_sheet(*d, kMixedCueSheet)), "GOOD") << d->last_refusal();
  const Lba leadin = RecordableMedia::kDefaultLeadIn;
  const auto rw = leadin_rw(mixed_disc().cdtext, static_cast<uint32_t>(-151 - leadin + 1));
  for (Lba l = leadin; l < -150; l += 500) {
    const uint32_t n = static_cast<uint32_t>(std::min<Lba>(500, -150 - l));
    std::vector<uint8_t> chunk(rw.begin() + (l - leadin) * 96, rw.begin() + (l - leadin + Lba(n)) * 96);
    EXPECT_EQ(code(write(*d, l, n, chunk)), "GOOD") << l;
  }
  const auto main = mixed_main();
  for (Lba l = 0; l < 300; l += 20) {  // 2048-byte blocks: user data only
    std::vector<uint8_t> chunk;
    for (Lba i = l; i < l + 20; ++i)
      chunk.insert(chunk.end(), main.begin() + i * 2352 + 16, main.begin() + i * 2352 + 2064);
    EXPECT_EQ(code(write(*d, l, 20, chunk)), "GOOD") << l;
  }
  for (Lba l = 300; l < 600; l += 25) {
    std::vector<uint8_t> chunk(main.begin() + l * 2352, main.begin() + (l + 25) * 2352);
    EXPECT_EQ(code(write(*d, l, 25, chunk)), "GOOD") << l;
  }
  EXPECT_EQ(code(out(*d, {0x35, 0, 0, 0, 0, 0, 0, 0, 0, 0}, {})), "GOOD") << d->last_refusal();
  return d;
}

}  // namespace dw::test
