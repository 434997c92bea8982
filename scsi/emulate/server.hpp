// The virtual drive's side of `discwright emulate`: listens on a Unix socket, and for each
// connection (one per thread of each emulated process) reads requests and answers them through a
// handler. Connections are served concurrently; the handler serialises access to the drive.
#pragma once

#include <atomic>
#include <cstdint>
#include <functional>
#include <map>
#include <mutex>
#include <span>
#include <string>
#include <thread>
#include <vector>

#include "scsi/emulate/protocol.hpp"

namespace dw::emulate {

/// One command as the emulated program sent it.
struct ServedCommand {
  std::span<const uint8_t> cdb;
  Dir direction = Dir::None;
  std::span<uint8_t> data;  ///< data-out bytes, or the data-in buffer (its size is the host's length)
  uint32_t timeout_ms = 0;
};

/// The answer: status, sense, bytes moved, the drive's time.
struct ServedReply {
  uint8_t status = 0;
  uint8_t host_status = kHostOk;
  std::vector<uint8_t> sense;
  uint32_t transferred = 0;
  uint32_t duration_us = 0;
};

class Server {
 public:
  using Handler = std::function<ServedReply(const ServedCommand&)>;
  using LogSink = std::function<void(const std::string&)>;

  /// Binds and listens on `socket_path` (throws std::system_error when it cannot). Requests queue
  /// in the backlog until start().
  explicit Server(std::string socket_path);
  ~Server();
  Server(const Server&) = delete;
  Server& operator=(const Server&) = delete;

  /// Serves connections on a thread of its own until stop(). `log` receives the log lines the
  /// preload library sends and one line per malformed request.
  void start(Handler handler, LogSink log);
  /// Stops accepting, closes every connection and joins the threads.
  void stop();
  [[nodiscard]] const std::string& path() const { return path_; }
  [[nodiscard]] uint64_t requests() const { return requests_; }
  /// Connections being served now.
  [[nodiscard]] size_t active_connections();

 private:
  void accept_loop();
  void serve(int fd);
  void serve_requests(int fd);

  std::string path_;
  int listen_fd_ = -1;
  int wake_[2] = {-1, -1};  ///< a pipe that wakes the accept loop for stop()
  Handler handler_;
  LogSink log_;
  std::thread acceptor_;
  std::mutex mutex_;
  std::map<std::thread::id, std::thread> workers_;
  std::vector<std::thread::id> finished_;  ///< workers whose connection ended, to be joined
  std::vector<int> connections_;
  std::atomic<bool> stopping_{false};
  std::atomic<uint64_t> requests_{0};
};

}  // namespace dw::emulate
