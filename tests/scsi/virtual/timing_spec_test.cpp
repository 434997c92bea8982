// The timing model's costs and the virtual: device names.
#include <gtest/gtest.h>
#include <unistd.h>

#include <cmath>
#include <filesystem>
#include <fstream>

#include "scsi/virtual/timing.hpp"
#include "scsi/virtual/virtual_spec.hpp"
#include "vdrive_fixture.hpp"

using namespace dw;
using namespace dw::test;

TEST(Timing, InstantKeepsTheClockAtZero) {
  auto d = ready_drive("generic", {}, vdrive::TimingMode::Instant);
  send(*d, read_cd_cdb(1, 300, 26, 0xF8, 0), 26 * 2352);
  EXPECT_EQ(d->clock().now_us(), 0u);
}

TEST(Timing, SpinUpSeekReadAndCacheCosts) {
  auto d = ready_drive("generic", {}, vdrive::TimingMode::Realistic);
  // 26 sectors at the hub of a 48x CAV drive: ~40% of 48x = 19x -> about 18 ms, plus the spin-up.
  auto first = send(*d, read_cd_cdb(1, 300, 26, 0xF8, 0), 26 * 2352);
  EXPECT_GE(first.reply.drive_us, vdrive::TimingModel::kSpinUpUs);
  // Past the read-ahead (64 sectors): a seek by distance and a read at the radius's speed.
  auto seq = send(*d, read_cd_cdb(1, 400, 26, 0xF8, 0), 26 * 2352);
  const double x = vdrive::TimingModel::speed_at(413, 48, true);
  const double seek = 8000 + 120000 * std::sqrt(74.0 / 360000);
  EXPECT_NEAR(double(seq.reply.drive_us), 200 + seek + 26e6 / (75 * x), 2);
  auto cached = send(*d, read_cd_cdb(1, 400, 26, 0xF8, 0), 26 * 2352);
  EXPECT_EQ(cached.reply.drive_us, 200u + 26 * vdrive::TimingModel::kCacheHitUs);
  EXPECT_LT(cached.reply.drive_us, seq.reply.drive_us / 10);
  EXPECT_NEAR(vdrive::TimingModel::speed_at(359850, 48, true), 48.0, 0.01);
  EXPECT_NEAR(vdrive::TimingModel::speed_at(-150, 48, true), 48.0 * 25 / 58, 0.01);
  EXPECT_EQ(vdrive::TimingModel::speed_at(1000, 24, false), 24.0);
}

TEST(VirtualSpec, PressedAndBlank) {
  auto p = vdrive::parse_virtual_spec("virtual:/tmp/a disc.cue?drive=plextor&faults=f.json&timing=instant&offset=-12");
  EXPECT_FALSE(p.blank);
  EXPECT_EQ(p.image, "/tmp/a disc.cue");
  EXPECT_EQ(p.drive, "plextor");
  EXPECT_EQ(p.faults, "f.json");
  EXPECT_EQ(p.timing, vdrive::TimingMode::Instant);
  EXPECT_EQ(p.pressing_offset, -12);
  EXPECT_TRUE(p.toc_cdtext);
  EXPECT_FALSE(vdrive::parse_virtual_spec("virtual:a.cue?drive=plextor&cdtext=no").toc_cdtext);
  EXPECT_TRUE(vdrive::parse_virtual_spec("virtual:a.cue?cdtext=yes").toc_cdtext);
  EXPECT_TRUE(p.track_info);
  EXPECT_FALSE(vdrive::parse_virtual_spec("virtual:a.cue?drive=cheap&trackinfo=no").track_info);
  EXPECT_THROW(vdrive::parse_virtual_spec("virtual:a.cue?trackinfo=maybe"), vdrive::SpecError);
  EXPECT_THROW(vdrive::parse_virtual_spec("virtual:blank?media=cdr&trackinfo=no"), vdrive::SpecError);
  auto b = vdrive::parse_virtual_spec("virtual:blank?media=cdrw&capacity=359849&save=out.ccd");
  EXPECT_TRUE(b.blank);
  EXPECT_EQ(b.media, "cdrw");
  EXPECT_EQ(b.capacity, 359849);
  EXPECT_EQ(b.save, "out.ccd");
  EXPECT_EQ(b.raw_block_types, std::nullopt);
  EXPECT_EQ(vdrive::parse_virtual_spec("virtual:blank?media=cdr&raw_blocks=2,1").raw_block_types, 0b0110);
  EXPECT_EQ(vdrive::parse_virtual_spec("virtual:blank?media=cdr&raw_blocks=3").raw_block_types, 0b1000);
  EXPECT_TRUE(b.formatted);
  EXPECT_FALSE(vdrive::parse_virtual_spec("virtual:blank?media=bdre&formatted=no").formatted);
  EXPECT_THROW(vdrive::parse_virtual_spec("virtual:blank?media=bdr&formatted=no"), vdrive::SpecError);
  EXPECT_THROW(vdrive::parse_virtual_spec("virtual:blank?media=bdre&formatted=maybe"), vdrive::SpecError);
  EXPECT_THROW(vdrive::parse_virtual_spec("virtual:a.iso?formatted=no"), vdrive::SpecError);
  EXPECT_TRUE(vdrive::parse_virtual_spec("virtual:blank?media=cdr").raw_multisession);
  EXPECT_FALSE(vdrive::parse_virtual_spec("virtual:blank?media=cdr&raw_ms=no").raw_multisession);
  EXPECT_EQ(vdrive::parse_virtual_spec("virtual:x.iso").drive, "generic");
}

TEST(VirtualSpec, AnImageNameWithAQuestionMark) {
  const auto dir = std::filesystem::temp_directory_path() / ("dw-spec-" + std::to_string(::getpid()));
  std::filesystem::create_directories(dir);
  const std::string odd = (dir / "what?.cue").string(), odder = (dir / "a?b?.iso").string();
  std::ofstream(odd) << "x";
  std::ofstream(odder) << "x";
  // The first '?' after an existing file's name starts the options; the whole rest may be the file.
  EXPECT_EQ(vdrive::parse_virtual_spec("virtual:" + odd).image, odd);
  auto p = vdrive::parse_virtual_spec("virtual:" + odd + "?drive=plextor");
  EXPECT_EQ(p.image, odd);
  EXPECT_EQ(p.drive, "plextor");
  EXPECT_EQ(vdrive::parse_virtual_spec("virtual:" + odder + "?timing=instant").image, odder);
  EXPECT_EQ(vdrive::parse_virtual_spec("virtual:" + (dir / "what").string() + "?.cue?drive=lg").drive, "lg");
  // No file by any of the names: the first '?' starts the options, as before (here a bad one).
  try {
    vdrive::parse_virtual_spec("virtual:" + (dir / "none?.cue").string() + "?drive=lg");
    ADD_FAILURE() << "no error";
  } catch (const vdrive::SpecError& e) {
    EXPECT_NE(std::string(e.what()).find("unknown virtual drive option \".cue?drive\""), std::string::npos) << e.what();
  }
  std::filesystem::remove_all(dir);
}

TEST(VirtualSpec, OverwriteGoesWithSave) {
  EXPECT_FALSE(vdrive::parse_virtual_spec("virtual:blank?media=cdr&save=a.ccd").overwrite);
  EXPECT_TRUE(vdrive::parse_virtual_spec("virtual:blank?media=cdr&save=a.ccd&overwrite=yes").overwrite);
  EXPECT_THROW(vdrive::parse_virtual_spec("virtual:blank?media=cdr&overwrite=yes"), vdrive::SpecError);
  EXPECT_THROW(vdrive::parse_virtual_spec("virtual:blank?media=cdr&save=a.ccd&overwrite=1"), vdrive::SpecError);
  EXPECT_THROW(vdrive::parse_virtual_spec("virtual:a.cue?overwrite=yes"), vdrive::SpecError);
}

TEST(VirtualSpec, ErrorsSayWhatIsAccepted) {
  auto err = [](const char* s) {
    try {
      vdrive::parse_virtual_spec(s);
    } catch (const vdrive::SpecError& e) {
      return std::string(e.what());
    }
    return std::string("no error");
  };
  EXPECT_NE(err("virtual:").find("without an image"), std::string::npos);
  EXPECT_NE(err("virtual:a.cue?drive=nope").find("known: generic, plextor"), std::string::npos);
  EXPECT_NE(err("virtual:a.cue?timing=fast").find("instant or realistic"), std::string::npos);
  EXPECT_NE(err("virtual:a.cue?offset=1x").find("not a number"), std::string::npos);
  EXPECT_NE(err("virtual:a.cue?media=cdr").find("unknown virtual drive option \"media\""), std::string::npos);
  EXPECT_NE(err("virtual:blank").find("needs media="), std::string::npos);
  EXPECT_NE(err("virtual:blank?media=bd").find("not cdr, cdrw, dvdr, dvdplusr, dvdrw, dvdplusrw, bdre or bdr"),
            std::string::npos);
  EXPECT_NE(err("virtual:blank?media=cdr&capacity=449850").find("from 1 to 449849"), std::string::npos);
  EXPECT_NE(err("virtual:a.cue?cdtext=off").find("not no or yes"), std::string::npos);
  EXPECT_NE(err("virtual:blank?media=cdr&raw_blocks=2,4").find("\"4\" is not a RAW data block type"),
            std::string::npos);
  EXPECT_NE(err("virtual:blank?media=cdr&raw_blocks=").find("is not a RAW data block type"), std::string::npos);
  EXPECT_NE(err("virtual:blank?media=cdr&raw_ms=off").find("raw_ms=off is not no or yes"), std::string::npos);
  EXPECT_NE(err("virtual:blank?media=cdr&cdtext=no").find("unknown virtual drive option \"cdtext\""),
            std::string::npos);
  EXPECT_NE(err("virtual:a.cue?novalue").find("KEY=VALUE"), std::string::npos);
  EXPECT_NE(err("/dev/sr0").find("not a virtual drive"), std::string::npos);
}
