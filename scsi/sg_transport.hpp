// SgTransport: the Linux SG_IO transport for /dev/srN and /dev/sgN. The request building and the
// decoding of the kernel's answer are pure functions so they can be tested without a drive.
// Facts: reference/mmc.md, "Transport"; reference/emulation.md (device entries).
#pragma once

#include <scsi/sg.h>

#include <chrono>
#include <cstddef>
#include <cstdint>
#include <filesystem>
#include <span>
#include <string>
#include <string_view>

#include "scsi/transport.hpp"

namespace dw::scsi {

/// Linux host byte (sg_io_hdr.host_status) values; the kernel does not export them to user space.
namespace host_status {
inline constexpr uint16_t kOk = 0x00, kNoConnect = 0x01, kBusBusy = 0x02, kTimeOut = 0x03, kBadTarget = 0x04,
                          kAbort = 0x05, kParity = 0x06, kError = 0x07, kReset = 0x08, kBadIntr = 0x09,
                          kPassthrough = 0x0A, kSoftError = 0x0B, kImmRetry = 0x0C, kRequeue = 0x0D,
                          kTransportDisrupted = 0x0E, kTransportFailfast = 0x0F;
}
/// Linux driver byte (sg_io_hdr.driver_status): a code in bits 0-2 and the SENSE flag in bit 3.
namespace driver_status {
inline constexpr uint16_t kOk = 0x00, kBusy = 0x01, kSoft = 0x02, kMedia = 0x03, kError = 0x04, kInvalid = 0x05,
                          kTimeout = 0x06, kHard = 0x07, kSenseFlag = 0x08, kCodeMask = 0x07;
}

/// Sense buffer size handed to the kernel: descriptor sense can exceed the 18 fixed bytes.
inline constexpr size_t kSgSenseBufferSize = 64;
/// Transfer size when sysfs says nothing (reference/mmc.md: keep one transfer <= 64 KiB).
inline constexpr size_t kDefaultMaxTransfer = 64 * 1024;
/// Upper bound whatever sysfs says: larger reads gain nothing for a CD/DVD and cost kernel memory.
inline constexpr size_t kMaxTransferCap = 1024 * 1024;

/// Builds the SG_IO request for `command`. The header points into `command` (cdb, data) and
/// `sense`, which must outlive the ioctl. Data direction follows `command.direction`; a command
/// without data bytes is sent as SG_DXFER_NONE whatever its direction says.
sg_io_hdr prepare_sg_io(const Command& command, std::span<uint8_t> sense);

/// Turns the kernel's answer into a CommandResult: SCSI status, sense (only the sb_len_wr bytes
/// the kernel wrote, decoded with parse_sense), residual, duration (hdr.duration, ms), and a
/// TransportError for host/driver failures (time-out, device gone, adapter error).
CommandResult decode_sg_io(const sg_io_hdr& hdr, std::span<const uint8_t> sense);

/// Largest transfer for a device from the sysfs queue limits: min(max_sectors_kb,
/// max_hw_sectors_kb) KiB, capped at kMaxTransferCap; kDefaultMaxTransfer when the files are
/// missing or unreadable. `kernel_name` is "sr0" (uses <sys_root>/block/sr0/queue) or "sg1" (uses
/// the block device under <sys_root>/class/scsi_generic/sg1/device/block/, if any).
size_t read_max_transfer(const std::filesystem::path& sys_root, std::string_view kernel_name);

struct SgOpenOptions {
  bool exclusive = false;                   ///< O_EXCL: keeps automounters and other programs away (burning)
  std::filesystem::path sys_root = "/sys";  ///< where the queue limits are read
};

class SgTransport : public Transport {
 public:
  /// Opens `path` O_RDWR|O_NONBLOCK (works without a medium), falling back to O_RDONLY when
  /// read-write is refused with EACCES or EROFS (then read_only_reason() says why). Throws
  /// DeviceError naming the path when it cannot be opened, is not a block or character device,
  /// or does not answer SG_GET_VERSION_NUM (not an SCSI device).
  explicit SgTransport(std::string path, SgOpenOptions options = {});
  ~SgTransport() override;
  SgTransport(const SgTransport&) = delete;
  SgTransport& operator=(const SgTransport&) = delete;

  CommandResult execute(const Command& command) override;
  [[nodiscard]] std::string name() const override { return path_; }
  [[nodiscard]] size_t max_transfer() const override { return max_transfer_; }

  /// Empty when opened read-write; else the errno text of the refused read-write open. The kernel
  /// then filters commands (writing, mode select): those fail with a HostError naming EPERM.
  [[nodiscard]] const std::string& read_only_reason() const { return read_only_reason_; }
  /// The sg driver version the device reported (e.g. 30536).
  [[nodiscard]] int sg_version() const { return sg_version_; }

 private:
  std::string path_;
  int fd_ = -1;
  size_t max_transfer_ = kDefaultMaxTransfer;
  std::string read_only_reason_;
  int sg_version_ = 0;
};

}  // namespace dw::scsi
