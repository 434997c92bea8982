// Device discovery: the optical drives of this machine, from sysfs (sr block devices of SCSI type
// 5 and their scsi_generic siblings) merged with libcdio's device list. Nothing is opened.
// Facts: reference/emulation.md, "Device identity the programs check".
#pragma once

#include <filesystem>
#include <string>
#include <vector>

namespace dw::scsi {

struct DeviceInfo {
  std::string path;                     ///< the block device, "/dev/sr0" (or what libcdio named, resolved)
  std::string sg_path;                  ///< the matching generic device, "/dev/sg1"; empty when none
  std::string vendor, model, revision;  ///< INQUIRY strings as sysfs holds them, trimmed
  std::string hctl;                     ///< SCSI address "H:C:T:L"; empty when not from sysfs
  std::vector<std::string> aliases;     ///< other names of the same drive ("/dev/cdrom")
  bool from_sysfs = false;
  bool from_libcdio = false;
};

struct DiscoveryRoots {
  std::filesystem::path sys = "/sys";
  std::filesystem::path dev = "/dev";
  /// Ask libcdio too (cdio_get_devices). Off in tests with a fake tree.
  bool use_libcdio = true;
};

/// The optical drives, ordered by path. Never throws for missing or unreadable sysfs entries: a
/// machine without drives (or without sysfs) gives an empty list.
std::vector<DeviceInfo> discover_drives(const DiscoveryRoots& roots = {});

/// Drives from sysfs alone: <sys>/class/block/sr* with device/type 5; the sg device is the
/// <sys>/class/scsi_generic/sg* entry whose device link ends in the same H:C:T:L.
std::vector<DeviceInfo> discover_sysfs_drives(const DiscoveryRoots& roots);

/// Adds device paths another source reported (libcdio) to `drives`: a path that resolves
/// (realpath) to a known drive becomes an alias of it, others become new entries.
void merge_device_paths(std::vector<DeviceInfo>& drives, const std::vector<std::string>& paths);

}  // namespace dw::scsi
