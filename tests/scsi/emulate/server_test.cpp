// The drive server over a real Unix socket: requests in, handler answers out, byte for byte;
// concurrent connections; malformed requests close only their own connection.
#include "scsi/emulate/server.hpp"

#include <gtest/gtest.h>
#include <sys/socket.h>
#include <sys/un.h>
#include <unistd.h>

#include <atomic>
#include <cstring>
#include <thread>

namespace dw::emulate {
namespace {

std::string socket_path(const char* name) {
  return "/tmp/dw-server-test-" + std::to_string(::getpid()) + "-" + name + ".sock";
}

int connect_to(const std::string& path) {
  const int fd = ::socket(AF_UNIX, SOCK_STREAM, 0);
  sockaddr_un addr{};
  addr.sun_family = AF_UNIX;
  std::strcpy(addr.sun_path, path.c_str());
  if (::connect(fd, reinterpret_cast<sockaddr*>(&addr), sizeof addr) != 0) {
    ::close(fd);
    return -1;
  }
  return fd;
}

// The handler: data-in commands get bytes 0,1,2,... plus the CDB's second byte; data-out
// commands are summed into the sense's first byte; opcode 0xFF ends CHECK CONDITION 05/20/00.
ServedReply answer(const ServedCommand& c) {
  ServedReply r;
  r.duration_us = 1234;
  if (c.cdb[0] == 0xFF) {
    r.status = 2;
    r.sense = {0x70, 0, 0x05, 0, 0, 0, 0, 10, 0, 0, 0, 0, 0x20, 0x00};
    return r;
  }
  if (c.direction == Dir::FromDevice) {
    for (size_t i = 0; i < c.data.size(); ++i) c.data[i] = static_cast<uint8_t>(i + c.cdb[1]);
    r.transferred = static_cast<uint32_t>(c.data.size() / 2);  // a short transfer
  } else if (c.direction == Dir::ToDevice) {
    uint8_t sum = 0;
    for (uint8_t b : c.data) sum = static_cast<uint8_t>(sum + b);
    r.sense = {sum};
    r.transferred = static_cast<uint32_t>(c.data.size());
  }
  return r;
}

TEST(EmulateServer, AnswersDataInDataOutAndCheckCondition) {
  Server server(socket_path("basic"));
  server.start(answer, nullptr);
  const int fd = connect_to(server.path());
  ASSERT_GE(fd, 0);

  RequestHeader in;
  in.cdb_len = 12;
  in.cdb[0] = 0xBE;
  in.cdb[1] = 7;
  in.direction = static_cast<uint8_t>(Dir::FromDevice);
  in.in_len = 100;
  ASSERT_TRUE(write_two(fd, &in, sizeof in, nullptr, 0));
  ReplyHeader r;
  ASSERT_TRUE(read_full(fd, &r, sizeof r));
  EXPECT_EQ(check_reply(r, 100), nullptr);
  EXPECT_EQ(r.status, 0);
  EXPECT_EQ(r.transferred, 50u);
  EXPECT_EQ(r.duration_us, 1234u);
  uint8_t data[50];
  ASSERT_TRUE(read_full(fd, data, sizeof data));
  for (int i = 0; i < 50; ++i) EXPECT_EQ(data[i], i + 7);

  RequestHeader out;
  out.cdb_len = 10;
  out.cdb[0] = 0x2A;
  out.direction = static_cast<uint8_t>(Dir::ToDevice);
  const uint8_t payload[4] = {1, 2, 3, 4};
  out.out_len = sizeof payload;
  ASSERT_TRUE(write_two(fd, &out, sizeof out, payload, sizeof payload));
  ASSERT_TRUE(read_full(fd, &r, sizeof r));
  EXPECT_EQ(r.transferred, 4u);
  EXPECT_EQ(r.sense_len, 1);
  EXPECT_EQ(r.sense[0], 10);

  RequestHeader bad;
  bad.cdb_len = 6;
  bad.cdb[0] = 0xFF;
  ASSERT_TRUE(write_two(fd, &bad, sizeof bad, nullptr, 0));
  ASSERT_TRUE(read_full(fd, &r, sizeof r));
  EXPECT_EQ(r.status, 2);
  EXPECT_EQ(r.sense_len, 14);
  EXPECT_EQ(r.sense[2], 0x05);
  EXPECT_EQ(r.sense[12], 0x20);
  ::close(fd);
  server.stop();
  EXPECT_EQ(server.requests(), 3u);
}

TEST(EmulateServer, ServesConnectionsConcurrently) {
  Server server(socket_path("threads"));
  std::atomic<int> inside{0}, most{0};
  server.start(
      [&](const ServedCommand& c) {
        const int now = ++inside;
        int seen = most.load();
        while (now > seen && !most.compare_exchange_weak(seen, now)) {
        }
        std::this_thread::sleep_for(std::chrono::microseconds(200));
        --inside;
        return answer(c);
      },
      nullptr);
  std::vector<std::thread> clients;
  std::atomic<int> good{0};
  for (int t = 0; t < 8; ++t)
    clients.emplace_back([&, t] {
      const int fd = connect_to(server.path());
      for (int i = 0; i < 50 && fd >= 0; ++i) {
        RequestHeader h;
        h.cdb_len = 12;
        h.cdb[0] = 0xBE;
        h.cdb[1] = static_cast<uint8_t>(t * 10 + i);
        h.direction = static_cast<uint8_t>(Dir::FromDevice);
        h.in_len = 8;
        ReplyHeader r;
        uint8_t d[4];
        if (write_two(fd, &h, sizeof h, nullptr, 0) && read_full(fd, &r, sizeof r) && r.transferred == 4 &&
            read_full(fd, d, 4) && d[0] == h.cdb[1] && d[3] == static_cast<uint8_t>(h.cdb[1] + 3))
          ++good;
      }
      if (fd >= 0) ::close(fd);
    });
  for (auto& c : clients) c.join();
  server.stop();
  EXPECT_EQ(good, 8 * 50);
  EXPECT_GT(most, 1) << "the handler never ran for two connections at once";
}

TEST(EmulateServer, MalformedRequestClosesOnlyItsConnection) {
  Server server(socket_path("malformed"));
  std::vector<std::string> log;
  std::mutex m;
  server.start(answer, [&](const std::string& line) {
    std::lock_guard lock(m);
    log.push_back(line);
  });
  const int good = connect_to(server.path());
  const int bad = connect_to(server.path());
  RequestHeader junk;
  junk.magic = 0xDEADBEEF;
  ASSERT_TRUE(write_two(bad, &junk, sizeof junk, nullptr, 0));
  char byte;
  EXPECT_EQ(::recv(bad, &byte, 1, 0), 0);  // closed by the server
  RequestHeader tur;
  tur.cdb_len = 6;
  ReplyHeader r;
  ASSERT_TRUE(write_two(good, &tur, sizeof tur, nullptr, 0));
  ASSERT_TRUE(read_full(good, &r, sizeof r));
  EXPECT_EQ(r.status, 0);
  ::close(good);
  ::close(bad);
  server.stop();
  ASSERT_EQ(log.size(), 1u);
  EXPECT_EQ(log[0], "emulate: malformed request, connection closed: bad magic (not a discwright emulate request)");
}

}  // namespace
}  // namespace dw::emulate
