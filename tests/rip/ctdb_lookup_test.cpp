// The CTDB lookup against a one-shot HTTP server on the loopback interface: the request line
// (lookup2.php with CUETools' parameters and the TOC), found, 404 and an answer without entries
// (not in database), another status, XML that is not a CTDB answer, a server that is not there;
// and the base URL from DW_CTDB_URL.
#include "rip/ctdb_lookup.hpp"

#include <gtest/gtest.h>

#include <cstdlib>
#include <string>

#include "rip/one_shot_server.hpp"

namespace dw::rip {
namespace {

using test::http;
using test::OneShotServer;

struct EnvUrl : test::ScopedEnv {
  explicit EnvUrl(const std::string& v) : ScopedEnv("DW_CTDB_URL", v) {}
};

const std::string kToc = "0:15537:31691:-207106:210385";

TEST(CtdbLookup, BaseUrlFromTheEnvironment) {
  ::unsetenv("DW_CTDB_URL");
  EXPECT_EQ(ctdb_base_url(), "http://db.cuetools.net/");
  EXPECT_EQ(ctdb_lookup_url("0:100"),
            "http://db.cuetools.net/lookup2.php?version=3&ctdb=1&fuzzy=0&metadata=none&toc=0:100");
  {
    EnvUrl e("http://mirror.example/ctdb");
    EXPECT_EQ(ctdb_base_url(), "http://mirror.example/ctdb/");
  }
  {
    EnvUrl e("");
    EXPECT_EQ(ctdb_base_url(), "http://db.cuetools.net/");
  }
}

TEST(CtdbLookup, FoundParsesTheEntries) {
  const std::string body =
      "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"
      "<ctdb xmlns=\"http://db.cuetools.net/ns/mmd-1.0#\" xmlns:ext=\"http://db.cuetools.net/ns/ext-1.0#\">\n"
      " <entry id=\"42\" crc32=\"89abcdef\" confidence=\"12\" npar=\"8\" stride=\"5880\" toc=\"" +
      kToc + "\"/>\n</ctdb>\n";
  OneShotServer server(http("200 OK", body));
  EnvUrl e(server.base());
  const CtdbLookup r = lookup_ctdb(kToc);
  EXPECT_EQ(r.status, CtdbLookup::Status::Found) << r.error;
  EXPECT_EQ(r.url, server.base() + "/lookup2.php?version=3&ctdb=1&fuzzy=0&metadata=none&toc=" + kToc);
  ASSERT_EQ(r.entries.size(), 1u);
  EXPECT_EQ(r.entries[0].id, 42);
  EXPECT_EQ(r.entries[0].crc32, 0x89abcdefu);
  EXPECT_EQ(r.entries[0].confidence, 12u);
  EXPECT_EQ(r.entries[0].toc, kToc);
  EXPECT_EQ(server.request_line(),
            "GET /db/lookup2.php?version=3&ctdb=1&fuzzy=0&metadata=none&toc=0:15537:31691:-207106:210385 HTTP/1.1");
}

TEST(CtdbLookup, NotFoundAndNoEntriesAreNotInDatabase) {
  {
    OneShotServer server(http("404 Not Found", "Not Found"));
    EnvUrl e(server.base());
    const CtdbLookup r = lookup_ctdb(kToc);
    EXPECT_EQ(r.status, CtdbLookup::Status::NotInDatabase);
    EXPECT_TRUE(r.entries.empty());
    EXPECT_TRUE(r.error.empty());
  }
  {
    OneShotServer server(http("200 OK", "<ctdb xmlns=\"http://db.cuetools.net/ns/mmd-1.0#\"/>"));
    EnvUrl e(server.base());
    const CtdbLookup r = lookup_ctdb(kToc);
    EXPECT_EQ(r.status, CtdbLookup::Status::NotInDatabase);
    EXPECT_TRUE(r.error.empty());
  }
}

TEST(CtdbLookup, OtherStatusAndMalformedBodyAreNamed) {
  {
    OneShotServer server(http("503 Service Unavailable", "busy"));
    EnvUrl e(server.base());
    const CtdbLookup r = lookup_ctdb(kToc);
    EXPECT_EQ(r.status, CtdbLookup::Status::Failed);
    EXPECT_EQ(r.error, r.url + ": HTTP status 503");
  }
  {
    OneShotServer server(http("200 OK", "<html><body>maintenance</body></html>"));
    EnvUrl e(server.base());
    const CtdbLookup r = lookup_ctdb(kToc);
    EXPECT_EQ(r.status, CtdbLookup::Status::Failed);
    EXPECT_EQ(r.error, r.url + ":1: the root element is <html>, not <ctdb>");
  }
  {
    OneShotServer server(http("200 OK", "<ctdb><entry crc32=\"0000"));  // cut short
    EnvUrl e(server.base());
    const CtdbLookup r = lookup_ctdb(kToc);
    EXPECT_EQ(r.status, CtdbLookup::Status::Failed);
    EXPECT_EQ(r.error, r.url + ":1: not well-formed XML (column 6): unclosed token");
  }
}

TEST(CtdbLookup, NoServerIsAFailureNamingCurlsReason) {
  EnvUrl e(test::closed_port_url());
  const CtdbLookup r = lookup_ctdb(kToc);
  EXPECT_EQ(r.status, CtdbLookup::Status::Failed);
  EXPECT_EQ(r.error.rfind(r.url + ": ", 0), 0u) << r.error;
  EXPECT_NE(r.error.find("onnect"), std::string::npos) << r.error;
}

// Only HTTP and HTTPS: a redirect to FTP (which libcurl follows by default) is not followed, and
// a base URL of another protocol is not used. The FTP port is closed, so without the restriction
// the error would be a failed connection, not a refused protocol.
TEST(CtdbLookup, RedirectsAndUrlsOfOtherProtocolsAreRefused) {
  const std::string closed = test::closed_port_url();  // http://127.0.0.1:PORT
  const std::string ftp = "ftp://" + closed.substr(closed.find("//") + 2) + "/answer.xml";
  OneShotServer server("HTTP/1.1 302 Found\r\nLocation: " + ftp + "\r\nContent-Length: 0\r\nConnection: close\r\n\r\n");
  {
    EnvUrl e(server.base());
    const CtdbLookup r = lookup_ctdb(kToc);
    EXPECT_EQ(r.status, CtdbLookup::Status::Failed);
    EXPECT_TRUE(r.entries.empty());
    EXPECT_NE(r.error.find("rotocol"), std::string::npos) << r.error;
  }
  {
    EnvUrl e("file://" + ::testing::TempDir());
    const CtdbLookup r = lookup_ctdb(kToc);
    EXPECT_EQ(r.status, CtdbLookup::Status::Failed);
    EXPECT_NE(r.error.find("rotocol"), std::string::npos) << r.error;
  }
}

}  // namespace
}  // namespace dw::rip
