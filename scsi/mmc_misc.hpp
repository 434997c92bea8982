// The smaller responses: READ SUB-CHANNEL (position, MCN, ISRC), GET PERFORMANCE, GET EVENT
// STATUS NOTIFICATION (media class), READ BUFFER CAPACITY, READ DISC STRUCTURE formats 0 and 1,
// READ CAPACITY. Facts: reference/mmc.md, MMC-5 sections 6.8, 6.24, 6.25, 6.29, 6.30.
#pragma once

#include <cstdint>
#include <optional>
#include <span>
#include <string>
#include <vector>

#include "disc/msf.hpp"

namespace dw::scsi {

/// READ SUB-CHANNEL format 1: the Q of the current position.
struct SubchannelPosition {
  uint8_t audio_status = 0;  ///< byte 1: 0x11 playing, 0x12 paused, 0x13 completed, 0x15 none
  uint8_t adr = 0, control = 0;
  uint8_t track = 0, index = 0;
  Lba absolute = 0, relative = 0;  ///< LBA form, or converted from MSF when asked in MSF
};
/// `msf` says how the command asked. Throws dw::InputError ("READ SUB-CHANNEL response") for a
/// short response (16 bytes needed), a length beyond the data, a format code other than 1 or a
/// bad MSF.
SubchannelPosition parse_subchannel_position(std::span<const uint8_t> response, bool msf);

/// Format 2 (MCN) and 3 (ISRC): `valid` is MCVal / TCVal; the text without padding.
struct SubchannelCode {
  bool valid = false;
  std::string code;
  uint8_t track = 0;             ///< ISRC only
  uint8_t adr = 0, control = 0;  ///< ISRC only
};
/// 24 bytes needed; the format code must match. Throws like parse_subchannel_position.
SubchannelCode parse_subchannel_mcn(std::span<const uint8_t> response);
SubchannelCode parse_subchannel_isrc(std::span<const uint8_t> response);

/// GET PERFORMANCE type 0 descriptor (nominal performance).
struct PerformanceDescriptor {
  uint32_t start_lba = 0, start_performance = 0, end_lba = 0, end_performance = 0;  ///< kB/s
  friend bool operator==(const PerformanceDescriptor&, const PerformanceDescriptor&) = default;
};
struct Performance {
  bool write = false, except = false;
  std::vector<PerformanceDescriptor> descriptors;
};
/// Throws dw::InputError ("GET PERFORMANCE response") for a header shorter than 8 bytes, a
/// length beyond the data or a partial 16-byte descriptor.
Performance parse_performance(std::span<const uint8_t> response);

/// GET PERFORMANCE type 3 descriptor.
struct WriteSpeed {
  uint8_t wrc = 0;  ///< rotation control
  bool rdd = false, exact = false, mrw = false;
  uint32_t end_lba = 0, read_speed = 0, write_speed = 0;  ///< kB/s
  friend bool operator==(const WriteSpeed&, const WriteSpeed&) = default;
};
std::vector<WriteSpeed> parse_write_speeds(std::span<const uint8_t> response);

/// GET EVENT STATUS NOTIFICATION, media class.
struct MediaEvent {
  bool no_event_available = false;  ///< NEA: the drive had nothing of the classes asked
  uint8_t notification_class = 0;
  uint8_t supported_classes = 0;
  uint8_t event_code = 0;  ///< 0 none, 1 eject request, 2 new media, 3 media removal, 4 media changed
  bool media_present = false, tray_open = false;
};
/// Throws dw::InputError ("GET EVENT STATUS NOTIFICATION response") for fewer than 4 bytes, a
/// descriptor length beyond the data, or a media-class answer without its 4-byte descriptor.
MediaEvent parse_media_event(std::span<const uint8_t> response);

struct BufferCapacity {
  uint32_t buffer_length = 0, blank_length = 0;  ///< bytes (or blocks when asked so)
};
/// 12 bytes needed. Throws dw::InputError ("READ BUFFER CAPACITY response").
BufferCapacity parse_buffer_capacity(std::span<const uint8_t> response);

/// READ DISC STRUCTURE format 0, DVD physical format information.
struct DvdPhysicalFormat {
  uint8_t book_type = 0, part_version = 0;
  uint8_t disc_size = 0;  ///< 0 120 mm, 1 80 mm
  uint8_t max_rate = 0;
  uint8_t layers = 1;  ///< number of layers (the field + 1)
  bool opposite_track_path = false;
  uint8_t layer_type = 0;  ///< bit 0 embossed, 1 recordable, 2 rewritable
  uint8_t linear_density = 0, track_density = 0;
  uint32_t data_start = 0, data_end = 0, layer0_end = 0;  ///< physical sector numbers
  bool bca = false;
};
/// Throws dw::InputError ("READ DISC STRUCTURE response") for a short response (21 bytes) or a
/// length beyond the data.
DvdPhysicalFormat parse_dvd_physical_format(std::span<const uint8_t> response);

/// READ DISC STRUCTURE format 1.
struct DvdCopyright {
  uint8_t protection_system = 0;  ///< 0 none, 1 CSS/CPPM, 2 CPRM
  uint8_t region_mask = 0;        ///< a set bit = the disc may NOT be played in that region
};
DvdCopyright parse_dvd_copyright(std::span<const uint8_t> response);

struct Capacity {
  uint32_t last_lba = 0, block_length = 0;
};
/// 8 bytes needed. Throws dw::InputError ("READ CAPACITY response").
Capacity parse_capacity(std::span<const uint8_t> response);

}  // namespace dw::scsi
