// Writing one chunk on a second thread while the caller reads and builds the next, so the
// kernel's copy of the written bytes overlaps the work instead of following it.
#pragma once

#include <memory>
#include <span>

#include "formats/output_file.hpp"
#include "formats/worker_thread.hpp"

namespace dw {

class WriteBehind {
 public:
  explicit WriteBehind(OutputFile& out) : out_(out) {}
  /// Waits for the write under way. Its error, if nobody took it with wait(), is not lost: the
  /// OutputFile is marked failed, so commit() refuses instead of renaming a file with a hole.
  ~WriteBehind() {
    try {
      thread_.wait();
    } catch (const std::exception& e) {
      out_.fail(e.what());
    } catch (...) {
      out_.fail("a write failed");
    }
  }
  WriteBehind(const WriteBehind&) = delete;
  WriteBehind& operator=(const WriteBehind&) = delete;

  /// Waits for the previous write, then starts writing `bytes`, which must stay as they are
  /// until the next write or wait(). Rethrows the previous write's error.
  void write(std::span<const uint8_t> bytes) {
    thread_.run([this, bytes] { out_.write(bytes); });
  }
  /// Waits for the previous write, then starts OutputFile::write_pieces; the bytes must stay as
  /// they are until the next write or wait().
  void write_pieces(const uint8_t* first, size_t count, size_t stride, size_t size) {
    thread_.run([this, first, count, stride, size] { out_.write_pieces(first, count, stride, size); });
  }
  /// Waits for the previous write, then starts copying `size` bytes of `file` from `offset`
  /// (OutputFile::copy_from).
  void copy_from(std::shared_ptr<const ImageFile> file, uint64_t offset, uint64_t size) {
    thread_.run([this, file = std::move(file), offset, size] { out_.copy_from(*file, offset, size); });
  }
  /// Waits for the write under way (before the OutputFile is used directly); rethrows its error.
  void wait() { thread_.wait(); }

 private:
  OutputFile& out_;
  WorkerThread thread_;
};

}  // namespace dw
