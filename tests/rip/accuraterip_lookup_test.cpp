// The AccurateRip lookup against a one-shot HTTP server on the loopback interface (a thread that
// answers one request with a canned response): found, 404, another status, a malformed body, a
// server that is not there; and the base URL from DW_ACCURATERIP_URL.
#include "rip/accuraterip_lookup.hpp"

#include <gtest/gtest.h>

#include <cstdlib>
#include <string>

#include "rip/one_shot_server.hpp"

namespace dw::rip {
namespace {

using test::http;
using test::OneShotServer;

AccurateRipIds ids() {
  AccurateRipIds i;
  i.audio_tracks = 1;
  i.id1 = 0x0000f21c;
  i.id2 = 0x00027ef8;
  i.cddb = 0x05021002;
  return i;
}

struct EnvUrl : test::ScopedEnv {
  explicit EnvUrl(const std::string& v) : ScopedEnv("DW_ACCURATERIP_URL", v) {}
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
  EnvUrl e(test::closed_port_url());
  const AccurateRipLookup r = lookup_accuraterip(ids());
  EXPECT_EQ(r.status, AccurateRipLookup::Status::Failed);
  EXPECT_EQ(r.error.rfind(r.url + ": ", 0), 0u) << r.error;
  EXPECT_NE(r.error.find("onnect"), std::string::npos) << r.error;  // "Failed to connect ..." / "Couldn't connect"
}

}  // namespace
}  // namespace dw::rip
