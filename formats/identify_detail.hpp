// Internals of identify shared by its source files: the bounded view of a file's head and
// tail, byte helpers, and the probes for each family of formats. Not a public interface.
#pragma once

#include <array>
#include <cstdint>
#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <vector>

#include "formats/identify.hpp"

namespace dw::identify_detail {

/// The parts of a file identify has in memory, addressed by file offset. Every read of file
/// content goes through at(), so nothing is read outside the head and tail.
class Bytes {
 public:
  Bytes(std::span<const uint8_t> head, std::span<const uint8_t> tail, uint64_t size)
      : head_(head), tail_(tail), size_(size) {}
  [[nodiscard]] uint64_t size() const { return size_; }
  [[nodiscard]] std::span<const uint8_t> head() const { return head_; }
  [[nodiscard]] std::span<const uint8_t> tail() const { return tail_; }
  [[nodiscard]] uint64_t tail_start() const { return size_ - tail_.size(); }
  /// The `n` bytes at file offset `off` when they lie wholly in the head or wholly in the
  /// tail; nullptr otherwise (also on arithmetic overflow).
  [[nodiscard]] const uint8_t* at(uint64_t off, size_t n) const;
  /// True when the bytes at `off` are exactly `s`.
  [[nodiscard]] bool equals(uint64_t off, std::string_view s) const;

 private:
  std::span<const uint8_t> head_, tail_;
  uint64_t size_;
};

inline uint16_t be16(const uint8_t* p) { return static_cast<uint16_t>(p[0] << 8 | p[1]); }
inline uint32_t be32(const uint8_t* p) {
  return uint32_t{p[0]} << 24 | uint32_t{p[1]} << 16 | uint32_t{p[2]} << 8 | uint32_t{p[3]};
}
inline uint64_t be64(const uint8_t* p) { return uint64_t{be32(p)} << 32 | be32(p + 4); }
inline uint16_t le16(const uint8_t* p) { return static_cast<uint16_t>(p[0] | p[1] << 8); }
inline uint32_t le32(const uint8_t* p) {
  return uint32_t{p[0]} | uint32_t{p[1]} << 8 | uint32_t{p[2]} << 16 | uint32_t{p[3]} << 24;
}
inline uint64_t le64(const uint8_t* p) { return uint64_t{le32(p)} | uint64_t{le32(p + 4)} << 32; }

/// Text from a file made safe for output: kept when it is valid UTF-8, else read as Latin-1;
/// control characters become '?'; trailing spaces and NULs are trimmed.
std::string printable(std::string_view raw);
/// "a1 b2 c3 ..." for the first `n` bytes of `bytes`.
std::string hex_bytes(std::span<const uint8_t> bytes, size_t n);
/// Lower-case extension without the dot ("iso"), empty when there is none.
std::string extension_of(std::string_view name);
/// A byte count for people: "1.44 MB"-style for floppies is done by the callers; this gives
/// "710304 bytes (693.7 KiB)".
std::string size_text(uint64_t bytes);

/// Builds an Identification step by step.
struct Result {
  Identification id;
  explicit Result(FileKind kind);
  Result& add(std::string key, std::string value);
  Result& add(std::string key, uint64_t value);
};

/// Context every probe gets.
struct Input {
  const Bytes& bytes;
  std::string_view name;
  std::string ext;  ///< extension_of(name)
  const std::vector<std::string>& companions;
  [[nodiscard]] bool beside(std::string_view ext_lower) const;
};

/// Where the 2048 user bytes of sector N are in a file: cooked sectors, Mode 2 formless
/// (2336 bytes: subheader + data), or raw sectors (2352 or 2448 stride) whose header mode says
/// where the data starts; raw sectors are descrambled when only that gives a valid header.
struct UserLayout {
  enum class Form : uint8_t { Cooked, Formless2336, Raw };
  uint64_t base = 0;  ///< file offset of sector 0
  size_t stride = 2048;
  Form form = Form::Cooked;
};
/// Copies the user data of `sector` into `out`; false when it is not in memory or (raw) the
/// sector is neither Mode 1 nor Mode 2.
bool read_user(const Bytes& bytes, const UserLayout& layout, uint64_t sector, std::array<uint8_t, 2048>& out);

/// What the volume descriptors (ISO 9660 from sector 16, the UDF recognition sequence after
/// them, the UDF anchor at 256 or in the last sector) say.
struct VolumeInfo {
  bool iso = false, joliet = false, udf = false, el_torito = false;
  std::string label, system_id, application_id, joliet_label;
  uint32_t blocks = 0;  ///< ISO 9660 volume space size
  uint16_t block_size = 0;
  std::string udf_nsr, udf_label, udf_revision;  ///< "NSR02", the volume identifier, "1.02"
  std::optional<uint32_t> boot_catalog;
  std::vector<std::string> boot_entries;  ///< "x86, no emulation, bootable", ...
  [[nodiscard]] bool any() const { return iso || udf; }
};
VolumeInfo analyse_volume(const Bytes& bytes, const UserLayout& layout);
/// Adds the volume's facts to `r` (filesystem, labels, blocks, El Torito).
void add_volume_details(Result& r, const VolumeInfo& v);
/// ` with an ISO 9660 volume "CDROM"`-style phrase for summaries (empty when none).
std::string volume_phrase(const VolumeInfo& v);

// Probes: each returns an answer when the content is theirs, nothing otherwise.
std::optional<Identification> probe_text(const Input& in);           // CUE, TOC, CCD, VMDK descriptor
std::optional<Identification> probe_magic(const Input& in);          // signatures at offset 0
std::optional<Identification> probe_footers(const Input& in);        // VHD, DMG
std::optional<Identification> probe_nrg(const Input& in);            // Nero footer
std::optional<Identification> probe_cooked(const Input& in);         // ISO 9660 / UDF, 2048-byte sectors
std::optional<Identification> probe_raw(const Input& in);            // raw CD sectors with data
std::optional<Identification> probe_audio(const Input& in);          // 2352-byte frames, no sync
std::optional<Identification> probe_disk(const Input& in);           // GPT, MBR, FAT floppy / volume
std::optional<Identification> probe_companion_sub(const Input& in);  // CloneCD .sub

}  // namespace dw::identify_detail
