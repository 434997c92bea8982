// libcdio transport: the mapping of libcdio's return codes and last sense into CommandResult, and
// what libcdio's own image drivers answer to MMC commands (they have no drive behind them: every
// CDB comes back DRIVER_OP_UNSUPPORTED with no sense, which must be TransportError::Unsupported).
#include "scsi/cdio_transport.hpp"

#include <cdio/cdio.h>
#include <gtest/gtest.h>
#include <unistd.h>

#include <cerrno>
#include <filesystem>
#include <fstream>
#include <string>
#include <vector>

#include "scsi/device_error.hpp"
#include "support/corpus.hpp"

using namespace dw::scsi;

TEST(CdioTransport, DecodeSuccess) {
  const CommandResult r = decode_cdio_result(DRIVER_OP_SUCCESS, {}, 0);
  EXPECT_TRUE(r.ok());
  EXPECT_TRUE(r.sense_bytes.empty());
}

TEST(CdioTransport, DecodeSenseIsCheckCondition) {
  // 02/3A/00 medium not present, as mmc_last_cmd_sense hands it over (fixed format).
  const std::vector<uint8_t> sense{0x70, 0, 0x02, 0, 0, 0, 0, 10, 0, 0, 0, 0, 0x3A, 0x00, 0, 0, 0, 0};
  for (int rc : {int(DRIVER_OP_ERROR), int(DRIVER_OP_MMC_SENSE_DATA)}) {
    const CommandResult r = decode_cdio_result(rc, sense, EIO);
    EXPECT_EQ(r.transport, TransportError::None) << rc;
    EXPECT_EQ(r.status, kStatusCheckCondition);
    EXPECT_EQ(r.sense_bytes, sense);
    EXPECT_EQ(classify(r.sense), SenseClass::NoMedium);
  }
}

TEST(CdioTransport, DecodeDriverCodes) {
  struct Row {
    int rc, err;
    TransportError expected;
  };
  const Row rows[] = {
      {DRIVER_OP_UNSUPPORTED, 0, TransportError::Unsupported},
      {DRIVER_OP_NO_DRIVER, 0, TransportError::Unsupported},
      {DRIVER_OP_BAD_PARAMETER, 0, TransportError::Unsupported},
      {DRIVER_OP_BAD_POINTER, 0, TransportError::Unsupported},
      {DRIVER_OP_UNINIT, 0, TransportError::NoDevice},
      {DRIVER_OP_NOT_PERMITTED, EPERM, TransportError::HostError},
      {DRIVER_OP_ERROR, EIO, TransportError::HostError},
      {DRIVER_OP_ERROR, ETIMEDOUT, TransportError::Timeout},
      {DRIVER_OP_ERROR, ENODEV, TransportError::NoDevice},
      {DRIVER_OP_MMC_SENSE_DATA, 0, TransportError::HostError},
      {-99, 0, TransportError::HostError},
  };
  for (const Row& row : rows) {
    const CommandResult r = decode_cdio_result(row.rc, {}, row.err);
    EXPECT_EQ(r.transport, row.expected) << row.rc << " errno " << row.err;
    EXPECT_FALSE(r.ok());
    EXPECT_NE(r.transport_detail.find("libcdio"), std::string::npos) << r.transport_detail;
  }
  EXPECT_NE(decode_cdio_result(DRIVER_OP_NOT_PERMITTED, {}, EPERM).transport_detail.find("DRIVER_OP_NOT_PERMITTED"),
            std::string::npos);
}

TEST(CdioTransport, OpenMissingImageNamesIt) {
  try {
    CdioTransport t("/nonexistent/dw/disc.cue", CdioDriver::BinCue);
    FAIL() << "opened a missing image";
  } catch (const DeviceError& e) {
    EXPECT_EQ(e.path(), "/nonexistent/dw/disc.cue");
    EXPECT_NE(std::string(e.what()).find("bincue"), std::string::npos) << e.what();
  }
}

namespace {

// INQUIRY (36 bytes in) and TEST UNIT READY through an image driver: both must come back as
// Unsupported values, not crashes or exceptions.
void expect_image_driver_unsupported(CdioTransport& t) {
  std::vector<uint8_t> inquiry(36, 0xCC);
  Command inq;
  inq.cdb = {0x12, 0, 0, 0, 36, 0};
  inq.direction = Direction::FromDevice;
  inq.data = inquiry;
  const CommandResult a = t.execute(inq);
  EXPECT_EQ(a.transport, TransportError::Unsupported) << a.describe();
  EXPECT_TRUE(a.sense_bytes.empty());
  EXPECT_NE(a.transport_detail.find("DRIVER_OP_UNSUPPORTED"), std::string::npos) << a.transport_detail;

  Command tur;
  tur.cdb = {0, 0, 0, 0, 0, 0};
  const CommandResult b = t.execute(tur);
  EXPECT_EQ(b.transport, TransportError::Unsupported) << b.describe();

  // READ CD of one sector (12-byte CDB, the longest libcdio takes).
  std::vector<uint8_t> sector(2352);
  Command rd;
  rd.cdb = {0xBE, 0, 0, 0, 0, 0, 0, 0, 1, 0xF8, 0, 0};
  rd.direction = Direction::FromDevice;
  rd.data = sector;
  EXPECT_EQ(t.execute(rd).transport, TransportError::Unsupported);

  // A 16-byte CDB cannot go through libcdio at all.
  Command r16;
  r16.cdb.assign(16, 0);
  r16.cdb[0] = 0x88;
  const CommandResult c = t.execute(r16);
  EXPECT_EQ(c.transport, TransportError::Unsupported);
  EXPECT_NE(c.transport_detail.find("16 bytes"), std::string::npos) << c.transport_detail;
}

}  // namespace

TEST(CdioTransport, BinCueImageDriverAnswersUnsupported) {
  DW_REQUIRE_CORPUS_FILE(cue, "libcdio/test/data/cdda.cue");
  CdioTransport t(cue.string(), CdioDriver::BinCue);
  EXPECT_EQ(t.name(), cue.string());
  EXPECT_EQ(t.driver(), CdioDriver::BinCue);
  EXPECT_EQ(t.max_transfer(), kCdioMaxTransfer);
  expect_image_driver_unsupported(t);
}

TEST(CdioTransport, NrgImageDriverAnswersUnsupported) {
  DW_REQUIRE_CORPUS_FILE(nrg, "libcdio/test/data/p1.nrg");
  CdioTransport t(nrg.string(), CdioDriver::Nrg);
  expect_image_driver_unsupported(t);
}

TEST(CdioTransport, CdrdaoImageDriverAnswersUnsupported) {
  // libcdio's cdrdao driver opens DATAFILE names relative to the working directory, not to the
  // .toc, so the test writes a copy of cdda.toc that names the corpus cdda.bin absolutely.
  DW_REQUIRE_CORPUS_FILE(bin, "libcdio/test/data/cdda.bin");
  const auto dir = std::filesystem::temp_directory_path() / ("dw-cdio-test-" + std::to_string(::getpid()));
  std::filesystem::create_directories(dir);
  const auto toc = dir / "cdda.toc";
  std::ofstream(toc) << "CD_DA\n\nTRACK AUDIO\nCOPY\nDATAFILE \"" << bin.string() << "\" #200 00:00:25\n";
  {
    CdioTransport t(toc.string(), CdioDriver::Cdrdao);
    EXPECT_EQ(t.driver(), CdioDriver::Cdrdao);
    expect_image_driver_unsupported(t);
  }
  std::filesystem::remove_all(dir);
}

TEST(CdioTransport, WrongDriverForImageIsDeviceError) {
  // An NRG file is not a cue sheet: libcdio's bincue driver refuses it at open.
  DW_REQUIRE_CORPUS_FILE(nrg, "libcdio/test/data/p1.nrg");
  EXPECT_THROW(CdioTransport(nrg.string(), CdioDriver::BinCue), DeviceError);
}
