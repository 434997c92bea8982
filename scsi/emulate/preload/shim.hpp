// The preload library's internals (libdiscwright-preload.so, loaded with LD_PRELOAD into the
// emulated program). It recognises the drive's device files by the inode of their backing files
// (so dup, fork and aliases need no bookkeeping), answers their ioctls, reports them as device
// nodes to stat, and sends every MMC command over the socket to the virtual drive. libc only:
// no exceptions, no allocation on the command path beyond the caller's buffers.
#pragma once

#include <sys/stat.h>
#include <sys/types.h>

#include <cstddef>
#include <cstdint>

#include "scsi/emulate/protocol.hpp"

namespace dw::emulate::shim {

/// One device file of the drive: /dev/srN (block) or /dev/sgN (char).
struct Node {
  dev_t dev = 0;
  ino_t ino = 0;
  bool block = false;
  unsigned major = 0, minor = 0;
};

/// The node whose backing file has this device and inode, or nullptr.
const Node* node_of(dev_t dev, ino_t ino);
/// The node `fd` is open on, or nullptr (one fstat).
const Node* node_of_fd(int fd);

/// Settings from the environment the launcher gave us.
uint32_t max_transfer();  ///< bytes
int host_number();        ///< SCSI host of the drive
const char* identity();   ///< 28 chars: vendor(8) model(16) revision(4)
bool logging();           ///< DW_EMU_LOG: send a log line per ioctl

/// What one command came back with.
struct Outcome {
  bool reached = false;  ///< false: the socket failed (the drive process is gone)
  ReplyHeader reply;     ///< status, host status, sense, transferred, duration
};

/// Sends one CDB; `data` is the data-in buffer or the data-out bytes. Thread- and fork-safe: each
/// thread of each process has its own connection.
Outcome command(const uint8_t* cdb, size_t cdb_len, Dir dir, void* data, uint32_t len, uint32_t timeout_ms);
/// A one-way log line to the drive's command log (only when logging()).
void log_line(const char* text);

/// The ioctls of a SCSI CD/DVD device: SG_IO, CDROM_SEND_PACKET, the identity and block-size
/// ioctls (ioctl_scsi.cpp), and the legacy CD-ROM ioctls translated into MMC commands the way
/// the kernel's cdrom layer does (ioctl_cdrom.cpp). Each returns true when it handled `request`,
/// with the ioctl's return value (or -1 and errno set) in `*result`.
bool scsi_ioctl(const Node& node, int fd, unsigned long request, void* arg, int* result);
bool cdrom_ioctl(const Node& node, int fd, unsigned long request, void* arg, int* result);

/// Reads `count` 2048-byte blocks from `lba` with READ(10); false with errno EIO when the drive
/// refused any of them (`*done` blocks were read before that).
bool read_blocks(uint32_t lba, uint32_t count, uint8_t* out, uint32_t* done);

/// The libc function the preload library stands in front of.
void* next_symbol(const char* name);

}  // namespace dw::emulate::shim
