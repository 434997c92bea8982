// Every builder against bytes worked out by hand from reference/mmc.md and the MMC-5 draft.
#include "scsi/mmc_cdb.hpp"

#include <gtest/gtest.h>

#include <vector>

using namespace dw::scsi;
using B = std::vector<uint8_t>;

TEST(MmcCdb, IdentityAndState) {
  EXPECT_EQ(cdb::inquiry(36), (B{0x12, 0, 0, 0, 36, 0}));
  EXPECT_EQ(cdb::inquiry_vpd(0x80, 252), (B{0x12, 0x01, 0x80, 0, 252, 0}));
  EXPECT_EQ(cdb::test_unit_ready(), (B{0, 0, 0, 0, 0, 0}));
  EXPECT_EQ(cdb::request_sense(18), (B{0x03, 0, 0, 0, 18, 0}));
  EXPECT_EQ(cdb::get_configuration(cdb::ConfigRequest::All, 0, 0x0800), (B{0x46, 0, 0, 0, 0, 0, 0, 0x08, 0x00, 0}));
  EXPECT_EQ(cdb::get_configuration(cdb::ConfigRequest::One, 0x002E, 16), (B{0x46, 2, 0x00, 0x2E, 0, 0, 0, 0, 16, 0}));
  EXPECT_EQ(cdb::mode_sense10(0x2A, cdb::PageControl::Current, 256), (B{0x5A, 0, 0x2A, 0, 0, 0, 0, 0x01, 0x00, 0}));
  EXPECT_EQ(cdb::mode_sense10(0x05, cdb::PageControl::Changeable, 60), (B{0x5A, 0, 0x45, 0, 0, 0, 0, 0, 60, 0}));
  EXPECT_EQ(cdb::mode_select10(60), (B{0x55, 0x10, 0, 0, 0, 0, 0, 0, 60, 0}));
  EXPECT_EQ(cdb::mode_select10(60, false), (B{0x55, 0x00, 0, 0, 0, 0, 0, 0, 60, 0}));
}

TEST(MmcCdb, DiscLayout) {
  EXPECT_EQ(cdb::read_toc(cdb::TocFormat::Toc, false, 1, 804), (B{0x43, 0, 0, 0, 0, 0, 1, 0x03, 0x24, 0}));
  EXPECT_EQ(cdb::read_toc(cdb::TocFormat::Toc, true, 0, 12), (B{0x43, 0x02, 0, 0, 0, 0, 0, 0, 12, 0}));
  EXPECT_EQ(cdb::read_toc(cdb::TocFormat::FullToc, false, 1, 0xFFFF), (B{0x43, 0, 2, 0, 0, 0, 1, 0xFF, 0xFF, 0}));
  EXPECT_EQ(cdb::read_toc(cdb::TocFormat::Atip, true, 0, 28), (B{0x43, 0x02, 4, 0, 0, 0, 0, 0, 28, 0}));
  EXPECT_EQ(cdb::read_toc(cdb::TocFormat::CdText, false, 0, 4), (B{0x43, 0, 5, 0, 0, 0, 0, 0, 4, 0}));
  EXPECT_EQ(cdb::read_disc_information(34), (B{0x51, 0, 0, 0, 0, 0, 0, 0, 34, 0}));
  EXPECT_EQ(cdb::read_track_information(cdb::TrackAddress::Track, 0xFF, 48),
            (B{0x52, 0x01, 0, 0, 0, 0xFF, 0, 0, 48, 0}));
  EXPECT_EQ(cdb::read_track_information(cdb::TrackAddress::Lba, 0x01020304, 36),
            (B{0x52, 0x00, 1, 2, 3, 4, 0, 0, 36, 0}));
  EXPECT_EQ(cdb::read_capacity(), (B{0x25, 0, 0, 0, 0, 0, 0, 0, 0, 0}));
  EXPECT_EQ(cdb::read_disc_structure(0, 0, 1, 0, 2052), (B{0xAD, 0, 0, 0, 0, 0, 1, 0, 0x08, 0x04, 0, 0}));
  EXPECT_EQ(cdb::read_disc_structure(1, 0x01, 0, 0x10, 8, 2), (B{0xAD, 1, 0, 0, 0, 0x10, 0, 1, 0, 8, 0x80, 0}));
}

TEST(MmcCdb, ReadCd) {
  // 0xF8 = sync, all headers, user data, EDC/ECC; 0xFA adds C2 bits; byte 10 = 1 raw P-W.
  EXPECT_EQ(cdb::read_cd(SectorType::Any, 0, 1, ReadCdSelection::raw()), (B{0xBE, 0, 0, 0, 0, 0, 0, 0, 1, 0xF8, 0, 0}));
  EXPECT_EQ(cdb::read_cd(SectorType::CdDa, 16, 27, ReadCdSelection::raw(C2Mode::C2, SubchannelMode::Raw)),
            (B{0xBE, 0x04, 0, 0, 0, 16, 0, 0, 27, 0xFA, 0x01, 0}));
  EXPECT_EQ(
      cdb::read_cd(SectorType::Mode1, -150, 0x010203, ReadCdSelection::raw(C2Mode::C2AndBlockError, SubchannelMode::Q)),
      (B{0xBE, 0x08, 0xFF, 0xFF, 0xFF, 0x6A, 0x01, 0x02, 0x03, 0xFC, 0x02, 0}));
  ReadCdSelection user{false, HeaderCodes::None, true, false, C2Mode::None, SubchannelMode::Rw};
  EXPECT_EQ(cdb::read_cd(SectorType::Mode2Form2, 0x12345678, 2, user),
            (B{0xBE, 0x14, 0x12, 0x34, 0x56, 0x78, 0, 0, 2, 0x10, 0x04, 0}));
  ReadCdSelection headers{true, HeaderCodes::SubHeader, false, false, C2Mode::None, SubchannelMode::None};
  EXPECT_EQ(headers.byte9(), 0xC0);
  EXPECT_EQ(ReadCdSelection::from_bytes(0xFA, 0x01), ReadCdSelection::raw(C2Mode::C2, SubchannelMode::Raw));
}

TEST(MmcCdb, Reads) {
  EXPECT_EQ(cdb::read10(0x00001000, 16), (B{0x28, 0, 0, 0, 0x10, 0, 0, 0, 16, 0}));
  EXPECT_EQ(cdb::read10(1, 1, true), (B{0x28, 0x08, 0, 0, 0, 1, 0, 0, 1, 0}));
  EXPECT_EQ(cdb::read12(0xA0B0C0D0, 0x00010002, true), (B{0xA8, 0x08, 0xA0, 0xB0, 0xC0, 0xD0, 0, 1, 0, 2, 0, 0}));
  EXPECT_EQ(cdb::read_subchannel(cdb::SubchannelFormat::Position, true, 0, 16),
            (B{0x42, 0x02, 0x40, 0x01, 0, 0, 0, 0, 16, 0}));
  EXPECT_EQ(cdb::read_subchannel(cdb::SubchannelFormat::Mcn, false, 0, 24),
            (B{0x42, 0, 0x40, 0x02, 0, 0, 0, 0, 24, 0}));
  EXPECT_EQ(cdb::read_subchannel(cdb::SubchannelFormat::Isrc, false, 7, 24, false),
            (B{0x42, 0, 0x00, 0x03, 0, 0, 7, 0, 24, 0}));
}

TEST(MmcCdb, VendorReads) {
  // Plextor D8: lead-in LBA -1000 (FFFFFC18), 26 sectors, subcode 2 (2448-byte sectors).
  EXPECT_EQ(cdb::plextor_read_cdda(-1000, 26, PlextorSubcode::RawPw),
            (B{0xD8, 0, 0xFF, 0xFF, 0xFC, 0x18, 0, 0, 0, 26, 0x02, 0}));
  EXPECT_EQ(cdb::plextor_read_cdda(0, 1, PlextorSubcode::None), (B{0xD8, 0, 0, 0, 0, 0, 0, 0, 0, 1, 0, 0}));
  EXPECT_EQ(cdb::plextor_read_cdda(0, 1, PlextorSubcode::PwOnly), (B{0xD8, 0, 0, 0, 0, 0, 0, 0, 0, 1, 3, 0}));
  // MediaTek F1 (redumper scsi/cmd.ixx): [1] = 6, offset 2-5, size 6-9.
  EXPECT_EQ(cdb::mediatek_read_cache(0x00010000, 0x00010000), (B{0xF1, 0x06, 0, 1, 0, 0, 0, 1, 0, 0}));
}

TEST(MmcCdb, DriveControl) {
  EXPECT_EQ(cdb::set_cd_speed(0xFFFF), (B{0xBB, 0, 0xFF, 0xFF, 0xFF, 0xFF, 0, 0, 0, 0, 0, 0}));
  EXPECT_EQ(cdb::set_cd_speed(1411, 706), (B{0xBB, 0, 0x05, 0x83, 0x02, 0xC2, 0, 0, 0, 0, 0, 0}));
  EXPECT_EQ(cdb::get_performance(0, 8), (B{0xAC, 0, 0, 0, 0, 0, 0, 0, 0, 8, 0, 0}));
  EXPECT_EQ(cdb::get_performance(0x100, 1, true), (B{0xAC, 0x04, 0, 0, 1, 0, 0, 0, 0, 1, 0, 0}));
  EXPECT_EQ(cdb::get_write_speeds(16), (B{0xAC, 0, 0, 0, 0, 0, 0, 0, 0, 16, 3, 0}));
  EXPECT_EQ(cdb::start_stop_unit(cdb::StartStop::Eject), (B{0x1B, 0, 0, 0, 0x02, 0}));
  EXPECT_EQ(cdb::start_stop_unit(cdb::StartStop::Load, true), (B{0x1B, 1, 0, 0, 0x03, 0}));
  EXPECT_EQ(cdb::start_stop_unit(cdb::StartStop::Start), (B{0x1B, 0, 0, 0, 0x01, 0}));
  EXPECT_EQ(cdb::start_stop_unit(cdb::StartStop::Stop), (B{0x1B, 0, 0, 0, 0x00, 0}));
  EXPECT_EQ(cdb::prevent_allow_medium_removal(true), (B{0x1E, 0, 0, 0, 1, 0}));
  EXPECT_EQ(cdb::prevent_allow_medium_removal(false), (B{0x1E, 0, 0, 0, 0, 0}));
  EXPECT_EQ(cdb::get_event_status(cdb::kEventClassMedia, 8), (B{0x4A, 0x01, 0, 0, 0x10, 0, 0, 0, 8, 0}));
}

TEST(MmcCdb, Writing) {
  EXPECT_EQ(cdb::read_buffer_capacity(), (B{0x5C, 0, 0, 0, 0, 0, 0, 0, 12, 0}));
  EXPECT_EQ(cdb::read_buffer_capacity(true), (B{0x5C, 1, 0, 0, 0, 0, 0, 0, 12, 0}));
  EXPECT_EQ(cdb::send_cue_sheet(0x000158), (B{0x5D, 0, 0, 0, 0, 0, 0x00, 0x01, 0x58, 0}));
  EXPECT_EQ(cdb::send_opc_information(true), (B{0x54, 0x01, 0, 0, 0, 0, 0, 0, 0, 0}));
  EXPECT_EQ(cdb::send_opc_information(false), (B{0x54, 0x00, 0, 0, 0, 0, 0, 0, 0, 0}));
  // RAW writing starts in the lead-in: LBA -11635 = FFFFD28D.
  EXPECT_EQ(cdb::write10(-11635, 26), (B{0x2A, 0, 0xFF, 0xFF, 0xD2, 0x8D, 0, 0, 26, 0}));
  EXPECT_EQ(cdb::synchronize_cache(true), (B{0x35, 0x02, 0, 0, 0, 0, 0, 0, 0, 0}));
  EXPECT_EQ(cdb::synchronize_cache(false), (B{0x35, 0x00, 0, 0, 0, 0, 0, 0, 0, 0}));
  EXPECT_EQ(cdb::close_track_session(cdb::CloseFunction::Track, 3), (B{0x5B, 0, 1, 0, 0, 3, 0, 0, 0, 0}));
  EXPECT_EQ(cdb::close_track_session(cdb::CloseFunction::Session, 0, true), (B{0x5B, 1, 2, 0, 0, 0, 0, 0, 0, 0}));
  EXPECT_EQ(cdb::blank(cdb::BlankType::Minimal, true), (B{0xA1, 0x11, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0}));
  EXPECT_EQ(cdb::blank(cdb::BlankType::Full, false), (B{0xA1, 0x00, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0}));
  EXPECT_EQ(cdb::blank(cdb::BlankType::Track, false, 2), (B{0xA1, 0x02, 0, 0, 0, 2, 0, 0, 0, 0, 0, 0}));
}
