// The names of virtual drives, as every command that takes a device accepts them:
//   virtual:IMAGE[?drive=PROFILE][&faults=FILE][&timing=instant|realistic][&offset=SAMPLES][&cdtext=no]
//   virtual:blank?media=cdr|cdrw|dvdr|dvdplusr|dvdrw|dvdplusrw|bdre|bdr[&formatted=no][&capacity=SECTORS][&save=PATH.ccd|PATH.iso][&overwrite=yes][&drive=PROFILE][&faults=FILE]
// `offset` is the pressing (write) offset of the loaded disc. An IMAGE whose name holds '?' is
// found by trying each '?' from the left until the part before it is an existing file (the only
// look at the file system here). Opening the image is the caller's (it needs the formats readers,
// which this library may not use).
#pragma once

#include <cstdint>
#include <optional>
#include <stdexcept>
#include <string>
#include <string_view>

#include "scsi/virtual/timing.hpp"

namespace dw::vdrive {

/// A device name that is not a valid virtual drive spec; the message says what is wrong.
class SpecError : public std::invalid_argument {
 public:
  using std::invalid_argument::invalid_argument;
};

struct VirtualSpec {
  bool blank = false;
  std::string image;                  ///< pressed media: the image path
  std::string drive = "generic";      ///< personality name
  std::optional<std::string> faults;  ///< fault file
  TimingMode timing = TimingMode::Realistic;
  int pressing_offset = 0;
  bool toc_cdtext = true;              ///< cdtext=no: READ TOC format 5 refused (the lead-in R-W keeps the CD-Text)
  bool track_info = true;              ///< trackinfo=no: READ TRACK INFORMATION refused on the pressed disc
  std::string media;                   ///< blank: cdr, cdrw, dvdr, dvdplusr, dvdrw, dvdplusrw, bdre or bdr
  std::optional<int64_t> capacity;     ///< blank: sectors
  std::optional<std::string> save;     ///< blank: where the recorded disc is saved (.ccd)
  bool overwrite = false;              ///< blank: save may replace existing files (overwrite=yes)
  std::optional<size_t> transfer_kib;  ///< transfer=KIB: the host's limit on one command's data (default 64)
  /// blank: raw_blocks=2,1 - the RAW data block types the recorder accepts (bit N = type N),
  /// replacing the personality's.
  std::optional<uint8_t> raw_block_types;
  bool formatted = true;  ///< blank BD-RE: formatted=no inserts it unformatted
  /// blank: raw_ms=no - a recorder that writes RAW for one session only (no raw multisession).
  bool raw_multisession = true;
};

/// True when `device` starts with "virtual:".
bool is_virtual(std::string_view device);
/// Parses a spec; throws SpecError naming the part that is wrong and what is accepted.
VirtualSpec parse_virtual_spec(std::string_view device);

}  // namespace dw::vdrive
