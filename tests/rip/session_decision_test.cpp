// decide_sessions on hand-made evidence: which tracks open a session of a disc read without the
// full TOC, from READ TOC format 1, READ TRACK INFORMATION's session numbers and Q before each
// track, and what happens when they disagree. The disc: tracks 1-5 at LBA 0, 8000, 20400, 40000
// and 52000; format 1 says sessions 1..3, the last opening with track 5. Gaps between tracks:
// 8000 (too short for session 1's gap of 6750 + 4500 + 150 = 11400), 12400, 19600 and 12000
// (each room for either gap; a later one is 2250 + 4500 + 150 = 6900).
#include <gtest/gtest.h>

#include <initializer_list>
#include <optional>
#include <string>
#include <vector>

#include "rip/session_layout.hpp"

using namespace dw;
using rip::QGap;

namespace {

using Info = std::vector<std::optional<uint16_t>>;

rip::SessionEvidence evidence(const Info& info, std::initializer_list<QGap> q) {
  rip::SessionEvidence e;
  e.first_session = 1;
  e.last_session = 3;
  e.last_session_first_track = 5;
  const Lba starts[] = {0, 8000, 20400, 40000, 52000};
  auto i = info.begin();
  auto g = q.begin();
  for (uint8_t n = 1; n <= 5; ++n) {
    rip::TrackSessionEvidence t;
    t.track = n;
    t.start = starts[n - 1];
    if (i != info.end()) t.info_session = *i++;
    if (n > 1 && g != q.end()) t.q = *g++;
    t.q_lba = t.start - 4651;
    e.tracks.push_back(t);
  }
  return e;
}

std::vector<std::string> texts(const rip::SessionDecision& d, bool warnings) {
  std::vector<std::string> out;
  for (const auto& n : d.notes)
    if (n.warning == warnings) out.push_back(n.text);
  return out;
}

constexpr auto T = QGap::Track, L = QGap::LeadOut, U = QGap::Unreadable, N = QGap::Unknown;

}  // namespace

TEST(SessionDecision, TrackInformationAndQAgree) {
  const auto d = rip::decide_sessions(evidence({1, 1, 2, 2, 3}, {T, L, T, L}));
  EXPECT_EQ(d.first_tracks, (std::vector<uint8_t>{3, 5}));
  EXPECT_EQ(texts(d, true), std::vector<std::string>{});
  EXPECT_EQ(texts(d, false),
            (std::vector<std::string>{
                "session 2 opens with track 03 at LBA 20400 (READ TRACK INFORMATION)",
                "session 3 opens with track 05 at LBA 52000 (READ TOC format 1 and READ TRACK INFORMATION)"}));
}

TEST(SessionDecision, WithoutTrackInformationQDecides) {
  // A lead-out frame before track 3; nothing readable before track 4 (its lead-in) is a boundary too.
  auto d = rip::decide_sessions(evidence(Info{}, {T, L, T, T}));
  EXPECT_EQ(d.first_tracks, (std::vector<uint8_t>{3, 5}));
  EXPECT_EQ(texts(d, false),
            (std::vector<std::string>{"READ TRACK INFORMATION gave no session numbers: Q decides",
                                      "session 2 opens with track 03 at LBA 20400 (Q at LBA 15749 is a lead-out frame)",
                                      "session 3 opens with track 05 at LBA 52000 (READ TOC format 1)"}));
  d = rip::decide_sessions(evidence(Info{}, {T, T, U, T}));
  EXPECT_EQ(d.first_tracks, (std::vector<uint8_t>{4, 5}));
  EXPECT_EQ(texts(d, false)[1],
            "session 2 opens with track 04 at LBA 40000 (Q at LBA 35349 is not readable (a lead-in))");
}

TEST(SessionDecision, TrackInformationWinsOverQAndTheDisagreementIsAWarning) {
  // The drive puts track 4 in session 2; Q shows a lead-out before track 3 and a track before 4.
  const auto d = rip::decide_sessions(evidence({1, 1, 1, 2, 3}, {T, L, T, L}));
  EXPECT_EQ(d.first_tracks, (std::vector<uint8_t>{4, 5}));
  EXPECT_EQ(texts(d, true),
            (std::vector<std::string>{"track 03: READ TRACK INFORMATION puts it in session 1 (track 02 in 1), but Q at "
                                      "LBA 15749 is a lead-out frame: the track information is kept",
                                      "track 04: READ TRACK INFORMATION puts it in session 2 (track 03 in 1), but Q at "
                                      "LBA 35349 names a track: the track information is kept"}));
}

TEST(SessionDecision, TrackInformationThatDoesNotFitReadTocIsNotUsed) {
  const std::pair<Info, const char*> cases[] = {
      // Session numbers that fall back, jump, open the last session elsewhere than format 1 does,
      // start at another session, or open a session with no room for the gap (track 2, 8000
      // sectors after track 1).
      {{1, 1, 2, 1, 3}, "track 04 is in session 1 after track 03 in session 2"},
      {{1, 1, 3, 3, 3}, "track 03 is in session 3 after track 02 in session 1"},
      {{1, 1, 2, 3, 3}, "format 1 opens the last session (3) with track 05, the track information with track 04"},
      {{1, 1, 2, 2, 2}, "format 1 opens the last session (3) with track 05, the track information with none"},
      {{2, 2, 2, 2, 3}, "track 01 is in session 2, format 1 says the first session is 1"},
      {{1, 2, 2, 2, 3}, "track 02 opens session 2 only 8000 sectors after track 01 (no room for the gap)"},
  };
  for (const auto& [info, problem] : cases) {
    const auto d = rip::decide_sessions(evidence(info, {T, L, T, L}));
    EXPECT_EQ(d.first_tracks, (std::vector<uint8_t>{3, 5})) << problem;  // Q's
    EXPECT_EQ(texts(d, true),
              std::vector<std::string>{std::string("READ TRACK INFORMATION's session numbers do not fit READ TOC (") +
                                       problem + "): Q decides"});
  }
  // Session numbers for some tracks only.
  const auto d = rip::decide_sessions(evidence({1, 1, std::nullopt, 2, 3}, {T, L, T, L}));
  EXPECT_EQ(d.first_tracks, (std::vector<uint8_t>{3, 5}));
  EXPECT_EQ(texts(d, true),
            std::vector<std::string>{"READ TRACK INFORMATION gave session numbers for 4 of 5 tracks: Q decides"});
}

TEST(SessionDecision, QWithoutRoomMoreSessionsOrFewer) {
  // A lead-out frame before track 2 (no room for session 1's gap after track 1) is damage: ignored.
  auto d = rip::decide_sessions(evidence(Info{}, {L, L, T, T}));
  EXPECT_EQ(d.first_tracks, (std::vector<uint8_t>{3, 5}));
  EXPECT_EQ(texts(d, true), std::vector<std::string>{});
  // Boundaries before tracks 3 and 4 and format 1's before 5: four sessions, format 1 says three.
  d = rip::decide_sessions(evidence(Info{}, {T, L, L, T}));
  EXPECT_EQ(d.first_tracks, (std::vector<uint8_t>{5}));
  EXPECT_EQ(texts(d, true), (std::vector<std::string>{
                                "Q shows 4 sessions, READ TOC format 1 says 3: only format 1's last session is kept",
                                "READ TOC format 1 says 3 sessions, 2 found: the tracks of a session not found stay in "
                                "the session before them"}));
  // Q not read anywhere: only format 1's boundary, and a warning.
  d = rip::decide_sessions(evidence(Info{}, {N, N, N, N}));
  EXPECT_EQ(d.first_tracks, (std::vector<uint8_t>{5}));
  EXPECT_EQ(texts(d, true).size(), 1u);
}

TEST(SessionDecision, FormatOnesTrackMissingLeavesOneSession) {
  auto e = evidence(Info{}, {T, L, T, L});
  e.last_session_first_track = 7;
  const auto d = rip::decide_sessions(e);
  EXPECT_TRUE(d.first_tracks.empty());
  EXPECT_EQ(texts(d, true), std::vector<std::string>{"READ TOC format 1's last session opens with track 07, which is "
                                                     "not a track after the first: one session"});
}
