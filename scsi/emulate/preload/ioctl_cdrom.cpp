// The legacy CD-ROM ioctls (CDROMREADTOCHDR, CDROM_GET_CAPABILITY, ...), translated into MMC
// commands to the drive the way the kernel's cdrom layer (drivers/cdrom/cdrom.c) does.
#include <linux/cdrom.h>

#include <cerrno>

#include "scsi/emulate/preload/shim.hpp"

namespace dw::emulate::shim {

bool cdrom_ioctl(const Node& node, int, unsigned long, void*, int*) {
  (void)node;
  return false;
}

}  // namespace dw::emulate::shim
