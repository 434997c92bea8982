// A one-shot HTTP server on the loopback interface for the database lookup tests: a thread that
// answers one request with a canned response and keeps the request line it was sent.
#pragma once

#include <arpa/inet.h>
#include <netinet/in.h>
#include <sys/socket.h>
#include <unistd.h>

#include <cstdlib>
#include <stdexcept>
#include <string>
#include <thread>

namespace dw::rip::test {

// Listens on 127.0.0.1 (a free port), answers one connection with `response`, and keeps the
// request line it was sent.
class OneShotServer {
 public:
  explicit OneShotServer(std::string response) : response_(std::move(response)) {
    fd_ = ::socket(AF_INET, SOCK_STREAM, 0);
    sockaddr_in a{};
    a.sin_family = AF_INET;
    a.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
    socklen_t len = sizeof a;
    if (fd_ < 0 || ::bind(fd_, reinterpret_cast<sockaddr*>(&a), len) != 0 || ::listen(fd_, 1) != 0 ||
        ::getsockname(fd_, reinterpret_cast<sockaddr*>(&a), &len) != 0)
      throw std::runtime_error("cannot listen on the loopback interface");
    port_ = ntohs(a.sin_port);
    thread_ = std::thread([this] {
      const int c = ::accept(fd_, nullptr, nullptr);
      if (c < 0) return;
      std::string req;
      char buf[1024];
      while (req.find("\r\n\r\n") == std::string::npos) {
        const ssize_t n = ::recv(c, buf, sizeof buf, 0);
        if (n <= 0) break;
        req.append(buf, static_cast<size_t>(n));
      }
      request_line_ = req.substr(0, req.find("\r\n"));
      for (size_t at = 0; at < response_.size();) {
        const ssize_t n = ::send(c, response_.data() + at, response_.size() - at, MSG_NOSIGNAL);
        if (n <= 0) break;
        at += static_cast<size_t>(n);
      }
      ::close(c);
    });
  }
  ~OneShotServer() {
    ::shutdown(fd_, SHUT_RDWR);
    if (thread_.joinable()) thread_.join();
    ::close(fd_);
  }
  [[nodiscard]] std::string base() const { return "http://127.0.0.1:" + std::to_string(port_) + "/db"; }
  [[nodiscard]] const std::string& request_line() {
    if (thread_.joinable()) thread_.join();
    return request_line_;
  }

 private:
  std::string response_, request_line_;
  int fd_ = -1;
  uint16_t port_ = 0;
  std::thread thread_;
};

inline std::string http(const std::string& status, const std::string& body) {
  return "HTTP/1.1 " + status + "\r\nContent-Length: " + std::to_string(body.size()) + "\r\nConnection: close\r\n\r\n" +
         body;
}

/// Sets an environment variable (a lookup's base URL) for a scope.
struct ScopedEnv {
  ScopedEnv(const char* name, const std::string& value) : name_(name) { ::setenv(name, value.c_str(), 1); }
  ~ScopedEnv() { ::unsetenv(name_); }
  ScopedEnv(const ScopedEnv&) = delete;
  ScopedEnv& operator=(const ScopedEnv&) = delete;

 private:
  const char* name_;
};

/// "http://127.0.0.1:PORT" of a loopback port that was free a moment ago and is closed now.
inline std::string closed_port_url() {
  OneShotServer probe("");
  const std::string base = probe.base();
  return base.substr(0, base.size() - 3);  // without "/db"
}

}  // namespace dw::rip::test
