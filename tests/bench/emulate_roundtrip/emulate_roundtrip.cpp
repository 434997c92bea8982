// Per-command cost of a path to the virtual drive, for tests/bench/emulate.sh:
//   dw-emulate-roundtrip DEVICE COUNT
// DEVICE is /dev/srN (our SG_IO transport: inside `discwright emulate` that is the preload
// library and the socket) or an image (the in-process virtual transport, the same drive code
// without the emulation path). Sends COUNT TEST UNIT READY and COUNT READ CD of one 2352-byte
// sector (LBAs 0..999 in turn) and prints the mean wall time per command of each, in
// microseconds, as JSON.
#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <memory>
#include <string>
#include <vector>

#include "formats/image.hpp"
#include "scsi/sg_transport.hpp"
#include "scsi/virtual/pressed_media.hpp"
#include "scsi/virtual/virtual_drive.hpp"
#include "scsi/virtual/virtual_transport.hpp"

namespace {

double mean_us(dw::scsi::Transport& t, std::vector<uint8_t> cdb, uint32_t bytes, int count, bool vary_lba) {
  std::vector<uint8_t> buf(bytes);
  const auto start = std::chrono::steady_clock::now();
  for (int i = 0; i < count; ++i) {
    if (vary_lba) {
      const uint32_t lba = static_cast<uint32_t>(i % 1000);
      cdb[4] = static_cast<uint8_t>(lba >> 8);
      cdb[5] = static_cast<uint8_t>(lba);
    }
    dw::scsi::Command c;
    c.cdb = cdb;
    c.direction = bytes ? dw::scsi::Direction::FromDevice : dw::scsi::Direction::None;
    c.data = buf;
    const auto r = t.execute(c);
    if (!r.ok()) {
      std::fprintf(stderr, "dw-emulate-roundtrip: command failed: %s\n", r.describe().c_str());
      std::exit(1);
    }
  }
  const std::chrono::duration<double, std::micro> d = std::chrono::steady_clock::now() - start;
  return d.count() / count;
}

}  // namespace

int main(int argc, char** argv) {
  if (argc != 3) {
    std::fprintf(stderr, "usage: dw-emulate-roundtrip /dev/srN|IMAGE COUNT\n");
    return 2;
  }
  const std::string device = argv[1];
  const int count = std::atoi(argv[2]);
  std::unique_ptr<dw::scsi::Transport> transport;
  if (device.rfind("/dev/", 0) == 0) {
    transport = std::make_unique<dw::scsi::SgTransport>(device);
  } else {
    auto drive = std::make_shared<dw::vdrive::VirtualDrive>(*dw::vdrive::find_personality("generic"),
                                                            dw::vdrive::TimingMode::Instant);
    std::shared_ptr<dw::SectorSource> source(dw::open_image(device).source);
    drive->insert(std::make_shared<dw::vdrive::PressedMedia>(source));
    transport = std::make_unique<dw::vdrive::VirtualTransport>(drive, "virtual:" + device);
  }
  // Take a unit attention, as any program does first.
  std::vector<uint8_t> tur(6, 0);
  dw::scsi::Command first;
  first.cdb = tur;
  (void)transport->execute(first);
  const double tur_us = mean_us(*transport, tur, 0, count, false);
  const std::vector<uint8_t> read_cd = {0xBE, 0, 0, 0, 0, 0, 0, 0, 1, 0xF8, 0, 0};
  const double read_us = mean_us(*transport, read_cd, 2352, count, true);
  std::printf("{\"device\": \"%s\", \"commands\": %d, \"test_unit_ready_us\": %.2f, \"read_cd_2352_us\": %.2f}\n",
              device.c_str(), count, tur_us, read_us);
  return 0;
}
