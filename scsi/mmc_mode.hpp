// MODE SENSE(10) / MODE SELECT(10): the 8-byte header, the pages, and the three pages a ripper
// and a burner use: 01 read error recovery, 05 write parameters, 2A capabilities. Facts:
// reference/mmc.md ("Mode page 05"), MMC-3 section 5.5.10 (page 2A), MMC-5 7.3 and 7.5.4.
#pragma once

#include <cstdint>
#include <span>
#include <string>
#include <vector>

namespace dw::scsi {

struct ModePage {
  uint8_t code = 0;            ///< bits 5-0 of the first byte
  bool ps = false;             ///< parameters savable
  size_t offset = 0;           ///< where the page starts in the response
  std::vector<uint8_t> bytes;  ///< the whole page including its 2-byte header
};

struct ModeSense {
  uint16_t mode_data_length = 0;
  uint8_t medium_type = 0;
  uint8_t device_specific = 0;
  uint16_t block_descriptor_length = 0;
  std::vector<ModePage> pages;
  [[nodiscard]] const ModePage* find(uint8_t code) const;
};

/// Parses a MODE SENSE(10) response: header, block descriptors (skipped), pages. Throws
/// dw::InputError ("MODE SENSE response") for fewer than 8 bytes, a mode data length beyond the
/// data received, block descriptors beyond the mode data, or a page that overruns it. A page
/// with the SPF bit (sub-page format, 4-byte header) is kept whole.
ModeSense parse_mode_sense10(std::span<const uint8_t> response);

/// Page 01, read error recovery parameters.
struct ReadErrorRecoveryPage {
  uint8_t error_recovery = 0;    ///< byte 2: AWRE ARRE TB RC PER DTE DCR bits
  uint8_t read_retry_count = 0;  ///< byte 3
};
/// Takes the page bytes (ModePage::bytes). Throws dw::InputError for another page code or a
/// page shorter than 4 bytes.
ReadErrorRecoveryPage parse_read_error_recovery_page(std::span<const uint8_t> page);

/// Page 05, write parameters (reference/mmc.md table, MMC-5 7.5.4).
struct WriteParametersPage {
  bool ps = false;
  uint8_t page_length = 0x32;
  bool bufe = false;  ///< byte 2 bit 6: buffer underrun free recording
  bool ls_v = false;  ///< byte 2 bit 5: link size valid
  bool test_write = false;
  uint8_t write_type = 2;    ///< 1 TAO, 2 SAO, 3 RAW
  uint8_t multisession = 0;  ///< byte 3 bits 7-6
  bool fp = false, copy = false;
  uint8_t track_mode = 0;                         ///< byte 3 bits 3-0 (CONTROL)
  uint8_t data_block_type = 0;                    ///< byte 4 bits 3-0
  uint8_t link_size = 0;                          ///< byte 5
  uint8_t host_application_code = 0;              ///< byte 7 bits 5-0
  uint8_t session_format = 0;                     ///< byte 8: 00 CD-DA/CD-ROM, 10 CD-i, 20 CD-ROM XA
  uint32_t packet_size = 0;                       ///< bytes 10-13
  uint16_t audio_pause_length = 150;              ///< bytes 14-15
  bool mcn_valid = false;                         ///< byte 16 bit 7
  std::string mcn;                                ///< bytes 17-29, 13 digits
  bool isrc_valid = false;                        ///< byte 32 bit 7
  std::string isrc;                               ///< bytes 33-44, 12 characters
  std::vector<uint8_t> subheader = {0, 0, 0, 0};  ///< bytes 48-51
  friend bool operator==(const WriteParametersPage&, const WriteParametersPage&) = default;
};
/// Throws dw::InputError for another page code or fewer than 52 bytes (page length < 0x32).
WriteParametersPage parse_write_parameters_page(std::span<const uint8_t> page);
/// The 2 + page_length bytes of the page (PS cleared: it is reserved in MODE SELECT). Throws
/// std::invalid_argument for an MCN that is not 13 or an ISRC that is not 12 characters when
/// present, a subheader that is not 4 bytes or a page length below 0x32.
std::vector<uint8_t> build_write_parameters_page(const WriteParametersPage& page);
/// A MODE SELECT(10) parameter list: the 8-byte header (all zero: mode data length is reserved
/// for MODE SELECT) followed by `page` with its PS bit cleared.
std::vector<uint8_t> mode_select_parameters(std::span<const uint8_t> page);

struct WriteSpeedDescriptor {
  uint8_t rotation_control = 0;  ///< 0 CLV, 1 CAV
  uint16_t write_speed = 0;      ///< kB/s
  friend bool operator==(const WriteSpeedDescriptor&, const WriteSpeedDescriptor&) = default;
};

/// Page 2A, CD/DVD capabilities and mechanical status. Speeds are kB/s, 0 when the page is too
/// short to hold them (MMC-1 drives send 20 bytes).
struct CapabilitiesPage {
  uint8_t page_length = 0;
  bool read_cd_r = false, read_cd_rw = false, method2 = false, read_dvd_rom = false, read_dvd_r = false,
       read_dvd_ram = false;
  bool write_cd_r = false, write_cd_rw = false, test_write = false, write_dvd_r = false, write_dvd_ram = false;
  bool buf = false, multisession = false, mode2_form2 = false, mode2_form1 = false, audio_play = false;
  bool read_bar_code = false, upc = false, isrc = false, c2_pointers = false, rw_deinterleaved = false,
       rw_supported = false, cdda_accurate = false, cdda_supported = false;
  uint8_t loading_mechanism = 0;  ///< byte 6 bits 7-5: 0 caddy, 1 tray, 2 pop-up, 4-5 changer
  bool eject = false, prevent_jumper = false, lock_state = false, lock = false;
  bool rw_in_lead_in = false;
  uint16_t max_read_speed = 0, volume_levels = 0, buffer_size_kb = 0, current_read_speed = 0;
  uint16_t max_write_speed = 0, current_write_speed = 0;
  uint16_t copy_management_revision = 0;
  uint8_t rotation_control_selected = 0;
  uint16_t current_write_speed_selected = 0;  ///< bytes 28-29 (MMC-3)
  std::vector<WriteSpeedDescriptor> write_speeds;
};
/// Throws dw::InputError for another page code, a page shorter than 6 bytes (bytes 2-5 are the
/// capability bits every version has) or write speed descriptors beyond the page.
CapabilitiesPage parse_capabilities_page(std::span<const uint8_t> page);

}  // namespace dw::scsi
