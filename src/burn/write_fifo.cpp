#include "burn/write_fifo.hpp"

#include <algorithm>
#include <condition_variable>
#include <deque>
#include <exception>
#include <mutex>
#include <thread>

namespace dw::burn {

namespace {

struct Chunk {
  const WriteStep* step = nullptr;
  std::vector<uint8_t> data;
};

// The shared state: filled chunks in order, the bytes they hold, spare buffers for reuse.
struct Fifo {
  std::mutex mutex;
  std::condition_variable changed;
  std::deque<Chunk> ready;
  std::vector<std::vector<uint8_t>> spare;
  size_t used = 0;
  size_t capacity = 0;
  bool reader_done = false;
  bool reader_full = false;  // the reader waits for room: the FIFO is as full as it gets
  bool stop = false;         // the writer gave up: the reader ends
  std::exception_ptr reader_error;
};

void read_ahead(Fifo& f, std::span<const WriteStep> steps,
                const std::function<void(const WriteStep&, std::span<uint8_t>)>& fill) {
  try {
    for (const WriteStep& step : steps) {
      std::vector<uint8_t> buffer;
      {
        std::unique_lock lock(f.mutex);
        const auto room = [&] { return f.stop || f.used == 0 || f.used + step.bytes <= f.capacity; };
        if (!room()) {
          f.reader_full = true;
          f.changed.notify_all();
          f.changed.wait(lock, room);
          f.reader_full = false;
        }
        if (f.stop) return;
        if (!f.spare.empty()) {
          buffer = std::move(f.spare.back());
          f.spare.pop_back();
        }
      }
      buffer.resize(step.bytes);
      fill(step, buffer);
      std::lock_guard lock(f.mutex);
      f.used += step.bytes;
      f.ready.push_back({&step, std::move(buffer)});
      f.changed.notify_all();
    }
  } catch (...) {
    std::lock_guard lock(f.mutex);
    f.reader_error = std::current_exception();
  }
  std::lock_guard lock(f.mutex);
  f.reader_done = true;
  f.changed.notify_all();
}

}  // namespace

FifoStats run_write_fifo(std::span<const WriteStep> steps, size_t capacity,
                         const std::function<void(const WriteStep&, std::span<uint8_t>)>& fill,
                         const std::function<void(const WriteStep&, std::span<uint8_t>, double fill)>& drain) {
  FifoStats stats;
  stats.capacity = capacity;
  Fifo f;
  f.capacity = std::max<size_t>(capacity, 1);
  std::thread reader([&] { read_ahead(f, steps, fill); });
  const auto stop_reader = [&] {
    {
      std::lock_guard lock(f.mutex);
      f.stop = true;
      f.changed.notify_all();
    }
    if (reader.joinable()) reader.join();
  };
  try {
    // The first WRITE waits for a full FIFO (or the whole burn in it), as cdrecord's does.
    {
      std::unique_lock lock(f.mutex);
      f.changed.wait(lock, [&] { return f.reader_done || f.reader_full || f.ready.size() == steps.size(); });
    }
    bool filled = false;
    for (size_t i = 0; i < steps.size(); ++i) {
      Chunk chunk;
      double level = 0;
      {
        std::unique_lock lock(f.mutex);
        if (f.ready.empty() && !f.reader_done) ++stats.empty;
        f.changed.wait(lock, [&] { return !f.ready.empty() || f.reader_done; });
        if (f.ready.empty() || f.reader_error) break;  // the reader failed: its error, below
        level = static_cast<double>(f.used) / static_cast<double>(f.capacity);
        if (filled) stats.min_fill = std::min(stats.min_fill.value_or(1.0), std::min(level, 1.0));
        chunk = std::move(f.ready.front());
        f.ready.pop_front();
        f.used -= chunk.step->bytes;
        f.changed.notify_all();
      }
      filled = true;
      drain(*chunk.step, chunk.data, std::min(level, 1.0));
      ++stats.steps;
      std::lock_guard lock(f.mutex);
      f.spare.push_back(std::move(chunk.data));
    }
  } catch (...) {
    stop_reader();
    if (f.reader_error) std::rethrow_exception(f.reader_error);  // the image could not be read
    throw;
  }
  stop_reader();
  if (f.reader_error) std::rethrow_exception(f.reader_error);
  return stats;
}

}  // namespace dw::burn
