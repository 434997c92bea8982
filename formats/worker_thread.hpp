// One second thread that runs its owner's jobs one at a time, kept for the whole job instead of
// started per chunk (a thread start and join costs about 50 us here; the writers hand over a
// few hundred chunks per CD image).
#pragma once

#include <condition_variable>
#include <exception>
#include <functional>
#include <mutex>
#include <thread>
#include <utility>

namespace dw {

class WorkerThread {
 public:
  WorkerThread() : thread_([this] { loop(); }) {}
  /// Waits for the job under way (its error, if nobody took it with wait(), is dropped: owners
  /// that must not lose it wait() first), then ends the thread.
  ~WorkerThread() {
    {
      std::unique_lock lock(mutex_);
      done_.wait(lock, [this] { return !job_; });
      stop_ = true;
    }
    wake_.notify_one();
    thread_.join();
  }
  WorkerThread(const WorkerThread&) = delete;
  WorkerThread& operator=(const WorkerThread&) = delete;

  /// Waits for the job under way (rethrowing its error), then starts `job` on the thread.
  void run(std::function<void()> job) {
    wait();
    {
      std::lock_guard lock(mutex_);
      job_ = std::move(job);
    }
    wake_.notify_one();
  }
  /// Runs `there` on the thread and `here` on the caller's, and returns when both have finished,
  /// also when `here` throws (the thread's job may use the caller's locals). Rethrows the
  /// caller's error first, else the thread's.
  template <class Here>
  void run_beside(std::function<void()> there, Here&& here) {
    run(std::move(there));
    try {
      here();
    } catch (...) {
      try {
        wait();
      } catch (...) {  // the caller's error is the one reported
      }
      throw;
    }
    wait();
  }
  /// Waits for the job under way, if any; rethrows what it threw.
  void wait() {
    std::unique_lock lock(mutex_);
    done_.wait(lock, [this] { return !job_; });
    if (error_) std::rethrow_exception(std::exchange(error_, nullptr));
  }

 private:
  void loop() {
    std::unique_lock lock(mutex_);
    for (;;) {
      wake_.wait(lock, [this] { return job_ || stop_; });
      if (!job_) return;
      lock.unlock();
      std::exception_ptr error;
      try {
        job_();
      } catch (...) {
        error = std::current_exception();
      }
      lock.lock();
      error_ = error;
      job_ = nullptr;
      done_.notify_all();
    }
  }

  std::mutex mutex_;
  std::condition_variable wake_, done_;
  std::function<void()> job_;  ///< the job under way (set until it has finished)
  std::exception_ptr error_;   ///< what the last job threw, until wait() takes it
  bool stop_ = false;
  std::thread thread_;  ///< last: starts after the members it uses
};

}  // namespace dw
