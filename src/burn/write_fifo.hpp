// The FIFO between reading the image and writing the drive, as cdrecord has one: a thread reads
// (and encodes) the blocks ahead into a bounded buffer while the recorder sends WRITEs, so a slow
// disk or a busy host does not starve the drive. The writer starts once the FIFO is full (or the
// whole burn is in it); its lowest fill after that and the times it ran empty are reported.
#pragma once

#include <cstddef>
#include <cstdint>
#include <functional>
#include <optional>
#include <span>
#include <vector>

#include "disc/msf.hpp"

namespace dw::burn {

/// One WRITE: `blocks` blocks from `lba`, `bytes` bytes; `tag` is the caller's (e.g. which run).
struct WriteStep {
  Lba lba = 0;
  uint32_t blocks = 0;
  size_t bytes = 0;
  size_t tag = 0;
};

struct FifoStats {
  size_t capacity = 0;             ///< bytes
  std::optional<double> min_fill;  ///< lowest fill (0..1) seen when a WRITE took its data, after the first fill
  uint64_t empty = 0;              ///< times the writer found nothing to send and waited for the reader
  uint64_t steps = 0;              ///< WRITEs passed through
};

inline constexpr size_t kDefaultFifoBytes = size_t{8} << 20;

/// Runs `steps` through a FIFO of `capacity` bytes: `fill` (on a reader thread) puts each step's
/// bytes into the span it is given, `drain` (on the calling thread) sends them, in order, told
/// the FIFO's fill (0..1) when the step was taken, its own bytes included. An exception from
/// either side stops both (a reader's error stops the writer at its next step, queued steps are
/// not sent) and is rethrown here - the reader's when it has one, else the writer's; the reader
/// is always joined before returning. A step larger than the capacity passes alone.
FifoStats run_write_fifo(std::span<const WriteStep> steps, size_t capacity,
                         const std::function<void(const WriteStep&, std::span<uint8_t>)>& fill,
                         const std::function<void(const WriteStep&, std::span<uint8_t>, double fill)>& drain);

}  // namespace dw::burn
