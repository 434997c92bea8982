// The libc functions the preload library stands in front of: open (O_EXCL), the stat family
// (device types and numbers), read/pread (2048-byte blocks of the medium through READ(10)),
// write (refused), and ioctl. Everything not on the drive's device files goes straight to libc.
#include <fcntl.h>
#include <linux/cdrom.h>
#include <linux/fs.h>
#include <linux/hdreg.h>
#include <scsi/scsi.h>
#include <scsi/sg.h>
#include <sys/file.h>
#include <sys/stat.h>
#include <sys/syscall.h>
#include <sys/sysmacros.h>
#include <unistd.h>

#include <cerrno>
#include <cstdarg>
#include <cstdio>
#include <cstdlib>
#include <cstring>

#include "scsi/emulate/preload/shim.hpp"

using dw::emulate::shim::next_symbol;
using dw::emulate::shim::Node;
using dw::emulate::shim::node_of;
using dw::emulate::shim::node_of_fd;

namespace {

template <typename Fn>
Fn real(const char* name) {
  return reinterpret_cast<Fn>(next_symbol(name));
}
#define DW_REAL(name) static const auto real_##name = real<decltype(&name)>(#name)

// A second exclusive open of the drive fails with EBUSY, as the block layer's O_EXCL does. The
// lock belongs to the open file description: dup'd and inherited descriptors share it, and it
// goes away with the last of them.
int after_open(int fd, int flags) {
  if (fd < 0 || (flags & O_EXCL) == 0 || (flags & O_CREAT) != 0) return fd;
  if (node_of_fd(fd) == nullptr) return fd;
  if (::flock(fd, LOCK_EX | LOCK_NB) != 0) {
    ::close(fd);
    errno = EBUSY;
    return -1;
  }
  return fd;
}

// The mode argument of an open that creates: only then is it passed.
#define DW_MODE_ARG(flags)                       \
  mode_t mode = 0;                               \
  if (((flags) & (O_CREAT | O_TMPFILE)) != 0) {  \
    va_list ap;                                  \
    va_start(ap, flags);                         \
    mode = static_cast<mode_t>(va_arg(ap, int)); \
    va_end(ap);                                  \
  }

void as_device(struct stat* st) {
  const Node* n = node_of(st->st_dev, st->st_ino);
  if (n == nullptr) return;
  st->st_mode = (n->block ? S_IFBLK : S_IFCHR) | (st->st_mode & 07777);
  st->st_rdev = makedev(n->major, n->minor);
  st->st_size = 0;
  st->st_blocks = 0;
}

int fixed(int rc, struct stat* st) {
  if (rc == 0 && st != nullptr) as_device(st);
  return rc;
}

// The medium's data blocks at byte offset `off`, as a read() of /dev/srN gives them.
ssize_t medium_pread(int fd, void* buf, size_t size, off_t off) {
  struct stat st {};
  if (syscall(SYS_fstat, fd, &st) != 0) return -1;
  if (off < 0) {
    errno = EINVAL;
    return -1;
  }
  if (off >= st.st_size || size == 0) return 0;
  if (static_cast<uint64_t>(size) > static_cast<uint64_t>(st.st_size - off))
    size = static_cast<size_t>(st.st_size - off);
  constexpr uint32_t kChunk = 32;
  static thread_local uint8_t bounce[kChunk * 2048];
  size_t copied = 0;
  while (copied < size) {
    const uint64_t at = static_cast<uint64_t>(off) + copied;
    const auto lba = static_cast<uint32_t>(at / 2048);
    const size_t skip = at % 2048;
    const size_t want = size - copied;
    uint32_t blocks = static_cast<uint32_t>((skip + want + 2047) / 2048);
    if (blocks > kChunk) blocks = kChunk;
    uint32_t done = 0;
    const bool ok = dw::emulate::shim::read_blocks(lba, blocks, bounce, &done);
    size_t got = done * size_t{2048} > skip ? done * size_t{2048} - skip : 0;
    if (got > want) got = want;
    std::memcpy(static_cast<uint8_t*>(buf) + copied, bounce + skip, got);
    copied += got;
    if (!ok) {
      if (copied > 0) return static_cast<ssize_t>(copied);
      errno = EIO;
      return -1;
    }
  }
  return static_cast<ssize_t>(copied);
}

ssize_t node_read(const Node& n, int fd, void* buf, size_t size, const off_t* at) {
  if (!n.block) {
    // The sg driver's read() returns finished asynchronous commands; we never have any.
    errno = EAGAIN;
    return -1;
  }
  if (at != nullptr) return medium_pread(fd, buf, size, *at);
  const off_t pos = lseek(fd, 0, SEEK_CUR);
  const ssize_t r = medium_pread(fd, buf, size, pos);
  if (r > 0) lseek(fd, pos + r, SEEK_SET);
  return r;
}

// The names of the ioctls programs send to a CD drive, for the command log.
const char* ioctl_name(unsigned long request) {
#define DW_NAME(x) \
  case x: return #x
  switch (request) {
    DW_NAME(SG_IO);
    DW_NAME(CDROM_SEND_PACKET);
    DW_NAME(SG_GET_VERSION_NUM);
    DW_NAME(SG_EMULATED_HOST);
    DW_NAME(SG_GET_RESERVED_SIZE);
    DW_NAME(SG_SET_RESERVED_SIZE);
    DW_NAME(SG_GET_SG_TABLESIZE);
    DW_NAME(SG_SET_TIMEOUT);
    DW_NAME(SG_GET_TIMEOUT);
    DW_NAME(SG_GET_SCSI_ID);
    DW_NAME(SCSI_IOCTL_GET_IDLUN);
    DW_NAME(SCSI_IOCTL_GET_BUS_NUMBER);
    DW_NAME(HDIO_GET_IDENTITY);
    DW_NAME(BLKGETSIZE64);
    DW_NAME(BLKGETSIZE);
    DW_NAME(BLKSSZGET);
    DW_NAME(BLKBSZGET);
    DW_NAME(BLKPBSZGET);
    DW_NAME(BLKIOMIN);
    DW_NAME(BLKROGET);
    DW_NAME(BLKFLSBUF);
    DW_NAME(CDROMPAUSE);
    DW_NAME(CDROMRESUME);
    DW_NAME(CDROMPLAYMSF);
    DW_NAME(CDROMPLAYTRKIND);
    DW_NAME(CDROMREADTOCHDR);
    DW_NAME(CDROMREADTOCENTRY);
    DW_NAME(CDROMSTOP);
    DW_NAME(CDROMSTART);
    DW_NAME(CDROMEJECT);
    DW_NAME(CDROMVOLCTRL);
    DW_NAME(CDROMSUBCHNL);
    DW_NAME(CDROMREADMODE2);
    DW_NAME(CDROMREADMODE1);
    DW_NAME(CDROMREADAUDIO);
    DW_NAME(CDROMEJECT_SW);
    DW_NAME(CDROMMULTISESSION);
    DW_NAME(CDROM_GET_MCN);
    DW_NAME(CDROMRESET);
    DW_NAME(CDROMVOLREAD);
    DW_NAME(CDROMREADRAW);
    DW_NAME(CDROMREADCOOKED);
    DW_NAME(CDROMSEEK);
    DW_NAME(CDROMPLAYBLK);
    DW_NAME(CDROMREADALL);
    DW_NAME(CDROMCLOSETRAY);
    DW_NAME(CDROM_SET_OPTIONS);
    DW_NAME(CDROM_CLEAR_OPTIONS);
    DW_NAME(CDROM_SELECT_SPEED);
    DW_NAME(CDROM_SELECT_DISC);
    DW_NAME(CDROM_MEDIA_CHANGED);
    DW_NAME(CDROM_DRIVE_STATUS);
    DW_NAME(CDROM_DISC_STATUS);
    DW_NAME(CDROM_CHANGER_NSLOTS);
    DW_NAME(CDROM_LOCKDOOR);
    DW_NAME(CDROM_DEBUG);
    DW_NAME(CDROM_GET_CAPABILITY);
    DW_NAME(CDROM_NEXT_WRITABLE);
    DW_NAME(CDROM_LAST_WRITTEN);
    DW_NAME(DVD_READ_STRUCT);
    DW_NAME(DVD_WRITE_STRUCT);
    DW_NAME(DVD_AUTH);
    default: return nullptr;
  }
#undef DW_NAME
}

ssize_t refuse_write(const Node& n) {
  errno = n.block ? EROFS : EINVAL;
  return -1;
}

}  // namespace

extern "C" {

int open(const char* path, int flags, ...) {
  DW_REAL(open);
  DW_MODE_ARG(flags);
  return after_open(real_open(path, flags, mode), flags);
}

int open64(const char* path, int flags, ...) {
  DW_REAL(open64);
  DW_MODE_ARG(flags);
  return after_open(real_open64(path, flags, mode), flags);
}

int openat(int dirfd, const char* path, int flags, ...) {
  DW_REAL(openat);
  DW_MODE_ARG(flags);
  return after_open(real_openat(dirfd, path, flags, mode), flags);
}

int openat64(int dirfd, const char* path, int flags, ...) {
  DW_REAL(openat64);
  DW_MODE_ARG(flags);
  return after_open(real_openat64(dirfd, path, flags, mode), flags);
}

int __open_2(const char* path, int flags) { return open(path, flags); }
int __open64_2(const char* path, int flags) { return open64(path, flags); }
int __openat_2(int dirfd, const char* path, int flags) { return openat(dirfd, path, flags); }
int __openat64_2(int dirfd, const char* path, int flags) { return openat64(dirfd, path, flags); }

int stat(const char* path, struct stat* st) {
  DW_REAL(stat);
  return fixed(real_stat(path, st), st);
}
int lstat(const char* path, struct stat* st) {
  DW_REAL(lstat);
  return fixed(real_lstat(path, st), st);
}
int fstat(int fd, struct stat* st) {
  DW_REAL(fstat);
  return fixed(real_fstat(fd, st), st);
}
int fstatat(int dirfd, const char* path, struct stat* st, int flags) {
  DW_REAL(fstatat);
  return fixed(real_fstatat(dirfd, path, st, flags), st);
}
// On x86_64 and the other 64-bit ABIs struct stat64 is struct stat.
int stat64(const char* path, struct stat64* st) { return stat(path, reinterpret_cast<struct stat*>(st)); }
int lstat64(const char* path, struct stat64* st) { return lstat(path, reinterpret_cast<struct stat*>(st)); }
int fstat64(int fd, struct stat64* st) { return fstat(fd, reinterpret_cast<struct stat*>(st)); }
int fstatat64(int dirfd, const char* path, struct stat64* st, int flags) {
  return fstatat(dirfd, path, reinterpret_cast<struct stat*>(st), flags);
}
// Programs built against glibc before 2.33 call these.
int __xstat(int, const char* path, struct stat* st) { return stat(path, st); }
int __lxstat(int, const char* path, struct stat* st) { return lstat(path, st); }
int __fxstat(int, int fd, struct stat* st) { return fstat(fd, st); }
int __fxstatat(int, int dirfd, const char* path, struct stat* st, int flags) { return fstatat(dirfd, path, st, flags); }
int __xstat64(int, const char* path, struct stat* st) { return stat(path, st); }
int __lxstat64(int, const char* path, struct stat* st) { return lstat(path, st); }
int __fxstat64(int, int fd, struct stat* st) { return fstat(fd, st); }
int __fxstatat64(int, int dirfd, const char* path, struct stat* st, int flags) {
  return fstatat(dirfd, path, st, flags);
}

int statx(int dirfd, const char* path, int flags, unsigned int mask, struct statx* sx) {
  DW_REAL(statx);
  const int rc = real_statx(dirfd, path, flags, mask, sx);
  if (rc != 0) return rc;
  const Node* n = node_of(makedev(sx->stx_dev_major, sx->stx_dev_minor), sx->stx_ino);
  if (n != nullptr) {
    sx->stx_mode = static_cast<uint16_t>((n->block ? S_IFBLK : S_IFCHR) | (sx->stx_mode & 07777));
    sx->stx_rdev_major = n->major;
    sx->stx_rdev_minor = n->minor;
    sx->stx_size = 0;
    sx->stx_blocks = 0;
  }
  return rc;
}

ssize_t read(int fd, void* buf, size_t size) {
  DW_REAL(read);
  if (const Node* n = node_of_fd(fd)) return node_read(*n, fd, buf, size, nullptr);
  return real_read(fd, buf, size);
}
ssize_t pread(int fd, void* buf, size_t size, off_t off) {
  DW_REAL(pread);
  if (const Node* n = node_of_fd(fd)) return node_read(*n, fd, buf, size, &off);
  return real_pread(fd, buf, size, off);
}
ssize_t pread64(int fd, void* buf, size_t size, off64_t off) { return pread(fd, buf, size, off); }
ssize_t __read_chk(int fd, void* buf, size_t size, size_t) { return read(fd, buf, size); }
ssize_t __pread_chk(int fd, void* buf, size_t size, off_t off, size_t) { return pread(fd, buf, size, off); }
ssize_t __pread64_chk(int fd, void* buf, size_t size, off64_t off, size_t) { return pread(fd, buf, size, off); }

ssize_t write(int fd, const void* buf, size_t size) {
  DW_REAL(write);
  if (const Node* n = node_of_fd(fd)) return refuse_write(*n);
  return real_write(fd, buf, size);
}
ssize_t pwrite(int fd, const void* buf, size_t size, off_t off) {
  DW_REAL(pwrite);
  if (const Node* n = node_of_fd(fd)) return refuse_write(*n);
  return real_pwrite(fd, buf, size, off);
}
ssize_t pwrite64(int fd, const void* buf, size_t size, off64_t off) { return pwrite(fd, buf, size, off); }

int ioctl(int fd, unsigned long request, ...) {
  DW_REAL(ioctl);
  va_list ap;
  va_start(ap, request);
  void* arg = va_arg(ap, void*);
  va_end(ap);
  const Node* n = node_of_fd(fd);
  if (n == nullptr) return real_ioctl(fd, request, arg);
  int result = -1;
  const bool handled = dw::emulate::shim::scsi_ioctl(*n, fd, request, arg, &result) ||
                       dw::emulate::shim::cdrom_ioctl(*n, fd, request, arg, &result);
  if (!handled) {
    errno = ENOTTY;
    result = -1;
  }
  if (dw::emulate::shim::logging()) {
    const int saved = errno;
    char line[192];
    const char* name = ioctl_name(request);
    std::snprintf(line, sizeof line, "pid %d: ioctl %s%s0x%lx%s on %s%u -> %d%s%s%s%s", static_cast<int>(getpid()),
                  name ? name : "", name ? " (" : "", request, name ? ")" : "", n->block ? "sr" : "sg", n->minor,
                  result, result < 0 ? " (" : "", result < 0 ? std::strerror(saved) : "", result < 0 ? ")" : "",
                  handled ? "" : " (not emulated)");
    dw::emulate::shim::log_line(line);
    errno = saved;
  }
  return result;
}

}  // extern "C"
