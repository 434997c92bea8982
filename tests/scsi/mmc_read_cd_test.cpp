// Reply sizes from the MMC-5 READ CD "Number of Bytes Returned" table and reference/mmc.md.
#include "scsi/mmc_read_cd.hpp"

#include <gtest/gtest.h>

using namespace dw::scsi;

TEST(MmcReadCd, FullSectorSizes) {
  auto f8 = read_cd_layout(ReadCdSelection::from_bytes(0xF8, 0));
  EXPECT_EQ(f8.sector_size, 2352u);
  auto fa = read_cd_layout(ReadCdSelection::from_bytes(0xFA, 0));
  EXPECT_EQ(fa.sector_size, 2646u);
  EXPECT_EQ(fa.c2_offset, 2352u);
  EXPECT_EQ(fa.c2_size, 294u);
  auto fc = read_cd_layout(ReadCdSelection::from_bytes(0xFC, 0));
  EXPECT_EQ(fc.sector_size, 2648u);
  auto fa_raw = read_cd_layout(ReadCdSelection::from_bytes(0xFA, 1), SectorType::Mode1);
  EXPECT_EQ(fa_raw.sector_size, 2646u + 96u);
  EXPECT_EQ(fa_raw.sub_offset, 2646u);
  EXPECT_EQ(fa_raw.sub_size, 96u);
  auto q = read_cd_layout(ReadCdSelection::from_bytes(0xF8, 2));
  EXPECT_EQ(q.sector_size, 2368u);
  EXPECT_EQ(read_cd_layout(ReadCdSelection::from_bytes(0xF8, 4)).sector_size, 2448u);
  // No main channel at all: subchannel only.
  auto sub_only = read_cd_layout(ReadCdSelection::from_bytes(0x00, 1), SectorType::Mode1);
  EXPECT_EQ(sub_only.sector_size, 96u);
  EXPECT_EQ(sub_only.sub_offset, 0u);
}

TEST(MmcReadCd, PartialSelectionsByMode) {
  const ReadCdSelection user{false, HeaderCodes::None, true, false, C2Mode::None, SubchannelMode::None};
  EXPECT_EQ(read_cd_layout(user, SectorType::Mode1).main_size, 2048u);
  EXPECT_EQ(read_cd_layout(user, SectorType::Mode2).main_size, 2336u);
  EXPECT_EQ(read_cd_layout(user, SectorType::Mode2Form1).main_size, 2048u);
  EXPECT_EQ(read_cd_layout(user, SectorType::Mode2Form2).main_size, 2324u);
  EXPECT_EQ(read_cd_layout(user, SectorType::CdDa).main_size, 2352u);
  // Sub-header + user data + EDC/ECC of Form 1: 8 + 2048 + 280 = 2336 (byte 9 = 0x58).
  EXPECT_EQ(read_cd_layout(ReadCdSelection::from_bytes(0x58, 0), SectorType::Mode2Form1).main_size, 2336u);
  // Header + user data of Mode 1 (0x30): 4 + 2048.
  EXPECT_EQ(read_cd_layout(ReadCdSelection::from_bytes(0x30, 0), SectorType::Mode1).main_size, 2052u);
}

TEST(MmcReadCd, ReservedValuesAreInvalid) {
  EXPECT_FALSE(read_cd_layout(ReadCdSelection::from_bytes(0xFE, 0)).valid);  // C2 field 3
  EXPECT_FALSE(read_cd_layout(ReadCdSelection::from_bytes(0xF8, 3)).valid);
  EXPECT_FALSE(read_cd_layout(ReadCdSelection::from_bytes(0xF8, 7)).valid);
  EXPECT_EQ(read_cd_layout(ReadCdSelection::from_bytes(0xF8, 7)).sector_size, 0u);
}

TEST(MmcReadCd, VendorSizes) {
  EXPECT_EQ(plextor_cdda_sector_size(PlextorSubcode::None), 2352u);
  EXPECT_EQ(plextor_cdda_sector_size(PlextorSubcode::Q), 2368u);
  EXPECT_EQ(plextor_cdda_sector_size(PlextorSubcode::RawPw), 2448u);
  EXPECT_EQ(plextor_cdda_sector_size(PlextorSubcode::PwOnly), 96u);
  EXPECT_EQ(mediatek::kEntrySize, 0xB00u);
  EXPECT_EQ(mediatek::kSubchannelOffset, 0x930u);
  EXPECT_EQ(mediatek::kC2Offset, 0x9A4u);
}
