// The private world an emulated program runs in: a user + mount namespace of its own (no root
// needed, the host's /dev, /sys and /proc untouched) where /dev holds srN, sgN and the usual
// aliases as ordinary backing files, /sys and /proc describe a SCSI CD/DVD drive, and the preload
// library is in LD_PRELOAD. Design and limits: docs/emulate.md.
#pragma once

#include <sys/types.h>

#include <cstdint>
#include <stdexcept>
#include <string>
#include <vector>

namespace dw::emulate {

/// The namespace could not be made or the program could not be started; the text says why.
class SandboxError : public std::runtime_error {
 public:
  using std::runtime_error::runtime_error;
};

/// What the drive is, as /sys, /proc and the identity ioctls show it.
struct DriveDescription {
  int index = 0;  ///< srN, sgN, host N
  std::string vendor, model, revision;
  uint64_t size_bytes = 0;  ///< of the medium's data area (the block device's size)
  uint32_t max_transfer_kib = 64;
  int speed = 48;  ///< "drive speed" of /proc/sys/dev/cdrom/info
  bool write_cdr = false, write_cdrw = false, read_dvd = false, write_dvdr = false;
};

struct SandboxConfig {
  DriveDescription drive;
  std::string socket_path;   ///< where the virtual drive listens
  std::string preload_path;  ///< the preload library
  std::string stage_dir;     ///< an empty directory of ours for the generated files
  bool log_ioctls = false;   ///< the library sends a log line per ioctl on the drive
};

/// Empty when user namespaces can be made here, otherwise why not (for tests that must skip).
std::string namespaces_unavailable();

/// Writes the generated /sys and /proc files into `stage_dir`. Separate from launch() so that the
/// parent does the allocating work before it forks.
void stage_files(const SandboxConfig& config);

/// Starts `argv` in the private namespace (fork; the child sets the world up and execs). Returns
/// the child's pid. Throws SandboxError with the reason when the child could not get as far as
/// exec (namespaces refused, a mount failed, the program not found).
pid_t launch(const SandboxConfig& config, const std::vector<std::string>& argv);

/// The text of /proc/sys/dev/cdrom/info for the drive (as the kernel's cdrom layer prints it).
std::string cdrom_info(const DriveDescription& drive);
/// /proc/devices with "sr" (block 11) and "sg" (char 21) present.
std::string proc_devices(const std::string& host_text);

}  // namespace dw::emulate
