// Fault injection for the virtual drive, declared in a JSON file (`virtual:IMAGE?faults=FILE`):
// what real drives and damaged discs do, placed on purpose. Format: docs/virtual-drive.md.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "disc/msf.hpp"

namespace dw::vdrive {

struct LbaRange {
  Lba first = 0;
  uint32_t count = 1;
  [[nodiscard]] bool contains(Lba lba) const { return lba >= first && lba - first < static_cast<int64_t>(count); }
};

struct FaultPlan {
  struct Unreadable {
    LbaRange range;
    uint32_t delay_ms = 3000;  ///< drive time spent retrying before 03/11/05
  };
  struct Flaky {
    LbaRange range;
    uint32_t failures = 1;  ///< reads that fail (03/11/05) before one succeeds
  };
  struct C2Corruption {
    LbaRange range;
    uint32_t bytes = 16;  ///< bytes damaged per read (different bytes each read), all C2-flagged
  };
  struct SilentCorruption {
    LbaRange range;  ///< same wrong bytes on every read, no C2
  };
  struct Hang {
    uint8_t opcode = 0;
    std::optional<Lba> lba;  ///< only when the command starts at this LBA
    uint32_t times = 0;      ///< hangs this many times, then the command works (0: always)
    uint32_t fired = 0;      ///< how many times it hung so far
  };
  /// A read (READ CD, READ(10)/(12), D8) touching `range` completes with GOOD, but the last
  /// `bytes` of its transfer never arrive (residual = bytes; that part of the host's buffer keeps
  /// what it held), as some USB bridges do.
  struct ShortTransfer {
    LbaRange range;
    uint32_t bytes = 2352;
    uint32_t times = 0;  ///< fires this many times, then the reads arrive whole (0: always)
    uint32_t fired = 0;  ///< how many times it fired so far
  };
  struct NotReady {
    uint32_t after_commands = 0;  ///< counted from the first command
    uint32_t commands = 1;        ///< how many commands get 02/04/01
  };
  std::vector<Unreadable> unreadable;
  std::vector<Flaky> flaky;
  std::vector<C2Corruption> c2;
  std::vector<SilentCorruption> silent;
  double q_crc_rate = 0;              ///< share of sectors (0..1) whose Q CRC is wrong
  std::optional<int> jitter_samples;  ///< overrides the personality's
  std::vector<Hang> hangs;
  std::vector<ShortTransfer> short_transfers;
  std::vector<uint32_t> medium_changes;  ///< unit attention 06/28/00 before command number N
  std::vector<NotReady> not_ready;
  std::optional<Lba> remove_at;  ///< the medium is removed when a read or WRITE reaches this LBA
  uint32_t seed = 1;             ///< for the Q CRC rate and jitter
  // Recording (blank media):
  std::vector<LbaRange> write_errors;    ///< a WRITE reaching one: 03/0C/00, the disc spoiled
  bool power_calibration_fails = false;  ///< OPC (SEND OPC, or the first WRITE): 03/73/03, nothing written
  std::optional<Lba> underrun_at;        ///< the buffer runs dry there: 03/0C/09 unless BURN-Free is on
  uint32_t cue_sheet_refusals = 0;       ///< the first N SEND CUE SHEETs: 05/26/00

  [[nodiscard]] bool empty() const;
};

/// Parses the JSON fault file text. Throws InputError (source, what is wrong, and for entries
/// their index, e.g. "faults[2]: \"count\" must be a positive integer") for malformed input.
FaultPlan parse_faults(const std::string& json_text, const std::string& source);
/// Reads and parses a fault file. Throws InputError when it cannot be read.
FaultPlan load_faults(const std::string& path);

}  // namespace dw::vdrive
