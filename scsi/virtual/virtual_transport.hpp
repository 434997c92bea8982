// The in-process transport to a virtual drive: the host's MMC code sends CDBs exactly as it
// would to /dev/sr0, and gets status, sense, residual and the drive's own clock back.
#pragma once

#include <memory>
#include <string>

#include "scsi/transport.hpp"
#include "scsi/virtual/virtual_drive.hpp"

namespace dw::vdrive {

class VirtualTransport final : public scsi::Transport {
 public:
  VirtualTransport(std::shared_ptr<VirtualDrive> drive, std::string name)
      : drive_(std::move(drive)), name_(std::move(name)) {}
  scsi::CommandResult execute(const scsi::Command& command) override;
  [[nodiscard]] std::string name() const override { return name_; }
  [[nodiscard]] size_t max_transfer() const override { return 64 * 1024; }
  [[nodiscard]] VirtualDrive& drive() { return *drive_; }

 private:
  std::shared_ptr<VirtualDrive> drive_;
  std::string name_;
};

}  // namespace dw::vdrive
