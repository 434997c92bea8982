// Full TOC bytes below are derived by hand from the descriptor table of reference/cd-physical.md
// ("Full TOC"): [0] session, [1] ADR<<4 | CONTROL, [2] TNO, [3] POINT, [4-7] MIN SEC FRAME ZERO,
// [8-10] PMIN PSEC PFRAME; MSF = LBA + 150.
#include "disc/full_toc.hpp"

#include <gtest/gtest.h>

#include <random>

#include "disc/error.hpp"
#include "support/test_discs.hpp"

namespace dw {
namespace {

using Bytes = std::vector<uint8_t>;

// Three audio tracks at LBA 0, 15000, 30000; lead-out 45000 (10:02:00).
const Bytes kAudioBinary = {0x00, 0x44, 0x01, 0x01,                                 //
                            0x01, 0x10, 0x00, 0xA0, 0, 0, 0, 0, 0x01, 0x00, 0x00,   // A0: first track 1, CD-DA
                            0x01, 0x10, 0x00, 0xA1, 0, 0, 0, 0, 0x03, 0x00, 0x00,   // A1: last track 3
                            0x01, 0x10, 0x00, 0xA2, 0, 0, 0, 0, 0x0A, 0x02, 0x00,   // A2: 10:02:00
                            0x01, 0x10, 0x00, 0x01, 0, 0, 0, 0, 0x00, 0x02, 0x00,   // 1 at 00:02:00
                            0x01, 0x10, 0x00, 0x02, 0, 0, 0, 0, 0x03, 0x16, 0x00,   // 2 at 03:22:00
                            0x01, 0x10, 0x00, 0x03, 0, 0, 0, 0, 0x06, 0x2A, 0x00};  // 3 at 06:42:00
const Bytes kAudioBcd = {0x00, 0x44, 0x01, 0x01,                                    //
                         0x01, 0x10, 0x00, 0xA0, 0, 0, 0, 0, 0x01, 0x00, 0x00,      //
                         0x01, 0x10, 0x00, 0xA1, 0, 0, 0, 0, 0x03, 0x00, 0x00,      //
                         0x01, 0x10, 0x00, 0xA2, 0, 0, 0, 0, 0x10, 0x02, 0x00,      //
                         0x01, 0x10, 0x00, 0x01, 0, 0, 0, 0, 0x00, 0x02, 0x00,      //
                         0x01, 0x10, 0x00, 0x02, 0, 0, 0, 0, 0x03, 0x22, 0x00,      //
                         0x01, 0x10, 0x00, 0x03, 0, 0, 0, 0, 0x06, 0x42, 0x00};

Disc audio_disc() {
  Disc d;
  Session s;
  s.tracks = {test::track(1, TrackMode::Audio, {{1, 0}}), test::track(2, TrackMode::Audio, {{1, 15000}}),
              test::track(3, TrackMode::Audio, {{1, 30000}})};
  s.leadout = 45000;
  d.sessions = {s};
  return d;
}

TEST(FullToc, AudioCdBinaryAndBcd) {
  EXPECT_EQ(build_full_toc(audio_disc()), kAudioBinary);
  EXPECT_EQ(build_full_toc(audio_disc(), FullTocEncoding::Bcd), kAudioBcd);
  EXPECT_EQ(parse_full_toc(kAudioBinary, "t"), audio_disc());
  EXPECT_EQ(parse_full_toc(kAudioBcd, "t", FullTocEncoding::Bcd), audio_disc());
  // 0x2A (42 s) is not BCD; 0x42 as binary seconds is 66: each reading rules the other out.
  EXPECT_EQ(detect_full_toc_encoding(kAudioBinary), FullTocEncoding::Binary);
  EXPECT_EQ(detect_full_toc_encoding(kAudioBcd), FullTocEncoding::Bcd);
  EXPECT_EQ(parse_full_toc(kAudioBcd, "t", FullTocEncoding::Auto), audio_disc());
}

// A binary full TOC whose every MSF byte happens to be valid BCD: one track at LBA 0 (00:02:00),
// lead-out 200 (00:04:50). Both readings are possible, so it stays binary; the A2 descriptor's
// POINT (0xA2) is no track number and says nothing about the encoding.
TEST(FullToc, AmbiguousTocIsBinary) {
  const Bytes toc = {0x00, 0x2E, 0x01, 0x01,                                 //
                     0x01, 0x10, 0x00, 0xA0, 0, 0, 0, 0, 0x01, 0x00, 0x00,   // A0: first track 1, CD-DA
                     0x01, 0x10, 0x00, 0xA1, 0, 0, 0, 0, 0x01, 0x00, 0x00,   // A1: last track 1
                     0x01, 0x10, 0x00, 0xA2, 0, 0, 0, 0, 0x00, 0x04, 0x32,   // A2: 00:04:50
                     0x01, 0x10, 0x00, 0x01, 0, 0, 0, 0, 0x00, 0x02, 0x00};  // 1 at 00:02:00
  EXPECT_EQ(detect_full_toc_encoding(toc), FullTocEncoding::Binary);
  EXPECT_EQ(parse_full_toc(toc, "t", FullTocEncoding::Auto).leadout(), 200);
}

// Ladyhawke (corpus README): 12 audio tracks, lead-out 195706 (43:31:31), B0 and C0 in session 1;
// session 2 (CD-ROM XA) with data track 13 at 207106 (46:03:31), lead-out 210385 (46:47:10).
TEST(FullToc, EnhancedCdTwoSessions) {
  Disc d = test::ladyhawke();
  d.sessions[1].tracks[0].indices = {{1, 207106}};  // the full TOC knows index 1 only
  d.sessions[1].a0_control.bits = d.sessions[1].a1_control.bits = d.sessions[1].a2_control.bits = Control::kData;
  d.sessions[0].next_program_area = NextProgramArea{{46, 1, 31}, 2, {79, 59, 74}};
  d.sessions[0].recording_info = RecordingInfo{0, 0, 0, {97, 27, 10}};
  const Bytes toc = build_full_toc(d);
  ASSERT_EQ(toc.size(), 4u + 11u * (15 + 2 + 4));
  EXPECT_EQ(Bytes(toc.begin(), toc.begin() + 4), (Bytes{0x00, 0xE9, 0x01, 0x02}));
  const size_t a2 = 4 + 2 * 11, b0 = 4 + 15 * 11, s2 = 4 + 17 * 11;
  EXPECT_EQ(Bytes(toc.begin() + a2, toc.begin() + a2 + 11), (Bytes{1, 0x10, 0, 0xA2, 0, 0, 0, 0, 43, 31, 31}));
  EXPECT_EQ(Bytes(toc.begin() + b0, toc.begin() + b0 + 11), (Bytes{1, 0x50, 0, 0xB0, 46, 1, 31, 2, 79, 59, 74}));
  EXPECT_EQ(Bytes(toc.begin() + b0 + 11, toc.begin() + b0 + 22), (Bytes{1, 0x50, 0, 0xC0, 0, 0, 0, 0, 97, 27, 10}));
  EXPECT_EQ(Bytes(toc.begin() + s2, toc.begin() + s2 + 11), (Bytes{2, 0x14, 0, 0xA0, 0, 0, 0, 0, 13, 0x20, 0}));
  EXPECT_EQ(Bytes(toc.begin() + s2 + 22, toc.begin() + s2 + 33), (Bytes{2, 0x14, 0, 0xA2, 0, 0, 0, 0, 46, 47, 10}));
  EXPECT_EQ(Bytes(toc.end() - 11, toc.end()), (Bytes{2, 0x14, 0, 0x0D, 0, 0, 0, 0, 46, 3, 31}));
  const Disc back = parse_full_toc(toc, "ladyhawke");
  EXPECT_EQ(back, d);
  EXPECT_EQ(back.find_track(13)->mode, TrackMode::Mode2Xa);
  EXPECT_EQ(back.sessions[0].leadout, 195706);
  EXPECT_EQ(build_full_toc(back), toc);
}

TEST(FullToc, KeepsWhatTheModelHasNoFieldFor) {
  Bytes toc = kAudioBinary;
  // A C1 descriptor (ADR 5) and an ADR 6 one, and a drive's non-zero running time on point 2.
  const Bytes c1 = {0x01, 0x50, 0x00, 0xC1, 0x04, 0x0C, 0x4E, 0x00, 0x00, 0x00, 0x00};
  const Bytes adr6 = {0x01, 0x60, 0x00, 0x01, 0x11, 0x22, 0x33, 0x44, 0x55, 0x66, 0x77};
  toc.insert(toc.end(), c1.begin(), c1.end());
  toc.insert(toc.end(), adr6.begin(), adr6.end());
  toc[4 + 4 * 11 + 4] = 0x61;  // MIN of track 2's descriptor
  toc[1] = static_cast<uint8_t>(toc.size() - 2);
  const Disc d = parse_full_toc(toc, "t");
  ASSERT_EQ(d.sessions[0].other_descriptors.size(), 2u);
  EXPECT_EQ(d.sessions[0].toc_point_times.at(2), (std::array<uint8_t, 4>{0x61, 0, 0, 0}));
  EXPECT_EQ(build_full_toc(d), toc);
}

TEST(FullToc, MalformedInputIsNamed) {
  auto expect_error = [](Bytes toc, const std::string& needle, uint64_t offset) {
    try {
      parse_full_toc(toc, "toc.bin");
      ADD_FAILURE() << "no error, expected: " << needle;
    } catch (const InputError& e) {
      EXPECT_NE(std::string(e.what()).find(needle), std::string::npos) << e.what();
      EXPECT_EQ(e.offset(), offset) << e.what();
    }
  };
  expect_error({0x00}, "header alone needs 4", 0);
  Bytes t = kAudioBinary;
  t[1] = 0x60;
  expect_error(t, "length field says 96 bytes follow but only 68 are present", 0);
  t = kAudioBinary;
  t[1] = 0x40;
  expect_error(t, "leaves a partial 11-byte descriptor", 4 + 5 * 11);
  t = kAudioBinary;
  t[2] = 0;
  expect_error(t, "session range 0..1", 2);
  t = kAudioBinary;
  t[4 + 11] = 2;  // A1 claims session 2
  expect_error(t, "descriptor for session 2 outside the header's 1..1", 4 + 11);
  t = kAudioBinary;
  t[4 + 3 * 11 + 3] = 0x00;  // POINT 00
  expect_error(t, "POINT 00", 4 + 3 * 11 + 3);
  t = kAudioBinary;
  t[4 + 4 * 11 + 9] = 60;  // track 2 PSEC 60
  expect_error(t, "track start 03:60:00 has seconds >= 60", 4 + 4 * 11 + 8);
  t = kAudioBinary;
  t[4 + 11 + 8] = 4;  // A1 says last track 4
  expect_error(t, "A0/A1 say tracks 1..4 but the points are 1..3", 4);
  t = kAudioBinary;
  t.erase(t.begin() + 4 + 2 * 11, t.begin() + 4 + 3 * 11);  // drop A2
  t[1] = static_cast<uint8_t>(t.size() - 2);
  expect_error(t, "session 1 has no A2 descriptor", 4);
  t = kAudioBinary;
  t[4 + 2 * 11 + 8] = 200;  // A2 at 200 minutes (found by fuzz-full-toc)
  expect_error(t, "A2 lead-out 200:02:00 is beyond 159:59:74", 4 + 2 * 11 + 8);
  t = kAudioBinary;
  t[4 + 3 * 11 + 2] = 1;  // TNO
  expect_error(t, "TNO is 1", 4 + 3 * 11 + 2);
  t = kAudioBcd;
  t[4 + 4 * 11 + 9] = 0x2A;
  try {
    parse_full_toc(t, "bcd", FullTocEncoding::Bcd);
    ADD_FAILURE();
  } catch (const InputError& e) {
    EXPECT_NE(std::string(e.what()).find("0x2A is not BCD"), std::string::npos) << e.what();
  }
}

// Property: random discs the full TOC can express survive build -> parse, in both encodings, and
// canonical bytes survive parse -> build.
TEST(FullToc, RoundTripRandomDiscs) {
  std::mt19937 rng(11);
  auto rnd = [&](int n) { return static_cast<int>(rng() % static_cast<unsigned>(n)); };
  for (int iter = 0; iter < 3000; ++iter) {
    Disc d;
    const int sessions = 1 + rnd(5);
    int number = 1 + rnd(20);
    Lba lba = rnd(2) ? 0 : rnd(3000);
    const bool bcd = rnd(2);
    for (int si = 0; si < sessions && number <= 99; ++si) {
      Session s;
      s.number = static_cast<uint8_t>(si + 1);
      s.type = static_cast<DiscType>(rnd(3) * 0x10);
      const int tracks = 1 + rnd(std::min(20, 100 - number));
      for (int t = 0; t < tracks; ++t) {
        Track tr = test::track(static_cast<uint8_t>(number++), TrackMode::Audio, {{1, lba}});
        tr.control.bits = static_cast<uint8_t>(rnd(16));
        tr.mode = tr.control.data() ? (s.type == DiscType::CdRomXa ? TrackMode::Mode2Xa
                                       : s.type == DiscType::CdI   ? TrackMode::CdI
                                                                   : TrackMode::Mode1)
                                    : TrackMode::Audio;
        s.tracks.push_back(tr);
        lba += 1 + rnd(6000);
      }
      s.leadout = lba;
      s.a0_control.bits = static_cast<uint8_t>(rnd(16));
      s.a1_control.bits = static_cast<uint8_t>(rnd(16));
      s.a2_control.bits = static_cast<uint8_t>(rnd(16));
      if (rnd(3) == 0)
        s.next_program_area = NextProgramArea{
            {static_cast<uint8_t>(rnd(99)), static_cast<uint8_t>(rnd(60)), static_cast<uint8_t>(rnd(75))},
            static_cast<uint8_t>(rnd(5)),
            {79, 59, 74}};
      if (rnd(3) == 0) s.recording_info = RecordingInfo{static_cast<uint8_t>(rnd(256)), 0, 0, {97, 26, 65}};
      if (rnd(4) == 0) s.other_descriptors.push_back({s.number, 0x50, 0, 0xC1, 4, 12, 78, 0, 0, 0, 0});
      if (rnd(4) == 0 && !bcd) s.toc_point_times[0xA0] = {0, 0, static_cast<uint8_t>(1 + rnd(70)), 0};
      d.sessions.push_back(s);
      lba += si == 0 ? 11400 : 6900;
    }
    if (lba + 150 >= (bcd ? 100 : 160) * 4500) continue;  // BCD minutes stop at 99, binary at 159
    const auto encoding = bcd ? FullTocEncoding::Bcd : FullTocEncoding::Binary;
    const Bytes toc = build_full_toc(d, encoding);
    const Disc back = parse_full_toc(toc, "random", encoding);
    ASSERT_EQ(back, d) << "iteration " << iter;
    ASSERT_EQ(build_full_toc(back, encoding), toc);
  }
}

}  // namespace
}  // namespace dw
