// The SAO/RAW recorder: burns a BurnPlan through scsi::Drive onto blank CD media, in the order
// reference/mmc.md "Disc-at-once writing" gives - blank check, ATIP capacity, mode page 05, SET
// CD SPEED, SEND CUE SHEET (SAO, with the variants drives need; RAW sends none, its blocks come
// from RawStream: raw_plan.hpp), WRITE(10) from the first block with
// READ BUFFER CAPACITY watched, SYNCHRONIZE CACHE (IMMED) and polling, and the TOC read back and
// compared with the plan. Failures are BurnError with plain words; sense data goes to the log.
#pragma once

#include <cstdint>
#include <functional>
#include <optional>
#include <span>
#include <stdexcept>
#include <string>
#include <vector>

#include "burn/burn_log.hpp"
#include "burn/burn_plan.hpp"
#include "burn/raw_plan.hpp"
#include "burn/write_fifo.hpp"
#include "disc/disc.hpp"
#include "disc/sector_source.hpp"
#include "scsi/drive.hpp"

namespace dw::burn {

class BurnError : public std::runtime_error {
 public:
  enum class Kind : uint8_t {
    Media,     ///< no disc, not blank, too small, not a CD-R/RW: nothing was written
    Drive,     ///< the drive cannot do what the burn needs, or refused it: nothing was written
    Failed,    ///< writing started and failed (underrun, write error, removal): the disc may be spoiled
    Mismatch,  ///< the burn ended but the disc does not read back as planned
  };
  BurnError(Kind kind, const std::string& what) : std::runtime_error(what), kind_(kind) {}
  [[nodiscard]] Kind kind() const { return kind_; }

 private:
  Kind kind_;
};

struct BurnProgress {
  enum class Phase : uint8_t { LeadIn, Data, Finalise } phase = Phase::Data;
  Lba lba = 0;               ///< next block to write
  uint64_t blocks_done = 0;  ///< blocks sent so far (lead-in R-W blocks included)
  uint64_t blocks_total = 0;
  std::optional<double> buffer_fill;  ///< the drive's buffer, 0..1, from the last READ BUFFER CAPACITY
  std::optional<double> fifo_fill;    ///< the host's FIFO (write_fifo.hpp), 0..1, when the last WRITE took its data
};

struct RecorderOptions {
  bool simulate = false;                  ///< test write: the whole sequence with the laser off
  bool bufe = true;                       ///< buffer-underrun-free recording when the drive has it
  bool overburn = false;                  ///< write past the ATIP's last possible lead-out
  size_t fifo_bytes = kDefaultFifoBytes;  ///< the host FIFO between reading the image and the WRITEs
  bool raw = false;    ///< RAW (write type 3, 2448-byte blocks from the lead-in start) instead of SAO
  double speed_x = 0;  ///< write speed in x; 0 = the drive's fastest
  std::function<void(const BurnProgress&)> progress;
  std::function<bool()> cancelled;  ///< polled between WRITEs
};

struct BurnResult {
  bool simulated = false;
  Lba leadin_start = 0;           ///< from the ATIP
  Lba last_leadout = 0;           ///< ATIP last possible lead-out start (the capacity)
  bool bufe = false;              ///< BUFE as the drive accepted page 05
  bool raw = false;               ///< written in RAW mode (write type 3, no cue sheet)
  uint8_t block_type = 0;         ///< page 05 data block type the drive accepted
  std::string block_type_reason;  ///< RAW: why that block type (the drive refused which others)
  bool own_subchannel = false;    ///< RAW: the program area's P-W came from the image
  CueVariant cue_variant = CueVariant::Standard;
  uint64_t blocks_written = 0;
  uint64_t writes = 0;                    ///< WRITE(10) commands
  std::optional<double> min_buffer_fill;  ///< lowest fill seen after the first writes
  std::string opc;                        ///< what SEND OPC INFORMATION (power calibration) came to
  FifoStats fifo;                         ///< the host FIFO between the image and the WRITEs (last session's)
  std::optional<Disc> recorded;           ///< the disc as the drive reads it back (not when simulated)
};

/// Compares the disc read back from the drive with the plan's: tracks, starts, modes, CONTROL,
/// lead-out, MCN, ISRCs and CD-Text (the last three where the drive reports them). Returns one
/// sentence per difference (empty: equal).
std::vector<std::string> compare_with_plan(const BurnPlan& plan, const Disc& recorded);

class Recorder {
 public:
  /// `drive` must have been probed.
  Recorder(scsi::Drive& drive, Log log);

  /// Burns `plan` (made from `source`). Throws BurnError (see its kinds); returns only after the
  /// disc read back equals the plan (or, simulating, after the drive ran the whole sequence and
  /// the disc is still blank).
  BurnResult burn(const BurnPlan& plan, SectorSource& source, const RecorderOptions& options);
  /// Burns a multisession disc session by session (make_sao_plans): each but the last leaves the
  /// disc open (page 05 multisession 11b), and each later one starts only where the drive agrees
  /// with the image - in SAO its next writable address, in RAW its next lead-in start (READ DISC
  /// INFORMATION), from which the session's RAW stream runs with its own lead-in (B0 in every
  /// session but the last, C0 in the first). RAW multisession needs a drive whose CD Mastering
  /// feature has raw multisession. A simulation runs the first session only.
  BurnResult burn(std::span<const BurnPlan> sessions, SectorSource& source, const RecorderOptions& options);

  /// BLANK of a CD-RW (fast = minimal: PMA, TOC and the first pregap; otherwise the whole disc)
  /// with IMMED, polled until the drive is ready. Throws BurnError.
  void blank(bool fast, const std::function<void(double)>& progress = {});

 private:
  scsi::CommandResult send(const std::vector<uint8_t>& cdb, scsi::Direction dir = scsi::Direction::None,
                           std::span<uint8_t> data = {});
  void check_media(const BurnPlan& plan, const RecorderOptions& options, BurnResult& result);
  Lba check_next_session(const BurnPlan& plan, bool raw);
  /// `raw`: the RAW stream (RAW only), asked whether block type 1 would lose R-W.
  void set_write_parameters(const BurnPlan& plan, const RecorderOptions& options, BurnResult& result, RawStream* raw);
  void send_cue_sheet(const BurnPlan& plan, BurnResult& result);
  void calibrate(BurnResult& result);
  void write_blocks(const BurnPlan& plan, SectorSource& source, const RecorderOptions& options, BurnResult& result);
  void write_raw(const BurnPlan& plan, RawStream& stream, const RecorderOptions& options, BurnResult& result);
  void write_one(Lba lba, uint32_t blocks, std::span<uint8_t> data, BurnResult& result);
  void finalise(const RecorderOptions& options);
  void wait_until_ready(const char* what, const std::function<void(double)>& progress = {});
  std::optional<double> buffer_fill();
  static void check_cancelled(const RecorderOptions& opt, Lba lba);
  void wrote(BurnProgress& prog, Lba next, uint32_t blocks, BurnResult& res, double& max_fill,
             const RecorderOptions& opt);
  void settle_buffer_report(double max_fill, BurnResult& res);
  void report_fifo(const FifoStats& stats, BurnResult& res);
  size_t max_write_bytes();
  [[noreturn]] void fail_write(const scsi::CommandResult& r, Lba lba);

  scsi::Drive& drive_;
  Log log_;
  RawMedium medium_;  ///< from the ATIP (check_media): a multisession RAW disc's B0 and C0
};

}  // namespace dw::burn
