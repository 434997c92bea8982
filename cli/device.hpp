// Opening a device by the name users know it by: /dev/sr0 (SG_IO), or a virtual drive
// (`virtual:IMAGE?...`, see scsi/virtual/virtual_spec.hpp) whose image is opened with the
// formats readers and loaded as pressed media.
#pragma once

#include <memory>
#include <string>
#include <vector>

#include "scsi/transport.hpp"

namespace dw::vdrive {
class VirtualDrive;
}

namespace dw::cli {

struct OpenedDevice {
  std::unique_ptr<scsi::Transport> transport;
  std::shared_ptr<vdrive::VirtualDrive> virtual_drive;  ///< set for virtual: devices (its clock)
  std::string save_path;                                ///< virtual:blank?save=PATH.ccd
  bool save_overwrite = false;                          ///< virtual:blank?...&overwrite=yes

  /// Ends the session with the device: for virtual blank media with `save=`, writes the recorded
  /// disc as a CloneCD image (full TOC, every sector, subchannel) so it can be loaded again as
  /// `virtual:PATH.ccd`; a recorded DVD, or a `save=PATH.iso`, as an ISO of the data track.
  /// Returns the files written (none when nothing was recorded).
  std::vector<std::string> close();
};

/// Throws vdrive::SpecError for a bad virtual spec, InputError for an unreadable image or fault
/// file, scsi::DeviceError when a real device cannot be opened.
OpenedDevice open_device(const std::string& name, bool exclusive = false);

}  // namespace dw::cli
