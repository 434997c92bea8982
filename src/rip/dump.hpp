// A dump: the disc as read, kept whole and resumable (docs/dump-format.md). One folder holding
// the main channel exactly as the drive returned it (2352 bytes per sector, in the drive's own
// sector coordinates: the read offset is applied when splitting), the raw subchannel (96 bytes
// interleaved P-W per sector, uncorrected), the state of every sector (quality, how it was read,
// number of reads), the drive's TOC / full TOC / CD-Text / ATIP answers byte for byte, and a
// manifest with the drive, its quirks and the settings. Sector data is written before its
// state, so a rip killed at any point resumes without trusting bytes it never finished.
#pragma once

#include <cstdint>
#include <filesystem>
#include <optional>
#include <span>
#include <string>
#include <vector>

#include "disc/msf.hpp"

namespace dw::rip {

inline constexpr size_t kMainSize = 2352;
inline constexpr size_t kSubSize = 96;
inline constexpr size_t kLeadInSectorSize = kMainSize + kSubSize;  ///< leadin.bin: main then raw P-W
inline constexpr int kDumpVersion = 1;
/// Largest read or write offset a dump is split with, in samples either way (170 sectors).
inline constexpr int32_t kMaxOffsetSamples = 100000;

enum class DumpQuality : uint8_t { Unread = 0, Good = 1, C2Error = 2, Unreadable = 3 };

/// The state of one dumped sector (4 bytes in state.bin: quality, flags, reads as LE16).
struct DumpState {
  static constexpr uint8_t kReadAsData = 0x01;  ///< data-type READ CD: descrambled, at its header's LBA
  static constexpr uint8_t kNoSubchannel = 0x02;
  /// Jitter: the first sector read after sectors that were not good, on a drive without an
  /// accurate stream - nothing before it to align with, so it and the sectors read after it may
  /// sit a few samples off until refine aligns them with the sectors before (then it is cleared).
  static constexpr uint8_t kUnanchored = 0x04;
  DumpQuality quality = DumpQuality::Unread;
  uint8_t flags = 0;
  uint16_t reads = 0;
  friend bool operator==(const DumpState&, const DumpState&) = default;
};

/// What the manifest (dump.json) holds besides the sectors.
struct DumpManifest {
  int version = kDumpVersion;
  std::string device;  ///< as the user named it
  std::string vendor, product, revision, serial;
  int32_t read_offset = 0;          ///< samples (AccurateRip sign convention)
  std::string offset_source;        ///< "quirks table (...)", "--read-offset", "unknown: 0 assumed"
  bool c2 = false;                  ///< C2 pointers asked for
  bool data_as_audio = true;        ///< data sectors read with audio-type reads (scrambled)
  Lba first = 0, end = 0;           ///< dumped range [first, end) in drive LBAs
  Lba leadout = 0;                  ///< the disc's lead-out (last session)
  int32_t lead_out_overread = 0;    ///< sectors the drive could read past the lead-out
  std::optional<Lba> leadin_first;  ///< leadin.bin (Plextor D8): its first LBA, when the lead-in was read
  uint32_t leadin_sectors = 0;      ///< sectors in leadin.bin (2448 bytes each: main then raw P-W)
  /// Lead-outs of the sessions before the last, found from Q when the drive gave no full TOC
  /// (rip/session_layout.hpp); empty otherwise (the full TOC says them).
  std::vector<Lba> session_leadouts;
  /// The track that opens each session after the first, when the drive gave no full TOC and READ
  /// TOC format 1 said three or more sessions (rip/session_layout.hpp: found from READ TRACK
  /// INFORMATION or Q); empty otherwise (format 1's last session is the only split).
  std::vector<uint8_t> session_first_tracks;
  std::string created, updated;  ///< ISO 8601 UTC
  std::vector<std::string> notes;
};

/// The files of a dump folder. Not copyable; all writes go straight to the files.
class Dump {
 public:
  /// Creates a new dump in `dir` (made if missing). Throws InputError when a dump is there already.
  static Dump create(const std::filesystem::path& dir, DumpManifest manifest);
  /// Opens an existing dump to resume, refine or split. Throws InputError for a folder that is
  /// not a dump, a manifest that does not parse, or files whose sizes disagree with it.
  static Dump open(const std::filesystem::path& dir);
  /// True when `dir` holds a dump manifest.
  static bool exists(const std::filesystem::path& dir);

  Dump(Dump&&) noexcept;
  Dump& operator=(Dump&&) noexcept;
  Dump(const Dump&) = delete;
  Dump& operator=(const Dump&) = delete;
  ~Dump();

  [[nodiscard]] const std::filesystem::path& dir() const { return dir_; }
  [[nodiscard]] const DumpManifest& manifest() const { return manifest_; }
  DumpManifest& manifest() { return manifest_; }
  /// Rewrites dump.json (under a temporary name, renamed).
  void save_manifest();

  [[nodiscard]] Lba first() const { return manifest_.first; }
  [[nodiscard]] Lba end() const { return manifest_.end; }
  [[nodiscard]] const DumpState& state(Lba lba) const { return states_.at(index(lba)); }
  [[nodiscard]] std::span<const DumpState> states() const { return states_; }

  /// Stores `count` sectors from `first`: main (count * 2352), sub (count * 96, or empty), then
  /// their states. Throws std::out_of_range outside the range, InputError when a write fails.
  void store(Lba first, uint32_t count, std::span<const uint8_t> main, std::span<const uint8_t> sub,
             std::span<const DumpState> states);
  /// Updates only states (e.g. a read count after a failed retry).
  void store_states(Lba first, std::span<const DumpState> states);
  /// Reads stored sectors (any of the spans may be empty).
  void load(Lba first, uint32_t count, std::span<uint8_t> main, std::span<uint8_t> sub) const;
  /// Flushes everything to the disk (after each pass; the OS keeps it across a killed process).
  void sync();

  /// Saves or loads one of the drive's answers as it came ("toc", "fulltoc", "cdtext", "atip").
  void save_response(const std::string& name, std::span<const uint8_t> bytes);
  [[nodiscard]] std::optional<std::vector<uint8_t>> response(const std::string& name) const;

 private:
  Dump() = default;
  [[nodiscard]] size_t index(Lba lba) const;
  void open_files(bool create);
  void close_files();

  std::filesystem::path dir_;
  DumpManifest manifest_;
  std::vector<DumpState> states_;
  int main_fd_ = -1, sub_fd_ = -1, state_fd_ = -1;
};

}  // namespace dw::rip
