#include "scsi/device_discovery.hpp"

#include <cdio/cdio.h>

#include <algorithm>
#include <fstream>
#include <iterator>
#include <system_error>

namespace dw::scsi {

namespace fs = std::filesystem;

namespace {

// sysfs attribute text without the newline and the INQUIRY padding.
std::string read_attribute(const fs::path& file) {
  std::ifstream in(file);
  std::string text((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
  const auto first = text.find_first_not_of(" \t\r\n");
  if (first == std::string::npos) return {};
  const auto last = text.find_last_not_of(" \t\r\n");
  return text.substr(first, last - first + 1);
}

// The last component of where a sysfs "device" link leads: the H:C:T:L of the SCSI device.
std::string device_address(const fs::path& entry) {
  std::error_code ec;
  const auto target = fs::canonical(entry / "device", ec);
  if (!ec) return target.filename().string();
  const auto link = fs::read_symlink(entry / "device", ec);
  return ec ? std::string() : link.filename().string();
}

// Both names of one drive resolve to the same file; unresolvable paths compare as given.
std::string resolved(const std::string& path) {
  std::error_code ec;
  const auto real = fs::canonical(path, ec);
  return ec ? path : real.string();
}

}  // namespace

std::vector<DeviceInfo> discover_sysfs_drives(const DiscoveryRoots& roots) {
  std::vector<DeviceInfo> drives;
  std::error_code ec;
  for (const auto& entry : fs::directory_iterator(roots.sys / "class/block", ec)) {
    const std::string name = entry.path().filename().string();
    if (!name.starts_with("sr")) continue;
    // Type 5 is a CD/DVD device (SPC peripheral device type); sr is only ever bound to type 4/5,
    // but a worm (4) drive is no use to us.
    if (read_attribute(entry.path() / "device/type") != "5") continue;
    DeviceInfo d;
    d.path = (roots.dev / name).string();
    d.vendor = read_attribute(entry.path() / "device/vendor");
    d.model = read_attribute(entry.path() / "device/model");
    d.revision = read_attribute(entry.path() / "device/rev");
    d.hctl = device_address(entry.path());
    d.from_sysfs = true;
    drives.push_back(std::move(d));
  }
  if (drives.empty()) return drives;

  for (const auto& entry : fs::directory_iterator(roots.sys / "class/scsi_generic", ec)) {
    const std::string address = device_address(entry.path());
    if (address.empty()) continue;
    for (auto& d : drives)
      if (d.hctl == address) d.sg_path = (roots.dev / entry.path().filename()).string();
  }
  std::sort(drives.begin(), drives.end(), [](const DeviceInfo& a, const DeviceInfo& b) { return a.path < b.path; });
  return drives;
}

void merge_device_paths(std::vector<DeviceInfo>& drives, const std::vector<std::string>& paths) {
  for (const auto& path : paths) {
    const std::string real = resolved(path);
    auto same = std::find_if(drives.begin(), drives.end(), [&](const DeviceInfo& d) {
      return d.path == path || resolved(d.path) == real ||
             std::find(d.aliases.begin(), d.aliases.end(), path) != d.aliases.end();
    });
    if (same != drives.end()) {
      same->from_libcdio = true;
      if (same->path != path && std::find(same->aliases.begin(), same->aliases.end(), path) == same->aliases.end())
        same->aliases.push_back(path);
      continue;
    }
    DeviceInfo d;
    d.path = real;
    if (real != path) d.aliases.push_back(path);
    d.from_libcdio = true;
    drives.push_back(std::move(d));
  }
}

std::vector<DeviceInfo> discover_drives(const DiscoveryRoots& roots) {
  auto drives = discover_sysfs_drives(roots);
  if (roots.use_libcdio) {
    std::vector<std::string> paths;
    // NULL when libcdio finds no drive.
    if (char** list = cdio_get_devices(DRIVER_DEVICE)) {
      for (char** p = list; *p != nullptr; ++p) paths.emplace_back(*p);
      cdio_free_device_list(list);
    }
    merge_device_paths(drives, paths);
  }
  return drives;
}

}  // namespace dw::scsi
