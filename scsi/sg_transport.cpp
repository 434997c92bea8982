#include "scsi/sg_transport.hpp"

#include <fcntl.h>
#include <fmt/format.h>
#include <sys/ioctl.h>
#include <sys/stat.h>
#include <unistd.h>

#include <algorithm>
#include <array>
#include <cerrno>
#include <climits>
#include <fstream>
#include <optional>
#include <system_error>

#include "scsi/device_error.hpp"

namespace dw::scsi {

namespace {

const char* host_status_name(uint16_t host) {
  switch (host) {
    case host_status::kNoConnect: return "DID_NO_CONNECT";
    case host_status::kBusBusy: return "DID_BUS_BUSY";
    case host_status::kTimeOut: return "DID_TIME_OUT";
    case host_status::kBadTarget: return "DID_BAD_TARGET";
    case host_status::kAbort: return "DID_ABORT";
    case host_status::kParity: return "DID_PARITY";
    case host_status::kError: return "DID_ERROR";
    case host_status::kReset: return "DID_RESET";
    case host_status::kBadIntr: return "DID_BAD_INTR";
    case host_status::kPassthrough: return "DID_PASSTHROUGH";
    case host_status::kSoftError: return "DID_SOFT_ERROR";
    case host_status::kImmRetry: return "DID_IMM_RETRY";
    case host_status::kRequeue: return "DID_REQUEUE";
    case host_status::kTransportDisrupted: return "DID_TRANSPORT_DISRUPTED";
    case host_status::kTransportFailfast: return "DID_TRANSPORT_FAILFAST";
    default: return "DID_?";
  }
}

const char* driver_code_name(uint16_t code) {
  switch (code) {
    case driver_status::kOk: return "DRIVER_OK";
    case driver_status::kBusy: return "DRIVER_BUSY";
    case driver_status::kSoft: return "DRIVER_SOFT";
    case driver_status::kMedia: return "DRIVER_MEDIA";
    case driver_status::kError: return "DRIVER_ERROR";
    case driver_status::kInvalid: return "DRIVER_INVALID";
    case driver_status::kTimeout: return "DRIVER_TIMEOUT";
    default: return "DRIVER_HARD";
  }
}

std::string status_detail(const sg_io_hdr& hdr) {
  return fmt::format("host status 0x{:02X} {}, driver status 0x{:02X} {}{}", hdr.host_status,
                     host_status_name(hdr.host_status), hdr.driver_status,
                     driver_code_name(hdr.driver_status & driver_status::kCodeMask),
                     (hdr.driver_status & driver_status::kSenseFlag) ? "|DRIVER_SENSE" : "");
}

// One small decimal file of sysfs; nullopt when missing or not a number.
std::optional<size_t> read_number(const std::filesystem::path& file) {
  std::ifstream in(file);
  size_t value = 0;
  if (!(in >> value)) return std::nullopt;
  return value;
}

}  // namespace

sg_io_hdr prepare_sg_io(const Command& command, std::span<uint8_t> sense) {
  sg_io_hdr hdr{};
  hdr.interface_id = 'S';
  // The kernel only reads the CDB; the field is non-const for historical reasons.
  hdr.cmdp = const_cast<unsigned char*>(command.cdb.data());
  hdr.cmd_len = static_cast<unsigned char>(std::min<size_t>(command.cdb.size(), UCHAR_MAX));
  hdr.sbp = sense.data();
  hdr.mx_sb_len = static_cast<unsigned char>(std::min<size_t>(sense.size(), UCHAR_MAX));
  if (command.data.empty() || command.direction == Direction::None) {
    hdr.dxfer_direction = SG_DXFER_NONE;
    hdr.dxferp = nullptr;
    hdr.dxfer_len = 0;
  } else {
    hdr.dxfer_direction = command.direction == Direction::FromDevice ? SG_DXFER_FROM_DEV : SG_DXFER_TO_DEV;
    hdr.dxferp = command.data.data();
    hdr.dxfer_len = static_cast<unsigned int>(std::min<size_t>(command.data.size(), UINT_MAX));
  }
  const auto ms = std::max<std::chrono::milliseconds::rep>(command.timeout.count(), 0);
  hdr.timeout = static_cast<unsigned int>(std::min<std::chrono::milliseconds::rep>(ms, UINT_MAX));
  // Indirect I/O (flags 0): direct I/O needs page-aligned buffers and the sg driver's allow_dio,
  // and gains nothing at optical drive speeds.
  hdr.flags = 0;
  return hdr;
}

CommandResult decode_sg_io(const sg_io_hdr& hdr, std::span<const uint8_t> sense) {
  CommandResult r;
  r.duration = std::chrono::milliseconds(hdr.duration);
  r.residual = hdr.resid > 0 ? static_cast<uint32_t>(hdr.resid) : 0;
  // Old drivers fill only masked_status (status >> 1).
  r.status = hdr.status != 0 ? hdr.status : static_cast<uint8_t>(hdr.masked_status << 1);

  const size_t sense_len = std::min<size_t>({hdr.sb_len_wr, hdr.mx_sb_len, sense.size()});
  if (sense_len > 0) {
    r.sense_bytes.assign(sense.begin(), sense.begin() + static_cast<std::ptrdiff_t>(sense_len));
    r.sense = parse_sense(r.sense_bytes);
    // Some bridges (USB, some SATA adapters) deliver sense with DRIVER_SENSE but a GOOD status
    // byte; the sense is the drive's answer, so report it the way callers look for it.
    if (r.status == kStatusGood && (hdr.driver_status & driver_status::kSenseFlag) && r.sense.valid &&
        r.sense.key != sense_key::kNoSense && r.sense.key != sense_key::kRecovered)
      r.status = kStatusCheckCondition;
  }

  const uint16_t driver_code = hdr.driver_status & driver_status::kCodeMask;
  if (hdr.host_status == host_status::kTimeOut || driver_code == driver_status::kTimeout) {
    r.transport = TransportError::Timeout;
  } else if (hdr.host_status == host_status::kNoConnect || hdr.host_status == host_status::kBadTarget) {
    r.transport = TransportError::NoDevice;
  } else if (hdr.host_status != host_status::kOk) {
    r.transport = TransportError::HostError;
  } else if (driver_code != driver_status::kOk && r.status == kStatusGood && r.sense_bytes.empty()) {
    // A driver error with neither a status nor sense from the drive: nothing reached it.
    r.transport = TransportError::HostError;
  }
  if (r.transport != TransportError::None) r.transport_detail = status_detail(hdr);
  return r;
}

size_t read_max_transfer(const std::filesystem::path& sys_root, std::string_view kernel_name) {
  namespace fs = std::filesystem;
  fs::path queue;
  const std::string name(kernel_name);
  if (name.starts_with("sg")) {
    // A generic device has no queue of its own; its sibling block device (if any) has the limits.
    std::error_code ec;
    for (const auto& entry : fs::directory_iterator(sys_root / "class/scsi_generic" / name / "device/block", ec)) {
      queue = entry.path() / "queue";
      break;
    }
    if (queue.empty()) return kDefaultMaxTransfer;
  } else {
    queue = sys_root / "block" / name / "queue";
  }
  auto kb = read_number(queue / "max_sectors_kb");
  const auto hw_kb = read_number(queue / "max_hw_sectors_kb");
  if (!kb) kb = hw_kb;
  if (!kb || *kb == 0) return kDefaultMaxTransfer;
  size_t limit = *kb;
  if (hw_kb && *hw_kb > 0) limit = std::min(limit, *hw_kb);
  return std::min(limit * 1024, kMaxTransferCap);
}

SgTransport::SgTransport(std::string path, SgOpenOptions options) : path_(std::move(path)) {
  const int excl = options.exclusive ? O_EXCL : 0;
  fd_ = ::open(path_.c_str(), O_RDWR | O_NONBLOCK | O_CLOEXEC | excl);
  if (fd_ < 0 && (errno == EACCES || errno == EROFS)) {
    // Reading needs only read access; the caller decides whether read-only is enough.
    read_only_reason_ = std::generic_category().message(errno);
    fd_ = ::open(path_.c_str(), O_RDONLY | O_NONBLOCK | O_CLOEXEC | excl);
  }
  if (fd_ < 0) throw DeviceError::from_errno(path_, "cannot open", errno);

  struct stat st {};
  if (::fstat(fd_, &st) != 0) {
    const int err = errno;
    ::close(fd_);
    throw DeviceError::from_errno(path_, "cannot stat", err);
  }
  if (!S_ISBLK(st.st_mode) && !S_ISCHR(st.st_mode)) {
    ::close(fd_);
    const char* kind = S_ISREG(st.st_mode) ? "a regular file" : S_ISDIR(st.st_mode) ? "a directory" : "not a device";
    throw DeviceError(path_, fmt::format("not an optical drive device ({})", kind));
  }
  // sr and sg both answer SG_GET_VERSION_NUM; anything else cannot take SG_IO. Version 3 is the
  // first with sg_io_hdr.
  int version = 0;
  if (::ioctl(fd_, SG_GET_VERSION_NUM, &version) != 0 || version < 30000) {
    const int err = errno;
    ::close(fd_);
    if (version != 0) throw DeviceError(path_, fmt::format("sg driver version {} is older than 3.0", version));
    throw DeviceError::from_errno(path_, "does not accept SG_IO (not an SCSI device)", err);
  }
  sg_version_ = version;

  std::error_code ec;
  const auto real = std::filesystem::canonical(path_, ec);
  max_transfer_ = read_max_transfer(options.sys_root,
                                    ec ? std::filesystem::path(path_).filename().string() : real.filename().string());
}

SgTransport::~SgTransport() {
  if (fd_ >= 0) ::close(fd_);
}

CommandResult SgTransport::execute(const Command& command) {
  if (command.cdb.empty() || command.cdb.size() > 16) {
    CommandResult r;
    r.transport = TransportError::Unsupported;
    r.transport_detail = fmt::format("CDB of {} bytes (SG_IO here sends 1 to 16)", command.cdb.size());
    return r;
  }
  std::array<uint8_t, kSgSenseBufferSize> sense{};
  sg_io_hdr hdr = prepare_sg_io(command, sense);
  const auto start = std::chrono::steady_clock::now();
  int rc = 0;
  do {
    rc = ::ioctl(fd_, SG_IO, &hdr);
  } while (rc != 0 && errno == EINTR);
  const auto elapsed = std::chrono::duration_cast<std::chrono::microseconds>(std::chrono::steady_clock::now() - start);
  if (rc != 0) {
    const int err = errno;
    CommandResult r;
    r.duration = elapsed;
    r.transport = (err == ENODEV || err == ENXIO) ? TransportError::NoDevice
                  : err == ETIMEDOUT              ? TransportError::Timeout
                                                  : TransportError::HostError;
    r.transport_detail = "SG_IO: " + std::generic_category().message(err);
    if (err == EPERM && !read_only_reason_.empty())
      r.transport_detail += " (opened read-only: " + read_only_reason_ + ")";
    return r;
  }
  CommandResult r = decode_sg_io(hdr, sense);
  r.duration = elapsed;  // finer than hdr.duration's milliseconds
  return r;
}

}  // namespace dw::scsi
