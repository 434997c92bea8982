#include "scsi/mmc_toc.hpp"

#include <gtest/gtest.h>

#include "mmc_test_util.hpp"

using namespace dw::scsi;
using B = std::vector<uint8_t>;

namespace {
// A format-0 response in LBA form built from a real disc's TOC values: Ladyhawke (Enhanced CD,
// 12 audio tracks + data track 13), track starts and lead-out as listed in the shared corpus
// README (whipper's test vectors). Not a drive capture: a real format-0 answer (a 20-track audio CD)
// is in mmc_captures_test.cpp; none of formats 2, 4 or 5 was found, so those below are hand-built.
B ladyhawke_toc() {
  const int32_t starts[] = {0,      15537,  31691,  50866,  66466,  81202, 99409,
                            115920, 133093, 149847, 161560, 177682, 207106};
  B b{0, 0, 1, 13};
  auto put = [&](uint8_t ctl, uint8_t track, int32_t lba) {
    const auto u = static_cast<uint32_t>(lba);
    b.insert(b.end(), {0, static_cast<uint8_t>(0x10 | ctl), track, 0, static_cast<uint8_t>(u >> 24),
                       static_cast<uint8_t>(u >> 16), static_cast<uint8_t>(u >> 8), static_cast<uint8_t>(u)});
  };
  for (int i = 0; i < 13; ++i) put(i == 12 ? 4 : 0, static_cast<uint8_t>(i + 1), starts[i]);
  put(4, 0xAA, 210385);
  b[1] = static_cast<uint8_t>(b.size() - 2);
  return b;
}
}  // namespace

TEST(MmcToc, Format0Lba) {
  const B b = ladyhawke_toc();
  Toc t = parse_toc(b, false);
  EXPECT_EQ(t.first_track, 1);
  EXPECT_EQ(t.last_track, 13);
  ASSERT_EQ(t.entries.size(), 14u);
  EXPECT_EQ(t.entries[1].lba, 15537);
  EXPECT_EQ(t.entries[12].control, 4);
  EXPECT_EQ(t.entries[12].adr, 1);
  EXPECT_EQ(t.entries[13].track, 0xAA);
  EXPECT_EQ(t.entries[13].lba, 210385);
  EXPECT_FALSE(t.entries[0].msf);
  dw::scsi::test::check_prefixes(b, b.size(), [](auto s) { (void)parse_toc(s, false); });
}

TEST(MmcToc, Format0Msf) {
  // Track 1 at 00:02:00, lead-out at 62:13:43 (hand-built, MMC-5 6.26.2.3).
  const B b{0x00, 0x12, 0x01, 0x01, 0, 0x10, 0x01, 0, 0, 0, 2, 0, 0, 0x10, 0xAA, 0, 0, 62, 13, 43};
  Toc t = parse_toc(b, true);
  ASSERT_EQ(t.entries.size(), 2u);
  EXPECT_EQ(t.entries[0].lba, 0);
  EXPECT_EQ(t.entries[1].msf, (dw::Msf{62, 13, 43}));
  EXPECT_EQ(t.entries[1].lba, (62 * 60 + 13) * 75 + 43 - 150);
  B bad = b;
  bad[18] = 60;  // seconds 60
  dw::scsi::test::expect_input_error(bad, "READ TOC response", [](auto s) { (void)parse_toc(s, true); });
  B partial = b;
  partial[1] = 0x10;  // leaves 6 bytes of a descriptor
  dw::scsi::test::expect_input_error(partial, "READ TOC response", [](auto s) { (void)parse_toc(s, true); });
  B track = b;
  track[6] = 100;
  dw::scsi::test::expect_input_error(track, "READ TOC response", [](auto s) { (void)parse_toc(s, true); });
}

TEST(MmcToc, SessionInfo) {
  // Ladyhawke's second session starts with track 13 at LBA 207106.
  const B b{0x00, 0x0A, 0x01, 0x02, 0, 0x14, 13, 0, 0x00, 0x03, 0x29, 0x02};
  SessionInfo s = parse_session_info(b, false);
  EXPECT_EQ(s.first_session, 1);
  EXPECT_EQ(s.last_session, 2);
  EXPECT_EQ(s.first_track_last_session.track, 13);
  EXPECT_EQ(s.first_track_last_session.lba, 207106);
  dw::scsi::test::check_prefixes(b, b.size(), [](auto x) { (void)parse_session_info(x, false); });
}

TEST(MmcToc, Format0AndSessionInfoGiveTheSessions) {
  // Ladyhawke without the full TOC: format 1 puts track 13 in session 2; session 1's lead-out
  // is the Orange Book gap before it (corpus README: the audio session ends 11400 sectors before
  // the data track, whose index 1 is at 207106).
  const B info{0x00, 0x0A, 0x01, 0x02, 0, 0x14, 13, 0, 0x00, 0x03, 0x29, 0x02};
  const SessionInfo s = parse_session_info(info, false);
  const dw::Disc d = disc_from_toc(parse_toc(ladyhawke_toc(), false), &s);
  ASSERT_EQ(d.sessions.size(), 2u);
  EXPECT_EQ(d.sessions[0].tracks.size(), 12u);
  EXPECT_EQ(d.sessions[0].leadout, 207106 - 11400);
  EXPECT_EQ(d.sessions[1].number, 2);
  ASSERT_EQ(d.sessions[1].tracks.size(), 1u);
  EXPECT_EQ(d.sessions[1].tracks[0].number, 13);
  EXPECT_EQ(d.sessions[1].leadout, 210385);
  EXPECT_EQ(d.sessions[1].a0_control.bits, 4);
  EXPECT_EQ(d.sessions[0].a1_control.bits, 0);
  // One session (format 1 says so, or is not given): the TOC as it is.
  EXPECT_EQ(disc_from_toc(parse_toc(ladyhawke_toc(), false)).sessions.size(), 1u);
  B single = info;
  single[3] = 1;
  const SessionInfo one = parse_session_info(single, false);
  EXPECT_EQ(disc_from_toc(parse_toc(ladyhawke_toc(), false), &one).sessions.size(), 1u);
  // A last session whose first track the TOC does not list.
  B wrong = info;
  wrong[6] = 14;
  const SessionInfo missing = parse_session_info(wrong, false);
  EXPECT_THROW((void)disc_from_toc(parse_toc(ladyhawke_toc(), false), &missing), dw::InputError);
  // A last session starting 5000 sectors after the track before it: no room for the Orange Book
  // gap (6750 + 4500 + 150), so the session info is at odds with the TOC.
  const B close{0x00, 0x22, 0x01, 0x03,                     // tracks 1-3
                0,    0x10, 0x01, 0,    0, 0, 0x00, 0x00,   // track 1 at LBA 0
                0,    0x10, 0x02, 0,    0, 0, 0x13, 0x88,   // track 2 at LBA 5000
                0,    0x14, 0x03, 0,    0, 0, 0x27, 0x10,   // track 3 (data) at LBA 10000
                0,    0x14, 0xAA, 0,    0, 0, 0x3A, 0x98};  // lead-out at LBA 15000
  const B at3{0x00, 0x0A, 0x01, 0x02, 0, 0x14, 3, 0, 0x00, 0x00, 0x27, 0x10};
  const SessionInfo three = parse_session_info(at3, false);
  try {
    (void)disc_from_toc(parse_toc(close, false), &three);
    ADD_FAILURE() << "a session 2 without room for the gap was accepted";
  } catch (const dw::InputError& e) {
    EXPECT_NE(std::string(e.what()).find("leaves no room for session 1's lead-out"), std::string::npos) << e.what();
  }
}

TEST(MmcToc, SplitSessionsLaysOutEverySessionWithTheOrangeBookGap) {
  // Tracks 1-5 at 0, 5000, 20000, 40000, 60000, lead-out 70000; sessions open with tracks 3 and 5.
  // Session 1's lead-out: 20000 - 150 - 4500 - 6750 = 8600; session 2's: 60000 - 150 - 4500 -
  // 2250 = 53100 (a later session's lead-out is 2250 sectors long).
  const B toc{0x00, 0x32, 0x01, 0x05,                     //
              0,    0x10, 0x01, 0,    0, 0, 0x00, 0x00,   // track 1 at LBA 0
              0,    0x10, 0x02, 0,    0, 0, 0x13, 0x88,   // track 2 at LBA 5000
              0,    0x14, 0x03, 0,    0, 0, 0x4E, 0x20,   // track 3 (data) at LBA 20000
              0,    0x14, 0x04, 0,    0, 0, 0x9C, 0x40,   // track 4 (data) at LBA 40000
              0,    0x14, 0x05, 0,    0, 0, 0xEA, 0x60,   // track 5 (data) at LBA 60000
              0,    0x14, 0xAA, 0,    0, 1, 0x11, 0x70};  // lead-out at LBA 70000
  dw::Disc d = disc_from_toc(parse_toc(toc, false));
  const uint8_t starts[] = {3, 5};
  split_sessions(d, starts, "test");
  ASSERT_EQ(d.sessions.size(), 3u);
  const std::vector<std::vector<uint8_t>> tracks{{1, 2}, {3, 4}, {5}};
  const std::vector<dw::Lba> leadouts{8600, 53100, 70000};
  for (size_t i = 0; i < 3; ++i) {
    EXPECT_EQ(d.sessions[i].number, i + 1);
    std::vector<uint8_t> got;
    for (const auto& t : d.sessions[i].tracks) got.push_back(t.number);
    EXPECT_EQ(got, tracks[i]) << "session " << i + 1;
    EXPECT_EQ(d.sessions[i].leadout, leadouts[i]) << "session " << i + 1;
  }
  EXPECT_EQ(d.sessions[0].a2_control.bits, 0);  // audio track 2 closes session 1
  EXPECT_EQ(d.sessions[1].a0_control.bits, 4);
  // A first track out of order, not in the TOC, or too close to the track before it.
  for (const std::vector<uint8_t>& bad : {std::vector<uint8_t>{5, 3}, {3, 6}, {1}, {2}}) {
    dw::Disc again = disc_from_toc(parse_toc(toc, false));
    EXPECT_THROW(split_sessions(again, bad, "test"), dw::InputError) << int(bad[0]);
  }
}

TEST(MmcToc, FullTocThroughTheModel) {
  // One audio track 1..1 with lead-out at 10:00:00: A0, A1, A2, track 1 (hand-built).
  const B b{0x00, 0x2E, 0x01, 0x01,                           //
            0x01, 0x10, 0x00, 0xA0, 0, 0, 0, 0, 1,  0x00, 0,  //
            0x01, 0x10, 0x00, 0xA1, 0, 0, 0, 0, 1,  0,    0,  //
            0x01, 0x10, 0x00, 0xA2, 0, 0, 0, 0, 10, 0,    0,  //
            0x01, 0x10, 0x00, 0x01, 0, 0, 0, 0, 0,  2,    0};
  dw::Disc d = parse_toc_full(b);
  ASSERT_EQ(d.sessions.size(), 1u);
  EXPECT_THROW(parse_toc_full(std::span(b).first(20)), dw::InputError);
}

TEST(MmcToc, Pma) {
  // Hand-built: two 11-byte descriptors (ADR 1, POINT 1 and 2, PMIN 0 / 5).
  const B b{0x00, 0x18, 0,    0, 0x01, 0, 0x01, 0, 0, 0,    0,    0x00, 0x02,
            0x00, 0x00, 0x01, 0, 0x02, 0, 0,    0, 0, 0x05, 0x00, 0x00, 0x00};
  Pma p = parse_pma(b);
  ASSERT_EQ(p.descriptors.size(), 2u);
  EXPECT_EQ(p.descriptors[1][2], 0x02);
  EXPECT_EQ(p.descriptors[1][7], 0x05);  // PMIN
  EXPECT_TRUE(parse_pma(B{0x00, 0x02, 0, 0}).descriptors.empty());
  dw::scsi::test::check_prefixes(b, 4, [](auto s) { (void)parse_pma(s); });
}

TEST(MmcToc, Atip) {
  // Hand-built from MMC-5 6.26.3.6: an 80-minute CD-R, lead-in 97:26:66, lead-out 79:59:74.
  const B b{0x00, 0x1A, 0,    0,    0x52, 0x00, 0x84, 0, 97, 26, 66, 0, 79, 59,
            74,   0,    0x11, 0x22, 0x33, 0,    0,    0, 0,  0,  0,  0, 0,  0};
  Atip a = parse_atip(b);
  EXPECT_EQ(a.writing_power, 5);
  EXPECT_EQ(a.reference_speed, 2);
  EXPECT_FALSE(a.cd_rw);
  EXPECT_TRUE(a.a1_valid);
  EXPECT_FALSE(a.a2_valid);
  EXPECT_EQ(a.lead_in_start, (dw::Msf{97, 26, 66}));
  EXPECT_EQ(a.lead_in_lba(), -11634);
  EXPECT_EQ(a.last_lead_out_start, (dw::Msf{79, 59, 74}));
  EXPECT_EQ(a.a1, (std::array<uint8_t, 3>{0x11, 0x22, 0x33}));
  EXPECT_EQ(a.special_info, (std::array<uint8_t, 3>{0x52, 0x00, 0x84}));  // bytes 4-6 as sent
  B rw = b;
  rw[6] = 0xC0 | (3 << 3);
  EXPECT_TRUE(parse_atip(rw).cd_rw);
  EXPECT_EQ(parse_atip(rw).disc_subtype, 3);
  dw::scsi::test::check_prefixes(b, b.size(), [](auto s) { (void)parse_atip(s); });
  B bad = b;
  bad[10] = 75;
  dw::scsi::test::expect_input_error(bad, "READ TOC ATIP response", [](auto s) { (void)parse_atip(s); });
}

TEST(MmcToc, CdTextThroughTheModel) {
  // One hand-built title pack behind a READ TOC header (the pack codec has its own tests).
  dw::CdTextPack pack{0x80, 0x00, 0x00, 0x00, 'T', 'i', 't', 'l', 'e', 0, 0, 0, 0, 0, 0, 0, 0, 0};
  dw::cdtext_set_crc(pack);
  B b{0x00, 20, 0, 0};
  b.insert(b.end(), pack.begin(), pack.end());
  dw::CdText t = parse_toc_cdtext(b);
  ASSERT_EQ(t.blocks.size(), 1u);
  EXPECT_EQ((t.blocks[0].text.at({0x80, 0})), "Title");
  EXPECT_TRUE(parse_toc_cdtext(B{0x00, 0x02, 0, 0}).empty());
  dw::scsi::test::check_prefixes(b, b.size(), [](auto s) { (void)parse_toc_cdtext(s); });
}
