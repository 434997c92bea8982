// CD-Text: the model (what a disc says about itself in the lead-in R-W channels) and the 18-byte
// pack codec. Facts: reference/cd-physical.md, "CD-Text".
#pragma once

#include <array>
#include <cstdint>
#include <map>
#include <span>
#include <string>
#include <vector>

namespace dw {

/// Pack types 0x80..0x8F.
enum class CdTextType : uint8_t {
  Title = 0x80,
  Performer = 0x81,
  Songwriter = 0x82,
  Composer = 0x83,
  Arranger = 0x84,
  Message = 0x85,
  DiscId = 0x86,
  Genre = 0x87,
  Toc = 0x88,
  Toc2 = 0x89,
  Closed = 0x8D,
  UpcIsrc = 0x8E,
  SizeInfo = 0x8F,
};

/// One language block (0..7) of CD-Text.
struct CdTextBlock {
  uint8_t block = 0;            ///< block number 0..7
  uint8_t language = 0x09;      ///< language code from the size-info packs (0x09 = English)
  uint8_t character_code = 0;   ///< 0x00 ISO 8859-1, 0x01 ASCII, 0x80 MS-JIS, 0x81 Korean, 0x82 Chinese
  bool double_byte = false;     ///< the double-byte flag of the packs, kept as found
  uint8_t copyright = 0;        ///< copyright byte from size info
  uint8_t first_track = 1;      ///< from size info
  uint8_t last_track = 1;       ///< from size info
  /// Text items by (pack type, track): track 0 is the disc. Bytes are kept as found (not
  /// re-encoded); a TAB item ("same as previous track") is stored resolved to the previous text.
  std::map<std::pair<uint8_t, uint8_t>, std::string> text;
  /// Binary items by pack type (0x88 TOC, 0x89 TOC2, 0x8D closed, 0x87 genre code + text):
  /// the payload bytes of all packs of that type in sequence order.
  std::map<uint8_t, std::vector<uint8_t>> binary;
  friend bool operator==(const CdTextBlock&, const CdTextBlock&) = default;
};

struct CdText {
  std::vector<CdTextBlock> blocks;
  [[nodiscard]] bool empty() const { return blocks.empty(); }
  friend bool operator==(const CdText&, const CdText&) = default;
};

using CdTextPack = std::array<uint8_t, 18>;

}  // namespace dw
