// What a file really is: an optical image of some kind (and which tool opens it), or something
// users bring that is not one (floppy, disk images, compressed wrappers), with a sentence on what
// to use instead. Decided from bounded reads of the file's head and tail, never the whole file.
// Facts: reference/image-formats.md "Telling files apart".
#pragma once

#include <cstdint>
#include <filesystem>
#include <span>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace dw {

enum class FileKind : uint8_t {
  Empty,
  Unknown,
  Iso9660,
  Udf,
  RawCd,
  AudioBin,
  CloneCdImage,
  CloneCdControl,
  Nrg,
  Mds,
  CdrdaoToc,
  Cue,
  FloppyImage,
  MbrDisk,
  GptDisk,
  Vhd,
  Vmdk,
  Qcow2,
  Dmg,
  Gzip,
  Xz,
};

struct Identification {
  FileKind kind = FileKind::Unknown;
  std::string name;                                          ///< machine name, e.g. "iso9660", "raw-cd", "floppy"
  std::string summary;                                       ///< one line for people
  std::vector<std::pair<std::string, std::string>> details;  ///< ordered key/value facts
  std::string advice;                                        ///< what to do with it
  bool optical = false;                                      ///< an image discwright (or another disc tool) opens
  [[nodiscard]] std::string detail(const std::string& key) const;
};

/// How much identify_bytes wants: the first kHeadBytes and the last kTailBytes of the file.
inline constexpr size_t kHeadBytes = 64 * 1024, kTailBytes = 64 * 1024;

/// Sibling files that change the answer (a .img next to a .ccd is a CloneCD image).
struct Siblings {
  bool ccd = false, cue = false;
};

/// Identifies from the file's first bytes (`head`, up to kHeadBytes), last bytes (`tail`, up to
/// kTailBytes), its size and name. Pure; never throws for any input.
Identification identify_bytes(std::span<const uint8_t> head, std::span<const uint8_t> tail, uint64_t size,
                              std::string_view file_name, Siblings siblings = {});

/// Reads the head and tail of `path` and looks for siblings. Throws InputError when the file
/// cannot be opened.
Identification identify_file(const std::filesystem::path& path);

}  // namespace dw
