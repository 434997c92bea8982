// Sense decoding: layouts from reference/mmc.md "Sense data" (fixed 70h: key byte 2, ASC 12,
// ASCQ 13, progress 16-17 with SKSV; descriptor 72h: key 1, ASC 2, ASCQ 3).
#include "scsi/sense.hpp"

#include <gtest/gtest.h>

#include <vector>

using namespace dw::scsi;

TEST(Sense, FixedFormatReadError) {
  // 03/11/05 L-EC uncorrectable, VALID with information = LBA 0x00001234.
  const std::vector<uint8_t> b{0xF0, 0, 0x03, 0x00, 0x00, 0x12, 0x34, 10, 0, 0, 0, 0, 0x11, 0x05, 0, 0, 0, 0};
  Sense s = parse_sense(b);
  ASSERT_TRUE(s.valid);
  EXPECT_EQ(s.response_code, 0x70);
  EXPECT_EQ(s.key, 3);
  EXPECT_EQ(s.asc, 0x11);
  EXPECT_EQ(s.ascq, 0x05);
  EXPECT_EQ(s.information, 0x1234u);
  EXPECT_FALSE(s.progress);
  EXPECT_EQ(classify(s), SenseClass::ReadError);
  EXPECT_EQ(reaction(classify(s)), Reaction::RetrySector);
  EXPECT_EQ(describe(s), "L-EC uncorrectable error");
  EXPECT_EQ(code_string(s), "03/11/05");
}

TEST(Sense, FixedFormatProgress) {
  // 02/04/07 with SKSV progress 0x8000 (half way), as a drive polled during BLANK IMMED answers.
  const std::vector<uint8_t> b{0x70, 0, 0x02, 0, 0, 0, 0, 10, 0, 0, 0, 0, 0x04, 0x07, 0, 0x80, 0x80, 0x00};
  Sense s = parse_sense(b);
  ASSERT_TRUE(s.valid);
  EXPECT_EQ(s.progress, 0x8000);
  EXPECT_EQ(classify(s), SenseClass::OperationInProgress);
  EXPECT_EQ(reaction(classify(s)), Reaction::Poll);
}

TEST(Sense, DescriptorFormat) {
  // 72h: key 05, ASC 26, ASCQ 00, one sense-key-specific descriptor (type 02) with SKSV.
  const std::vector<uint8_t> b{0x72, 0x05, 0x26, 0x00, 0, 0, 0, 8, 0x02, 0x06, 0, 0, 0x80, 0x00, 0x10, 0};
  Sense s = parse_sense(b);
  ASSERT_TRUE(s.valid);
  EXPECT_EQ(s.key, 5);
  EXPECT_EQ(s.asc, 0x26);
  EXPECT_EQ(s.progress, 0x0010);
  EXPECT_EQ(classify(s), SenseClass::InvalidParameter);
  EXPECT_EQ(reaction(classify(s)), Reaction::TryVariant);
}

TEST(Sense, TableOfReactions) {
  struct Row {
    uint8_t key, asc, ascq;
    SenseClass cls;
    Reaction r;
  };
  // Every row of the reference table.
  const Row rows[] = {
      {2, 0x3A, 0x01, SenseClass::NoMedium, Reaction::AskForDisc},
      {2, 0x04, 0x01, SenseClass::BecomingReady, Reaction::WaitAndRetry},
      {2, 0x04, 0x07, SenseClass::OperationInProgress, Reaction::Poll},
      {2, 0x04, 0x08, SenseClass::OperationInProgress, Reaction::Poll},
      {6, 0x28, 0x00, SenseClass::MediumChanged, Reaction::RereadToc},
      {6, 0x29, 0x00, SenseClass::Reset, Reaction::Reinitialise},
      {3, 0x11, 0x05, SenseClass::ReadError, Reaction::RetrySector},
      {3, 0x11, 0x06, SenseClass::ReadError, Reaction::RetrySector},
      {3, 0x11, 0x00, SenseClass::ReadError, Reaction::RetrySector},
      {3, 0x02, 0x00, SenseClass::SeekError, Reaction::RetryThenMarkBad},
      {3, 0x15, 0x01, SenseClass::SeekError, Reaction::RetryThenMarkBad},
      {5, 0x20, 0x00, SenseClass::InvalidOpcode, Reaction::FallBack},
      {5, 0x21, 0x00, SenseClass::LbaOutOfRange, Reaction::StopOverread},
      {5, 0x24, 0x00, SenseClass::InvalidCdbField, Reaction::FallBack},
      {5, 0x26, 0x00, SenseClass::InvalidParameter, Reaction::TryVariant},
      {5, 0x64, 0x00, SenseClass::IllegalMode, Reaction::WrongSectorType},
      {5, 0x30, 0x02, SenseClass::IncompatibleMedium, Reaction::GiveUp},
      {5, 0x2C, 0x00, SenseClass::SequenceError, Reaction::GiveUp},
      {3, 0x0C, 0x09, SenseClass::BufferUnderrun, Reaction::GiveUp},
      {3, 0x0C, 0x00, SenseClass::WriteError, Reaction::GiveUp},
      {3, 0x73, 0x03, SenseClass::PowerCalibration, Reaction::GiveUp},
      {0x0B, 0x47, 0x00, SenseClass::Aborted, Reaction::Retry},
  };
  for (const auto& row : rows) {
    Sense s = parse_sense(build_fixed_sense(row.key, row.asc, row.ascq));
    EXPECT_EQ(classify(s), row.cls) << code_string(s);
    EXPECT_EQ(reaction(classify(s)), row.r) << code_string(s);
  }
}

TEST(Sense, BuildFixedLayout) {
  auto b = build_fixed_sense(0x05, 0x64, 0x00, 0x10, 0x1234);
  const std::vector<uint8_t> expected{0xF0, 0, 0x05, 0, 0, 0, 0x10, 10, 0, 0, 0, 0, 0x64, 0x00, 0, 0x80, 0x12, 0x34};
  EXPECT_EQ(b, expected);
}

TEST(Sense, MalformedNeverReadsPastTheEnd) {
  EXPECT_FALSE(parse_sense({}).valid);
  const std::vector<uint8_t> unknown{0x7F, 1, 2, 3};
  EXPECT_FALSE(parse_sense(unknown).valid);
  const std::vector<uint8_t> short_fixed{0x70, 0};
  EXPECT_FALSE(parse_sense(short_fixed).valid);
  // Additional length says 10, but only 13 bytes arrived: ASC present, ASCQ not.
  const std::vector<uint8_t> cut{0x70, 0, 0x03, 0, 0, 0, 0, 10, 0, 0, 0, 0, 0x11};
  Sense s = parse_sense(cut);
  EXPECT_TRUE(s.valid);
  EXPECT_EQ(s.asc, 0x11);
  EXPECT_EQ(s.ascq, 0);
  // Descriptor with a descriptor length running past the end.
  const std::vector<uint8_t> desc{0x72, 0x03, 0x11, 0x00, 0, 0, 0, 20, 0x00, 0x30, 0};
  Sense d = parse_sense(desc);
  EXPECT_TRUE(d.valid);
  EXPECT_FALSE(d.information);
}
