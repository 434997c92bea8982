// Injected faults: the sense, data and timing each fault kind produces (reference/mmc.md sense
// table), and the fault file's parser on good and malformed input.
#include "scsi/virtual/faults.hpp"

#include <gtest/gtest.h>

#include <algorithm>

#include "disc/error.hpp"
#include "disc/subq.hpp"
#include "scsi/virtual/virtual_transport.hpp"
#include "vdrive_fixture.hpp"

using namespace dw;
using namespace dw::test;

namespace {

size_t bits_set(const uint8_t* p, size_t n) {
  size_t c = 0;
  for (size_t i = 0; i < n; ++i) c += static_cast<size_t>(__builtin_popcount(p[i]));
  return c;
}

}  // namespace

TEST(Faults, UnreadableSectorsFailAfterADelayWithTheirLba) {
  auto plan = vdrive::parse_faults(R"({"faults":[{"type":"unreadable","lba":470,"count":3,"delay_ms":2500}]})", "f");
  auto d = ready_drive("generic", plan, vdrive::TimingMode::Realistic);
  auto good = send(*d, read_cd_cdb(1, 460, 5, 0xF8, 0), 5 * 2352);
  EXPECT_EQ(good.code(), "GOOD");
  auto bad = send(*d, read_cd_cdb(1, 465, 10, 0xF8, 0), 10 * 2352);
  EXPECT_EQ(bad.code(), "03/11/05");
  EXPECT_EQ(bad.sense().information, 470u);
  EXPECT_GE(bad.reply.drive_us, 2'500'000u);
  EXPECT_EQ(send(*d, read_cd_cdb(1, 473, 1, 0xF8, 0), 2352).code(), "GOOD");
}

TEST(Faults, FlakySectorsFailKTimesThenRead) {
  auto plan = vdrive::parse_faults(R"({"faults":[{"type":"flaky","lba":500,"failures":2}]})", "f");
  auto d = ready_drive("generic", plan);
  for (int i = 0; i < 2; ++i) {
    auto bad = send(*d, read_cd_cdb(1, 498, 4, 0xF8, 0), 4 * 2352);
    EXPECT_EQ(bad.code(), "03/11/05");
    EXPECT_EQ(bad.sense().information, 500u);  // VALID and INFORMATION: the sector that failed
  }
  auto ok = send(*d, read_cd_cdb(1, 500, 1, 0xF8, 0), 2352);
  EXPECT_EQ(ok.code(), "GOOD");
  EXPECT_EQ(ok.data, expected_audio(mixed_main(), 500, 6));
}

TEST(Faults, ReadAheadStopsBeforeAFlakySector) {
  // A read just before the flaky sector must not pull it into the cache: the next read of it
  // reaches the disc and fails, as on a drive whose read-ahead hit the bad sector.
  auto plan = vdrive::parse_faults(R"({"faults":[{"type":"flaky","lba":500,"failures":1}]})", "f");
  auto d = ready_drive("generic", plan);
  EXPECT_EQ(send(*d, read_cd_cdb(1, 490, 10, 0xF8, 0), 10 * 2352).code(), "GOOD");
  EXPECT_EQ(send(*d, read_cd_cdb(1, 496, 8, 0xF8, 0), 8 * 2352).code(), "03/11/05");
  EXPECT_EQ(send(*d, read_cd_cdb(1, 496, 8, 0xF8, 0), 8 * 2352).code(), "GOOD");
}

TEST(Faults, C2FlagsExactlyTheDamagedBytesAndChangesPerRead) {
  vdrive::FaultPlan plan;
  plan.c2.push_back({{480, 1}, 12});
  auto d = ready_drive("generic", plan);
  const auto truth = expected_audio(mixed_main(), 480, 6);
  auto read = [&] { return send(*d, read_cd_cdb(1, 480, 1, 0xFA, 0), 2352 + 294); };
  auto a = read();
  ASSERT_EQ(a.data.size(), 2352u + 294);
  size_t wrong = 0;
  for (size_t i = 0; i < 2352; ++i) {
    const bool flagged = a.data[2352 + i / 8] & (0x80 >> (i % 8));
    if (a.data[i] != truth[i]) ++wrong;
    EXPECT_EQ(a.data[i] != truth[i], flagged) << "byte " << i;
  }
  EXPECT_GT(wrong, 0u);
  EXPECT_EQ(bits_set(a.data.data() + 2352, 294), wrong);
  // Far away and back: the cache is defeated and the damage lands elsewhere.
  send(*d, read_cd_cdb(2, 10, 1, 0xF8, 0), 2352);
  auto b = read();
  EXPECT_NE(std::vector<uint8_t>(a.data.begin() + 2352, a.data.end()),
            std::vector<uint8_t>(b.data.begin() + 2352, b.data.end()));
  // A re-read from the cache returns the same bytes.
  auto c = read();
  EXPECT_EQ(b.data, c.data);
  // The block error byte of C2 mode 2 is the OR of the C2 bytes.
  auto e = send(*d, read_cd_cdb(1, 480, 1, 0xFC, 0), 2352 + 296);
  ASSERT_EQ(e.data.size(), 2352u + 296);
  EXPECT_NE(e.data[2352 + 294], 0);
  // Data-type reads of a sector the ECC cannot fix fail.
  vdrive::FaultPlan data_plan;
  data_plan.c2.push_back({{40, 1}, 12});
  data_plan.c2.push_back({{38, 1}, 12});
  auto data_drive = ready_drive("generic", data_plan);
  auto ecc = send(*data_drive, read_cd_cdb(2, 36, 6, 0x10, 0), 6 * 2048);
  EXPECT_EQ(ecc.code(), "03/11/05");
  EXPECT_EQ(ecc.sense().information, 38u);  // the first sector that failed
  auto ecc10 = send(*data_drive, {0x28, 0, 0, 0, 0, 39, 0, 0, 2, 0}, 2 * 2048);
  EXPECT_EQ(ecc10.code(), "03/11/05");
  EXPECT_EQ(ecc10.sense().information, 40u);
}

TEST(Faults, PlextorC2Arrives295BytesLate) {
  vdrive::FaultPlan plan;
  plan.c2.push_back({{480, 1}, 12});
  // The same damage read by a drive without a shift (first read of the sector on both drives).
  auto generic = ready_drive("generic", plan);
  auto g = send(*generic, read_cd_cdb(1, 480, 1, 0xFA, 0), 2352 + 294);
  ASSERT_EQ(g.data.size(), 2352u + 294);
  const uint8_t* truth = g.data.data() + 2352;
  auto d = ready_drive("plextor", plan);
  auto a = send(*d, read_cd_cdb(1, 479, 4, 0xFA, 0), 4 * (2352 + 294));
  ASSERT_EQ(a.data.size(), 4u * (2352 + 294));
  const size_t stride = 2352 + 294;
  const uint8_t* c480 = a.data.data() + 1 * stride + 2352;
  const uint8_t* c481 = a.data.data() + 2 * stride + 2352;
  const uint8_t* c482 = a.data.data() + 3 * stride + 2352;
  EXPECT_EQ(bits_set(a.data.data() + 0 * stride + 2352, 294), 0u);
  EXPECT_EQ(bits_set(c480, 294), 0u);  // 480's damage is not flagged with 480...
  EXPECT_EQ(c481[0], 0);               // ...but 295 bytes later: from byte 1 of 481's C2
  for (size_t k = 0; k < 293; ++k) EXPECT_EQ(c481[k + 1], truth[k]) << k;
  EXPECT_EQ(c482[0], truth[293]);
  EXPECT_EQ(bits_set(c482 + 1, 293), 0u);
}

TEST(Faults, SilentCorruptionIsStableAndUnflagged) {
  vdrive::FaultPlan plan;
  plan.silent.push_back({{490, 1}});
  auto d = ready_drive("generic", plan);
  auto a = send(*d, read_cd_cdb(1, 490, 1, 0xFA, 0), 2352 + 294);
  EXPECT_NE(std::vector<uint8_t>(a.data.begin(), a.data.begin() + 2352), expected_audio(mixed_main(), 490, 6));
  EXPECT_EQ(bits_set(a.data.data() + 2352, 294), 0u);
  send(*d, read_cd_cdb(2, 10, 1, 0xF8, 0), 2352);
  auto b = send(*d, read_cd_cdb(1, 490, 1, 0xFA, 0), 2352 + 294);
  EXPECT_EQ(a.data, b.data);
}

TEST(Faults, QCrcCorruptionAtARate) {
  auto plan = vdrive::parse_faults(R"({"seed":7,"faults":[{"type":"q_crc","rate":0.25}]})", "f");
  auto d = ready_drive("generic", plan);
  auto a = send(*d, read_cd_cdb(1, 300, 200, 0x00, 0x02), 200 * 16);
  ASSERT_EQ(a.data.size(), 3200u);
  int bad = 0;
  for (int i = 0; i < 200; ++i)
    if (!q_crc_ok(std::span<const uint8_t, 12>(a.data.data() + i * 16, 12))) ++bad;
  EXPECT_GT(bad, 25);
  EXPECT_LT(bad, 75);
}

TEST(Faults, HangTimesOutAtTheHost) {
  auto plan = vdrive::parse_faults(R"({"faults":[{"type":"hang","opcode":"0xBE","lba":100}]})", "f");
  auto drive = std::shared_ptr<vdrive::VirtualDrive>(ready_drive("generic", plan));
  vdrive::VirtualTransport t(drive, "virtual:test");
  std::vector<uint8_t> buf(2352);
  scsi::Command cmd{read_cd_cdb(1, 100, 1, 0xF8, 0), scsi::Direction::FromDevice, buf, std::chrono::milliseconds(5000)};
  auto r = t.execute(cmd);
  EXPECT_EQ(r.transport, scsi::TransportError::Timeout);
  EXPECT_FALSE(r.ok());
  cmd.cdb = read_cd_cdb(1, 101, 1, 0xF8, 0);
  EXPECT_TRUE(t.execute(cmd).ok());
}

TEST(Faults, ShortTransferCompletesWithTheTailMissing) {
  auto plan = vdrive::parse_faults(R"({"faults":[{"type":"short_transfer","lba":501,"count":2,"bytes":100},
      {"type":"short_transfer","lba":20,"bytes":2048,"times":1}]})",
                                   "f");
  auto drive = std::shared_ptr<vdrive::VirtualDrive>(ready_drive("generic", plan));
  vdrive::VirtualTransport t(drive, "virtual:test");
  auto read = [&](std::vector<uint8_t> cdb, size_t size) {
    std::vector<uint8_t> buf(size, 0xEE);
    scsi::Command cmd{std::move(cdb), scsi::Direction::FromDevice, buf, std::chrono::milliseconds(5000)};
    auto r = t.execute(cmd);
    return std::pair{r, buf};
  };
  // READ CD of 500-501 touches the range: GOOD, 100 bytes short, those 100 bytes untouched.
  for (int again = 0; again < 2; ++again) {  // every such read
    auto [r, buf] = read(read_cd_cdb(1, 500, 2, 0xF8, 0), 2 * 2352);
    EXPECT_EQ(r.status, 0);
    EXPECT_TRUE(r.ok());
    EXPECT_EQ(r.residual, 100u);
    auto expected = expected_audio(mixed_main(), 500, 6);
    const auto second = expected_audio(mixed_main(), 501, 6);
    expected.insert(expected.end(), second.begin(), second.end() - 100);
    expected.resize(2 * 2352, 0xEE);
    EXPECT_EQ(buf, expected);
  }
  // Not touching it: whole.
  EXPECT_EQ(read(read_cd_cdb(1, 498, 3, 0xF8, 0), 3 * 2352).first.residual, 0u);
  // READ(10) of 19-20 (Mode 1 user data): the second sector's 2048 bytes missing, once.
  auto [r10, buf10] = read({0x28, 0, 0, 0, 0, 19, 0, 0, 2, 0}, 4096);
  EXPECT_TRUE(r10.ok());
  EXPECT_EQ(r10.residual, 2048u);
  EXPECT_EQ(std::count(buf10.begin() + 2048, buf10.end(), 0xEE), 2048);
  EXPECT_EQ(read({0x28, 0, 0, 0, 0, 19, 0, 0, 2, 0}, 4096).first.residual, 0u);
  // READ(12) and the Plextor's D8 are cut too.
  const auto plextor_plan = vdrive::parse_faults(R"({"faults":[{"type":"short_transfer","lba":20,"bytes":16}]})", "f");
  auto plextor = std::shared_ptr<vdrive::VirtualDrive>(ready_drive("plextor", plextor_plan));
  vdrive::VirtualTransport pt(plextor, "virtual:test");
  for (auto cdb : {std::vector<uint8_t>{0xA8, 0, 0, 0, 0, 20, 0, 0, 0, 1, 0, 0},
                   std::vector<uint8_t>{0xD8, 0, 0, 0, 0, 20, 0, 0, 0, 1, 0, 0}}) {
    std::vector<uint8_t> buf(cdb[0] == 0xA8 ? 2048 : 2352);
    scsi::Command cmd{cdb, scsi::Direction::FromDevice, buf, std::chrono::milliseconds(5000)};
    auto r = pt.execute(cmd);
    EXPECT_TRUE(r.ok()) << int(cdb[0]);
    EXPECT_EQ(r.residual, 16u) << int(cdb[0]);
  }
}

TEST(Faults, MediumChangeNotReadyAndRemoval) {
  auto plan = vdrive::parse_faults(R"({"faults":[{"type":"medium_change","before_command":3},
      {"type":"not_ready","after_commands":4,"commands":2},{"type":"remove","lba":550}]})",
                                   "f");
  auto d = ready_drive("generic", plan);                          // command 1: TUR (unit attention of the insert)
  EXPECT_EQ(send(*d, {0, 0, 0, 0, 0, 0}, 0).code(), "GOOD");      // 2
  EXPECT_EQ(send(*d, {0, 0, 0, 0, 0, 0}, 0).code(), "06/28/00");  // 3
  EXPECT_EQ(send(*d, {0, 0, 0, 0, 0, 0}, 0).code(), "GOOD");      // 4
  EXPECT_EQ(send(*d, {0, 0, 0, 0, 0, 0}, 0).code(), "02/04/01");  // 5
  EXPECT_EQ(send(*d, {0, 0, 0, 0, 0, 0}, 0).code(), "02/04/01");  // 6
  EXPECT_EQ(send(*d, read_cd_cdb(1, 540, 5, 0xF8, 0), 5 * 2352).code(), "GOOD");
  EXPECT_EQ(send(*d, read_cd_cdb(1, 545, 10, 0xF8, 0), 10 * 2352).code(), "02/3A/00");
  EXPECT_EQ(send(*d, {0, 0, 0, 0, 0, 0}, 0).code(), "02/3A/01");
}

TEST(Faults, JitterOnANonAccurateDrive) {
  auto d = ready_drive("cheap");
  const auto main = mixed_main();
  int shifted = 0;
  for (int i = 0; i < 20; ++i) {
    send(*d, read_cd_cdb(0, 10, 1, 0xF8, 0), 2352);  // seek away
    auto a = send(*d, read_cd_cdb(1, 500, 1, 0xF8, 0), 2352);
    if (a.data != expected_audio(main, 500, 6)) ++shifted;
    bool matches_some = false;
    for (int j = -3; j <= 3; ++j) matches_some |= a.data == expected_audio(main, 500, 6 - j);
    EXPECT_TRUE(matches_some);
  }
  EXPECT_GT(shifted, 0);
}

TEST(FaultFile, MalformedInputNamesTheProblem) {
  auto err = [](const std::string& text) {
    try {
      vdrive::parse_faults(text, "bad.json");
    } catch (const InputError& e) {
      return std::string(e.what());
    }
    return std::string("no error");
  };
  EXPECT_NE(err("{").find("not valid JSON"), std::string::npos);
  EXPECT_NE(err("[]").find("top level must be an object"), std::string::npos);
  EXPECT_NE(err(R"({"faults":[{"type":"melt"}]})").find("faults[0]: unknown type \"melt\""), std::string::npos);
  EXPECT_NE(err(R"({"faults":[{"type":"flaky"}]})").find("faults[0]: \"lba\" is missing"), std::string::npos);
  EXPECT_NE(err(R"({"faults":[{"type":"c2","lba":1,"bytes":9999}]})").find("\"bytes\" is 9999, outside 1..2352"),
            std::string::npos);
  EXPECT_NE(err(R"({"faults":[{"type":"q_crc","rate":2}]})").find("between 0 and 1"), std::string::npos);
  EXPECT_NE(err(R"({"faults":[{"type":"hang","opcode":"zz"}]})").find("not a number"), std::string::npos);
  EXPECT_NE(err(R"({"fault":[]})").find("unknown key \"fault\""), std::string::npos);
  EXPECT_NE(err(R"({"faults":[{"type":"unreadable","lba":1.5}]})").find("must be an integer"), std::string::npos);
  EXPECT_NE(err(R"({"seed":66e6666,"faults":[]})").find("not valid JSON"), std::string::npos);  // fuzz find
  EXPECT_NE(err(R"({"faults":[{"type":"short_transfer","lba":1}]})").find("faults[0]: \"bytes\" is missing"),
            std::string::npos);
  EXPECT_EQ(err(R"({"faults":[]})"), "no error");
}

TEST(Faults, JitterHoldsAlongAContinuousStream) {
  auto d = ready_drive("cheap");
  const auto main = mixed_main();
  for (int round = 0; round < 10; ++round) {
    send(*d, read_cd_cdb(0, 10, 1, 0xF8, 0), 2352);  // seek away: the next read draws a jitter
    auto a = send(*d, read_cd_cdb(1, 500, 1, 0xF8, 0), 2352);
    auto b = send(*d, read_cd_cdb(1, 501, 1, 0xF8, 0), 2352);      // continues where a ended
    auto again = send(*d, read_cd_cdb(1, 500, 1, 0xF8, 0), 2352);  // from the cache
    int ja = 99, jb = 98;
    for (int j = -3; j <= 3; ++j) {
      if (a.data == expected_audio(main, 500, 6 - j)) ja = j;
      if (b.data == expected_audio(main, 501, 6 - j)) jb = j;
    }
    EXPECT_EQ(ja, jb) << "round " << round;
    EXPECT_EQ(a.data, again.data);
  }
}
