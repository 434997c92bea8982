// Output files written safely: under a temporary name in the target folder, renamed into place
// when complete, never over an existing file unless forced, and removed if the job fails.
#pragma once

#include <cstdint>
#include <filesystem>
#include <optional>
#include <span>
#include <string>
#include <vector>

#include "formats/image_file.hpp"

namespace dw {

class OutputFile {
 public:
  /// Creates "<path>.part". Throws InputError when `path` exists and !force, or it cannot be created.
  OutputFile(std::filesystem::path path, bool force);
  ~OutputFile();  // removes the temporary file unless commit() ran
  OutputFile(const OutputFile&) = delete;
  OutputFile& operator=(const OutputFile&) = delete;

  /// Small writes are gathered in a buffer; large ones (a writer's chunk of sectors) go to the
  /// file directly, without a copy.
  void write(std::span<const uint8_t> bytes);
  void write(const std::string& text) { write({reinterpret_cast<const uint8_t*>(text.data()), text.size()}); }
  /// Writes `count` pieces of `size` bytes, piece i at `first + i * stride` (e.g. the user data
  /// of raw sectors), gathered by the kernel (writev) instead of packed by a copy first.
  void write_pieces(const uint8_t* first, size_t count, size_t stride, size_t size);
  /// write_pieces at byte `at` of the file (pwritev): the write position stays where it is and
  /// bytes not yet flushed stay unwritten, so several threads may write their own parts of the
  /// file at once after a seek() (which flushes).
  void write_pieces_at(uint64_t at, const uint8_t* first, size_t count, size_t stride, size_t size);
  /// Appends `size` bytes of `file` from byte `offset`, copied by the kernel (copy_file_range)
  /// where it can, else read and written. Throws InputError naming the file that failed.
  void copy_from(const ImageFile& file, uint64_t offset, uint64_t size);
  /// Moves the write position (for writers that patch a header when done, e.g. FLAC's
  /// STREAMINFO) and tells where it is. Throw InputError naming the temporary file on failure.
  void seek(uint64_t offset);
  [[nodiscard]] uint64_t tell() const;
  /// Flushes, closes and renames the file into place. Throws InputError (and leaves nothing in
  /// place) when fail() was called.
  void commit();
  /// Records that part of the file was lost (a write on another thread failed and nobody took
  /// the error): commit() then refuses with `why`. The first reason is kept.
  void fail(std::string why);
  [[nodiscard]] const std::filesystem::path& path() const { return path_; }

 private:
  void flush();
  void gather(std::optional<uint64_t> at, const uint8_t* first, size_t count, size_t stride, size_t size);
  void write_fd(const uint8_t* data, size_t size);

  std::filesystem::path path_, temp_;
  int fd_ = -1;
  std::vector<uint8_t> buffer_;  ///< bytes written but not yet passed to the file
  bool committed_ = false;
  std::string failed_;  ///< why commit() must refuse (empty: it may go ahead)
};

/// A file name made safe to use inside an output folder: no folder separators, no "..", no
/// control characters; used for names derived from input (CD-Text titles, source file names).
std::string safe_file_name(const std::string& name);

}  // namespace dw
