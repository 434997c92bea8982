// MMC command descriptor blocks, one builder per command: the exact bytes to put in
// Command::cdb. Layouts: reference/mmc.md "Commands" and the MMC-5 draft; vendor commands as
// the open rippers send them (cited at each). Reserved bytes are zero; the control byte is 0.
#pragma once

#include <cstdint>
#include <vector>

#include "disc/msf.hpp"
#include "scsi/mmc_read_cd.hpp"

namespace dw::scsi::cdb {

using Bytes = std::vector<uint8_t>;

// --- Identity and state -------------------------------------------------------------------

/// INQUIRY (12), standard data. 36 bytes is what every ATAPI drive answers without trouble.
Bytes inquiry(uint16_t allocation = 96);
/// INQUIRY with EVPD for vital product data page `page` (0x80 unit serial number).
Bytes inquiry_vpd(uint8_t page, uint16_t allocation = 252);
/// TEST UNIT READY (00).
Bytes test_unit_ready();
/// REQUEST SENSE (03).
Bytes request_sense(uint8_t allocation = 18);

/// GET CONFIGURATION (46) RT field: all features, current ones, or the one named.
enum class ConfigRequest : uint8_t { All = 0, Current = 1, One = 2 };
Bytes get_configuration(ConfigRequest rt, uint16_t starting_feature, uint16_t allocation);

/// MODE SENSE(10) page control (byte 2 bits 7-6).
enum class PageControl : uint8_t { Current = 0, Changeable = 1, Default = 2, Saved = 3 };
/// MODE SENSE(10) (5A). DBD stays 0: MMC drives have no block descriptors anyway.
Bytes mode_sense10(uint8_t page_code, PageControl pc, uint16_t allocation);
/// MODE SELECT(10) (55) with a parameter list of `length` bytes; PF = 1 says the pages follow
/// the standard layout (MMC requires it).
Bytes mode_select10(uint16_t length, bool pf = true);

// --- Disc layout --------------------------------------------------------------------------

/// READ TOC/PMA/ATIP formats (byte 2 bits 3-0).
enum class TocFormat : uint8_t { Toc = 0, SessionInfo = 1, FullToc = 2, Pma = 3, Atip = 4, CdText = 5 };
/// READ TOC/PMA/ATIP (43): `track_session` is the starting track (format 0), the session
/// (format 2) or 0. The format is put in byte 2 only: the byte 9 bits of SFF-8020 are obsolete.
Bytes read_toc(TocFormat format, bool msf, uint8_t track_session, uint16_t allocation);
/// READ DISC INFORMATION (51), standard disc information.
Bytes read_disc_information(uint16_t allocation = 34);
/// READ TRACK INFORMATION (52) address types (byte 1 bits 1-0).
enum class TrackAddress : uint8_t { Lba = 0, Track = 1, Session = 2 };
Bytes read_track_information(TrackAddress type, uint32_t number, uint16_t allocation = 48);
/// READ CAPACITY (25).
Bytes read_capacity();
/// READ DISC STRUCTURE (AD): media type 0 DVD / 1 BD, format (0 physical, 1 copyright, ...).
Bytes read_disc_structure(uint8_t media_type, uint8_t format, uint8_t layer, uint32_t address, uint16_t allocation,
                          uint8_t agid = 0);

// --- Reading ------------------------------------------------------------------------------

/// READ CD (BE): `count` sectors (24 bits) from `lba` (negative for the lead-in/pregap).
Bytes read_cd(SectorType type, Lba lba, uint32_t count, const ReadCdSelection& selection);
/// READ(10) (28) and READ(12) (A8); FUA makes the drive read the medium, not its cache.
Bytes read10(uint32_t lba, uint16_t blocks, bool fua = false);
Bytes read12(uint32_t lba, uint32_t blocks, bool fua = false);
/// READ SUB-CHANNEL (42) formats (byte 3).
enum class SubchannelFormat : uint8_t { Position = 1, Mcn = 2, Isrc = 3 };
/// `track` matters for ISRC only. SubQ (byte 2 bit 6) asks for the data, not just the header.
Bytes read_subchannel(SubchannelFormat format, bool msf, uint8_t track, uint16_t allocation, bool subq = true);
/// Plextor READ CDDA (D8): LBA at 2-5, sector count at 6-9, subcode at 10, as cdparanoia's
/// scsi_interface.c and redumper's scsi/cmd.ixx (cmd_read_cdda) send it.
Bytes plextor_read_cdda(Lba lba, uint32_t count, PlextorSubcode subcode);
/// MediaTek read cache (F1): 10 bytes, [1] = 0x06, cache offset at 2-5 and transfer size at 6-9,
/// both big-endian. Source: redumper scsi/cmd.ixx cmd_mediatek_read_cache (earlier
/// cmd_asus_read_cache, struct CDB10_ASUS_ReadCache in scsi/mmc.ixx: operation code, "unknown"
/// = 6, offset, size).
Bytes mediatek_read_cache(uint32_t offset, uint32_t size);

// --- Drive control ------------------------------------------------------------------------

/// SET CD SPEED (BB) in kB/s; kMaxSpeed asks for the fastest the drive can do.
inline constexpr uint16_t kMaxSpeed = 0xFFFF;
Bytes set_cd_speed(uint16_t read_kbs, uint16_t write_kbs = kMaxSpeed);
/// GET PERFORMANCE (AC) type 0: performance data (read or write) from `start_lba`.
Bytes get_performance(uint32_t start_lba, uint16_t max_descriptors, bool write = false);
/// GET PERFORMANCE (AC) type 3: write speed descriptors.
Bytes get_write_speeds(uint16_t max_descriptors);
/// START STOP UNIT (1B) actions (byte 4: LoEj bit 1, Start bit 0).
enum class StartStop : uint8_t { Stop = 0, Start = 1, Eject = 2, Load = 3 };
Bytes start_stop_unit(StartStop action, bool immed = false);
/// PREVENT ALLOW MEDIUM REMOVAL (1E).
Bytes prevent_allow_medium_removal(bool prevent);
/// GET EVENT STATUS NOTIFICATION (4A), polled. Class bits: 0x10 media, 0x40 device busy, ...
inline constexpr uint8_t kEventClassMedia = 0x10;
Bytes get_event_status(uint8_t class_mask, uint16_t allocation = 8);

// --- Writing ------------------------------------------------------------------------------

/// READ BUFFER CAPACITY (5C); `blocks` asks for the block-count form (BLOCK bit).
Bytes read_buffer_capacity(bool blocks = false, uint16_t allocation = 12);
/// SEND OPC INFORMATION (54): DoOpc (byte 1 bit 0) asks the drive to run its power calibration
/// now; no parameter list.
Bytes send_opc_information(bool do_opc);
/// SEND CUE SHEET (5D) announcing `length` bytes (24 bits).
Bytes send_cue_sheet(uint32_t length);
/// WRITE(10) (2A). The LBA is signed so RAW writes can start in the lead-in.
Bytes write10(Lba lba, uint16_t blocks);
/// SYNCHRONIZE CACHE (35).
Bytes synchronize_cache(bool immed);
/// CLOSE TRACK/SESSION (5B) function (byte 2 bits 2-0).
enum class CloseFunction : uint8_t { Track = 1, Session = 2 };
Bytes close_track_session(CloseFunction function, uint16_t track, bool immed = false);
/// BLANK (A1) types (byte 1 bits 2-0).
enum class BlankType : uint8_t {
  Full = 0,
  Minimal = 1,
  Track = 2,
  UnreserveTrack = 3,
  TrackTail = 4,
  UncloseSession = 5,
  Session = 6
};
Bytes blank(BlankType type, bool immed, uint32_t start = 0);

}  // namespace dw::scsi::cdb
