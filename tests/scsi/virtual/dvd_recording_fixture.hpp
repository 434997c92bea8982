// Helpers for the tests of the virtual drive's blank DVD and BD media: a drive with a blank disc
// of 1000 blocks, WRITE(10), MODE SELECT of page 05, CLOSE TRACK SESSION, READ DISC/TRACK
// INFORMATION, and a READ TRACK INFORMATION reply laid out from MMC-5 table 6.27.3.
#pragma once

#include <memory>
#include <string>
#include <vector>

#include "scsi/virtual/dvd_recordable_media.hpp"
#include "vdrive_fixture.hpp"

namespace dw::test {

using vdrive::DvdRecordableMedia;

inline constexpr uint32_t kCapacity = 1000;  // 0x3E8 blocks

inline std::unique_ptr<vdrive::VirtualDrive> blank_dvd(
    DvdRecordableMedia::Kind kind = DvdRecordableMedia::Kind::DashR) {
  auto d = std::make_unique<vdrive::VirtualDrive>(*vdrive::find_personality("generic"), vdrive::TimingMode::Instant);
  d->insert_blank_dvd(std::make_shared<DvdRecordableMedia>(kCapacity, kind));
  send(*d, {0, 0, 0, 0, 0, 0}, 0);  // the unit attention of a new medium
  return d;
}

inline vdrive::Reply out(vdrive::VirtualDrive& d, std::vector<uint8_t> cdb, std::vector<uint8_t> data) {
  return d.execute(cdb, data, true);
}

// MODE SELECT(10) of page 05: write type, multi-session field (byte 3 bits 7-6), block type 8.
inline vdrive::Reply write_parameters(vdrive::VirtualDrive& d, uint8_t write_type, uint8_t multi = 0, bool test = false,
                                      uint8_t block_type = 8) {
  std::vector<uint8_t> p(8 + 52, 0);
  p[8] = 0x05;
  p[9] = 0x32;
  p[10] = uint8_t(0x40 | (test ? 0x10 : 0) | write_type);
  p[11] = uint8_t(multi << 6);
  p[12] = block_type;
  return out(d, {0x55, 0x10, 0, 0, 0, 0, 0, 0, uint8_t(p.size()), 0}, p);
}

inline std::vector<uint8_t> blocks_from(uint32_t first, uint32_t count) {
  std::vector<uint8_t> b(size_t{count} * 2048);
  for (size_t i = 0; i < b.size(); ++i) b[i] = uint8_t((i / 2048 + first) * 7 + i % 2048 % 251);
  return b;
}

inline vdrive::Reply write(vdrive::VirtualDrive& d, uint32_t lba, uint32_t count) {
  return out(d,
             {0x2A, 0, uint8_t(lba >> 24), uint8_t(lba >> 16), uint8_t(lba >> 8), uint8_t(lba), 0, uint8_t(count >> 8),
              uint8_t(count), 0},
             blocks_from(lba, count));
}

// CLOSE TRACK SESSION: function (1 track, 2 session, 5/6 DVD+R finalise), track number.
inline std::string close(vdrive::VirtualDrive& d, uint8_t function, uint8_t number = 0) {
  return send(d, {0x5B, 0, function, 0, 0, number, 0, 0, 0, 0}, 0).code();
}

inline std::vector<uint8_t> track_info(vdrive::VirtualDrive& d, uint8_t number) {
  return send(d, {0x52, 0x01, 0, 0, 0, number, 0, 0, 48, 0}, 48).data;
}

inline std::vector<uint8_t> disc_info(vdrive::VirtualDrive& d) {
  return send(d, {0x51, 0, 0, 0, 0, 0, 0, 0, 34, 0}, 34).data;
}

// A 48-byte READ TRACK INFORMATION reply.
inline std::vector<uint8_t> track_reply(uint8_t number, uint8_t session, uint8_t mode, uint8_t b6, uint8_t b7,
                                        uint32_t start, uint32_t nwa, uint32_t free, uint32_t size, uint32_t lra,
                                        uint32_t packet = vdrive::DvdRecordableMedia::kEccBlock) {
  std::vector<uint8_t> r(48, 0);
  auto put = [&](size_t at, uint32_t v) {
    for (int i = 0; i < 4; ++i) r[at + size_t(i)] = uint8_t(v >> (24 - 8 * i));
  };
  r[1] = 46;
  r[2] = number;
  r[3] = session;
  r[5] = mode;
  r[6] = b6;
  r[7] = b7;
  put(8, start);
  put(12, nwa);
  put(16, free);
  put(20, packet);  // fixed packet size: one ECC block (DVD), one cluster (BD)
  put(24, size);
  put(28, lra);
  return r;
}

// FORMAT UNIT (FmtData, format code 001b) with FOV and IMMED and one descriptor, as libburn sends
// it (mmc.c mmc_format_unit): blocks, the type in byte 8 bits 7-2, the subtype in bits 1-0, the
// type dependent parameter.
inline vdrive::Reply format_unit(vdrive::VirtualDrive& d, uint32_t blocks, uint8_t type, uint8_t subtype,
                                 uint32_t parameter) {
  return out(
      d, {0x04, 0x11, 0, 0, 0, 0},
      {0x00, 0x82, 0x00, 0x08, uint8_t(blocks >> 24), uint8_t(blocks >> 16), uint8_t(blocks >> 8), uint8_t(blocks),
       uint8_t(type << 2 | subtype), uint8_t(parameter >> 16), uint8_t(parameter >> 8), uint8_t(parameter)});
}

// READ FORMAT CAPACITIES with a 252-byte allocation.
inline std::vector<uint8_t> format_capacities(vdrive::VirtualDrive& d) {
  return send(d, {0x23, 0, 0, 0, 0, 0, 0, 0, 252, 0}, 252).data;
}

}  // namespace dw::test
