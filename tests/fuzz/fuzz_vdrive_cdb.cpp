// The virtual drive answers CDBs from other programs (discwright emulate): any CDB, any buffer
// size, any data-out bytes must give an answer without reading or writing out of bounds, and
// without an exception escaping the drive: with pressed media in every personality, and with
// each kind of blank DVD/BD (DVD-R, DVD+R, DVD-RW, DVD+RW, BD-RE, BD-R) given the CDB twice, and a
// 25 GB BD-R blank (big enough for FORMAT UNIT's spare areas) and formatted with spares (its disc
// structures), and a 25 GB BD-RE unformatted.
// Input: [direction/len byte][cdb length][cdb...][data...]
#include <cstddef>
#include <cstdint>
#include <memory>
#include <vector>

#include "disc/sector.hpp"
#include "disc/sector_source.hpp"
#include "scsi/virtual/dvd_recordable_media.hpp"
#include "scsi/virtual/pressed_media.hpp"
#include "scsi/virtual/virtual_drive.hpp"

namespace {

std::shared_ptr<dw::vdrive::PressedMedia> media() {
  using namespace dw;
  Disc d;
  Session s;
  Track t1;
  t1.number = 1;
  t1.mode = TrackMode::Mode1;
  t1.control.bits = Control::kData;
  t1.indices = {{1, 0}};
  Track t2;
  t2.number = 2;
  t2.indices = {{0, 20}, {1, 30}};
  t2.isrc = "USDW12600002";
  s.tracks = {t1, t2};
  s.leadout = 40;
  s.a0_control = t1.control;
  d.sessions = {s};
  d.mcn = "0123456789012";
  std::vector<uint8_t> main(40 * 2352, 0x55);
  std::vector<uint8_t> user(2048, 0x11);
  for (Lba l = 0; l < 20; ++l)
    encode_sector(SectorKind::Mode1, l, user, std::span<uint8_t, 2352>(main.data() + l * 2352, 2352));
  return std::make_shared<vdrive::PressedMedia>(std::make_shared<MemorySectorSource>(d, 0, main));
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  static const auto disc = media();
  if (size < 2) return 0;
  const bool out = data[0] & 0x80;
  const size_t buffer = size_t(data[0] & 0x7F) * 97;  // up to ~12 KiB
  const size_t cdb_len = std::min<size_t>(data[1] % 17, size - 2);
  std::vector<uint8_t> cdb(data + 2, data + 2 + cdb_len);
  std::vector<uint8_t> buf(buffer);
  const size_t rest = size - 2 - cdb_len;
  std::copy_n(data + 2 + cdb_len, std::min(rest, buf.size()), buf.begin());
  for (const char* name : {"generic", "plextor", "asus", "lg", "cheap"}) {
    dw::vdrive::VirtualDrive drive(*dw::vdrive::find_personality(name), dw::vdrive::TimingMode::Instant);
    drive.insert(disc);
    (void)drive.execute(cdb, buf, out);
    auto r = drive.execute(cdb, buf, out);
    if (r.transferred > buf.size()) __builtin_trap();
  }
  using Kind = dw::vdrive::DvdRecordableMedia::Kind;
  for (const Kind kind : {Kind::DashR, Kind::PlusR, Kind::DashRw, Kind::PlusRw, Kind::BdRe, Kind::BdR}) {
    dw::vdrive::VirtualDrive drive(*dw::vdrive::find_personality("generic"), dw::vdrive::TimingMode::Instant);
    drive.insert_blank_dvd(std::make_shared<dw::vdrive::DvdRecordableMedia>(100, kind));
    (void)drive.execute(cdb, buf, out);
    auto r = drive.execute(cdb, buf, out);
    if (r.transferred > buf.size()) __builtin_trap();
  }
  using Media = dw::vdrive::DvdRecordableMedia;
  for (int variant = 0; variant < 3; ++variant) {  // BD-R blank, BD-R formatted, BD-RE unformatted
    dw::vdrive::VirtualDrive drive(*dw::vdrive::find_personality("generic"), dw::vdrive::TimingMode::Instant);
    auto bd = std::make_shared<Media>(Media::kDefaultBdCapacity, variant == 2 ? Kind::BdRe : Kind::BdR);
    if (variant == 1) bd->format_bd_r(Media::kBdRFewestSpares, false);
    if (variant == 2) bd->unformat_bd_re();
    drive.insert_blank_dvd(bd);
    (void)drive.execute(cdb, buf, out);
    auto r = drive.execute(cdb, buf, out);
    if (r.transferred > buf.size()) __builtin_trap();
  }
  return 0;
}
