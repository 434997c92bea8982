// Reading a disc into a Dump: the first pass (or its resumption) and the refine passes that
// re-read only what is not good yet. Read strategy (docs/ripping.md): READ CD of raw 2352-byte
// sectors with raw P-W and C2 pointers where the drive has them, data sectors read as audio
// (still scrambled, so the write offset can be measured) unless the drive refuses that, then as
// data; the read offset from the quirks table or the user; the lead-out read past where the
// drive can.
#pragma once

#include <cstdint>
#include <filesystem>
#include <functional>
#include <optional>
#include <set>
#include <string>
#include <utility>
#include <vector>

#include "disc/disc.hpp"
#include "rip/dump.hpp"
#include "rip/rip_log.hpp"
#include "scsi/drive.hpp"

namespace dw::rip {

struct RipProgress {
  enum class Phase : uint8_t { Read, Refine, Verify } phase = Phase::Read;
  Lba lba = 0;                   ///< last sector handled
  uint64_t done = 0, total = 0;  ///< sectors of this phase
  uint64_t c2 = 0, unreadable = 0;
  uint8_t track = 0;  ///< track of `lba` (0 outside the program area)
};

struct DumpOptions {
  std::optional<int32_t> read_offset;  ///< overrides the quirks table
  int retries = 20;                    ///< refine: re-reads per sector before it is given up
  double speed = 0;                    ///< x; 0 = the drive's fastest
  uint32_t chunk = 32;                 ///< sectors per READ CD in the first pass
  std::function<void(const RipProgress&)> progress;
  std::function<bool()> cancelled;  ///< polled between reads (Ctrl-C)
};

/// The counts of a dump's sectors that matter (the program areas, not the overread).
struct DumpTally {
  uint64_t good = 0, c2 = 0, unreadable = 0, unread = 0;
  uint64_t unaligned = 0;  ///< kUnanchored sectors left: runs whose position jitter may have moved
  [[nodiscard]] bool complete() const { return unread == 0; }
  [[nodiscard]] bool clean() const { return c2 == 0 && unreadable == 0 && unread == 0 && unaligned == 0; }
};

/// Why a pass stopped early: the medium went away, the user cancelled, the drive stopped
/// answering. The dump keeps everything read so far; `--resume` continues.
class RipStopped : public std::runtime_error {
 public:
  using std::runtime_error::runtime_error;
};

/// Why a kept dump cannot be continued or refined with this drive: the disc in it is another
/// one (its TOC answers differ from the dump's), or the drive is another model whose read offset
/// differs from (or is not known to equal) the one the dump was read with. Nothing was read.
class DumpMismatch : public std::runtime_error {
 public:
  using std::runtime_error::runtime_error;
};

/// The LBA ranges of a disc that hold sectors a drive can read: each session from its first
/// pregap to its lead-out (session 1 from `first_lba`, <= 0), plus `overread` sectors past
/// every lead-out.
std::vector<std::pair<Lba, Lba>> readable_ranges(const Disc& disc, Lba first_lba, int32_t overread);

class Dumper {
 public:
  Dumper(scsi::Drive& drive, RipLog& log, DumpOptions options);

  /// Probes the drive, reads its TOC, full TOC and CD-Text, and creates the dump in `dir`
  /// (manifest, responses, empty sector files). Throws scsi::DeviceError when the drive has no
  /// readable CD.
  Dump start(const std::filesystem::path& dir, const std::string& device);
  /// Opens `dir` to continue it: the drive must hold the same disc (same TOC answers) and read
  /// with the same offset (check_drive). Throws DumpMismatch otherwise, InputError for a folder
  /// that is not a dump.
  Dump resume(const std::filesystem::path& dir);
  /// Opens `dir` to refine it, on the drive that made it or another one: the same checks as
  /// resume. The drive used is logged and noted in the manifest by refine().
  Dump open_for_refine(const std::filesystem::path& dir);

  /// Reads every sector still unread. Throws RipStopped when it cannot go on.
  DumpTally read_pass(Dump& dump);
  /// Data tracks at a session's edges: their first and last few sectors again with data-type
  /// reads (header-aligned, descrambled by the drive), kept beside the dump as `data-LBA.bin`.
  /// The split uses them where the offset-shifted stream reaches outside what the drive could
  /// read (before the first readable sector, past a lead-out the drive cannot overread).
  void read_data_edges(Dump& dump);
  /// On a drive without C2 pointers a single read cannot show damage: every sector read with an
  /// audio-type read once is read a second time and compared (EAC's secure mode without C2);
  /// a sector whose reads differ becomes C2-damaged for refine, where it then needs two reads
  /// that agree. Does nothing on a drive with C2. Resumable (a sector read twice is done).
  void verify_pass(Dump& dump);
  /// Drives that read the lead-in with D8 (quirks LeadInAccess::PlextorD8): session 1's lead-in,
  /// from its start (the standard 4,500 sectors before 00:00:00 = LBA -150, or the session's
  /// lead-in start when the full TOC gives it) up to the dump's first
  /// sector, main channel and raw P-W, into leadin.bin (manifest "leadin"). Sectors the drive
  /// will not give are zero-filled and counted in the log and the manifest's notes. The lead-ins
  /// of later sessions (from Disc::leadin_start to the session's first pregap) lie inside the
  /// dumped range: they are read the same way into main.bin and sub.bin at their LBAs (good; a
  /// sector the drive will not give stays unread). Does nothing on other drives, nor for a
  /// lead-in the dump has already.
  void read_leadin(Dump& dump);
  /// Re-reads every sector that is not good, each up to `retries` times with the drive's cache
  /// defeated; accepted on a read without C2 errors or when two reads agree byte for byte. On a
  /// drive without an accurate stream, runs read after a bad sector are then aligned with the
  /// sectors before them (re-read where they were off).
  DumpTally refine(Dump& dump);
  /// The counts over the readable ranges, ignoring the overread past each lead-out.
  [[nodiscard]] static DumpTally tally(const Dump& dump, const Disc& disc);

  [[nodiscard]] const Disc& disc() const { return disc_; }

 private:
  struct Read;
  Dump reopen(const std::filesystem::path& dir, const char* purpose);
  void check_disc(const Dump& dump) const;
  void check_drive(const Dump& dump) const;
  void probe_drive();
  void cross_check_toc();
  [[nodiscard]] bool in_data_track(Lba lba) const;
  [[nodiscard]] bool counted(Lba lba) const;
  bool audio_by_q(Lba lba, std::span<const uint8_t> raw_sub);
  Read read(Lba lba, uint32_t count, bool as_data);
  Read read_audio(const Dump& dump, Lba lba, uint32_t count, Lba max_anchor = 16);
  bool restitch(Dump& dump);
  void refine_pass(Dump& dump);
  void handle_stop(const scsi::CommandResult& r, Lba lba);
  void defeat_cache(Lba lba, bool from_before = false);
  std::optional<Read> place(std::span<const uint8_t> first, Lba lba, uint32_t count, uint32_t margin);
  void log_jitter(const char* pass);
  uint32_t read_d8(Lba first, uint32_t n, std::span<uint8_t> out);
  void read_chunk(Dump& dump, Lba lba, uint32_t count);
  void read_single(Dump& dump, Lba lba);
  void read_leadout_cache(Dump& dump, Lba leadout, Lba end, Lba refused);
  void report(RipProgress::Phase phase, Lba lba, uint64_t done, uint64_t total, const Dump& dump);

  scsi::Drive& drive_;
  RipLog& log_;
  DumpOptions opt_;
  Disc disc_;
  scsi::DiscResponses responses_;
  std::vector<uint8_t> session_first_tracks_;  ///< found by find_sessions (three or more sessions, no full TOC)
  bool data_as_audio_ = true;
  std::vector<std::pair<Lba, Lba>> audio_by_q_;  ///< audio pregaps the TOC counts to a data track
  bool c2_ = false;
  bool jitter_ = false;  ///< the drive's CD-DA stream is not accurate: audio reads are anchored
  uint64_t jitter_unanchored_ = 0, jitter_ambiguous_ = 0, jitter_misaligned_ = 0, jitter_shifted_ = 0;
  uint64_t jitter_placed_ = 0, jitter_unplaced_ = 0;
  uint64_t last_report_ = 0;
  std::set<Lba> leadout_cache_tried_;  ///< lead-outs whose cache was read
};

}  // namespace dw::rip
