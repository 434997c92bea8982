// The socket to the virtual drive: one connection per thread per process, made on first use and
// again after fork (the pid changed) or when the drive process closed it.
#include <fcntl.h>
#include <sys/socket.h>
#include <sys/un.h>
#include <unistd.h>

#include <cerrno>
#include <cstdlib>
#include <cstring>

#include "scsi/emulate/preload/shim.hpp"

namespace dw::emulate::shim {

namespace {

struct Connection {
  pid_t pid = 0;
  int fd = -1;
};
thread_local Connection t_conn;

// Far above the descriptors programs use, so that a program's dup2 or close loop is unlikely to
// hit it (and if one does, the next command reconnects).
constexpr int kHighFd = 700;

int connect_drive() {
  const char* path = std::getenv("DW_EMU_SOCKET");
  if (!path) return -1;
  sockaddr_un addr{};
  if (std::strlen(path) >= sizeof addr.sun_path) return -1;
  const int fd = ::socket(AF_UNIX, SOCK_STREAM | SOCK_CLOEXEC, 0);
  if (fd < 0) return -1;
  addr.sun_family = AF_UNIX;
  std::strcpy(addr.sun_path, path);
  if (::connect(fd, reinterpret_cast<sockaddr*>(&addr), sizeof addr) != 0) {
    ::close(fd);
    return -1;
  }
  const int high = ::fcntl(fd, F_DUPFD_CLOEXEC, kHighFd);
  if (high >= 0) {
    ::close(fd);
    return high;
  }
  return fd;
}

int connection() {
  const pid_t pid = ::getpid();
  if (t_conn.fd >= 0 && t_conn.pid != pid) {
    // A forked child: the descriptor is the parent's connection; leave it to the parent.
    ::close(t_conn.fd);
    t_conn.fd = -1;
  }
  if (t_conn.fd < 0) {
    t_conn.fd = connect_drive();
    t_conn.pid = pid;
  }
  return t_conn.fd;
}

void drop() {
  if (t_conn.fd >= 0) ::close(t_conn.fd);
  t_conn.fd = -1;
}

bool exchange(const RequestHeader& h, const void* out, uint32_t out_len, void* in, uint32_t in_len,
              ReplyHeader* reply) {
  const int fd = connection();
  if (fd < 0) return false;
  if (!write_two(fd, &h, sizeof h, out, out_len) || !read_full(fd, reply, sizeof *reply) ||
      check_reply(*reply, in_len) != nullptr) {
    drop();
    return false;
  }
  if (in_len > 0 && reply->transferred > 0 && !read_full(fd, in, reply->transferred)) {
    drop();
    return false;
  }
  return true;
}

}  // namespace

Outcome command(const uint8_t* cdb, size_t cdb_len, Dir dir, void* data, uint32_t len, uint32_t timeout_ms) {
  const int saved = errno;
  Outcome o;
  RequestHeader h;
  h.kind = static_cast<uint8_t>(Kind::Command);
  h.cdb_len = static_cast<uint8_t>(cdb_len > 16 ? 16 : cdb_len);
  std::memcpy(h.cdb, cdb, h.cdb_len);
  h.direction = static_cast<uint8_t>(dir);
  h.out_len = dir == Dir::ToDevice ? len : 0;
  h.in_len = dir == Dir::FromDevice ? len : 0;
  h.timeout_ms = timeout_ms;
  // A connection the drive process closed (or a program closed under us) is made again once.
  for (int attempt = 0; attempt < 2 && !o.reached; ++attempt)
    o.reached = exchange(h, dir == Dir::ToDevice ? data : nullptr, h.out_len, data, h.in_len, &o.reply);
  errno = saved;
  return o;
}

void log_line(const char* text) {
  if (!logging()) return;
  const int saved = errno;
  RequestHeader h;
  h.kind = static_cast<uint8_t>(Kind::Log);
  h.out_len = static_cast<uint32_t>(std::strlen(text));
  const int fd = connection();
  if (fd >= 0 && !write_two(fd, &h, sizeof h, text, h.out_len)) drop();
  errno = saved;
}

namespace {

bool read10(uint32_t lba, uint32_t count, uint8_t* out) {
  const uint8_t cdb[10] = {0x28,
                           0,
                           static_cast<uint8_t>(lba >> 24),
                           static_cast<uint8_t>(lba >> 16),
                           static_cast<uint8_t>(lba >> 8),
                           static_cast<uint8_t>(lba),
                           0,
                           static_cast<uint8_t>(count >> 8),
                           static_cast<uint8_t>(count),
                           0};
  const Outcome o = command(cdb, sizeof cdb, Dir::FromDevice, out, count * 2048, 30000);
  return o.reached && o.reply.status == 0 && o.reply.host_status == kHostOk && o.reply.transferred == count * 2048;
}

}  // namespace

bool read_blocks(uint32_t lba, uint32_t count, uint8_t* out, uint32_t* done) {
  *done = 0;
  const uint32_t per_command = max_transfer() / 2048 > 0 ? max_transfer() / 2048 : 1;
  while (*done < count) {
    const uint32_t n = count - *done < per_command ? count - *done : per_command;
    if (!read10(lba + *done, n, out + size_t{*done} * 2048)) {
      // The sectors before the failing one are good: read them one by one, so that a read()
      // returns everything up to the first bad sector, as the block layer does.
      for (uint32_t i = 0; n > 1 && i < n && read10(lba + *done, 1, out + size_t{*done} * 2048); ++i) ++*done;
      errno = EIO;
      return false;
    }
    *done += n;
  }
  return true;
}

}  // namespace dw::emulate::shim
