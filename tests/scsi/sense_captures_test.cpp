// Sense data as real drives returned it, byte for byte as the source printed it, with the
// source's own decoding as the expected values. The MMC response captures are in
// mmc_captures_test.cpp and mmc_captures_toc_test.cpp.
#include <gtest/gtest.h>

#include <cstdint>
#include <span>
#include <vector>

#include "scsi/sense.hpp"

using namespace dw::scsi;
using B = std::vector<uint8_t>;

// An IDE CD recorder (not named) behind Linux 2.4.18-rc2-ac1's ide-scsi, as cdrecord printed its
// answers in Ed Sweetman's mail "ide cd-recording not working in 2.4.18-rc2-ac1" to
// linux-kernel, 20 Feb 2002, Message-Id <1014237877.441.7.camel@psuedomode>
// (https://lore.kernel.org/lkml/1014237877.441.7.camel@psuedomode/; stored as file m of
// github.com/ammarfaizi2/lore-inbox). The expected values are cdrecord's decoding beside the hex.
// The two CHECK CONDITION answers are 16 bytes, as many as the sg driver of the time passed on
// (its SG_MAX_SENSE), although byte 7 announces 10 more than 8: everything up to the ASCQ is there.
TEST(SenseCaptures, CdrecordLogOnLinuxKernel) {
  // WRITE(10) 2A 00 00 00 00 1F 00 00 1F 00:
  //   Sense Bytes: 70 00 05 00 00 00 00 0A 00 00 00 00 21 00 00 00
  //   Sense Key: 0x5 Illegal Request, Segment 0
  //   Sense Code: 0x21 Qual 0x00 (logical block address out of range) Fru 0x0
  //   Sense flags: Blk 0 (not valid)
  const B write_sense{0x70, 0x00, 0x05, 0x00, 0x00, 0x00, 0x00, 0x0A, 0x00, 0x00, 0x00, 0x00, 0x21, 0x00, 0x00, 0x00};
  const Sense w = parse_sense(write_sense);
  EXPECT_TRUE(w.valid);
  EXPECT_EQ(w.response_code, 0x70);
  EXPECT_EQ(w.key, sense_key::kIllegalRequest);
  EXPECT_EQ(w.asc, 0x21);
  EXPECT_EQ(w.ascq, 0x00);
  EXPECT_FALSE(w.information);  // "Blk 0 (not valid)": the VALID bit is clear
  EXPECT_FALSE(w.progress);
  EXPECT_EQ(classify(w), SenseClass::LbaOutOfRange);
  EXPECT_EQ(describe(w), "logical block address out of range");
  // CLOSE TRACK/SESSION 5B 00 02 ...:
  //   Sense Bytes: 70 00 05 00 00 00 00 0A 00 00 00 00 2C 00 00 00
  //   Sense Code: 0x2C Qual 0x00 (command sequence error) Fru 0x0
  const B close_sense{0x70, 0x00, 0x05, 0x00, 0x00, 0x00, 0x00, 0x0A, 0x00, 0x00, 0x00, 0x00, 0x2C, 0x00, 0x00, 0x00};
  const Sense c = parse_sense(close_sense);
  EXPECT_TRUE(c.valid);
  EXPECT_EQ(c.key, sense_key::kIllegalRequest);
  EXPECT_EQ(c.asc, 0x2C);
  EXPECT_EQ(c.ascq, 0x00);
  EXPECT_EQ(classify(c), SenseClass::SequenceError);
  EXPECT_EQ(describe(c), "command sequence error");
  // Between the two, all 18 bytes of a NO SENSE answer:
  //   Sense Bytes: 70 00 00 00 00 00 00 0A 00 00 00 00 00 00 00 00 00 00
  const B no_sense{0x70, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x0A, 0x00,
                   0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00};
  const Sense n = parse_sense(no_sense);
  EXPECT_TRUE(n.valid);
  EXPECT_EQ(n.key, sense_key::kNoSense);
  EXPECT_EQ(n.asc, 0x00);
  EXPECT_FALSE(n.progress);  // SKSV (byte 15 bit 7) clear
  EXPECT_EQ(classify(n), SenseClass::None);
  // The sense decoder never throws; every prefix still decodes the key once byte 2 is there.
  for (const B* b : {&write_sense, &close_sense, &no_sense}) {
    for (size_t len = 3; len <= b->size(); ++len) {
      const Sense p = parse_sense(std::span(*b).first(len));
      EXPECT_TRUE(p.valid) << len;
      EXPECT_EQ(p.key, (*b)[2]) << len;
      if (len >= 14) {
        EXPECT_EQ(p.asc, (*b)[12]) << len;
      }
    }
  }
}
