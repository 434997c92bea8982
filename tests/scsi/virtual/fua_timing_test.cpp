// FUA on the drive clock: a READ(12) with FUA must come from the disc where the personality
// honours FUA, and from the cache where it does not (lg, cheap). docs/virtual-drive.md "Timing
// model": 200 us a command, 5 us a sector from the cache; a read from the disc also costs the
// sector's time at the radius' speed.
#include <gtest/gtest.h>

#include "scsi/mmc_cdb.hpp"
#include "scsi/virtual/virtual_transport.hpp"
#include "vdrive_fixture.hpp"

using namespace dw;
using namespace dw::test;

namespace {

// The drive time one READ(12) of LBA 100 took, after a first read put it in the cache.
struct Costs {
  int64_t cached = 0, fua = 0;
};

Costs costs(const char* personality) {
  auto d =
      std::make_shared<vdrive::VirtualDrive>(*vdrive::find_personality(personality), vdrive::TimingMode::Realistic);
  d->insert(std::make_shared<vdrive::PressedMedia>(mixed_source()));
  vdrive::VirtualTransport t(d, "virtual:test");
  std::vector<uint8_t> buf(2048);
  const auto read = [&](bool fua) {
    for (int attempt = 0; attempt < 5; ++attempt) {  // past the spin-up's unit attention / not ready
      const scsi::CommandResult r = t.execute({scsi::cdb::read12(100, 1, fua), scsi::Direction::FromDevice, buf});
      if (r.ok()) return static_cast<int64_t>(r.duration.count());
    }
    ADD_FAILURE() << personality << ": READ(12) failed";
    return int64_t{0};
  };
  read(false);  // from the disc; now in the cache
  Costs c;
  c.cached = read(false);
  c.fua = read(true);
  return c;
}

}  // namespace

TEST(FuaTiming, HonouredOnlyWhereThePersonalitySaysSo) {
  const Costs generic = costs("generic");
  EXPECT_EQ(generic.cached, 205);                // 200 us + 5 us for one cached sector
  EXPECT_GT(generic.fua, generic.cached + 100);  // went to the disc
  const Costs lg = costs("lg");
  EXPECT_EQ(lg.cached, 205);
  EXPECT_EQ(lg.fua, 205);  // FUA ignored: the cache answered
  const Costs cheap = costs("cheap");
  EXPECT_EQ(cheap.fua, cheap.cached);
}
