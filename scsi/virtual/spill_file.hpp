// Where the virtual recorder keeps what the host wrote: an unlinked temporary file read and
// written with pread/pwrite, so a 74-minute recording (800 MB of main channel and subchannel)
// lives in the page cache, not in the process's memory. SpillSectorSource serves the finalised
// disc from such files.
#pragma once

#include <cstdint>
#include <memory>
#include <span>
#include <vector>

#include "disc/sector_source.hpp"

namespace dw::vdrive {

class SpillFile {
 public:
  /// An empty file in $TMPDIR (or /tmp), unlinked at once. Throws std::runtime_error.
  SpillFile();
  ~SpillFile();
  SpillFile(const SpillFile&) = delete;
  SpillFile& operator=(const SpillFile&) = delete;

  /// Writes `bytes` at `offset`, growing the file. Throws std::runtime_error.
  void write(uint64_t offset, std::span<const uint8_t> bytes);
  /// Reads `out.size()` bytes at `offset`; bytes past the end read as zeros.
  void read(uint64_t offset, std::span<uint8_t> out) const;
  /// Sets the length (new bytes are zeros, sparse).
  void resize(uint64_t bytes);
  [[nodiscard]] uint64_t size() const { return size_; }

 private:
  int fd_ = -1;
  uint64_t size_ = 0;
};

/// Fixed-size records of a SpillFile read in runs of `run` records: cheap sequential access
/// to one record at a time.
class SpillReader {
 public:
  SpillReader(const SpillFile& file, uint64_t base, size_t record, size_t run = 4096)
      : file_(file), base_(base), record_(record), run_(run) {}
  /// Record `index` (counted from `base`).
  std::span<const uint8_t> at(uint64_t index);

 private:
  const SpillFile& file_;
  uint64_t base_;
  size_t record_, run_;
  uint64_t first_ = 0, count_ = 0;
  std::vector<uint8_t> buf_;
};

/// A finalised recording: main channel (2352 bytes a sector) and subchannel (96, or none: then
/// synthesised from the disc) in spill files from byte offsets for the sector at `begin`.
class SpillSectorSource final : public SectorSource {
 public:
  SpillSectorSource(Disc disc, Lba begin, Lba end, std::shared_ptr<const SpillFile> main, uint64_t main_offset,
                    std::shared_ptr<const SpillFile> sub, uint64_t sub_offset);
  [[nodiscard]] const Disc& disc() const override { return disc_; }
  [[nodiscard]] Lba begin() const override { return begin_; }
  [[nodiscard]] Lba end() const override { return end_; }
  [[nodiscard]] SubchannelOrigin subchannel_origin() const override {
    return sub_ ? SubchannelOrigin::Source : SubchannelOrigin::Synthesized;
  }
  void read(Lba first, uint32_t count, std::span<uint8_t> main, std::span<uint8_t> sub,
            std::span<SectorState> states) override;

 private:
  Disc disc_;
  Lba begin_, end_;
  std::shared_ptr<const SpillFile> main_;
  uint64_t main_offset_;
  std::shared_ptr<const SpillFile> sub_;
  uint64_t sub_offset_;
  std::unique_ptr<SubchannelSynthesizer> synth_;
};

}  // namespace dw::vdrive
