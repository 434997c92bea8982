// SG_IO, CDROM_SEND_PACKET and the identity ioctls of a SCSI CD/DVD device, answered as the
// Linux sr/sg drivers and the block layer answer them (facts: reference/emulation.md).
#include <linux/cdrom.h>
#include <linux/fs.h>
#include <linux/hdreg.h>
#include <scsi/scsi.h>
#include <scsi/sg.h>
#include <sys/ioctl.h>
#include <sys/syscall.h>
#include <unistd.h>

#include <cerrno>
#include <cstring>

#include "scsi/emulate/preload/shim.hpp"

namespace dw::emulate::shim {

namespace {

// The reserved buffer size and timeout a program set (per process, as the sg driver keeps them
// per open file; programs set them once after opening).
int g_reserved = 32768;
int g_timeout_jiffies = 60 * 100;

constexpr int kSgVersion = 30536;  // sg driver 3.5.36, what current kernels report
constexpr uint8_t kDriverSense = 0x08;

int fail(int error) {
  errno = error;
  return -1;
}

int sg_io(const Node& node, sg_io_hdr_t* h) {
  if (h == nullptr) return fail(EFAULT);
  // The block layer (srN) says EINVAL to a foreign interface id, the sg driver ENOSYS.
  if (h->interface_id != 'S') return fail(node.block ? EINVAL : ENOSYS);
  if (h->iovec_count != 0) return fail(EINVAL);  // scatter/gather: no program uses it
  if (h->cmd_len == 0 || h->cmd_len > 16 || h->cmdp == nullptr) return fail(EINVAL);
  if (h->dxfer_len > max_transfer()) return fail(node.block ? EINVAL : ENOMEM);
  // The direction only matters when there is data: both drivers take any value (cdrdao leaves a
  // zeroed one) for a command without; with data, the block layer refuses an unknown direction
  // and the sg driver reads (or moves nothing for SG_DXFER_NONE).
  Dir dir = Dir::None;
  if (h->dxfer_len != 0) {
    switch (h->dxfer_direction) {
      case SG_DXFER_TO_DEV: dir = Dir::ToDevice; break;
      case SG_DXFER_FROM_DEV:
      case SG_DXFER_TO_FROM_DEV: dir = Dir::FromDevice; break;
      case SG_DXFER_NONE:
        if (node.block) return fail(EINVAL);
        break;
      default:
        if (node.block) return fail(EINVAL);
        dir = Dir::FromDevice;
    }
  }
  if (dir != Dir::None && h->dxferp == nullptr) return fail(EFAULT);
  const Outcome o = command(h->cmdp, h->cmd_len, dir, h->dxferp, h->dxfer_len, h->timeout);
  h->status = 0;
  h->masked_status = 0;
  h->msg_status = 0;
  h->sb_len_wr = 0;
  h->host_status = 0;
  h->driver_status = 0;
  h->resid = static_cast<int>(h->dxfer_len);
  h->duration = 0;
  h->info = 0;
  if (!o.reached) {
    h->host_status = kHostNoConnect;
    h->info = SG_INFO_CHECK;
    return 0;
  }
  const ReplyHeader& r = o.reply;
  if (r.host_status == kHostRefused) return fail(EINVAL);
  h->status = r.status;
  h->masked_status = static_cast<unsigned char>((r.status >> 1) & 0x7F);
  h->host_status = r.host_status;
  h->resid = static_cast<int>(h->dxfer_len - (r.transferred < h->dxfer_len ? r.transferred : h->dxfer_len));
  h->duration = r.duration_us / 1000;
  if (r.sense_len > 0 && h->sbp != nullptr && h->mx_sb_len > 0) {
    const unsigned n = r.sense_len < h->mx_sb_len ? r.sense_len : h->mx_sb_len;
    std::memcpy(h->sbp, r.sense, n);
    h->sb_len_wr = static_cast<unsigned char>(n);
    h->driver_status = kDriverSense;
  }
  if (r.status != 0 || r.host_status != 0) h->info |= SG_INFO_CHECK;
  return 0;
}

// What the block layer does with CDROM_SEND_PACKET: a 12-byte CDB through SG_IO; -EIO when the
// command did not end GOOD, with the sense in the caller's struct request_sense.
int send_packet(cdrom_generic_command* cgc) {
  if (cgc == nullptr) return fail(EFAULT);
  Dir dir = Dir::None;
  switch (cgc->data_direction) {
    case CGC_DATA_WRITE: dir = Dir::ToDevice; break;
    case CGC_DATA_READ: dir = Dir::FromDevice; break;
    case CGC_DATA_NONE: break;
    default: return fail(EINVAL);
  }
  if (cgc->buflen == 0) dir = Dir::None;
  if (cgc->buflen > max_transfer()) return fail(EINVAL);
  if (dir != Dir::None && cgc->buffer == nullptr) return fail(EFAULT);
  const uint32_t timeout = cgc->timeout > 0 ? static_cast<uint32_t>(cgc->timeout) : 30000;
  const Outcome o = command(cgc->cmd, sizeof cgc->cmd, dir, cgc->buffer, cgc->buflen, timeout);
  if (!o.reached) return fail(EIO);
  if (o.reply.host_status == kHostRefused) return fail(EINVAL);
  if (o.reply.sense_len > 0 && cgc->sense != nullptr)
    std::memcpy(cgc->sense, o.reply.sense,
                o.reply.sense_len < sizeof(request_sense) ? o.reply.sense_len : sizeof(request_sense));
  if (o.reply.status != 0 || o.reply.host_status != 0) {
    cgc->stat = -EIO;
    return fail(EIO);
  }
  cgc->stat = 0;
  return 0;
}

// ATA IDENTIFY PACKET DEVICE data as libata gives it for HDIO_GET_IDENTITY: the strings are
// ATA strings (two characters per word, first character in the high byte).
void ata_string(uint16_t* words, const char* text, size_t chars) {
  for (size_t i = 0; i < chars; i += 2) {
    const auto hi = static_cast<uint8_t>(text[i]);
    const auto lo = static_cast<uint8_t>(text[i + 1]);
    words[i / 2] = static_cast<uint16_t>(hi << 8 | lo);
  }
}

int hd_identity(void* arg) {
  if (arg == nullptr) return fail(EFAULT);
  uint16_t words[256] = {};
  words[0] = 0x85C0;  // ATAPI, CD-ROM (type 5), removable, 12-byte packets
  const char* id = identity();
  char model[40];
  std::memset(model, ' ', sizeof model);
  std::memcpy(model, id, 8);
  std::memcpy(model + 9, id + 8, 16);
  char firmware[8];
  std::memset(firmware, ' ', sizeof firmware);
  std::memcpy(firmware, id + 24, 4);
  ata_string(words + 10, "DW000000000000000000", 20);
  ata_string(words + 23, firmware, 8);
  ata_string(words + 27, model, 40);
  std::memcpy(arg, words, sizeof words);
  return 0;
}

void put_int(void* arg, int value) { std::memcpy(arg, &value, sizeof value); }

}  // namespace

bool scsi_ioctl(const Node& node, int fd, unsigned long request, void* arg, int* result) {
  const int host = host_number();
  switch (request) {
    case SG_IO: *result = sg_io(node, static_cast<sg_io_hdr_t*>(arg)); return true;
    case CDROM_SEND_PACKET:
      *result = node.block ? send_packet(static_cast<cdrom_generic_command*>(arg)) : fail(ENOTTY);
      return true;
    case SG_GET_VERSION_NUM:
      put_int(arg, kSgVersion);
      *result = 0;
      return true;
    case SG_EMULATED_HOST:
      put_int(arg, 0);
      *result = 0;
      return true;
    case SG_GET_RESERVED_SIZE:
      put_int(arg, g_reserved);
      *result = 0;
      return true;
    case SG_SET_RESERVED_SIZE: {
      int v = 0;
      std::memcpy(&v, arg, sizeof v);
      if (v < 0) {
        *result = fail(EINVAL);
        return true;
      }
      g_reserved = v < static_cast<int>(max_transfer()) ? v : static_cast<int>(max_transfer());
      *result = 0;
      return true;
    }
    case SG_GET_SG_TABLESIZE:
      put_int(arg, 128);
      *result = 0;
      return true;
    case SG_SET_TIMEOUT:
      std::memcpy(&g_timeout_jiffies, arg, sizeof(int));
      *result = 0;
      return true;
    case SG_GET_TIMEOUT: *result = g_timeout_jiffies; return true;
    case SG_GET_SCSI_ID: {
      sg_scsi_id id{};
      id.host_no = host;
      id.scsi_type = TYPE_ROM;
      id.h_cmd_per_lun = 1;
      id.d_queue_depth = 1;
      std::memcpy(arg, &id, sizeof id);
      *result = 0;
      return true;
    }
    case SCSI_IOCTL_GET_IDLUN: {
      const int idlun[2] = {(host & 0xFF) << 24, host};  // id 0, lun 0, channel 0
      std::memcpy(arg, idlun, sizeof idlun);
      *result = 0;
      return true;
    }
    case SCSI_IOCTL_GET_BUS_NUMBER:
      put_int(arg, host);
      *result = 0;
      return true;
    case HDIO_GET_IDENTITY: *result = hd_identity(arg); return true;
    default: break;
  }
  if (!node.block) return false;
  struct stat st {};
  const uint64_t size = syscall(SYS_fstat, fd, &st) == 0 ? static_cast<uint64_t>(st.st_size) : 0;
  switch (request) {
    case BLKGETSIZE64:
      std::memcpy(arg, &size, sizeof size);
      *result = 0;
      return true;
    case BLKGETSIZE: {
      const unsigned long sectors = size / 512;
      std::memcpy(arg, &sectors, sizeof sectors);
      *result = 0;
      return true;
    }
    case BLKSSZGET:
    case BLKBSZGET:
    case BLKPBSZGET:
    case BLKIOMIN:
      put_int(arg, 2048);
      *result = 0;
      return true;
    case BLKROGET:
      put_int(arg, 1);
      *result = 0;
      return true;
    case BLKFLSBUF: *result = 0; return true;
    case BLKRRPART:  // eject asks after a SCSI eject; an sr disk has no partition table to re-read
      *result = fail(EINVAL);
      return true;
    default: return false;
  }
}

}  // namespace dw::emulate::shim
