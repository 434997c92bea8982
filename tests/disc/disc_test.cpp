#include "disc/disc.hpp"

#include <gtest/gtest.h>

#include "disc/error.hpp"
#include "support/test_discs.hpp"

namespace dw {
namespace {

TEST(Disc, TrackQueriesOnEnhancedCd) {
  // Ladyhawke (corpus README): 12 audio tracks, data track 13 in session 2.
  const Disc d = test::ladyhawke();
  ASSERT_NO_THROW(d.validate());
  EXPECT_EQ(d.first_track(), 1);
  EXPECT_EQ(d.last_track(), 13);
  EXPECT_EQ(d.track_count(), 13u);
  EXPECT_EQ(d.track_end(1), 15537);
  EXPECT_EQ(d.track_length(1), 15537);
  EXPECT_EQ(d.track_end(12), 195706);  // audio session lead-out = data track - 11400
  EXPECT_EQ(d.leadout(), 210385);
  EXPECT_EQ(d.track_length(13), 210385 - 207106 + 150);  // its pregap (index 0) is part of it
  EXPECT_EQ(d.q_pregap_start(1), -150);
  EXPECT_EQ(d.q_pregap_start(13), 207106 - 150);
  EXPECT_EQ(d.leadin_start(d.sessions[0]), -4650);
  EXPECT_EQ(d.leadin_start(d.sessions[1]), 195706 + 6750);
  EXPECT_EQ(d.leadout_end(d.sessions[0]), 195706 + 6750);
  EXPECT_EQ(d.leadout_end(d.sessions[1]), 210385 + 2250);
}

TEST(Disc, HiddenTrackOneAudioStillStartsTheProgramAreaAtMinus150) {
  // A sheet's hidden track one audio: index 0 written at LBA 0, index 1 at 300. Session 1's
  // program area begins at 00:00:00 (LBA -150) regardless (reference/cd-physical.md: MSF = LBA +
  // 150), so Q reports track 1 index 0 from there and the lead-in is the usual 4500 before it.
  Disc d;
  Session s;
  s.tracks.push_back(test::track(1, TrackMode::Audio, {{0, 0}, {1, 300}}));
  s.leadout = 600;
  d.sessions.push_back(s);
  EXPECT_EQ(d.q_pregap_start(1), -150);
  EXPECT_EQ(d.leadin_start(d.sessions[0]), -4650);
  EXPECT_EQ(d.locate(-150), (Position{Position::Area::Program, 1, 1, 0}));
  EXPECT_EQ(d.locate(-151), (Position{Position::Area::LeadIn, 1, 0, 0}));
  EXPECT_EQ(d.find_track(1)->pregap_start(), 0);  // the track's stored sectors still begin at 0
}

TEST(Disc, LocateEveryArea) {
  const Disc d = test::ladyhawke();
  using A = Position::Area;
  EXPECT_EQ(d.locate(-4651), (Position{}));
  EXPECT_EQ(d.locate(-4650), (Position{A::LeadIn, 1, 0, 0}));
  EXPECT_EQ(d.locate(-151), (Position{A::LeadIn, 1, 0, 0}));
  EXPECT_EQ(d.locate(-150), (Position{A::Program, 1, 1, 0}));
  EXPECT_EQ(d.locate(0), (Position{A::Program, 1, 1, 1}));
  EXPECT_EQ(d.locate(15536), (Position{A::Program, 1, 1, 1}));
  EXPECT_EQ(d.locate(15537), (Position{A::Program, 1, 2, 1}));
  EXPECT_EQ(d.locate(195705), (Position{A::Program, 1, 12, 1}));
  EXPECT_EQ(d.locate(195706), (Position{A::LeadOut, 1, 0xAA, 1}));
  EXPECT_EQ(d.locate(195706 + 6749), (Position{A::LeadOut, 1, 0xAA, 1}));
  EXPECT_EQ(d.locate(195706 + 6750), (Position{A::LeadIn, 2, 0, 0}));
  EXPECT_EQ(d.locate(207106 - 150), (Position{A::Program, 2, 13, 0}));
  EXPECT_EQ(d.locate(207106), (Position{A::Program, 2, 13, 1}));
  EXPECT_EQ(d.locate(210385), (Position{A::LeadOut, 2, 0xAA, 1}));
  EXPECT_EQ(d.locate(210385 + 2250), (Position{}));
}

TEST(Disc, IndicesAndFirstTrackAboveOne) {
  Disc d;
  Session s;
  s.tracks.push_back(test::track(4, TrackMode::Audio, {{1, 0}, {2, 1000}}));
  s.tracks.push_back(test::track(5, TrackMode::Audio, {{0, 4850}, {1, 5000}, {2, 6000}, {3, 6500}}));
  s.leadout = 9000;
  d.sessions.push_back(s);
  ASSERT_NO_THROW(d.validate());
  EXPECT_EQ(d.first_track(), 4);
  EXPECT_EQ(d.track_end(4), 4850);
  EXPECT_EQ(d.track_length(5), 4150);
  EXPECT_EQ(d.locate(999).index, 1);
  EXPECT_EQ(d.locate(1000).index, 2);
  EXPECT_EQ(d.locate(4850), (Position{Position::Area::Program, 1, 5, 0}));
  EXPECT_EQ(d.locate(6499).index, 2);
  EXPECT_EQ(d.locate(6500).index, 3);
  EXPECT_EQ(d.find_track(5)->index(3), 6500);
  EXPECT_EQ(d.find_track(3), nullptr);
  EXPECT_THROW((void)d.track_end(3), ModelError);
}

TEST(Disc, ValidateNamesTheBrokenRule) {
  auto expect_error = [](const Disc& d, const std::string& needle) {
    try {
      d.validate();
      ADD_FAILURE() << "no error, expected: " << needle;
    } catch (const ModelError& e) {
      EXPECT_NE(std::string(e.what()).find(needle), std::string::npos) << e.what();
    }
  };
  Disc d = test::ladyhawke();
  d.sessions[0].tracks[3].number = 7;
  expect_error(d, "track 7 follows track 3");
  d = test::ladyhawke();
  d.sessions[0].tracks[2].indices = {{0, 31000}};
  expect_error(d, "track 3 has no index 1");
  d = test::ladyhawke();
  d.sessions[0].tracks[2].indices = {{1, 31691}, {2, 31000}};
  expect_error(d, "index 2 (LBA 31000) is not after index 1");
  d = test::ladyhawke();
  d.sessions[0].leadout = 100;
  expect_error(d, "lead-out LBA 100");
  d = test::ladyhawke();
  d.mcn = "12345";
  expect_error(d, "MCN '12345' is not 13 digits");
  d = test::ladyhawke();
  d.sessions[0].tracks[0].isrc = "ABC";
  expect_error(d, "ISRC 'ABC'");
  d = test::ladyhawke();
  d.sessions[1].number = 3;
  expect_error(d, "session 2 is numbered 3");
  expect_error(Disc{}, "disc has no session");
}

TEST(Control, Flags) {
  Control c{Control::kData | Control::kPreEmphasis};
  EXPECT_TRUE(c.data());
  EXPECT_FALSE(c.pre_emphasis());  // on data tracks bit 0 means incremental recording
  Control a{Control::kPreEmphasis | Control::kCopyPermitted | Control::kFourChannel};
  EXPECT_TRUE(a.pre_emphasis());
  EXPECT_TRUE(a.copy_permitted());
  EXPECT_TRUE(a.four_channel());
}

}  // namespace
}  // namespace dw
