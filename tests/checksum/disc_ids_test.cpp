// Disc-id vectors from ../shared/corpus/README.md (whipper's tests, verified there against
// freedb, EAC and MusicBrainz).
#include "checksum/disc_ids.hpp"

#include <gtest/gtest.h>

#include "disc/error.hpp"
#include "support/test_discs.hpp"

namespace dw {
namespace {

TEST(DiscIds, LadyhawkeEnhancedCd) {
  const Disc d = test::ladyhawke();
  EXPECT_EQ(cddb_id(d), 0xc60af50du);
  const AccurateRipIds ar = accuraterip_ids(d);
  EXPECT_EQ(ar.audio_tracks, 12);
  EXPECT_EQ(ar.id1, 0x0013bd5au);
  EXPECT_EQ(ar.id2, 0x00b8d489u);
  EXPECT_EQ(ar.path(), "a/5/d/dBAR-012-0013bd5a-00b8d489-c60af50d.bin");
  EXPECT_EQ(musicbrainz_toc(d).substr(0, 23), "1 12 195856 150 15687 3");
  EXPECT_EQ(musicbrainz_toc(d).substr(musicbrainz_toc(d).size() - 6), "177832");
  EXPECT_EQ(musicbrainz_id(d), "KnpGsLhvH.lPrNc1PBL21lb9Bg4-");
}

TEST(DiscIds, EttellaDiamant) {
  Disc d;
  Session s;
  const Lba starts[] = {0, 15213, 32164, 46442, 63264, 80339};
  for (int i = 0; i < 6; ++i)
    s.tracks.push_back(test::track(static_cast<uint8_t>(i + 1), TrackMode::Audio, {{1, starts[i]}}));
  s.leadout = 95312;
  d.sessions = {s};
  EXPECT_EQ(musicbrainz_id(d), "49HHV7Eb8UKF3aQiNmu1GR8vKTY-");
}

TEST(DiscIds, DataOnlyDiscHasNoAudioIds) {
  Disc d;
  Session s;
  s.tracks = {test::track(1, TrackMode::Mode1, {{1, 0}})};
  s.leadout = 1000;
  d.sessions = {s};
  EXPECT_THROW(accuraterip_ids(d), ModelError);
  EXPECT_THROW(musicbrainz_id(d), ModelError);
  EXPECT_EQ(cddb_id(d) & 0xFF, 1u);
}

}  // namespace
}  // namespace dw
