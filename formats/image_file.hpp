// Files an image is made of: opened once, read by offset, and found the way users expect when a
// sheet names them differently from how they are stored.
#pragma once

#include <cstdint>
#include <filesystem>
#include <memory>
#include <optional>
#include <span>
#include <string>
#include <utility>
#include <vector>

namespace dw {

/// One open file, read with pread (safe to share between readers and threads).
class ImageFile {
 public:
  /// Opens `path` for reading; throws InputError naming it when it cannot be opened or is not a
  /// regular file (a folder, FIFO, socket or device: refused before it is opened, so a FIFO
  /// cannot block the reader).
  static std::shared_ptr<ImageFile> open(const std::filesystem::path& path);
  ~ImageFile();
  ImageFile(const ImageFile&) = delete;
  ImageFile& operator=(const ImageFile&) = delete;

  [[nodiscard]] const std::filesystem::path& path() const { return path_; }
  /// The name used in messages (the path as the user or the sheet gave it).
  [[nodiscard]] std::string name() const { return path_.string(); }
  [[nodiscard]] uint64_t size() const { return size_; }
  /// The open descriptor, for copies the kernel makes (OutputFile::copy_from).
  [[nodiscard]] int fd() const { return fd_; }

  /// Reads exactly out.size() bytes at `offset`; throws InputError (with the offset) when the
  /// file is shorter or the read fails.
  void read_at(uint64_t offset, std::span<uint8_t> out) const;
  /// Reads up to out.size() bytes; returns how many (short only at the end of the file).
  size_t read_some(uint64_t offset, std::span<uint8_t> out) const;
  /// The whole file, refused when larger than `limit` bytes (for sheets and small side files).
  [[nodiscard]] std::vector<uint8_t> read_all(uint64_t limit) const;

 private:
  ImageFile(std::filesystem::path path, int fd, uint64_t size) : path_(std::move(path)), fd_(fd), size_(size) {}
  std::filesystem::path path_;
  int fd_;
  uint64_t size_;
};

/// Where a file named inside a sheet (CUE FILE, TOC FILE, CCD sibling) was found.
struct FoundFile {
  std::filesystem::path path;
  bool fallback = false;  ///< not found as written: found by a case-insensitive or base-name match
};

/// Finds the file `name` that the sheet `sheet` refers to: as written (relative to the sheet's
/// folder; backslashes are folder separators; a path that does not exist falls back to its last
/// component), then case-insensitively in the sheet's folder, then under the sheet's own base
/// name with the named file's extension (files renamed together with their sheet; only when
/// `by_sheet_name`, i.e. the sheet names a single file). A fallback is logged as a warning.
/// Throws InputError naming `sheet`, `line` and every path tried.
FoundFile find_sheet_file(const std::filesystem::path& sheet, const std::string& name, int line = 0,
                          bool by_sheet_name = true);

/// The sheet (.cue or .toc in `file`'s folder, at most 64 KiB, the first 50 such files looked at)
/// whose text names `file`, as redump's "<name>.cue" names "<name> (Track 2).bin"; nullopt when
/// none does. Files that cannot be read are skipped.
std::optional<std::filesystem::path> find_listing_sheet(const std::filesystem::path& file);

}  // namespace dw
