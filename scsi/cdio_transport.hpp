// CdioTransport: sends CDBs through libcdio's mmc_run_cmd_len, the portable transport (on Linux
// libcdio uses CDROM_SEND_PACKET, not SG_IO). libcdio's answers are return codes plus the last
// sense; they are mapped to CommandResult here. Facts: reference/mmc.md, "Transport".
#pragma once

#include <cstdint>
#include <memory>
#include <span>
#include <string>

#include "scsi/transport.hpp"

struct _CdIo;  // libcdio's CdIo_t, kept out of our headers

namespace dw::scsi {

/// Which libcdio driver opens the source.
enum class CdioDriver : uint8_t {
  Device,  ///< the OS's CD-ROM driver (a real drive)
  BinCue,  ///< .cue image (libcdio DRIVER_BINCUE)
  Nrg,     ///< Nero .nrg image (DRIVER_NRG)
  Cdrdao,  ///< cdrdao .toc image (DRIVER_CDRDAO)
};
const char* to_string(CdioDriver driver);

/// libcdio can take CDBs of at most 12 bytes (MAX_CDB_LEN in cdio/mmc.h).
inline constexpr size_t kCdioMaxCdbLength = 12;
/// libcdio does not report a limit; the Linux CD-ROM layer's packet commands take this safely.
inline constexpr size_t kCdioMaxTransfer = 64 * 1024;

/// Maps one libcdio outcome to a CommandResult. `driver_rc` is mmc_run_cmd's
/// driver_return_code_t, `sense` what mmc_last_cmd_sense gave afterwards, `os_errno` errno
/// after the call (libcdio reports an ioctl failure as DRIVER_OP_ERROR and leaves errno set).
/// Sense bytes mean the drive answered CHECK CONDITION; an unsupported operation (image drivers)
/// is TransportError::Unsupported; no device / not initialised is NoDevice; others HostError.
CommandResult decode_cdio_result(int driver_rc, std::span<const uint8_t> sense, int os_errno);

class CdioTransport : public Transport {
 public:
  /// Opens `source` with the given libcdio driver in libcdio's default access mode (read-only on
  /// Linux, so the kernel filters commands that write: burning goes through SgTransport).
  /// Throws DeviceError naming the source when libcdio cannot open it.
  explicit CdioTransport(std::string source, CdioDriver driver = CdioDriver::Device);
  ~CdioTransport() override;
  CdioTransport(const CdioTransport&) = delete;
  CdioTransport& operator=(const CdioTransport&) = delete;

  CommandResult execute(const Command& command) override;
  [[nodiscard]] std::string name() const override { return source_; }
  [[nodiscard]] size_t max_transfer() const override { return kCdioMaxTransfer; }
  [[nodiscard]] CdioDriver driver() const { return driver_; }

 private:
  struct Closer {
    void operator()(_CdIo* p) const;
  };
  std::string source_;
  CdioDriver driver_;
  std::unique_ptr<_CdIo, Closer> cdio_;
};

}  // namespace dw::scsi
