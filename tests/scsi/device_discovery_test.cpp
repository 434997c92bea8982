// Device discovery on a fake sysfs tree laid out like the kernel's (reference/emulation.md:
// /sys/class/block/srN -> device/{type,vendor,model,rev}, /sys/class/scsi_generic/sgN/device
// sharing the H:C:T:L). Block devices cannot be made here, so /dev entries are plain files.
#include "scsi/device_discovery.hpp"

#include <gtest/gtest.h>
#include <unistd.h>

#include <filesystem>
#include <fstream>
#include <string>

using namespace dw::scsi;
namespace fs = std::filesystem;

namespace {

struct FakeMachine {
  fs::path root;
  DiscoveryRoots roots;

  FakeMachine() {
    root = fs::temp_directory_path() / ("dw-discovery-" + std::to_string(::getpid()) + "-" +
                                        ::testing::UnitTest::GetInstance()->current_test_info()->name());
    fs::remove_all(root);
    roots.sys = root / "sys";
    roots.dev = root / "dev";
    roots.use_libcdio = false;
    fs::create_directories(roots.dev);
  }
  ~FakeMachine() { fs::remove_all(root); }

  static void write(const fs::path& p, const std::string& text) {
    fs::create_directories(p.parent_path());
    std::ofstream(p) << text;
  }

  // A SCSI device at `hctl` with a block node `block` (sr*) and a generic node `sg`, linked
  // the way the kernel links them (relative symlinks into /sys/devices).
  void add_scsi_device(const std::string& hctl, int type, const std::string& vendor, const std::string& model,
                       const std::string& rev, const std::string& block, const std::string& sg) {
    const auto dev = roots.sys / "devices/pci0000:00/ata1/host0/target0" / hctl;
    write(dev / "type", std::to_string(type) + "\n");
    write(dev / "vendor", vendor + "\n");
    write(dev / "model", model + "\n");
    write(dev / "rev", rev + "\n");
    if (!block.empty()) {
      fs::create_directories(dev / "block" / block);
      fs::create_directories(roots.sys / "class/block");
      fs::create_directory_symlink(fs::relative(dev / "block" / block, roots.sys / "class/block"),
                                   roots.sys / "class/block" / block);
      fs::create_directory_symlink("../..", dev / "block" / block / "device");
      write(roots.dev / block, "");
    }
    if (!sg.empty()) {
      fs::create_directories(dev / "scsi_generic" / sg);
      fs::create_directories(roots.sys / "class/scsi_generic");
      fs::create_directory_symlink(fs::relative(dev / "scsi_generic" / sg, roots.sys / "class/scsi_generic"),
                                   roots.sys / "class/scsi_generic" / sg);
      fs::create_directory_symlink("../..", dev / "scsi_generic" / sg / "device");
      write(roots.dev / sg, "");
    }
  }
};

}  // namespace

TEST(DeviceDiscovery, FindsOpticalDrivesInFakeSysfs) {
  FakeMachine m;
  // INQUIRY strings are space padded in sysfs.
  m.add_scsi_device("0:0:0:0", 0, "ATA     ", "Samsung SSD 850 ", "1B6Q", "", "sg0");  // a disk: no sr
  m.add_scsi_device("1:0:0:0", 5, "PLEXTOR ", "DVDR   PX-716A  ", "1.11", "sr0", "sg1");
  m.add_scsi_device("2:0:0:0", 5, "HL-DT-ST", "BD-RE BH16NS55  ", "1.02", "sr1", "sg2");
  m.add_scsi_device("3:0:0:0", 4, "OLD     ", "WORM            ", "0001", "sr2", "sg3");  // not type 5

  const auto drives = discover_drives(m.roots);
  ASSERT_EQ(drives.size(), 2u);
  EXPECT_EQ(drives[0].path, (m.roots.dev / "sr0").string());
  EXPECT_EQ(drives[0].sg_path, (m.roots.dev / "sg1").string());
  EXPECT_EQ(drives[0].vendor, "PLEXTOR");
  EXPECT_EQ(drives[0].model, "DVDR   PX-716A");
  EXPECT_EQ(drives[0].revision, "1.11");
  EXPECT_EQ(drives[0].hctl, "1:0:0:0");
  EXPECT_TRUE(drives[0].from_sysfs);
  EXPECT_FALSE(drives[0].from_libcdio);

  EXPECT_EQ(drives[1].path, (m.roots.dev / "sr1").string());
  EXPECT_EQ(drives[1].sg_path, (m.roots.dev / "sg2").string());
  EXPECT_EQ(drives[1].vendor, "HL-DT-ST");
  EXPECT_EQ(drives[1].model, "BD-RE BH16NS55");
  EXPECT_EQ(drives[1].hctl, "2:0:0:0");
}

TEST(DeviceDiscovery, DriveWithoutSgModule) {
  FakeMachine m;
  m.add_scsi_device("1:0:0:0", 5, "ASUS    ", "BW-16D1HT       ", "3.02", "sr0", "");
  const auto drives = discover_sysfs_drives(m.roots);
  ASSERT_EQ(drives.size(), 1u);
  EXPECT_TRUE(drives[0].sg_path.empty());
  EXPECT_EQ(drives[0].model, "BW-16D1HT");
}

TEST(DeviceDiscovery, EmptyOrMissingSysfs) {
  FakeMachine m;
  EXPECT_TRUE(discover_drives(m.roots).empty());
  DiscoveryRoots nowhere{.sys = m.root / "no-sys", .dev = m.root / "no-dev", .use_libcdio = false};
  EXPECT_TRUE(discover_drives(nowhere).empty());
}

TEST(DeviceDiscovery, MergeResolvesAliases) {
  FakeMachine m;
  m.add_scsi_device("1:0:0:0", 5, "PLEXTOR ", "DVDR   PX-760A  ", "1.07", "sr0", "sg0");
  fs::create_symlink("sr0", m.roots.dev / "cdrom");
  auto drives = discover_sysfs_drives(m.roots);
  const std::string cdrom = (m.roots.dev / "cdrom").string();
  const std::string sr0 = (m.roots.dev / "sr0").string();
  // libcdio names the drive by its alias and by its own name: still one drive.
  merge_device_paths(drives, {cdrom, sr0});
  ASSERT_EQ(drives.size(), 1u);
  EXPECT_TRUE(drives[0].from_sysfs);
  EXPECT_TRUE(drives[0].from_libcdio);
  EXPECT_EQ(drives[0].aliases, std::vector<std::string>{cdrom});

  // A drive only libcdio knows becomes its own entry, under its resolved name.
  m.write(m.roots.dev / "sr5", "");
  fs::create_symlink("sr5", m.roots.dev / "dvd");
  merge_device_paths(drives, {(m.roots.dev / "dvd").string()});
  ASSERT_EQ(drives.size(), 2u);
  EXPECT_EQ(drives[1].path, fs::canonical(m.roots.dev / "sr5").string());
  EXPECT_FALSE(drives[1].from_sysfs);
  EXPECT_TRUE(drives[1].from_libcdio);
  EXPECT_EQ(drives[1].aliases, std::vector<std::string>{(m.roots.dev / "dvd").string()});
}

TEST(DeviceDiscovery, RealMachineWithoutDrives) {
  // The build machines have no optical drive; the real call must then be an empty list.
  std::vector<DeviceInfo> drives;
  ASSERT_NO_THROW(drives = discover_drives());
  bool any_sr = false;
  std::error_code ec;
  for (const auto& e : fs::directory_iterator("/sys/class/block", ec))
    any_sr = any_sr || e.path().filename().string().starts_with("sr");
  if (!any_sr && !fs::exists("/dev/cdrom")) {
    EXPECT_TRUE(drives.empty());
  }
  for (const auto& d : drives) EXPECT_FALSE(d.path.empty());
}
