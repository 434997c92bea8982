#include "scsi/emulate/protocol.hpp"

#include <gtest/gtest.h>

namespace dw::emulate {
namespace {

RequestHeader command(uint8_t cdb_len, Dir dir, uint32_t out, uint32_t in) {
  RequestHeader h;
  h.cdb_len = cdb_len;
  h.direction = static_cast<uint8_t>(dir);
  h.out_len = out;
  h.in_len = in;
  return h;
}

TEST(EmulateProtocol, WellFormedCommandsPass) {
  EXPECT_EQ(check_request(command(6, Dir::None, 0, 0)), nullptr);
  EXPECT_EQ(check_request(command(12, Dir::FromDevice, 0, 2352)), nullptr);
  EXPECT_EQ(check_request(command(10, Dir::ToDevice, 65536, 0)), nullptr);
  EXPECT_EQ(check_request(command(16, Dir::FromDevice, 0, kMaxData)), nullptr);
}

TEST(EmulateProtocol, MalformedRequestsAreNamed) {
  RequestHeader bad = command(6, Dir::None, 0, 0);
  bad.magic = 0x12345678;
  EXPECT_STREQ(check_request(bad), "bad magic (not a discwright emulate request)");
  EXPECT_STREQ(check_request(command(0, Dir::None, 0, 0)), "CDB length not 1..16");
  EXPECT_STREQ(check_request(command(17, Dir::None, 0, 0)), "CDB length not 1..16");
  EXPECT_STREQ(check_request(command(6, static_cast<Dir>(3), 0, 0)), "unknown data direction");
  EXPECT_STREQ(check_request(command(10, Dir::FromDevice, 0, kMaxData + 1)), "data phase larger than 16 MiB");
  EXPECT_STREQ(check_request(command(10, Dir::FromDevice, 4, 8)), "data-out bytes without data-out");
  EXPECT_STREQ(check_request(command(10, Dir::ToDevice, 4, 8)), "data-in buffer without data-in");
  RequestHeader kind = command(6, Dir::None, 0, 0);
  kind.kind = 9;
  EXPECT_STREQ(check_request(kind), "unknown request kind");
  RequestHeader log;
  log.kind = static_cast<uint8_t>(Kind::Log);
  log.out_len = 64 * 1024 + 1;
  EXPECT_STREQ(check_request(log), "log line longer than 64 KiB");
}

TEST(EmulateProtocol, RepliesAreCheckedAgainstTheBuffer) {
  ReplyHeader r;
  r.transferred = 2352;
  EXPECT_EQ(check_reply(r, 2352), nullptr);
  EXPECT_STREQ(check_reply(r, 2048), "reply data larger than the buffer");
  r.sense_len = 65;
  EXPECT_STREQ(check_reply(r, 2352), "sense longer than 64 bytes");
  ReplyHeader m;
  m.magic = 0;
  EXPECT_STREQ(check_reply(m, 0), "bad reply magic");
}

}  // namespace
}  // namespace dw::emulate
