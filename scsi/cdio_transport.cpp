#include "scsi/cdio_transport.hpp"

#include <cdio/cdio.h>
#include <cdio/memory.h>
#include <cdio/mmc.h>
#include <fmt/format.h>

#include <algorithm>
#include <cerrno>
#include <chrono>
#include <system_error>

#include "scsi/device_error.hpp"

namespace dw::scsi {

namespace {

driver_id_t to_cdio(CdioDriver d) {
  switch (d) {
    case CdioDriver::BinCue: return DRIVER_BINCUE;
    case CdioDriver::Nrg: return DRIVER_NRG;
    case CdioDriver::Cdrdao: return DRIVER_CDRDAO;
    case CdioDriver::Device: break;
  }
  return DRIVER_DEVICE;
}

const char* driver_rc_name(int rc) {
  switch (rc) {
    case DRIVER_OP_SUCCESS: return "DRIVER_OP_SUCCESS";
    case DRIVER_OP_ERROR: return "DRIVER_OP_ERROR";
    case DRIVER_OP_UNSUPPORTED: return "DRIVER_OP_UNSUPPORTED";
    case DRIVER_OP_UNINIT: return "DRIVER_OP_UNINIT";
    case DRIVER_OP_NOT_PERMITTED: return "DRIVER_OP_NOT_PERMITTED";
    case DRIVER_OP_BAD_PARAMETER: return "DRIVER_OP_BAD_PARAMETER";
    case DRIVER_OP_BAD_POINTER: return "DRIVER_OP_BAD_POINTER";
    case DRIVER_OP_NO_DRIVER: return "DRIVER_OP_NO_DRIVER";
    case DRIVER_OP_MMC_SENSE_DATA: return "DRIVER_OP_MMC_SENSE_DATA";
    default: return "unknown libcdio return code";
  }
}

cdio_mmc_direction_t to_cdio(const Command& c) {
  if (c.data.empty()) return SCSI_MMC_DATA_NONE;
  switch (c.direction) {
    case Direction::FromDevice: return SCSI_MMC_DATA_READ;
    case Direction::ToDevice: return SCSI_MMC_DATA_WRITE;
    case Direction::None: break;
  }
  return SCSI_MMC_DATA_NONE;
}

}  // namespace

const char* to_string(CdioDriver driver) {
  switch (driver) {
    case CdioDriver::Device: return "device";
    case CdioDriver::BinCue: return "bincue";
    case CdioDriver::Nrg: return "nrg";
    case CdioDriver::Cdrdao: return "cdrdao";
  }
  return "?";
}

CommandResult decode_cdio_result(int driver_rc, std::span<const uint8_t> sense, int os_errno) {
  CommandResult r;
  if (!sense.empty()) {
    // Sense means the drive itself answered, whatever code libcdio wrapped it in.
    r.sense_bytes.assign(sense.begin(), sense.end());
    r.sense = parse_sense(r.sense_bytes);
    const bool real_error = r.sense.valid && r.sense.key != sense_key::kNoSense && r.sense.key != sense_key::kRecovered;
    if (driver_rc != DRIVER_OP_SUCCESS || real_error) {
      r.status = kStatusCheckCondition;
      return r;
    }
  }
  if (driver_rc == DRIVER_OP_SUCCESS) return r;

  std::string detail = fmt::format("libcdio {} ({})", driver_rc_name(driver_rc), driver_rc);
  switch (driver_rc) {
    case DRIVER_OP_UNSUPPORTED:
    case DRIVER_OP_NO_DRIVER:
      // Image drivers (bincue, nrg, cdrdao) have no MMC target behind them.
      r.transport = TransportError::Unsupported;
      detail += ": this libcdio driver cannot send MMC commands";
      break;
    case DRIVER_OP_BAD_PARAMETER:
    case DRIVER_OP_BAD_POINTER:
      r.transport = TransportError::Unsupported;
      detail += ": libcdio refused the command as given";
      break;
    case DRIVER_OP_UNINIT:
      r.transport = TransportError::NoDevice;
      detail += ": no device open";
      break;
    default:
      // DRIVER_OP_ERROR / NOT_PERMITTED / MMC_SENSE_DATA without sense: the OS call failed.
      if (os_errno == ETIMEDOUT) {
        r.transport = TransportError::Timeout;
      } else if (os_errno == ENODEV || os_errno == ENXIO) {
        r.transport = TransportError::NoDevice;
      } else {
        r.transport = TransportError::HostError;
      }
      if (os_errno != 0) detail += ": " + std::generic_category().message(os_errno);
      break;
  }
  r.transport_detail = std::move(detail);
  return r;
}

void CdioTransport::Closer::operator()(_CdIo* p) const { cdio_destroy(p); }

CdioTransport::CdioTransport(std::string source, CdioDriver driver) : source_(std::move(source)), driver_(driver) {
  errno = 0;
  cdio_.reset(cdio_open_am(source_.c_str(), to_cdio(driver), nullptr));
  if (!cdio_) {
    const int err = errno;
    const std::string what = fmt::format("libcdio ({} driver) cannot open it", to_string(driver));
    if (err != 0) throw DeviceError::from_errno(source_, what, err);
    throw DeviceError(source_, what);
  }
}

CdioTransport::~CdioTransport() = default;

CommandResult CdioTransport::execute(const Command& command) {
  if (command.cdb.empty() || command.cdb.size() > kCdioMaxCdbLength) {
    CommandResult r;
    r.transport = TransportError::Unsupported;
    r.transport_detail = fmt::format("CDB of {} bytes (libcdio sends 1 to {})", command.cdb.size(), kCdioMaxCdbLength);
    return r;
  }
  mmc_cdb_t cdb{};
  std::copy(command.cdb.begin(), command.cdb.end(), cdb.field);
  const auto direction = to_cdio(command);
  const unsigned buffer_size = direction == SCSI_MMC_DATA_NONE ? 0u : static_cast<unsigned>(command.data.size());
  void* buffer = direction == SCSI_MMC_DATA_NONE ? nullptr : command.data.data();
  const auto timeout =
      static_cast<unsigned>(std::clamp<std::chrono::milliseconds::rep>(command.timeout.count(), 0, 0x7FFFFFFF));

  const auto start = std::chrono::steady_clock::now();
  errno = 0;
  const int rc = mmc_run_cmd_len(cdio_.get(), timeout, &cdb, static_cast<unsigned>(command.cdb.size()), direction,
                                 buffer_size, buffer);
  const int err = errno;
  const auto elapsed = std::chrono::duration_cast<std::chrono::microseconds>(std::chrono::steady_clock::now() - start);

  std::vector<uint8_t> sense;
  if (rc != DRIVER_OP_SUCCESS) {
    cdio_mmc_request_sense_t* raw = nullptr;
    const int n = mmc_last_cmd_sense(cdio_.get(), &raw);
    if (n > 0 && raw != nullptr) {
      const auto* bytes = reinterpret_cast<const uint8_t*>(raw);
      sense.assign(bytes, bytes + n);
    }
    cdio_free(raw);
  }
  CommandResult r = decode_cdio_result(rc, sense, err);
  r.duration = elapsed;
  return r;
}

}  // namespace dw::scsi
