#include "scsi/emulate/protocol.hpp"

#include <sys/socket.h>
#include <sys/uio.h>
#include <unistd.h>

#include <cerrno>
#include <ctime>

namespace dw::emulate {

const char* check_request(const RequestHeader& h) {
  if (h.magic != kRequestMagic) return "bad magic (not a discwright emulate request)";
  if (h.kind == static_cast<uint8_t>(Kind::Log)) {
    if (h.out_len > 64 * 1024) return "log line longer than 64 KiB";
    return nullptr;
  }
  if (h.kind != static_cast<uint8_t>(Kind::Command)) return "unknown request kind";
  if (h.cdb_len == 0 || h.cdb_len > sizeof h.cdb) return "CDB length not 1..16";
  if (h.direction > static_cast<uint8_t>(Dir::ToDevice)) return "unknown data direction";
  if (h.out_len > kMaxData || h.in_len > kMaxData) return "data phase larger than 16 MiB";
  if (h.direction != static_cast<uint8_t>(Dir::ToDevice) && h.out_len != 0) return "data-out bytes without data-out";
  if (h.direction != static_cast<uint8_t>(Dir::FromDevice) && h.in_len != 0) return "data-in buffer without data-in";
  return nullptr;
}

const char* check_reply(const ReplyHeader& h, uint32_t in_len) {
  if (h.magic != kReplyMagic) return "bad reply magic";
  if (h.sense_len > kMaxSense) return "sense longer than 64 bytes";
  if (h.transferred > kMaxData) return "reply data larger than 16 MiB";
  if (in_len != 0 && h.transferred > in_len) return "reply data larger than the buffer";
  return nullptr;
}

bool spin_until_readable(int fd, unsigned spin_us) {
  timespec start{}, now{};
  ::clock_gettime(CLOCK_MONOTONIC, &start);
  for (;;) {
    char byte;
    const ssize_t n = ::recv(fd, &byte, 1, MSG_PEEK | MSG_DONTWAIT);
    if (n >= 0) return true;  // data, or EOF (a read will see it)
    if (errno != EAGAIN && errno != EWOULDBLOCK && errno != EINTR) return true;
    ::clock_gettime(CLOCK_MONOTONIC, &now);
    const long elapsed = (now.tv_sec - start.tv_sec) * 1000000L + (now.tv_nsec - start.tv_nsec) / 1000;
    if (elapsed >= static_cast<long>(spin_us)) return false;
  }
}

bool read_full(int fd, void* data, size_t size) {
  auto* p = static_cast<char*>(data);
  while (size > 0) {
    const ssize_t n = ::recv(fd, p, size, 0);
    if (n < 0 && errno == EINTR) continue;
    if (n <= 0) return false;
    p += n;
    size -= static_cast<size_t>(n);
  }
  return true;
}

bool write_two(int fd, const void* a, size_t a_size, const void* b, size_t b_size) {
  iovec iov[2] = {{const_cast<void*>(a), a_size}, {const_cast<void*>(b), b_size}};
  int count = b_size > 0 ? 2 : 1;
  iovec* v = iov;
  while (count > 0) {
    msghdr msg{};
    msg.msg_iov = v;
    msg.msg_iovlen = static_cast<size_t>(count);
    const ssize_t n = ::sendmsg(fd, &msg, MSG_NOSIGNAL);
    if (n < 0 && errno == EINTR) continue;
    if (n < 0) return false;
    size_t done = static_cast<size_t>(n);
    while (count > 0 && done >= v->iov_len) {
      done -= v->iov_len;
      ++v;
      --count;
    }
    if (count > 0) {
      v->iov_base = static_cast<char*>(v->iov_base) + done;
      v->iov_len -= done;
    }
  }
  return true;
}

}  // namespace dw::emulate
