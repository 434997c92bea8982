// dw-drive-time IMAGE PERSONALITY PATTERN: the virtual drive time (realistic timing model) that
// a read pattern takes over the whole program area of IMAGE, for comparing rips with reference
// strategies on the same model (tests/bench/rip.sh):
//   sequential  every sector once, 26-sector READ CDs with C2 and raw P-W (one pass: the floor)
//   eac         EAC-style secure mode: each 26-sector block read, the cache defeated by a far
//               read, the block read again and compared (every sector read twice)
//   paranoia    cdparanoia-style overlapping reads: 26-sector blocks advancing by 13 (every
//               sector read twice), the cache defeated before each block as paranoia does
// Prints "<pattern> <seconds of drive time> <sectors>".
#include <cstdio>
#include <memory>
#include <string>
#include <vector>

#include "formats/image.hpp"
#include "scsi/drive.hpp"
#include "scsi/virtual/personality.hpp"
#include "scsi/virtual/pressed_media.hpp"
#include "scsi/virtual/virtual_drive.hpp"
#include "scsi/virtual/virtual_transport.hpp"

int main(int argc, char** argv) {
  if (argc != 4) {
    std::fprintf(stderr, "usage: dw-drive-time IMAGE PERSONALITY sequential|eac|paranoia\n");
    return 2;
  }
  const std::string pattern = argv[3];
  dw::Image image = dw::open_image(argv[1]);
  const dw::Lba end = image.disc().leadout();
  const auto* personality = dw::vdrive::find_personality(argv[2]);
  if (!personality) {
    std::fprintf(stderr, "unknown personality %s\n", argv[2]);
    return 2;
  }
  auto drive = std::make_shared<dw::vdrive::VirtualDrive>(*personality, dw::vdrive::TimingMode::Realistic);
  drive->insert(std::make_shared<dw::vdrive::PressedMedia>(std::shared_ptr<dw::SectorSource>(std::move(image.source))));
  dw::vdrive::VirtualTransport transport(drive, "virtual:bench");
  dw::scsi::Drive host(transport);
  if (!host.probe().ok() || !host.wait_ready().ok()) return 4;
  constexpr uint32_t kBlock = 26;
  std::vector<uint8_t> main(kBlock * 2352), c2(kBlock * 294), sub(kBlock * 96);
  const dw::scsi::ReadCdRequest req{
      dw::scsi::SectorType::CdDa, dw::scsi::ReadCdSelection::raw(dw::scsi::C2Mode::C2, dw::scsi::SubchannelMode::Raw)};
  const auto read = [&](dw::Lba lba, uint32_t n) { host.read_cd(lba, n, req, main, c2, sub); };
  // Cache defeat as the ripper does it: one sector 2,000 sectors away, past any drive's cache.
  const auto far = [&](dw::Lba lba) { return lba + 2000 < end ? lba + 2000 : lba - 2000; };
  const uint64_t start = drive->clock().now_us();
  const dw::Lba step = pattern == "paranoia" ? kBlock / 2 : kBlock;
  for (dw::Lba lba = 0; lba < end; lba += step) {
    const auto n = static_cast<uint32_t>(std::min<dw::Lba>(kBlock, end - lba));
    if (pattern == "sequential") {
      read(lba, n);
    } else if (pattern == "eac") {
      read(lba, n);
      read(far(lba), 1);
      read(lba, n);
    } else if (pattern == "paranoia") {
      read(far(lba), 1);
      read(lba, n);
    } else {
      std::fprintf(stderr, "unknown pattern %s\n", pattern.c_str());
      return 2;
    }
  }
  std::printf("%s %.1f %d\n", pattern.c_str(), static_cast<double>(drive->clock().now_us() - start) / 1e6, end);
  return 0;
}
