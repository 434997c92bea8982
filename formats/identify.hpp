// identify: what is this file really? Names a file by its content (the extension is only a
// hint), says what is inside (volume label, sector layout, ...) and which tool serves it.
// Works from two bounded reads (the head and the tail of the file), never the whole file.
// Facts: reference/image-formats.md "Telling files apart", reference/cd-physical.md.
#pragma once

#include <cstdint>
#include <filesystem>
#include <span>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace dw {

/// What a file is. Optical images first, then what users bring that is not optical.
enum class FileKind : uint8_t {
  Unknown,
  Empty,
  Iso9660,      ///< cooked 2048-byte sectors with an ISO 9660 volume
  Udf,          ///< cooked 2048-byte sectors with a UDF volume (possibly an ISO 9660 bridge too)
  RawCd2352,    ///< raw 2352-byte CD sectors with data sectors (sync patterns)
  RawCd2448,    ///< raw 2352-byte sectors each followed by 96 subchannel bytes
  AudioBin,     ///< 2352-byte frames without any sync pattern: CD audio
  CloneCdImg,   ///< raw sectors of a CloneCD image (a .ccd of the same name is beside it)
  CloneCdCcd,   ///< the CloneCD control file ("[CloneCD]")
  CloneCdSub,   ///< the CloneCD subchannel file (96 bytes per sector, a .ccd beside it)
  Nrg,          ///< Nero image (footer NER5 = v2, NERO = v1)
  Mds,          ///< Alcohol 120% descriptor ("MEDIA DESCRIPTOR")
  Mdf,          ///< Alcohol 120% sector file (an .mds of the same name is beside it)
  CdrdaoToc,    ///< cdrdao TOC text
  Cue,          ///< CUE sheet text
  FloppyImage,  ///< FAT floppy disk image of a standard size
  FatVolume,    ///< FAT file system image without a partition table, not of a floppy size
  MbrDisk,      ///< hard disk image with an MBR partition table
  GptDisk,      ///< hard disk image with a GUID partition table
  Vhd,
  Vmdk,
  Qcow2,
  Dmg,
  Chd,  ///< MAME compressed hunks of data
  Ecm,  ///< ECM-packed CD image (redundant EDC/ECC stripped)
  Gzip,
  Xz,
  Bzip2,
  Zip,
  SevenZip,
  Zstd,
};

/// The short machine name of a kind, e.g. "iso9660", "raw-cd-2352", "nrg" (stable: JSON output).
const char* machine_name(FileKind kind);

/// What identify found. Strings are valid UTF-8 (bytes from the file are sanitised).
struct Identification {
  FileKind kind = FileKind::Unknown;
  std::string name;     ///< machine_name(kind)
  std::string summary;  ///< one line for people, e.g. `ISO 9660 image "CDROM" (64 blocks of 2048)`
  /// Ordered facts, snake_case keys, e.g. {"volume_label", "CDROM"}, {"sector_size", "2352"}.
  std::vector<std::pair<std::string, std::string>> details;
  std::string advice;  ///< one sentence: what to do with it, which tool serves it

  /// The value of `key`, or nullptr when there is no such detail.
  [[nodiscard]] const std::string* detail(std::string_view key) const;
  /// True for the kinds that are CD/DVD images or their sheets.
  [[nodiscard]] bool optical() const;
};

/// Bytes identify_file reads from the start of a file: cooked sectors 0..256 (ISO 9660 and UDF
/// descriptors, the UDF anchor at 256) and more than 16 + 32 raw 2448-byte sectors.
inline constexpr size_t kIdentifyHeadSize = 257 * 2048;
/// Bytes read from the end: footers (NRG chunk chain, VHD, DMG) and the UDF anchor in the last sector.
inline constexpr size_t kIdentifyTailSize = 64 * 1024;

/// The core of identify, on bytes already in memory: `head` is the first head.size() bytes of
/// the file and `tail` its last tail.size() bytes (they may overlap or be the same bytes) of a
/// file of `file_size` bytes; `name` is its file name (the extension is a hint, may be empty);
/// `companions` are the lower-case extensions (without dot) of files beside it with the same
/// stem ("ccd", "cue", "mds", ...). Any content gives an answer (Unknown at worst); reads
/// outside the given spans are never made. Throws std::invalid_argument when a span is larger
/// than `file_size`.
Identification identify_bytes(std::span<const uint8_t> head, std::span<const uint8_t> tail, uint64_t file_size,
                              std::string_view name, const std::vector<std::string>& companions = {});

/// Identifies the file at `path`: reads at most kIdentifyHeadSize bytes from its start and
/// kIdentifyTailSize from its end, and looks for same-stem companions (.ccd, .cue, .toc, .mds,
/// .sub, .img, .mdf) beside it. Throws InputError naming the file when it cannot be opened or read.
Identification identify_file(const std::filesystem::path& path);

}  // namespace dw
