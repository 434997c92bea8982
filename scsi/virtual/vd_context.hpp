// What the virtual drive's command handlers share: the command being executed, and how to
// answer it (data, or CHECK CONDITION with sense). Private to scsi/virtual.
#pragma once

#include <algorithm>
#include <cstdint>
#include <cstring>
#include <span>
#include <vector>

#include "scsi/sense.hpp"
#include "scsi/virtual/virtual_drive.hpp"

namespace dw::vdrive {

inline uint16_t be16(std::span<const uint8_t> b, size_t at) { return uint16_t((b[at] << 8) | b[at + 1]); }
inline uint32_t be24(std::span<const uint8_t> b, size_t at) {
  return (uint32_t(b[at]) << 16) | (uint32_t(b[at + 1]) << 8) | b[at + 2];
}
inline uint32_t be32(std::span<const uint8_t> b, size_t at) {
  return (uint32_t(b[at]) << 24) | (uint32_t(b[at + 1]) << 16) | (uint32_t(b[at + 2]) << 8) | b[at + 3];
}
inline void put16(std::vector<uint8_t>& b, size_t at, uint32_t v) {
  b[at] = uint8_t(v >> 8);
  b[at + 1] = uint8_t(v);
}
inline void put32(std::vector<uint8_t>& b, size_t at, uint32_t v) {
  b[at] = uint8_t(v >> 24);
  b[at + 1] = uint8_t(v >> 16);
  b[at + 2] = uint8_t(v >> 8);
  b[at + 3] = uint8_t(v);
}
/// MSF of an LBA as MMC's address fields hold it: 0, M, S, F (binary).
inline uint32_t mmc_msf(Lba lba) {
  const int64_t f = int64_t{lba} + 150;
  const int64_t v = f < 0 ? f + 450000 : f;  // negative LBAs: lead-in MSF 9x:xx:xx
  return uint32_t((v / 4500) << 16 | ((v / 75) % 60) << 8 | (v % 75));
}

struct VirtualDrive::Ctx {
  std::span<const uint8_t> cdb;
  std::span<uint8_t> data;
  bool data_out = false;
  Reply reply;

  [[nodiscard]] bool failed() const { return reply.status != 0; }
  void fail(uint8_t key, uint8_t asc, uint8_t ascq) {
    reply.status = 2;
    reply.sense = scsi::build_fixed_sense(key, asc, ascq);
    reply.transferred = 0;
  }
  void invalid_field() { fail(scsi::sense_key::kIllegalRequest, 0x24, 0x00); }
  /// 03/11/05 (L-EC UNCORRECTABLE) with VALID and INFORMATION = the first sector that failed, as
  /// drives report a read error (reference/mmc.md "Sense data").
  void read_error_at(Lba lba) {
    fail(scsi::sense_key::kMediumError, 0x11, 0x05);
    reply.sense[0] |= 0x80;
    const auto info = static_cast<uint32_t>(lba);
    reply.sense[3] = uint8_t(info >> 24);
    reply.sense[4] = uint8_t(info >> 16);
    reply.sense[5] = uint8_t(info >> 8);
    reply.sense[6] = uint8_t(info);
  }
  /// Sends `bytes`, cut to the allocation length and the host's buffer.
  void respond(std::span<const uint8_t> bytes, size_t allocation) {
    const size_t n = std::min({bytes.size(), allocation, data.size()});
    if (n) std::memcpy(data.data(), bytes.data(), n);
    reply.transferred = n;
  }
  [[nodiscard]] uint8_t at(size_t i) const { return i < cdb.size() ? cdb[i] : 0; }
};

}  // namespace dw::vdrive
