// Golden checksums computed by an independent Python transcription of reference/ripping.md
// (samples as u32 LE, i from 1, first track i >= 2940, last track i <= N - 2940; v2 adds the
// high halves) over tests/checksum/pcm.hpp's 20 sectors.
#include "checksum/accuraterip.hpp"

#include <gtest/gtest.h>

#include <optional>
#include <random>

#include "checksum/ctdb.hpp"
#include "disc/error.hpp"
#include "pcm.hpp"

namespace dw {
namespace {

AccurateRipCrc ar(const std::vector<uint8_t>& pcm, bool first, bool last, size_t chunk) {
  AccurateRipTrack t(pcm.size() / 4, first, last);
  for (size_t at = 0; at < pcm.size(); at += chunk)
    t.update(std::span<const uint8_t>(pcm).subspan(at, std::min(chunk, pcm.size() - at)));
  return t.finish();
}

TEST(AccurateRip, TrackChecksumsMatchIndependentComputation) {
  const auto pcm = test::test_pcm(20 * 2352);
  for (size_t chunk : {size_t{1}, size_t{3}, size_t{2352}, pcm.size()}) {
    EXPECT_EQ(ar(pcm, false, false, chunk), (AccurateRipCrc{0x44c96ae8, 0x46d8e5e0})) << chunk;
    EXPECT_EQ(ar(pcm, true, false, chunk), (AccurateRipCrc{0x3c19490e, 0x3e07d095})) << chunk;
    EXPECT_EQ(ar(pcm, false, true, chunk), (AccurateRipCrc{0x288222ba, 0x29aab7d9})) << chunk;
    EXPECT_EQ(ar(pcm, true, true, chunk), (AccurateRipCrc{0x1fd200e0, 0x20d9a28e})) << chunk;
  }
}

TEST(AccurateRip, SkipBoundaries) {
  // One non-zero sample at position i: it counts on a middle track; on the first track only from
  // i = 2940; on the last only up to N - 2940.
  const size_t n = 10 * 588;
  auto one_sample = [&](size_t i, bool first, bool last) {
    std::vector<uint8_t> pcm(n * 4, 0);
    pcm[(i - 1) * 4] = 1;
    return ar(pcm, first, last, pcm.size()).v1;
  };
  EXPECT_EQ(one_sample(2939, true, false), 0u);
  EXPECT_EQ(one_sample(2940, true, false), 2940u);
  EXPECT_EQ(one_sample(n - 2940, false, true), n - 2940);
  EXPECT_EQ(one_sample(n - 2939, false, true), 0u);
  EXPECT_EQ(one_sample(1, false, false), 1u);
}

TEST(AccurateRip, FeedingTheWrongLengthIsAnError) {
  AccurateRipTrack t(10, false, false);
  std::vector<uint8_t> pcm(36);
  t.update(pcm);
  EXPECT_THROW((void)t.finish(), std::logic_error);
}

TEST(AccurateRip, ResponseParserRejectsTruncation) {
  std::vector<uint8_t> r = {2, 0x1c, 0xf2, 0, 0, 0xf8, 0x7e, 0x02, 0, 0x02, 0x10, 0x02, 0x05};
  for (int i = 0; i < 18; ++i) r.push_back(static_cast<uint8_t>(i));
  const auto e = parse_accuraterip_response(r, "dBAR");
  ASSERT_EQ(e.size(), 1u);
  EXPECT_EQ(e[0].id1, 0x0000f21cu);
  EXPECT_EQ(e[0].id2, 0x00027ef8u);
  EXPECT_EQ(e[0].cddb, 0x05021002u);
  EXPECT_EQ(e[0].tracks[1].confidence, 9);
  EXPECT_EQ(e[0].tracks[1].crc, 0x0d0c0b0au);
  r.pop_back();
  try {
    parse_accuraterip_response(r, "dBAR");
    ADD_FAILURE();
  } catch (const InputError& err) {
    EXPECT_EQ(err.offset(), 0u);
    EXPECT_NE(std::string(err.what()).find("needs 31 bytes, 30 left"), std::string::npos) << err.what();
  }
  EXPECT_THROW(parse_accuraterip_response({}, "empty"), InputError);
  EXPECT_THROW(parse_accuraterip_response(std::vector<uint8_t>(13, 0), "zero tracks"), InputError);
}

TEST(AccurateRip, ResponseParserMalformedAndMultipleSubmissions) {
  // Two submissions of one track each: [1][id1][id2][cddb][conf][crc][frame450].
  std::vector<uint8_t> r;
  for (uint8_t sub = 0; sub < 2; ++sub) {
    r.push_back(1);
    for (int i = 0; i < 12; ++i) r.push_back(static_cast<uint8_t>(0x10 * sub + i));
    r.push_back(static_cast<uint8_t>(sub + 3));
    for (int i = 0; i < 8; ++i) r.push_back(static_cast<uint8_t>(0xA0 + i));
  }
  const auto e = parse_accuraterip_response(r, "dBAR");
  ASSERT_EQ(e.size(), 2u);
  EXPECT_EQ(e[1].id1, 0x13121110u);
  EXPECT_EQ(e[1].cddb, 0x1b1a1918u);
  EXPECT_EQ(e[1].tracks.at(0).confidence, 4);
  EXPECT_EQ(e[1].tracks[0].crc, 0xa3a2a1a0u);
  EXPECT_EQ(e[1].tracks[0].frame450, 0xa7a6a5a4u);
  auto error_at = [](const std::vector<uint8_t>& bytes) -> std::optional<uint64_t> {
    try {
      parse_accuraterip_response(bytes, "dBAR");
    } catch (const InputError& err) {
      return err.offset();
    }
    return std::nullopt;
  };
  // A second submission cut in its header, or in its tracks, or one claiming 0 tracks: the error
  // names the byte where that submission starts.
  auto cut = r;
  cut.resize(22 + 5);
  EXPECT_EQ(error_at(cut), 22u);
  cut = r;
  cut.pop_back();
  EXPECT_EQ(error_at(cut), 22u);
  cut = r;
  cut[22] = 0;
  EXPECT_EQ(error_at(cut), 22u);
  // A count larger than the bytes that follow (an HTML error page read as dBAR starts with '<').
  const std::string html = "<html><body>Not Found</body></html>";
  EXPECT_EQ(error_at(std::vector<uint8_t>(html.begin(), html.end())), 0u);
}

TEST(Ctdb, SkipsTenSectorsAtStartAndEnd) {
  // Python: zlib.crc32(pcm[5880*4 : (N - 5880 - N % 5880) * 4]).
  const auto disc50 = test::test_pcm(50 * 2352);
  CtdbCrc a(disc50.size() / 4);
  a.update(disc50);
  EXPECT_EQ(a.finish(), 0xca597108u);
  const auto odd = test::test_pcm(37 * 2352 + 400);  // N mod 5880 = 4216
  CtdbCrc b(odd.size() / 4);
  for (size_t at = 0; at < odd.size(); at += 1000)
    b.update(std::span<const uint8_t>(odd).subspan(at, std::min<size_t>(1000, odd.size() - at)));
  EXPECT_EQ(b.finish(), 0x566cbe2fu);
  CtdbCrc c(100);
  EXPECT_THROW((void)c.finish(), std::logic_error);
}

}  // namespace
}  // namespace dw
