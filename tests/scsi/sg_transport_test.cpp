// SG_IO request building and answer decoding, checked field by field against the sg_io_hdr
// layout (reference/mmc.md "Transport"); opening errors; queue limits from a fake sysfs.
#include "scsi/sg_transport.hpp"

#include <gtest/gtest.h>
#include <unistd.h>

#include <array>
#include <filesystem>
#include <fstream>
#include <vector>

#include "scsi/device_error.hpp"

using namespace dw::scsi;
namespace fs = std::filesystem;

namespace {

// A READ CD of one sector: 12-byte CDB, 2352 bytes in.
Command read_cd(std::span<uint8_t> data) {
  Command c;
  c.cdb = {0xBE, 0x00, 0x00, 0x00, 0x00, 0x10, 0x00, 0x00, 0x01, 0xF8, 0x00, 0x00};
  c.direction = Direction::FromDevice;
  c.data = data;
  c.timeout = std::chrono::milliseconds(15000);
  return c;
}

sg_io_hdr answered(uint8_t status, uint16_t host, uint16_t driver, uint8_t sb_len_wr = 0, int resid = 0) {
  sg_io_hdr h{};
  h.interface_id = 'S';
  h.status = status;
  h.masked_status = static_cast<unsigned char>(status >> 1);
  h.host_status = host;
  h.driver_status = driver;
  h.sb_len_wr = sb_len_wr;
  h.mx_sb_len = kSgSenseBufferSize;
  h.resid = resid;
  h.duration = 12;
  return h;
}

struct TempDir {
  fs::path path;
  TempDir() {
    path = fs::temp_directory_path() / ("dw-sg-test-" + std::to_string(::getpid()) + "-" +
                                        ::testing::UnitTest::GetInstance()->current_test_info()->name());
    fs::remove_all(path);
    fs::create_directories(path);
  }
  ~TempDir() { fs::remove_all(path); }
};

void write_file(const fs::path& p, const std::string& text) {
  fs::create_directories(p.parent_path());
  std::ofstream(p) << text;
}

}  // namespace

TEST(SgTransport, PrepareFromDevice) {
  std::vector<uint8_t> data(2352);
  std::array<uint8_t, kSgSenseBufferSize> sense{};
  const Command c = read_cd(data);
  const sg_io_hdr h = prepare_sg_io(c, sense);
  EXPECT_EQ(h.interface_id, 'S');
  EXPECT_EQ(h.dxfer_direction, SG_DXFER_FROM_DEV);
  EXPECT_EQ(h.cmd_len, 12);
  EXPECT_EQ(h.cmdp, c.cdb.data());
  EXPECT_EQ(h.cmdp[0], 0xBE);
  EXPECT_EQ(h.dxferp, data.data());
  EXPECT_EQ(h.dxfer_len, 2352u);
  EXPECT_EQ(h.sbp, sense.data());
  EXPECT_EQ(h.mx_sb_len, kSgSenseBufferSize);
  EXPECT_EQ(h.timeout, 15000u);
  EXPECT_EQ(h.flags, 0u);
  EXPECT_EQ(h.iovec_count, 0);
  EXPECT_EQ(h.status, 0);
  EXPECT_EQ(h.sb_len_wr, 0);
}

TEST(SgTransport, PrepareToDevice) {
  // WRITE(10) of one 2048-byte block.
  std::vector<uint8_t> data(2048, 0xAA);
  std::array<uint8_t, 32> sense{};
  Command c;
  c.cdb = {0x2A, 0, 0, 0, 0x10, 0, 0, 0, 1, 0};
  c.direction = Direction::ToDevice;
  c.data = data;
  c.timeout = std::chrono::milliseconds(60000);
  const sg_io_hdr h = prepare_sg_io(c, sense);
  EXPECT_EQ(h.dxfer_direction, SG_DXFER_TO_DEV);
  EXPECT_EQ(h.cmd_len, 10);
  EXPECT_EQ(h.dxferp, data.data());
  EXPECT_EQ(h.dxfer_len, 2048u);
  EXPECT_EQ(h.mx_sb_len, 32);
  EXPECT_EQ(h.timeout, 60000u);
}

TEST(SgTransport, PrepareNoData) {
  // TEST UNIT READY: 6-byte CDB, no data phase.
  std::array<uint8_t, kSgSenseBufferSize> sense{};
  Command c;
  c.cdb = {0, 0, 0, 0, 0, 0};
  const sg_io_hdr h = prepare_sg_io(c, sense);
  EXPECT_EQ(h.dxfer_direction, SG_DXFER_NONE);
  EXPECT_EQ(h.cmd_len, 6);
  EXPECT_EQ(h.dxferp, nullptr);
  EXPECT_EQ(h.dxfer_len, 0u);
  EXPECT_EQ(h.timeout, 30000u);  // Command's default

  // A direction with no bytes is no data phase either.
  c.direction = Direction::FromDevice;
  EXPECT_EQ(prepare_sg_io(c, sense).dxfer_direction, SG_DXFER_NONE);
}

TEST(SgTransport, DecodeGood) {
  const std::array<uint8_t, kSgSenseBufferSize> sense{};
  const CommandResult r = decode_sg_io(answered(0, 0, 0), sense);
  EXPECT_TRUE(r.ok());
  EXPECT_EQ(r.transport, TransportError::None);
  EXPECT_TRUE(r.sense_bytes.empty());
  EXPECT_FALSE(r.sense.valid);
  EXPECT_EQ(r.residual, 0u);
  EXPECT_EQ(r.duration, std::chrono::milliseconds(12));
  EXPECT_EQ(r.describe(), "GOOD");
}

TEST(SgTransport, DecodeCheckConditionFixedSense) {
  // 03/11/05 with information = LBA 0x1234, as the kernel writes it (18 bytes, DRIVER_SENSE).
  std::array<uint8_t, kSgSenseBufferSize> sense{};
  const uint8_t fixed[] = {0xF0, 0, 0x03, 0, 0, 0x12, 0x34, 10, 0, 0, 0, 0, 0x11, 0x05, 0, 0, 0, 0};
  std::copy(std::begin(fixed), std::end(fixed), sense.begin());
  sense[18] = 0xEE;  // beyond sb_len_wr: must not be taken
  const CommandResult r =
      decode_sg_io(answered(kStatusCheckCondition, host_status::kOk, driver_status::kSenseFlag, 18), sense);
  EXPECT_FALSE(r.ok());
  EXPECT_EQ(r.transport, TransportError::None);
  EXPECT_EQ(r.status, kStatusCheckCondition);
  ASSERT_EQ(r.sense_bytes.size(), 18u);
  EXPECT_TRUE(std::equal(r.sense_bytes.begin(), r.sense_bytes.end(), std::begin(fixed)));
  ASSERT_TRUE(r.sense.valid);
  EXPECT_EQ(r.sense.key, 3);
  EXPECT_EQ(r.sense.asc, 0x11);
  EXPECT_EQ(r.sense.ascq, 0x05);
  EXPECT_EQ(r.sense.information, 0x1234u);
}

TEST(SgTransport, DecodeCheckConditionDescriptorSense) {
  std::array<uint8_t, kSgSenseBufferSize> sense{};
  const uint8_t desc[] = {0x72, 0x05, 0x24, 0x00, 0, 0, 0, 0};
  std::copy(std::begin(desc), std::end(desc), sense.begin());
  const CommandResult r =
      decode_sg_io(answered(kStatusCheckCondition, host_status::kOk, driver_status::kSenseFlag, 8), sense);
  EXPECT_EQ(r.status, kStatusCheckCondition);
  ASSERT_TRUE(r.sense.valid);
  EXPECT_EQ(r.sense.response_code, 0x72);
  EXPECT_EQ(r.sense.key, 5);
  EXPECT_EQ(r.sense.asc, 0x24);
  EXPECT_EQ(r.describe(), "CHECK CONDITION 05/24/00 invalid field in CDB");
}

TEST(SgTransport, DecodeOnlyMaskedStatus) {
  // Old drivers set masked_status only (CHECK CONDITION >> 1 = 1).
  sg_io_hdr h = answered(0, 0, 0);
  h.masked_status = 0x01;
  const std::array<uint8_t, kSgSenseBufferSize> sense{};
  EXPECT_EQ(decode_sg_io(h, sense).status, kStatusCheckCondition);
}

TEST(SgTransport, DecodeSenseWithGoodStatusFromBridge) {
  std::array<uint8_t, kSgSenseBufferSize> sense{};
  const uint8_t fixed[] = {0x70, 0, 0x02, 0, 0, 0, 0, 10, 0, 0, 0, 0, 0x3A, 0x00, 0, 0, 0, 0};
  std::copy(std::begin(fixed), std::end(fixed), sense.begin());
  const CommandResult r = decode_sg_io(answered(0, host_status::kOk, driver_status::kSenseFlag, 18), sense);
  EXPECT_EQ(r.status, kStatusCheckCondition);
  EXPECT_EQ(classify(r.sense), SenseClass::NoMedium);
}

TEST(SgTransport, DecodeTimeout) {
  const std::array<uint8_t, kSgSenseBufferSize> sense{};
  const CommandResult host = decode_sg_io(answered(0, host_status::kTimeOut, 0), sense);
  EXPECT_EQ(host.transport, TransportError::Timeout);
  EXPECT_FALSE(host.ok());
  EXPECT_NE(host.transport_detail.find("DID_TIME_OUT"), std::string::npos);

  const CommandResult driver = decode_sg_io(answered(0, host_status::kOk, driver_status::kTimeout), sense);
  EXPECT_EQ(driver.transport, TransportError::Timeout);
  EXPECT_NE(driver.transport_detail.find("DRIVER_TIMEOUT"), std::string::npos);
}

TEST(SgTransport, DecodeNoConnect) {
  const std::array<uint8_t, kSgSenseBufferSize> sense{};
  const CommandResult r = decode_sg_io(answered(0, host_status::kNoConnect, 0), sense);
  EXPECT_EQ(r.transport, TransportError::NoDevice);
  EXPECT_NE(r.transport_detail.find("DID_NO_CONNECT"), std::string::npos);
  EXPECT_EQ(decode_sg_io(answered(0, host_status::kBadTarget, 0), sense).transport, TransportError::NoDevice);
}

TEST(SgTransport, DecodeHostAndDriverErrors) {
  const std::array<uint8_t, kSgSenseBufferSize> sense{};
  EXPECT_EQ(decode_sg_io(answered(0, host_status::kError, 0), sense).transport, TransportError::HostError);
  EXPECT_EQ(decode_sg_io(answered(0, host_status::kReset, 0), sense).transport, TransportError::HostError);
  EXPECT_EQ(decode_sg_io(answered(0, 0, driver_status::kError), sense).transport, TransportError::HostError);
}

TEST(SgTransport, DecodeResidual) {
  // A short read: 2352 asked, 588 not transferred.
  const std::array<uint8_t, kSgSenseBufferSize> sense{};
  const CommandResult r = decode_sg_io(answered(0, 0, 0, 0, 588), sense);
  EXPECT_TRUE(r.ok());
  EXPECT_EQ(r.residual, 588u);
  EXPECT_EQ(decode_sg_io(answered(0, 0, 0, 0, -4), sense).residual, 0u);
}

TEST(SgTransport, OpenNonexistentNamesPath) {
  try {
    SgTransport t("/nonexistent/dw/sr9");
    FAIL() << "opened a missing device";
  } catch (const DeviceError& e) {
    EXPECT_EQ(e.path(), "/nonexistent/dw/sr9");
    EXPECT_EQ(e.error_number(), ENOENT);
    EXPECT_EQ(std::string(e.what()), "/nonexistent/dw/sr9: cannot open: No such file or directory");
  }
}

TEST(SgTransport, OpenRegularFileRefused) {
  TempDir dir;
  const auto file = dir.path / "sr0";
  write_file(file, "not a drive");
  try {
    SgTransport t(file.string());
    FAIL() << "opened a regular file";
  } catch (const DeviceError& e) {
    EXPECT_EQ(e.path(), file.string());
    EXPECT_NE(std::string(e.what()).find("a regular file"), std::string::npos) << e.what();
  }
}

TEST(SgTransport, OpenCharDeviceWithoutSgRefused) {
  // /dev/null is a character device that does not speak SG_IO.
  if (!fs::exists("/dev/null")) GTEST_SKIP();
  try {
    SgTransport t("/dev/null");
    FAIL() << "opened /dev/null";
  } catch (const DeviceError& e) {
    EXPECT_EQ(e.path(), "/dev/null");
    EXPECT_NE(std::string(e.what()).find("SG_IO"), std::string::npos) << e.what();
  }
}

TEST(SgTransport, MaxTransferFromFakeSysfs) {
  TempDir dir;
  const auto sys = dir.path / "sys";
  // No entry at all: the default.
  EXPECT_EQ(read_max_transfer(sys, "sr0"), kDefaultMaxTransfer);

  write_file(sys / "block/sr0/queue/max_sectors_kb", "120\n");
  write_file(sys / "block/sr0/queue/max_hw_sectors_kb", "512\n");
  EXPECT_EQ(read_max_transfer(sys, "sr0"), 120u * 1024);

  // The hardware limit wins when lower.
  write_file(sys / "block/sr1/queue/max_sectors_kb", "1280\n");
  write_file(sys / "block/sr1/queue/max_hw_sectors_kb", "32\n");
  EXPECT_EQ(read_max_transfer(sys, "sr1"), 32u * 1024);

  // Capped.
  write_file(sys / "block/sr2/queue/max_sectors_kb", "32767\n");
  EXPECT_EQ(read_max_transfer(sys, "sr2"), kMaxTransferCap);

  // Garbage: the default.
  write_file(sys / "block/sr3/queue/max_sectors_kb", "lots\n");
  EXPECT_EQ(read_max_transfer(sys, "sr3"), kDefaultMaxTransfer);

  // A generic device takes the limits of its block sibling.
  write_file(sys / "class/scsi_generic/sg1/device/block/sr0/queue/max_sectors_kb", "256\n");
  EXPECT_EQ(read_max_transfer(sys, "sg1"), 256u * 1024);
  EXPECT_EQ(read_max_transfer(sys, "sg7"), kDefaultMaxTransfer);
}

TEST(SgTransport, PrepareSixteenByteCdb) {
  // READ(16)-sized CDBs are the longest MMC uses; cmd_len carries them whole.
  std::array<uint8_t, kSgSenseBufferSize> sense{};
  Command c;
  c.cdb.assign(16, 0);
  c.cdb[0] = 0x88;
  EXPECT_EQ(prepare_sg_io(c, sense).cmd_len, 16);
}
