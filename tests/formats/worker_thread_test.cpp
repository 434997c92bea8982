// WorkerThread: jobs run one at a time on the same thread, errors come back at wait(), and
// run_beside returns only when both sides have finished, also when the caller's side throws.
#include "formats/worker_thread.hpp"

#include <gtest/gtest.h>

#include <atomic>
#include <chrono>
#include <stdexcept>

namespace dw {
namespace {

TEST(WorkerThread, RunsJobsInTurnOnOneThread) {
  WorkerThread w;
  std::thread::id first;
  int sum = 0;
  w.run([&] { first = std::this_thread::get_id(); });
  for (int i = 1; i <= 100; ++i)
    w.run([&, i] {
      EXPECT_EQ(std::this_thread::get_id(), first);
      sum += i;  // no two jobs at once: no race on sum
    });
  w.wait();
  EXPECT_NE(first, std::this_thread::get_id());
  EXPECT_EQ(sum, 5050);
}

TEST(WorkerThread, ErrorsComeBackOnceAtWait) {
  WorkerThread w;
  w.run([] { throw std::runtime_error("job failed"); });
  EXPECT_THROW(
      {
        try {
          w.wait();
        } catch (const std::runtime_error& e) {
          EXPECT_STREQ(e.what(), "job failed");
          throw;
        }
      },
      std::runtime_error);
  EXPECT_NO_THROW(w.wait());  // taken once
  w.run([] { throw std::runtime_error("again"); });
  EXPECT_THROW(w.run([] {}), std::runtime_error);  // run() waits for the job before, rethrowing
}

TEST(WorkerThread, RunBesideWaitsForTheThreadWhenTheCallerThrows) {
  WorkerThread w;
  std::atomic<bool> there_done{false};
  EXPECT_THROW(w.run_beside(
                   [&] {
                     std::this_thread::sleep_for(std::chrono::milliseconds(50));
                     there_done = true;
                   },
                   [] { throw std::logic_error("here failed"); }),
               std::logic_error);
  EXPECT_TRUE(there_done);
  // The thread's error, when the caller's side succeeds.
  EXPECT_THROW(w.run_beside([] { throw std::runtime_error("there failed"); }, [] {}), std::runtime_error);
  int a = 0, b = 0;
  w.run_beside([&] { a = 1; }, [&] { b = 2; });
  EXPECT_EQ(a + b, 3);
}

}  // namespace
}  // namespace dw
