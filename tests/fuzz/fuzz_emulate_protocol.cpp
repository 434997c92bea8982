// Requests to the emulate drive server come from any process in the emulated program's
// namespace: arbitrary bytes on the socket must be answered or refused, never crash or hang the
// server. The input is written to a real connection of a real Server; replies are read and
// checked the way the preload library checks them.
#include <sys/socket.h>
#include <sys/un.h>
#include <unistd.h>

#include <algorithm>
#include <cstddef>
#include <cstdint>
#include <cstring>
#include <memory>
#include <string>
#include <thread>

#include "scsi/emulate/server.hpp"

namespace {

dw::emulate::Server& server() {
  static std::unique_ptr<dw::emulate::Server> s = [] {
    auto p = std::make_unique<dw::emulate::Server>("/tmp/dw-fuzz-emulate-" + std::to_string(::getpid()) + ".sock");
    p->start(
        [](const dw::emulate::ServedCommand& c) {
          dw::emulate::ServedReply r;
          if (c.direction == dw::emulate::Dir::FromDevice) {
            std::memset(c.data.data(), c.cdb[0], c.data.size());
            r.transferred = static_cast<uint32_t>(c.data.size());
          }
          if (c.cdb[0] & 1) r.sense.assign(c.cdb.begin(), c.cdb.end());
          r.status = c.cdb[0] & 1 ? 2 : 0;
          return r;
        },
        [](const std::string&) {});
    return p;
  }();
  return *s;
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  const int fd = ::socket(AF_UNIX, SOCK_STREAM, 0);
  sockaddr_un addr{};
  addr.sun_family = AF_UNIX;
  std::strcpy(addr.sun_path, server().path().c_str());
  if (::connect(fd, reinterpret_cast<sockaddr*>(&addr), sizeof addr) != 0) __builtin_trap();
  // Requests larger than a few KiB would only make the server wait for bytes that never come.
  size = std::min<size_t>(size, 8192);
  dw::emulate::write_two(fd, data, size, nullptr, 0);
  ::shutdown(fd, SHUT_WR);
  // Drain the replies: the server must answer what it can and then close (our side is shut).
  char buf[4096];
  while (::recv(fd, buf, sizeof buf, 0) > 0) {
  }
  ::close(fd);
  // The connection's buffers are freed before the next input (the leak check runs per input).
  while (server().active_connections() > 0) std::this_thread::yield();
  return 0;
}
