// READ CAPACITY (25h) on blank recordable CDs: no complete session, so no last recorded LBA. Drives
// answer LBA 0 with 2048-byte blocks (cdemu's blank discs answer so; libburn takes a capacity of
// 0 on a blank BD-R as the sign of an unwritten disc) rather than failing the command, which
// would send Linux's sr driver to its 0x1FFFFF guess. The blank DVD-R case: dvd_recording_test.cpp.
#include <gtest/gtest.h>

#include "vdrive_fixture.hpp"

using namespace dw;
using namespace dw::test;
using vdrive::RecordableMedia;

TEST(BlankCapacity, BlankCdrAndCdrwAnswerLbaZero) {
  const std::vector<uint8_t> read_capacity{0x25, 0, 0, 0, 0, 0, 0, 0, 0, 0};
  for (auto kind : {RecordableMedia::Kind::CdR, RecordableMedia::Kind::CdRw}) {
    vdrive::VirtualDrive d(*vdrive::find_personality("generic"), vdrive::TimingMode::Instant);
    d.insert_blank(std::make_shared<RecordableMedia>(kind));
    EXPECT_EQ(send(d, read_capacity, 8).code(), "06/28/00");  // the medium change, once
    auto r = send(d, read_capacity, 8);
    EXPECT_EQ(r.code(), "GOOD");
    EXPECT_EQ(r.data, (std::vector<uint8_t>{0, 0, 0, 0, 0, 0, 0x08, 0x00}));
  }
  vdrive::VirtualDrive empty(*vdrive::find_personality("generic"), vdrive::TimingMode::Instant);
  EXPECT_EQ(send(empty, read_capacity, 8).code(), "02/3A/01");
}
