// CD-Text: the model (what a disc says about itself in the lead-in R-W channels) and the 18-byte
// pack codec. Facts: reference/cd-physical.md, "CD-Text"; the user-level page is docs/cdtext.md.
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
/// Text types are 0x80-0x87, 0x8D and 0x8E; binary types are 0x88-0x8C (0x8A-0x8C are reserved
/// but kept). Types 0x80-0x85 and 0x8E are per track (track 0 = the disc; for 0x8E the disc
/// string is the UPC/EAN and track strings are ISRCs); 0x86 (disc id), 0x87 (genre text) and 0x8D
/// (closed information) normally only have a disc string, but any track found is kept.
///
/// Canonical form - what parse_cdtext produces, and what parse_cdtext(build_cdtext_packs(x))
/// gives back unchanged:
/// - blocks sorted by block number, each number 0..7 at most once;
/// - text keys: a text type and a track 0..99; values non-empty. In a single-byte string no NUL
///   byte. Types 0x80-0x85 of a double_byte block are double-byte: even length, no 2-byte unit
///   00 00. For the TAB types 0x80-0x85 and 0x8E a value is never the TAB string alone ("\t", or
///   "\t\t" when double-byte): TAB means "same as the previous track" and is stored resolved;
/// - binary[0x87] (the genre code, 2 bytes big-endian) is present whenever any 0x87 pack is;
/// - binary[0x88..0x8C] hold 12 bytes per pack, binary_tracks[type] the track byte of each pack.
/// build_cdtext_packs also accepts (and parse then returns normalised): empty strings (= absent),
/// blocks in any order, 0x87 text without a genre code (written as 0x0000), binary items without
/// binary_tracks (0x88 gets the Sony layout: 0, then first track + 4 per pack; others 0).
/// first_track / last_track are size-info values written as given; they also decide which tracks
/// the per-track types list (see build_cdtext_packs).
struct CdTextBlock {
  uint8_t block = 0;           ///< block number 0..7
  uint8_t language = 0x09;     ///< language code from the size-info packs (0x09 English, 0x08 German)
  uint8_t character_code = 0;  ///< 0x00 ISO 8859-1, 0x01 ASCII, 0x80 MS-JIS, 0x81 Korean, 0x82 Chinese
  bool double_byte = false;    ///< the double-byte flag of the block's packs
  uint8_t copyright = 0;       ///< copyright byte from size info
  uint8_t first_track = 1;     ///< from size info
  uint8_t last_track = 1;      ///< from size info
  /// Text items by (pack type, track): track 0 is the disc. Bytes are kept as found (not
  /// re-encoded); a TAB item ("same as previous track") is stored resolved to the previous text.
  std::map<std::pair<uint8_t, uint8_t>, std::string> text;
  /// Binary items by pack type: 0x87 the 2-byte genre code; 0x88 TOC, 0x89 TOC2 (and reserved
  /// 0x8A-0x8C) the 12 payload bytes of each of their packs in sequence order.
  std::map<uint8_t, std::vector<uint8_t>> binary;
  /// For binary[0x88..0x8C]: byte 1 (track number) of each of their packs, one per 12 bytes.
  std::map<uint8_t, std::vector<uint8_t>> binary_tracks;
  friend bool operator==(const CdTextBlock&, const CdTextBlock&) = default;
};

struct CdText {
  std::vector<CdTextBlock> blocks;
  [[nodiscard]] bool empty() const { return blocks.empty(); }
  friend bool operator==(const CdText&, const CdText&) = default;
};

using CdTextPack = std::array<uint8_t, 18>;

/// A non-fatal problem parse_cdtext met, at a byte offset of its input.
struct CdTextProblem {
  uint64_t offset = 0;
  std::string message;
  friend bool operator==(const CdTextProblem&, const CdTextProblem&) = default;
};

/// What parse_cdtext saw besides the text.
struct CdTextParseReport {
  size_t packs = 0;              ///< whole 18-byte packs read (valid or not)
  size_t crc_errors = 0;         ///< packs skipped because their CRC is wrong
  bool read_toc_header = false;  ///< the input started with the 4-byte READ TOC header
  std::vector<CdTextProblem> problems;
};

/// True when bytes 16-17 hold the CRC-16/GSM of bytes 0-15 (big-endian, inverted).
bool cdtext_pack_crc_ok(const CdTextPack& pack);
/// Writes the CRC-16/GSM of bytes 0-15 into bytes 16-17.
void cdtext_set_crc(CdTextPack& pack);

/// Parses CD-Text packs into the canonical model (see CdTextBlock).
///
/// Input, told apart by its length modulo 18: bare packs (a .cdt file, an NRG CDTX chunk, packs
/// decoded from the lead-in), optionally followed by one 0x00 byte as Sony's .cdt files have it;
/// or a READ TOC format 5 response / cdrecord .cdt with the 4-byte header (u16 big-endian length
/// of what follows it, 2 reserved bytes), whose length must match the data exactly.
/// Packs with a bad CRC are skipped and counted (when every pack has CRC 0000, as some drives
/// return them, the packs are taken unchecked). Packs repeated with the same block and sequence
/// number (lead-in cycling) are read once. Everything else that is odd - sequence gaps, strings
/// cut by a missing pack or without their NUL at the end of the data, header fields that disagree
/// with the data, size-info packs that disagree with the packs found - goes to the report with
/// its byte offset, and parsing goes on.
/// Throws InputError (source, offset) when the length fits neither layout, the header length
/// disagrees with the data, or no pack is a valid CD-Text pack.
CdText parse_cdtext(std::span<const uint8_t> bytes, const std::string& source, CdTextParseReport* report = nullptr);

/// Builds the packs of every block, blocks in ascending order, as libburn and Sony's tools lay
/// them out: text and binary types in order 0x80..0x8E, each type starting a new pack; the
/// per-track types (0x80-0x85, 0x8E) list the disc and every track from first_track to
/// last_track (and any other track that has text), empty strings where a track has none; a TAB
/// for a track >= 2 whose text equals the previous track's; sequence numbers counted from 0 in
/// each block (as libburn, libmirage and the libcdio corpus discs have them); character
/// positions; the three size-info packs last, with the pack counts, every block's last sequence
/// number and language code; CRCs set.
/// Throws ModelError when a block number is > 7 or used twice, a block needs more than 256
/// packs, or an item cannot be written (see CdTextBlock: NUL or a lone TAB in a string, an odd
/// double-byte string, a track > 99, a text key of a binary type, binary sizes that are wrong).
std::vector<CdTextPack> build_cdtext_packs(const CdText& cdtext);

/// The packs as one byte string (18 bytes each, no header), as .cdt files and NRG CDTX hold them.
std::vector<uint8_t> cdtext_bytes(std::span<const CdTextPack> packs);

/// What cdtext_packs_from_rw saw.
struct CdTextRwReport {
  size_t sectors = 0;     ///< whole 96-byte sectors read
  size_t packs = 0;       ///< packs decoded (4 per sector)
  size_t crc_errors = 0;  ///< packs with a CD-Text type byte (0x80..0x8F) and a bad CRC
  size_t repeats = 0;     ///< valid packs seen again (the lead-in cycles through its packs)
};

/// The CD-Text packs carried in the lead-in's R-W subchannel (reference/cd-physical.md,
/// "CD-Text"): `sub` holds sectors of 96 raw interleaved P-W bytes; in each, the R-W bits (bits
/// 5..0 of every byte) form 96 six-bit symbols, 24 per pack, MSB first, 4 packs per sector.
/// Returns the packs with a CD-Text type and a valid CRC, each (block, sequence number) once (the
/// first found), ordered by block and sequence number: the lead-in repeats its packs in a cycle
/// that a read may enter anywhere. A trailing partial sector is ignored. Never throws.
std::vector<CdTextPack> cdtext_packs_from_rw(std::span<const uint8_t> sub, CdTextRwReport* report = nullptr);

}  // namespace dw
