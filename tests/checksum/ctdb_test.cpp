// The CTDB TOC string, what a TOC string says about the audio, the XML answer's parser and the
// match of the disc CRC against its entries.
// Golden TOC strings: Ladyhawke's from its TOC in the corpus README, by the rule of CUETools'
// CDImageLayout.ToString() (computed by hand); the Enhanced CD and the disc with a leading data
// track are the TOC strings published in the CTDB server's own tests
// (gchudov/db.cue.tools, utils/docker/ctdbweb-go/internal/toc/toc_test.go), rebuilt here as
// discs.
#include "checksum/ctdb.hpp"

#include <gtest/gtest.h>

#include <string>

#include "disc/error.hpp"
#include "support/test_discs.hpp"

namespace dw {
namespace {

std::span<const uint8_t> bytes(const std::string& s) { return {reinterpret_cast<const uint8_t*>(s.data()), s.size()}; }

std::string parse_error(const std::string& xml) {
  try {
    parse_ctdb_response(bytes(xml), "answer");
  } catch (const InputError& e) {
    return e.what();
  }
  return "(parsed)";
}

TEST(CtdbToc, LadyhawkeEnhancedCd) {
  EXPECT_EQ(ctdb_toc(test::ladyhawke()),
            "0:15537:31691:50866:66466:81202:99409:115920:133093:149847:161560:177682:-207106:210385");
}

TEST(CtdbToc, EnhancedCdOfTheServersTests) {
  static constexpr Lba starts[] = {0,      14052,  32392,  50197,  68330,  87420, 106077,
                                   125272, 144132, 161707, 180757, 199920, 219617};
  Disc d;
  Session s1;
  for (int i = 0; i < 13; ++i)
    s1.tracks.push_back(test::track(static_cast<uint8_t>(i + 1), TrackMode::Audio, {{1, starts[i]}}));
  s1.leadout = 238840 - 11400;
  Session s2;
  s2.number = 2;
  s2.tracks.push_back(test::track(14, TrackMode::Mode1, {{0, 238840 - 150}, {1, 238840}}));
  s2.leadout = 256877;
  d.sessions = {s1, s2};
  const std::string toc = ctdb_toc(d);
  EXPECT_EQ(toc, "0:14052:32392:50197:68330:87420:106077:125272:144132:161707:180757:199920:219617:-238840:256877");
  EXPECT_EQ(ctdb_toc_audio(toc), (CtdbTocAudio{0, 227440, 13}));
}

TEST(CtdbToc, MixedModeOfTheServersTests) {
  static constexpr Lba starts[] = {11400, 28955, 46490, 64290, 82845, 102022, 120165, 138007, 156220, 173917};
  Disc d;
  Session s;
  s.tracks.push_back(test::track(1, TrackMode::Mode1, {{1, 0}}));
  for (int i = 0; i < 10; ++i)
    s.tracks.push_back(
        test::track(static_cast<uint8_t>(i + 2), TrackMode::Audio, {{0, starts[i] - 150}, {1, starts[i]}}));
  s.leadout = 192267;
  d.sessions = {s};
  const std::string toc = ctdb_toc(d);
  EXPECT_EQ(toc, "-0:11400:28955:46490:64290:82845:102022:120165:138007:156220:173917:192267");
  EXPECT_EQ(ctdb_toc_audio(toc), (CtdbTocAudio{11400, 180867, 10}));
}

TEST(CtdbToc, AudioDiscWithAHiddenTrackOneStart) {
  // Track 1 at LBA 32 (hidden track one audio before it): its index 01 is what the string has.
  Disc d;
  Session s;
  s.tracks = {test::track(1, TrackMode::Audio, {{0, 0}, {1, 32}}), test::track(2, TrackMode::Audio, {{1, 23545}})};
  s.leadout = 42037;
  d.sessions = {s};
  EXPECT_EQ(ctdb_toc(d), "32:23545:42037");
  EXPECT_EQ(ctdb_toc_audio("32:23545:42037"), (CtdbTocAudio{32, 42005, 2}));
  EXPECT_THROW(ctdb_toc(Disc{}), ModelError);
}

TEST(CtdbToc, StringsThatAreNoTocs) {
  for (const char* bad : {"", "12345", "0:abc:5", "0:-5", "-0:100", "0:200:100", "0::100", "0:100:", "+0:100",
                          "0:100:-5000:6000", "0:99999999999:100000000000"})
    EXPECT_EQ(ctdb_toc_audio(bad), std::nullopt) << bad;
}

// The shape of lookup2.php's answer (version 3): entries, then metadata the parser skips.
const std::string kAnswer =
    "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"
    "<ctdb xmlns=\"http://db.cuetools.net/ns/mmd-1.0#\" xmlns:ext=\"http://db.cuetools.net/ns/ext-1.0#\">\n"
    " <entry id=\"1234\" crc32=\"0a1b2c3d\" confidence=\"7\" npar=\"16\" stride=\"5880\" hasparity=\"/parity/1234\" "
    "syndrome=\"AAAA\" trackcrcs=\"11111111 2222222a\" toc=\"0:1000:2000\"/>\n"
    " <entry id=\"99\" crc32=\"FFFFFFFF\" confidence=\"2\" npar=\"8\" stride=\"5880\" parity=\"AAAA\" "
    "toc='0:1000:&#50;000'/>\n"
    " <entry id=\"5\" crc32=\"00000001\" confidence=\"3\"/>\n"
    " <metadata source=\"musicbrainz\" id=\"x\" artist=\"A &amp; B\" album=\"C\"><track name=\"t\"/>"
    "<entry crc32=\"1\" toc=\"0:1\"/></metadata>\n"
    "</ctdb>\n";

TEST(CtdbResponse, ParsesEntriesAndSkipsTheRest) {
  const auto e = parse_ctdb_response(bytes(kAnswer), "answer");
  ASSERT_EQ(e.size(), 2u);  // the entry without a toc and the one inside <metadata> are not entries
  EXPECT_EQ(e[0].id, 1234);
  EXPECT_EQ(e[0].crc32, 0x0a1b2c3du);
  EXPECT_EQ(e[0].confidence, 7u);
  EXPECT_EQ(e[0].stride, 5880u);
  EXPECT_TRUE(e[0].has_parity);
  EXPECT_EQ(e[0].track_crcs, (std::vector<uint32_t>{0x11111111u, 0x2222222au}));
  EXPECT_EQ(e[0].toc, "0:1000:2000");
  EXPECT_EQ(e[1].id, 99);
  EXPECT_EQ(e[1].crc32, 0xffffffffu);
  EXPECT_EQ(e[1].confidence, 2u);
  EXPECT_FALSE(e[1].has_parity);
  EXPECT_TRUE(e[1].track_crcs.empty());
  EXPECT_EQ(e[1].toc, "0:1000:2000");  // the character reference resolved
}

TEST(CtdbResponse, MalformedAnswersAreNamed) {
  EXPECT_EQ(parse_error(""), "answer:1: not well-formed XML (column 0): no element found");
  // Cut inside the second entry's start tag: the unclosed token starts at line 4, column 1.
  EXPECT_EQ(parse_error(kAnswer.substr(0, kAnswer.find("<entry id=\"99\"") + 30)),
            "answer:4: not well-formed XML (column 1): unclosed token");
  EXPECT_EQ(parse_error("<ctdb><entry toc=\"0:1\" crc32=\"1\"></ctdb>"),
            "answer:1: not well-formed XML (column 35): mismatched tag");
  EXPECT_EQ(parse_error("<html><body>Not Found</body></html>"), "answer:1: the root element is <html>, not <ctdb>");
  EXPECT_EQ(parse_error("Not Found"), "answer:1: not well-formed XML (column 0): syntax error");
  EXPECT_EQ(parse_error("<!DOCTYPE ctdb [<!ENTITY a \"aaaaaaaaaa\"><!ENTITY b \"&a;&a;&a;&a;&a;\">]><ctdb/>"),
            "answer:1: a DOCTYPE is not allowed in a CTDB answer");
  EXPECT_EQ(parse_error("<ctdb><entry crc32=\"xyz\" toc=\"0:1\"/></ctdb>"),
            "answer:1: entry 1: crc32=\"xyz\" is not valid");
  EXPECT_EQ(parse_error("<ctdb><entry crc32=\"1\" toc=\"0:1\"/><entry crc32=\"123456789\" toc=\"0:1\"/></ctdb>"),
            "answer:1: entry 2: crc32=\"123456789\" is not valid");
  EXPECT_EQ(parse_error("<ctdb><entry crc32=\"1\" confidence=\"-1\" toc=\"0:1\"/></ctdb>"),
            "answer:1: entry 1: confidence=\"-1\" is not valid");
  EXPECT_EQ(parse_error("<ctdb><entry crc32=\"1\" trackcrcs=\"1  2\" toc=\"0:1\"/></ctdb>"),
            "answer:1: entry 1: trackcrcs=\"1  2\" is not valid");
  EXPECT_EQ(parse_error("<ctdb>\n<entry crc32=\"1\" id=\"1x\" toc=\"0:1\"/></ctdb>"),
            "answer:2: entry 1: id=\"1x\" is not valid");
}

TEST(CtdbResponse, HugeAnswers) {
  // One entry more than allowed: refused, naming the limit.
  std::string many = "<ctdb>";
  for (size_t i = 0; i <= kCtdbMaxEntries; ++i) many += "<entry crc32=\"1\" confidence=\"1\" toc=\"0:1\"/>";
  many += "</ctdb>";
  EXPECT_EQ(parse_error(many), "answer:1: more than 10000 entries");
  // 100 track CRCs: more than a disc has tracks.
  std::string crcs;
  for (int i = 0; i < 100; ++i) crcs += i ? " 1" : "1";
  EXPECT_EQ(parse_error("<ctdb><entry crc32=\"1\" trackcrcs=\"" + crcs + "\" toc=\"0:1\"/></ctdb>").substr(0, 45),
            "answer:1: entry 1: trackcrcs=\"1 1 1 1 1 1 1 1");
  // Deep nesting and a 4 MiB attribute parse (in 1 MiB chunks) without harm.
  std::string deep = "<ctdb>";
  for (int i = 0; i < 100000; ++i) deep += "<a>";
  for (int i = 0; i < 100000; ++i) deep += "</a>";
  deep += "<entry crc32=\"2\" toc=\"" + std::string(4u << 20, '7') + "\"/></ctdb>";
  const auto e = parse_ctdb_response(bytes(deep), "answer");
  ASSERT_EQ(e.size(), 1u);
  EXPECT_EQ(e[0].crc32, 2u);
  EXPECT_EQ(e[0].toc.size(), 4u << 20);
}

TEST(CtdbMatch, CrcAgainstEntries) {
  auto entry = [](uint32_t crc, uint32_t confidence, std::string toc, uint32_t stride = 5880,
                  std::vector<uint32_t> tracks = {}) {
    CtdbEntry e;
    e.crc32 = crc;
    e.confidence = confidence;
    e.toc = std::move(toc);
    e.stride = stride;
    e.track_crcs = std::move(tracks);
    return e;
  };
  const std::vector<uint32_t> ours_tracks = {0xa, 0xb};
  const std::string ours = "0:1000:2000";
  const std::vector<CtdbEntry> entries = {
      entry(0x1234, 7, ours),           entry(0x9999, 2, ours),
      entry(0x1234, 5, "0:1000:2001"),   // other audio length: not comparable
      entry(0x1234, 4, "33:1033:2033"),  // the same length, shifted: comparable
      entry(0x1234, 6, ours, 2940),      // another stride: not comparable
  };
  const CtdbMatch m = match_ctdb(0x1234, ours_tracks, ours, entries);
  EXPECT_TRUE(m.matched);
  EXPECT_EQ(m.confidence, 11u);
  EXPECT_EQ(m.total, 24u);
  EXPECT_EQ(m.entries, 5u);
  EXPECT_EQ(m.comparable, 3u);
  // The whole matches vouch for both tracks.
  ASSERT_EQ(m.tracks.size(), 2u);
  EXPECT_EQ(m.tracks[0].result, CtdbTrackMatch::Result::Verified);
  EXPECT_EQ(m.tracks[0].confidence, 11u);
  EXPECT_EQ(m.tracks[1].confidence, 11u);
  const CtdbMatch none = match_ctdb(0x5678, ours_tracks, ours, entries);
  EXPECT_FALSE(none.matched);
  EXPECT_EQ(none.confidence, 0u);
  EXPECT_EQ(none.total, 24u);
  // No whole match and no track CRCs: nothing can be said per track.
  EXPECT_EQ(none.tracks[0].result, CtdbTrackMatch::Result::Unknown);
  EXPECT_EQ(match_ctdb(0x1234, ours_tracks, ours, {}).entries, 0u);
}

TEST(CtdbMatch, TrackCrcsJudgeTracksWhenTheWholeDoesNot) {
  const std::vector<uint32_t> ours_tracks = {0xa, 0xb, 0xc};
  const std::string ours = "0:1000:2000:3000";
  std::vector<CtdbEntry> entries(4);
  entries[0] = {1, 0x77, 5, ours, {0xa, 0xb, 0xd}, 5880, false};                // track 3 differs
  entries[1] = {2, 0x78, 3, ours, {0xa, 0xe, 0xd}, 5880, false};                // tracks 2 and 3 differ
  entries[2] = {3, 0x79, 4, ours, {0xa, 0xb}, 5880, false};                     // a CRC short: not used per track
  entries[3] = {4, 0x7a, 9, "0:1000:2000:3001", {0xa, 0xb, 0xc}, 5880, false};  // other audio: not comparable
  const CtdbMatch m = match_ctdb(0x1234, ours_tracks, ours, entries);
  EXPECT_FALSE(m.matched);
  EXPECT_EQ(m.total, 21u);
  EXPECT_EQ(m.comparable, 3u);
  ASSERT_EQ(m.tracks.size(), 3u);
  EXPECT_EQ(m.tracks[0].result, CtdbTrackMatch::Result::Verified);
  EXPECT_EQ(m.tracks[0].confidence, 8u);
  EXPECT_EQ(m.tracks[1].result, CtdbTrackMatch::Result::Verified);
  EXPECT_EQ(m.tracks[1].confidence, 5u);
  EXPECT_EQ(m.tracks[2].result, CtdbTrackMatch::Result::NoMatch);
  EXPECT_EQ(m.tracks[2].confidence, 0u);
}

}  // namespace
}  // namespace dw
