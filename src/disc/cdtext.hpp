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
///
/// Canonical form (what parse produces and build expects, so parse(build(x)) == x): text values
/// are non-empty and contain no NUL and no TAB-only value; text types 0x80-0x85 and 0x8E are per
/// track (track 0 = disc: for 0x8E the UPC/EAN, for tracks the ISRC), 0x86 (disc id), 0x87 (genre
/// text) and 0x8D (closed information) are disc-only (track 0). The genre code is
/// binary[0x87] (2 bytes, big-endian); binary[0x88] / binary[0x89] hold the TOC packs' payload.
struct CdTextBlock {
  uint8_t block = 0;           ///< block number 0..7
  uint8_t language = 0x09;     ///< language code from the size-info packs (0x09 = English)
  uint8_t character_code = 0;  ///< 0x00 ISO 8859-1, 0x01 ASCII, 0x80 MS-JIS, 0x81 Korean, 0x82 Chinese
  bool double_byte = false;    ///< the double-byte flag of the packs, kept as found
  uint8_t copyright = 0;       ///< copyright byte from size info
  uint8_t first_track = 1;     ///< from size info
  uint8_t last_track = 1;      ///< from size info
  /// Text items by (pack type, track): track 0 is the disc. Bytes are kept as found (not
  /// re-encoded); a TAB item ("same as previous track") is stored resolved to the previous text.
  std::map<std::pair<uint8_t, uint8_t>, std::string> text;
  /// Binary items by pack type: 0x87 the 2-byte genre code; 0x88 TOC and 0x89 TOC2 the payload
  /// bytes of all their packs in sequence order.
  std::map<uint8_t, std::vector<uint8_t>> binary;
  friend bool operator==(const CdTextBlock&, const CdTextBlock&) = default;
};

struct CdText {
  std::vector<CdTextBlock> blocks;
  [[nodiscard]] bool empty() const { return blocks.empty(); }
  friend bool operator==(const CdText&, const CdText&) = default;
};

using CdTextPack = std::array<uint8_t, 18>;

/// What parse_cdtext saw besides the text: counts and non-fatal problems with byte offsets.
struct CdTextParseReport {
  size_t packs = 0;       ///< packs read (valid or not)
  size_t crc_errors = 0;  ///< packs skipped because their CRC is wrong
  std::vector<std::string> problems;
};

/// True when bytes 16-17 hold the CRC-16/GSM of bytes 0-15.
bool cdtext_pack_crc_ok(const CdTextPack& pack);
/// Writes the CRC of bytes 0-15 into bytes 16-17.
void cdtext_set_crc(CdTextPack& pack);

/// Parses CD-Text packs: either bare 18-byte packs (a .cdt file, the lead-in R-W decoded) or a
/// READ TOC format 5 response with its 4-byte header (u16 BE length + 2 reserved). Packs with a
/// bad CRC are skipped and counted; a trailing partial pack, unterminated strings and size-info
/// packs that disagree with the packs found are reported as problems. Throws InputError (with the
/// byte offset) when the data has no whole pack, the header length exceeds the data, or no pack
/// has a valid CRC.
CdText parse_cdtext(std::span<const uint8_t> bytes, const std::string& source, CdTextParseReport* report = nullptr);

/// Builds the packs of every block: text types in order 0x80..0x8E, sequence numbers from 0 in
/// each block (as the corpus discs have them), track and character-position fields set, TAB for a
/// track whose text repeats the previous track's, the three size-info packs last, CRCs set.
/// Throws ModelError when a block number is > 7 or used twice, or a block needs > 256 packs.
std::vector<CdTextPack> build_cdtext_packs(const CdText& cdtext);

/// The packs as one byte string (18 bytes each, no header), as .cdt files and NRG CDTX hold them.
std::vector<uint8_t> cdtext_bytes(std::span<const CdTextPack> packs);

}  // namespace dw
