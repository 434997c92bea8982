#include "scsi/emulate/server.hpp"

#include <fcntl.h>
#include <poll.h>
#include <sys/socket.h>
#include <sys/un.h>
#include <unistd.h>

#include <algorithm>
#include <cerrno>
#include <cstring>
#include <system_error>

namespace dw::emulate {

namespace {
// How long a connection's thread spins for the next request before it sleeps.
constexpr unsigned kSpinMicroseconds = 200;
}  // namespace

Server::Server(std::string socket_path) : path_(std::move(socket_path)) {
  sockaddr_un addr{};
  if (path_.size() >= sizeof addr.sun_path)
    throw std::system_error(ENAMETOOLONG, std::generic_category(), "emulate socket path " + path_);
  listen_fd_ = ::socket(AF_UNIX, SOCK_STREAM | SOCK_CLOEXEC, 0);
  if (listen_fd_ < 0) throw std::system_error(errno, std::generic_category(), "socket");
  addr.sun_family = AF_UNIX;
  std::memcpy(addr.sun_path, path_.c_str(), path_.size() + 1);
  ::unlink(path_.c_str());
  if (::bind(listen_fd_, reinterpret_cast<sockaddr*>(&addr), sizeof addr) != 0 || ::listen(listen_fd_, 64) != 0) {
    const int e = errno;
    ::close(listen_fd_);
    throw std::system_error(e, std::generic_category(), "listening on " + path_);
  }
  if (::pipe2(wake_, O_CLOEXEC) != 0) {
    const int e = errno;
    ::close(listen_fd_);
    throw std::system_error(e, std::generic_category(), "pipe");
  }
}

Server::~Server() {
  stop();
  if (listen_fd_ >= 0) ::close(listen_fd_);
  for (int fd : wake_)
    if (fd >= 0) ::close(fd);
  ::unlink(path_.c_str());
}

void Server::start(Handler handler, LogSink log) {
  handler_ = std::move(handler);
  log_ = std::move(log);
  acceptor_ = std::thread([this] { accept_loop(); });
}

void Server::stop() {
  if (stopping_.exchange(true)) return;
  if (wake_[1] >= 0) {
    const char c = 'x';
    [[maybe_unused]] const ssize_t n = ::write(wake_[1], &c, 1);
  }
  if (acceptor_.joinable()) acceptor_.join();
  std::map<std::thread::id, std::thread> workers;
  {
    std::lock_guard lock(mutex_);
    for (int fd : connections_) ::shutdown(fd, SHUT_RDWR);
    workers.swap(workers_);
    finished_.clear();
  }
  for (auto& [id, t] : workers)
    if (t.joinable()) t.join();
}

void Server::accept_loop() {
  for (;;) {
    pollfd fds[2] = {{listen_fd_, POLLIN, 0}, {wake_[0], POLLIN, 0}};
    if (::poll(fds, 2, -1) < 0) {
      if (errno == EINTR) continue;
      return;
    }
    if (fds[1].revents != 0 || stopping_) return;
    if ((fds[0].revents & POLLIN) == 0) continue;
    const int fd = ::accept4(listen_fd_, nullptr, nullptr, SOCK_CLOEXEC);
    if (fd < 0) continue;
    std::lock_guard lock(mutex_);
    // Threads of connections that ended are joined here, so that a long session with many
    // short-lived processes does not keep their stacks.
    for (const auto& id : finished_) {
      auto it = workers_.find(id);
      if (it == workers_.end()) continue;
      it->second.join();
      workers_.erase(it);
    }
    finished_.clear();
    connections_.push_back(fd);
    std::thread worker([this, fd] { serve(fd); });
    const auto id = worker.get_id();
    workers_.emplace(id, std::move(worker));
  }
}

void Server::serve(int fd) {
  serve_requests(fd);
  std::lock_guard lock(mutex_);
  connections_.erase(std::remove(connections_.begin(), connections_.end(), fd), connections_.end());
  ::close(fd);
  finished_.push_back(std::this_thread::get_id());
}

size_t Server::active_connections() {
  std::lock_guard lock(mutex_);
  return connections_.size();
}

void Server::serve_requests(int fd) {
  std::vector<uint8_t> data;
  for (;;) {
    RequestHeader h;
    spin_until_readable(fd, kSpinMicroseconds);
    if (!read_full(fd, &h, sizeof h)) break;
    if (const char* why = check_request(h)) {
      if (log_) log_(std::string("emulate: malformed request, connection closed: ") + why);
      break;
    }
    ++requests_;
    if (h.kind == static_cast<uint8_t>(Kind::Log)) {
      std::string text(h.out_len, '\0');
      if (!read_full(fd, text.data(), text.size())) break;
      if (log_) log_(text);
      continue;
    }
    const auto dir = static_cast<Dir>(h.direction);
    data.assign(dir == Dir::ToDevice ? h.out_len : h.in_len, 0);
    if (h.out_len > 0 && !read_full(fd, data.data(), h.out_len)) break;
    const ServedCommand cmd{std::span<const uint8_t>(h.cdb, h.cdb_len), dir, std::span<uint8_t>(data), h.timeout_ms};
    const ServedReply r = handler_(cmd);
    ReplyHeader rh;
    rh.status = r.status;
    rh.host_status = r.host_status;
    rh.sense_len = static_cast<uint8_t>(std::min<size_t>(r.sense.size(), kMaxSense));
    if (rh.sense_len > 0) std::memcpy(rh.sense, r.sense.data(), rh.sense_len);
    rh.transferred = std::min<uint32_t>(r.transferred, static_cast<uint32_t>(data.size()));
    rh.duration_us = r.duration_us;
    const size_t back = dir == Dir::FromDevice ? rh.transferred : 0;
    if (!write_two(fd, &rh, sizeof rh, data.data(), back)) break;
  }
}

}  // namespace dw::emulate
