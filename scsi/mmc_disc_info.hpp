// READ DISC INFORMATION and READ TRACK INFORMATION. Facts: reference/mmc.md (51, 52), MMC-5
// 6.22 and 6.27.
#pragma once

#include <cstdint>
#include <optional>
#include <span>

#include "disc/msf.hpp"

namespace dw::scsi {

enum class DiscStatus : uint8_t { Empty = 0, Incomplete = 1, Complete = 2, Other = 3 };
enum class SessionState : uint8_t { Empty = 0, Incomplete = 1, Reserved = 2, Complete = 3 };

struct DiscInformation {
  bool erasable = false;
  SessionState last_session_state = SessionState::Empty;
  DiscStatus status = DiscStatus::Empty;
  uint8_t first_track = 0;
  uint16_t sessions = 0;                  ///< bytes 4 and 9
  uint16_t first_track_last_session = 0;  ///< bytes 5 and 10
  uint16_t last_track_last_session = 0;   ///< bytes 6 and 11
  bool uru = false, dbc_valid = false, dac_valid = false, dbit = false;
  uint8_t bg_format_status = 0;
  uint8_t disc_type = 0;            ///< byte 8: 00 CD-DA/CD-ROM, 10 CD-i, 20 XA, FF undefined
  std::optional<uint32_t> disc_id;  ///< bytes 12-15 when DID_V
  Msf last_session_lead_in;         ///< bytes 17-19 (FF:FF:FF when not applicable)
  Msf last_possible_lead_out;       ///< bytes 21-23
  uint8_t opc_tables = 0;           ///< byte 33, 0 when the response stops before it
  /// The lead-in start of the last (for a blank disc: the next) session as an LBA, when bytes
  /// 17-19 hold a valid MSF.
  [[nodiscard]] std::optional<Lba> lead_in_lba() const {
    return last_session_lead_in.valid() ? msf_to_lba(last_session_lead_in) : std::nullopt;
  }
};

/// Parses the standard disc information block. Needs bytes 0-23 (through the last possible
/// lead-out) and a length field of at least 30; a response cut short by the allocation length
/// (fewer bytes than the length field announces) is read as far as it goes, byte 33 (OPC
/// tables) only when it arrived. Throws dw::InputError ("READ DISC INFORMATION response")
/// otherwise, and for a data type (byte 2 bits 7-5) other than standard.
DiscInformation parse_disc_information(std::span<const uint8_t> response);

struct TrackInformation {
  uint16_t track = 0;    ///< bytes 2 and 32
  uint16_t session = 0;  ///< bytes 3 and 33
  bool damage = false, copy = false;
  uint8_t track_mode = 0;  ///< byte 5 bits 3-0 (CONTROL)
  bool rt = false, blank = false, packet = false, fixed_packet = false;
  uint8_t data_mode = 0;  ///< byte 6 bits 3-0: 1 Mode 1, 2 Mode 2, F unknown
  uint32_t start = 0;
  std::optional<uint32_t> next_writable;  ///< bytes 12-15 when NWA_V
  uint32_t free_blocks = 0;
  uint32_t fixed_packet_size = 0;
  uint32_t size = 0;
  std::optional<uint32_t> last_recorded;  ///< bytes 28-31 when LRA_V and present
};

/// Parses READ TRACK INFORMATION data. Needs 28 bytes (through track size, the MMC-1 block) and
/// a length field announcing at least as many; later fields are read when they arrived (a host
/// asking for 34 bytes gets a prefix of a longer answer). Throws dw::InputError ("READ TRACK
/// INFORMATION response") otherwise.
TrackInformation parse_track_information(std::span<const uint8_t> response);

}  // namespace dw::scsi
