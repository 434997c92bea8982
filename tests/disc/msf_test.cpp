// Address rules from reference/cd-physical.md "Addresses" (MMC: LBA = frames - 450150 for
// minutes >= 90; MSF = LBA + 150 otherwise).
#include "disc/msf.hpp"

#include <gtest/gtest.h>

#include <random>

namespace dw {
namespace {

TEST(Msf, ProgramAreaAndLeadInEnds) {
  EXPECT_EQ(lba_to_msf(0), (Msf{0, 2, 0}));
  EXPECT_EQ(lba_to_msf(-150), (Msf{0, 0, 0}));
  EXPECT_EQ(lba_to_msf(-151), (Msf{99, 59, 74}));
  EXPECT_EQ(lba_to_msf(-45150), (Msf{90, 0, 0}));
  EXPECT_EQ(lba_to_msf(404849), (Msf{89, 59, 74}));
  EXPECT_EQ(lba_to_msf(-45151), std::nullopt);
  EXPECT_EQ(lba_to_msf(404850), std::nullopt);  // would read back as lead-in under MMC
  EXPECT_EQ(msf_to_lba({90, 0, 0}), -45150);
  EXPECT_EQ(msf_to_lba({99, 59, 74}), -151);
  EXPECT_EQ(msf_to_lba({0, 0, 0}), -150);
  EXPECT_EQ(msf_to_lba({79, 59, 74}), 359849);
  EXPECT_EQ(msf_to_lba({0, 60, 0}), std::nullopt);
  EXPECT_EQ(msf_to_lba({0, 0, 75}), std::nullopt);
}

TEST(Msf, OverburnWrapsAt160Minutes) {
  EXPECT_EQ(lba_to_msf(404850, MsfRule::Overburn), (Msf{90, 0, 0}));
  EXPECT_EQ(msf_to_lba({90, 0, 0}, MsfRule::Overburn), 404850);
  EXPECT_EQ(msf_to_lba({159, 59, 74}, MsfRule::Overburn), 719849);
  EXPECT_EQ(msf_to_lba({160, 0, 0}, MsfRule::Overburn), -45150);
  EXPECT_EQ(lba_to_msf(-151, MsfRule::Overburn), (Msf{169, 59, 74}));
  EXPECT_EQ(lba_to_msf(719850, MsfRule::Overburn), std::nullopt);
}

TEST(Msf, RoundTripEveryAddress) {
  for (Lba lba = -45150; lba < 404850; ++lba) {
    auto msf = lba_to_msf(lba);
    ASSERT_TRUE(msf) << lba;
    ASSERT_EQ(msf_to_lba(*msf), lba);
    auto bcd = lba_to_bcd_msf(lba);
    ASSERT_TRUE(bcd) << lba;
    ASSERT_EQ(bcd_msf_to_lba(*bcd), lba);
  }
  for (Lba lba = -45150; lba < 719850; lba += 7) {
    auto msf = lba_to_msf(lba, MsfRule::Overburn);
    ASSERT_TRUE(msf) << lba;
    ASSERT_EQ(msf_to_lba(*msf, MsfRule::Overburn), lba);
  }
}

TEST(Bcd, KeptDistinctFromBinary) {
  EXPECT_EQ(Bcd::of(59).byte(), 0x59);
  EXPECT_EQ(Bcd::raw(0x59).value(), 59);
  EXPECT_EQ(Bcd::from_binary(100), std::nullopt);
  EXPECT_EQ(Bcd::from_binary(-1), std::nullopt);
  EXPECT_FALSE(Bcd::raw(0x5A).valid());
  EXPECT_FALSE(Bcd::raw(0xA0).valid());
  // Header of LBA 0 is 00 02 00 in BCD; LBA 16 is 00 02 16 (isofs-m1.bin sector 16 header bytes).
  auto h = lba_to_bcd_msf(16);
  ASSERT_TRUE(h);
  EXPECT_EQ(h->s.byte(), 0x02);
  EXPECT_EQ(h->f.byte(), 0x16);
  EXPECT_EQ(from_bcd({Bcd::raw(0x12), Bcd::raw(0x3A), Bcd::raw(0)}), std::nullopt);
  EXPECT_EQ(to_bcd({100, 0, 0}), std::nullopt);
  EXPECT_EQ((Msf{1, 2, 3}).str(), "01:02:03");
}

TEST(Msf, FloorAndCeilDivisionBeforeLbaZero) {
  EXPECT_EQ(floor_div(1175, 588), 1);
  EXPECT_EQ(floor_div(0, 588), 0);
  EXPECT_EQ(floor_div(-1, 588), -1);
  EXPECT_EQ(floor_div(-588, 588), -1);
  EXPECT_EQ(floor_div(-589, 588), -2);
  EXPECT_EQ(ceil_div(1, 2352), 1);
  EXPECT_EQ(ceil_div(2352, 2352), 1);
  EXPECT_EQ(ceil_div(0, 2352), 0);
  EXPECT_EQ(ceil_div(-1, 2352), 0);
  EXPECT_EQ(ceil_div(-2353, 2352), -1);
}

}  // namespace
}  // namespace dw

// LBA 325: 325 frames = 00:04:25 from LBA 0; its address 325 + 150 = 475 frames = 00:06:25.
// LBA -150 is 00:00:00 as an address and has no cue time. MMC's rule gives addresses 90:00:00 to
// 99:59:74 to the lead-in (LBA = frames - 450150, so 99:59:74 is LBA -151): the last program-area
// address is 89:59:74 = LBA 404849, and LBA 449849 has none.
TEST(Msf, LabelsSayWhichClock) {
  EXPECT_EQ(dw::msf_label(325), "MSF 00:06:25");
  EXPECT_EQ(dw::cue_time_label(325), "cue time 00:04:25");
  EXPECT_EQ(dw::msf_label(-150), "MSF 00:00:00");
  EXPECT_EQ(dw::cue_time_label(-150), "cue time ?");
  EXPECT_EQ(dw::msf_label(404849), "MSF 89:59:74");
  EXPECT_EQ(dw::msf_label(-151), "MSF 99:59:74");
  EXPECT_EQ(dw::msf_label(449849), "MSF ?");
  EXPECT_EQ(dw::cue_time_label(449849 + 150), "cue time 99:59:74");
}
