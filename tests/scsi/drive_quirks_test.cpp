// Drive quirks lookups against the figures of the cited sources (redumper drive.ixx and its
// AccurateRip-derived offsets.ixx, commit 2ab9a42).
#include "scsi/drive_quirks.hpp"

#include <gtest/gtest.h>

#include <set>
#include <string>

using namespace dw::scsi;

TEST(DriveQuirks, PlextorPx716aAsTheDriveReportsIt) {
  // INQUIRY pads inside the product field: "DVDR   PX-716A  ".
  const DriveQuirks q = lookup_quirks("PLEXTOR ", "DVDR   PX-716A  ", "1.11");
  ASSERT_TRUE(q.known);
  EXPECT_TRUE(q.offset_known);
  EXPECT_EQ(q.read_offset, +30);
  EXPECT_EQ(q.c2_shift, 295);
  EXPECT_EQ(q.sector_order, SectorOrder::MainC2Sub);
  EXPECT_EQ(q.lead_in, LeadInAccess::PlextorD8);
  EXPECT_EQ(q.read_method, ReadMethod::D8);
  EXPECT_EQ(q.first_lba, -75);
  EXPECT_EQ(q.lead_out_sectors, 75);
}

TEST(DriveQuirks, SeveralKnownDrives) {
  struct Row {
    const char *vendor, *product, *revision;
    int32_t offset;
    uint16_t c2;
    SectorOrder order;
    LeadInAccess lead_in;
  };
  const Row rows[] = {
      {"PLEXTOR", "CD-R   PREMIUM", "1.07", +30, 294, SectorOrder::MainC2Sub, LeadInAccess::PlextorD8},
      {"PLEXTOR", "CD-R   PX-W4824A", "1.07", +98, 294, SectorOrder::MainC2Sub, LeadInAccess::None},
      {"PLEXTOR", "DVDR   PX-760A", "1.07", +30, 295, SectorOrder::MainC2Sub, LeadInAccess::PlextorD8},
      {"PLEXTOR", "DVDR   PX-708A", "1.12", +30, 294, SectorOrder::MainC2Sub, LeadInAccess::PlextorD8},
      {"ASUS", "BW-16D1HT", "3.02", +6, 0, SectorOrder::MainC2Sub, LeadInAccess::MediatekF1},
      {"HL-DT-ST", "BD-RE  BH16NS55", "1.02", +6, 0, SectorOrder::MainC2Sub, LeadInAccess::MediatekF1},
      {"HL-DT-ST", "DVDRAM GH24NSC0", "LY00", +6, 0, SectorOrder::MainSubC2, LeadInAccess::None},
      {"PIONEER", "BD-RW   BDR-209D", "1.10", +667, 0, SectorOrder::MainSub, LeadInAccess::None},
      {"TSSTcorp", "DVD-ROM TS-H352C", "DE02", +6, 0, SectorOrder::MainSub, LeadInAccess::None},
      {"LITE-ON", "DVD SOHD-167T", "9S1B", +12, 0, SectorOrder::MainC2Sub, LeadInAccess::None},
      {"Optiarc", "DVD RW AD-7280S", "1.01", +48, 0, SectorOrder::MainC2Sub, LeadInAccess::None},
      {"PIONEER", "BD-RW   BDR-XD05", "1.00", +667, 0, SectorOrder::MainC2Sub, LeadInAccess::None},
  };
  for (const Row& r : rows) {
    const DriveQuirks q = lookup_quirks(r.vendor, r.product, r.revision);
    ASSERT_TRUE(q.known) << r.vendor << " " << r.product;
    EXPECT_EQ(q.read_offset, r.offset) << r.product;
    EXPECT_EQ(q.c2_shift, r.c2) << r.product;
    EXPECT_EQ(q.sector_order, r.order) << r.product;
    EXPECT_EQ(q.lead_in, r.lead_in) << r.product;
  }
}

TEST(DriveQuirks, CaseOfVendorDoesNotMatter) { EXPECT_TRUE(lookup_quirks("Plextor", "dvdr px-755a", "").known); }

TEST(DriveQuirks, PrefixMatchesFirmwareVariants) {
  // PX-716AL and PREMIUM2 are covered by the PX-716A and PREMIUM prefix rows.
  const DriveQuirks al = lookup_quirks("PLEXTOR", "DVDR   PX-716AL", "1.02");
  ASSERT_TRUE(al.known);
  EXPECT_EQ(al.read_offset, +30);
  EXPECT_EQ(al.c2_shift, 295);
  EXPECT_EQ(al.product, "DVDR PX-716A");
  const DriveQuirks p2 = lookup_quirks("PLEXTOR", "CD-R   PREMIUM2", "1.03");
  ASSERT_TRUE(p2.known);
  EXPECT_EQ(p2.read_offset, +30);
  EXPECT_EQ(p2.c2_shift, 294);
  // Exact rows do not match by prefix: PX-712A is not PX-712A-something.
  EXPECT_FALSE(lookup_quirks("PLEXTOR", "DVDR   PX-712AX", "").known);
  // Nor does a prefix row match a shorter product.
  EXPECT_FALSE(lookup_quirks("PLEXTOR", "DVDR   PX-71", "").known);
}

TEST(DriveQuirks, RevisionSpecificRowWins) {
  // The patched 3.10 firmware reads the lead-in without the cache trick; 3.02 needs it.
  const DriveQuirks patched = lookup_quirks("ASUS", "BW-16D1HT", "3.10");
  ASSERT_TRUE(patched.known);
  EXPECT_EQ(patched.revision, "3.10");
  EXPECT_EQ(patched.lead_in, LeadInAccess::None);
  const DriveQuirks stock = lookup_quirks("ASUS", "BW-16D1HT", "3.02");
  ASSERT_TRUE(stock.known);
  EXPECT_EQ(stock.revision, "");
  EXPECT_EQ(stock.lead_in, LeadInAccess::MediatekF1);
}

TEST(DriveQuirks, UnknownDriveGetsSafeDefaults) {
  const DriveQuirks q = lookup_quirks("NONAME", "DVD-ROM X1", "0001");
  EXPECT_FALSE(q.known);
  EXPECT_FALSE(q.offset_known);
  EXPECT_EQ(q.read_offset, 0);
  EXPECT_EQ(q.c2_shift, 0);
  EXPECT_EQ(q.sector_order, SectorOrder::MainC2Sub);
  EXPECT_EQ(q.lead_in, LeadInAccess::None);
  EXPECT_EQ(q.lead_out_sectors, 0);
  EXPECT_EQ(q.first_lba, 0);
  EXPECT_EQ(q.read_method, ReadMethod::BE);
  EXPECT_EQ(q.accurate_stream, Support::Unknown);
  EXPECT_TRUE(q.source.empty());
  // Known product under another vendor is still unknown.
  EXPECT_FALSE(lookup_quirks("HL-DT-ST", "DVDR PX-716A", "").known);
}

TEST(DriveQuirks, EveryRowHasASourceAndIsReachable) {
  const auto table = drive_quirks_table();
  EXPECT_GE(table.size(), 15u);
  std::set<std::string> keys;
  for (const DriveQuirks& q : table) {
    EXPECT_FALSE(q.source.empty()) << q.vendor << " " << q.product;
    EXPECT_FALSE(q.vendor.empty());
    EXPECT_FALSE(q.product.empty());
    EXPECT_TRUE(q.known);
    EXPECT_TRUE(q.offset_known);
    // The source names the figure the row holds.
    EXPECT_NE(q.source.find(std::to_string(q.read_offset)), std::string_view::npos) << q.source;
    EXPECT_TRUE(
        keys.insert(std::string(q.vendor) + "|" + std::string(q.product) + "|" + std::string(q.revision)).second)
        << "duplicate row " << q.product;
    // Looking the row up by its own key gives that row back.
    const DriveQuirks found = lookup_quirks(q.vendor, q.product, q.revision);
    EXPECT_EQ(found.product, q.product);
    EXPECT_EQ(found.revision, q.revision);
  }
}
