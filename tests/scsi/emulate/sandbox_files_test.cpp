// The generated /proc and /sys files, compared with the kernel's formats (drivers/cdrom/cdrom.c
// cdrom_sysctl_info; fs/proc/devices.c; the sysfs attributes of a SCSI device).
#include <gtest/gtest.h>
#include <unistd.h>

#include <filesystem>
#include <fstream>
#include <sstream>

#include "scsi/emulate/sandbox.hpp"

namespace dw::emulate {
namespace {

namespace fs = std::filesystem;

std::string slurp(const fs::path& p) {
  std::ifstream in(p);
  std::stringstream s;
  s << in.rdbuf();
  return s.str();
}

TEST(EmulateSandbox, CdromInfoHasTheKernelsRows) {
  DriveDescription d;
  d.index = 1;
  d.speed = 40;
  d.write_cdr = true;
  const std::string s = cdrom_info(d);
  EXPECT_EQ(s.rfind("CD-ROM information, Id: cdrom.c 3.20 2003/12/17\n\n", 0), 0u);
  EXPECT_NE(s.find("\ndrive name:\t\tsr1\n"), std::string::npos);
  EXPECT_NE(s.find("\ndrive speed:\t\t40\n"), std::string::npos);
  EXPECT_NE(s.find("\nCan write CD-R:\t\t1\n"), std::string::npos);
  EXPECT_NE(s.find("\nCan write CD-RW:\t0\n"), std::string::npos);
  EXPECT_NE(s.find("\nCan read multisession:\t1\n"), std::string::npos);
  EXPECT_NE(s.find("\nCan write DVD-RAM:\t0\nCan read MRW:\t\t1\nCan write MRW:\t\t1\nCan write RAM:\t\t1\n\n"),
            std::string::npos);
}

TEST(EmulateSandbox, ProcDevicesGainsSrAndSgOnce) {
  const std::string host = "Character devices:\n  1 mem\n  4 tty\n\nBlock devices:\n  7 loop\n254 virtblk\n";
  const std::string out = proc_devices(host);
  EXPECT_EQ(out, "Character devices:\n 21 sg\n  1 mem\n  4 tty\n\nBlock devices:\n 11 sr\n  7 loop\n254 virtblk\n");
  EXPECT_EQ(proc_devices(out), out);  // already there: unchanged
}

TEST(EmulateSandbox, StagedSysfsDescribesTheDrive) {
  char pattern[] = "/tmp/dw-stage-test-XXXXXX";
  ASSERT_NE(mkdtemp(pattern), nullptr);
  const fs::path stage = pattern;
  SandboxConfig c;
  c.stage_dir = stage.string();
  c.drive.index = 0;
  c.drive.vendor = "PLEXTOR";
  c.drive.model = "DVDR   PX-760A";
  c.drive.revision = "1.07";
  c.drive.size_bytes = 1575 * 2048;
  c.drive.max_transfer_kib = 64;
  stage_files(c);
  const fs::path dev = stage / "scsi-device";
  EXPECT_EQ(slurp(dev / "type"), "5\n");
  EXPECT_EQ(slurp(dev / "vendor"), "PLEXTOR \n");
  EXPECT_EQ(slurp(dev / "model"), "DVDR   PX-760A  \n");
  EXPECT_EQ(slurp(dev / "rev"), "1.07\n");
  EXPECT_EQ(slurp(dev / "block/sr0/dev"), "11:0\n");
  EXPECT_EQ(slurp(dev / "block/sr0/size"), "6300\n");  // 1575 blocks of 2048 in 512-byte sectors
  EXPECT_EQ(slurp(dev / "block/sr0/queue/max_sectors_kb"), "64\n");
  EXPECT_EQ(slurp(dev / "scsi_generic/sg0/dev"), "21:0\n");
  EXPECT_EQ(fs::read_symlink(dev / "block/sr0/device"), "../../../0:0:0:0");
  EXPECT_NE(slurp(stage / "proc-sys-dev/cdrom/info").find("drive name:\t\tsr0"), std::string::npos);
  fs::remove_all(stage);
}

}  // namespace
}  // namespace dw::emulate
