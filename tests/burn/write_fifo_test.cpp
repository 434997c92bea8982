// The host FIFO between the image and the WRITEs: every step's bytes arrive in order and intact,
// the writer starts on a full FIFO, the times it ran empty are counted, a step larger than the
// FIFO passes alone, and an exception on either side stops both and comes back to the caller.
#include "burn/write_fifo.hpp"

#include <gtest/gtest.h>

#include <atomic>
#include <condition_variable>
#include <mutex>
#include <stdexcept>

using namespace dw;
using namespace dw::burn;

namespace {

std::vector<WriteStep> make_steps(size_t count, size_t bytes) {
  std::vector<WriteStep> steps;
  for (size_t i = 0; i < count; ++i)
    steps.push_back({static_cast<Lba>(i * 10), 10, bytes + i % 3, i});  // sizes vary a little
  return steps;
}

void pattern(const WriteStep& s, std::span<uint8_t> out) {
  for (size_t k = 0; k < out.size(); ++k) out[k] = static_cast<uint8_t>(s.tag * 31 + k);
}

}  // namespace

TEST(WriteFifo, EveryStepInOrderWithItsBytes) {
  const auto steps = make_steps(200, 1000);
  size_t next = 0;
  const FifoStats stats = run_write_fifo(steps, 10'000, pattern, [&](const WriteStep& s, std::span<uint8_t> d, double) {
    ASSERT_EQ(s.tag, next++);
    ASSERT_EQ(d.size(), s.bytes);
    std::vector<uint8_t> want(s.bytes);
    pattern(s, want);
    ASSERT_TRUE(std::equal(want.begin(), want.end(), d.begin())) << s.tag;
  });
  EXPECT_EQ(next, 200u);
  EXPECT_EQ(stats.steps, 200u);
  EXPECT_EQ(stats.capacity, 10'000u);
}

// The writer starts on a full FIFO: 3 steps of ~1000 bytes in 3500 (the 4th does not fit). The
// reader then cannot make step 5 before step 4 was sent, so step 4 leaves the FIFO alone in it
// (whether the writer also had to wait for a step is a matter of timing, not asserted here).
TEST(WriteFifo, TheWriterStartsOnAFullFifo) {
  const auto steps = make_steps(8, 1000);
  std::mutex m;
  std::condition_variable cv;
  size_t sent = 0, ready_when_first_sent = 0;
  std::atomic<size_t> made{0};
  std::vector<double> fills;
  const FifoStats stats = run_write_fifo(
      steps, 3500,
      [&](const WriteStep& s, std::span<uint8_t> out) {
        if (s.tag == 5) {
          std::unique_lock lock(m);
          cv.wait(lock, [&] { return sent == 5; });
        }
        pattern(s, out);
        ++made;
      },
      [&](const WriteStep& s, std::span<uint8_t>, double fill) {
        if (s.tag == 0) ready_when_first_sent = made;
        fills.push_back(fill);
        std::lock_guard lock(m);
        sent = s.tag + 1;
        cv.notify_all();
      });
  EXPECT_GE(ready_when_first_sent, 3u);        // the reader may already make step 3 once step 0 left
  EXPECT_NEAR(fills[0], 3003.0 / 3500, 1e-9);  // steps 0-2: 1000 + 1001 + 1002 bytes
  EXPECT_NEAR(fills[4], 1001.0 / 3500, 1e-9);  // step 4 alone: step 5 waits for it to be sent
  EXPECT_EQ(stats.steps, 8u);
  ASSERT_TRUE(stats.min_fill);
  EXPECT_LE(*stats.min_fill, fills[4]);
}

TEST(WriteFifo, AStepLargerThanTheFifoPassesAlone) {
  std::vector<WriteStep> steps{{0, 1, 100, 0}, {1, 1, 5000, 1}, {2, 1, 100, 2}};
  std::vector<size_t> sizes;
  run_write_fifo(steps, 1000, pattern,
                 [&](const WriteStep&, std::span<uint8_t> d, double) { sizes.push_back(d.size()); });
  EXPECT_EQ(sizes, (std::vector<size_t>{100, 5000, 100}));
}

TEST(WriteFifo, ErrorsOnEitherSideStopBoth) {
  const auto steps = make_steps(50, 100);
  size_t drained = 0;
  try {
    run_write_fifo(
        steps, 1000,
        [](const WriteStep& s, std::span<uint8_t> out) {
          if (s.tag == 7) throw std::runtime_error("cannot read the image at step 7");
          pattern(s, out);
        },
        [&](const WriteStep&, std::span<uint8_t>, double) { ++drained; });
    ADD_FAILURE() << "the reader's error was lost";
  } catch (const std::runtime_error& e) {
    EXPECT_STREQ(e.what(), "cannot read the image at step 7");
  }
  EXPECT_LE(drained, 7u);  // at most steps 0..6: the writer stops once the reader failed

  std::atomic<size_t> filled{0};
  try {
    run_write_fifo(
        steps, 1000,
        [&](const WriteStep& s, std::span<uint8_t> out) {
          pattern(s, out);
          ++filled;
        },
        [](const WriteStep& s, std::span<uint8_t>, double) {
          if (s.tag == 3) throw std::runtime_error("write error at step 3");
        });
    ADD_FAILURE() << "the writer's error was lost";
  } catch (const std::runtime_error& e) {
    EXPECT_STREQ(e.what(), "write error at step 3");
  }
  EXPECT_LT(filled.load(), 50u);  // the reader stopped: it was bounded by the FIFO and told to end
}
