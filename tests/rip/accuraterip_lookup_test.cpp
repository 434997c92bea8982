// The AccurateRip lookup against a one-shot HTTP server on the loopback interface (a thread that
// answers one request with a canned response): found, 404, another status, a malformed body, a
// server that is not there; and the base URL from DW_ACCURATERIP_URL.
#include "rip/accuraterip_lookup.hpp"

#include <arpa/inet.h>
#include <gtest/gtest.h>
#include <netinet/in.h>
#include <sys/socket.h>
#include <unistd.h>

#include <cstdlib>
#include <string>
#include <thread>

namespace dw::rip {
namespace {

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

std::string http(const std::string& status, const std::string& body) {
  return "HTTP/1.1 " + status + "\r\nContent-Length: " + std::to_string(body.size()) + "\r\nConnection: close\r\n\r\n" +
         body;
}

AccurateRipIds ids() {
  AccurateRipIds i;
  i.audio_tracks = 1;
  i.id1 = 0x0000f21c;
  i.id2 = 0x00027ef8;
  i.cddb = 0x05021002;
  return i;
}

struct EnvUrl {
  explicit EnvUrl(const std::string& v) { ::setenv("DW_ACCURATERIP_URL", v.c_str(), 1); }
  ~EnvUrl() { ::unsetenv("DW_ACCURATERIP_URL"); }
};

TEST(AccurateRipLookup, BaseUrlFromTheEnvironment) {
  ::unsetenv("DW_ACCURATERIP_URL");
  EXPECT_EQ(accuraterip_base_url(), "http://www.accuraterip.com/accuraterip/");
  {
    EnvUrl e("http://mirror.example/ar");
    EXPECT_EQ(accuraterip_base_url(), "http://mirror.example/ar/");
  }
  {
    EnvUrl e("");
    EXPECT_EQ(accuraterip_base_url(), "http://www.accuraterip.com/accuraterip/");
  }
}

TEST(AccurateRipLookup, FoundParsesTheFile) {
  // One submission of one track: confidence 9, CRC 0d0c0b0a, frame 450 11100f0e.
  const std::string body("\x01\x1c\xf2\x00\x00\xf8\x7e\x02\x00\x02\x10\x02\x05\x09\x0a\x0b\x0c\x0d\x0e\x0f\x10\x11",
                         22);
  OneShotServer server(http("200 OK", body));
  EnvUrl e(server.base());
  const AccurateRipLookup r = lookup_accuraterip(ids());
  EXPECT_EQ(r.status, AccurateRipLookup::Status::Found) << r.error;
  EXPECT_EQ(r.url, server.base() + "/c/1/2/dBAR-001-0000f21c-00027ef8-05021002.bin");
  ASSERT_EQ(r.entries.size(), 1u);
  EXPECT_EQ(r.entries[0].tracks.at(0).confidence, 9);
  EXPECT_EQ(r.entries[0].tracks[0].crc, 0x0d0c0b0au);
  EXPECT_EQ(r.entries[0].tracks[0].frame450, 0x11100f0eu);
  EXPECT_EQ(server.request_line(), "GET /db/c/1/2/dBAR-001-0000f21c-00027ef8-05021002.bin HTTP/1.1");
}

TEST(AccurateRipLookup, NotFoundIsNotInDatabase) {
  OneShotServer server(http("404 Not Found", "no such file"));
  EnvUrl e(server.base());
  const AccurateRipLookup r = lookup_accuraterip(ids());
  EXPECT_EQ(r.status, AccurateRipLookup::Status::NotInDatabase);
  EXPECT_TRUE(r.entries.empty());
  EXPECT_TRUE(r.error.empty());
}

TEST(AccurateRipLookup, OtherStatusAndMalformedBodyAreNamed) {
  {
    OneShotServer server(http("503 Service Unavailable", "busy"));
    EnvUrl e(server.base());
    const AccurateRipLookup r = lookup_accuraterip(ids());
    EXPECT_EQ(r.status, AccurateRipLookup::Status::Failed);
    EXPECT_EQ(r.error, r.url + ": HTTP status 503");
  }
  {
    OneShotServer server(http("200 OK", std::string("\x02\x1c\xf2\x00\x00\xf8\x7e\x02\x00\x02\x10\x02\x05\x09", 14)));
    EnvUrl e(server.base());
    const AccurateRipLookup r = lookup_accuraterip(ids());
    EXPECT_EQ(r.status, AccurateRipLookup::Status::Failed);
    EXPECT_EQ(r.error, r.url + " (offset 0): submission of 2 tracks needs 31 bytes, 14 left");
  }
}

TEST(AccurateRipLookup, NoServerIsAFailureNamingCurlsReason) {
  uint16_t port = 0;
  {
    OneShotServer probe("");  // take a free port, then close it
    port = static_cast<uint16_t>(std::stoi(probe.base().substr(17)));
  }
  EnvUrl e("http://127.0.0.1:" + std::to_string(port));
  const AccurateRipLookup r = lookup_accuraterip(ids());
  EXPECT_EQ(r.status, AccurateRipLookup::Status::Failed);
  EXPECT_EQ(r.error.rfind(r.url + ": ", 0), 0u) << r.error;
  EXPECT_NE(r.error.find("onnect"), std::string::npos) << r.error;  // "Failed to connect ..." / "Couldn't connect"
}

}  // namespace
}  // namespace dw::rip
