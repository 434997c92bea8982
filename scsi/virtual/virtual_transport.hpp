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
  /// `max_transfer`: the host adapter's limit on one command's data (Linux: the queue's
  /// max_sectors_kb); 64 KiB, what every transport takes, unless the spec says `transfer=KIB`.
  VirtualTransport(std::shared_ptr<VirtualDrive> drive, std::string name, size_t max_transfer = kDefaultMaxTransfer)
      : drive_(std::move(drive)), name_(std::move(name)), max_transfer_(max_transfer) {}
  static constexpr size_t kDefaultMaxTransfer = 64 * 1024;
  scsi::CommandResult execute(const scsi::Command& command) override;
  [[nodiscard]] std::string name() const override { return name_; }
  [[nodiscard]] size_t max_transfer() const override { return max_transfer_; }
  [[nodiscard]] VirtualDrive& drive() { return *drive_; }

 private:
  std::shared_ptr<VirtualDrive> drive_;
  std::string name_;
  size_t max_transfer_;
};

}  // namespace dw::vdrive
