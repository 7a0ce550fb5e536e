// A fixed set of threads that run blocking work in submission order.
#ifndef USERSESSIONS_SERVER_SERVICE_THREAD_POOL_H_
#define USERSESSIONS_SERVER_SERVICE_THREAD_POOL_H_

#include <cstddef>
#include <deque>
#include <thread>
#include <vector>

#include "absl/base/thread_annotations.h"
#include "absl/functional/any_invocable.h"
#include "absl/synchronization/mutex.h"
#include "server/service/executor.h"

namespace usersessions::server {

// `threads` threads take submitted work first in, first out; work submitted while all of them are
// busy waits in an unbounded queue. The destructor runs everything already submitted, then joins
// the threads; submitting from another thread during destruction is a bug. Thread-safe.
class ThreadPool final : public Executor {
 public:
  explicit ThreadPool(size_t threads);
  ThreadPool(const ThreadPool&) = delete;
  ThreadPool& operator=(const ThreadPool&) = delete;
  ~ThreadPool() override;

  void Submit(absl::AnyInvocable<void() &&> work) override;

  // Work submitted and not yet started, for tests and monitoring.
  size_t queued() const;

 private:
  void RunWorker();

  mutable absl::Mutex mu_;
  std::deque<absl::AnyInvocable<void() &&>> queue_ ABSL_GUARDED_BY(mu_);
  bool stopping_ ABSL_GUARDED_BY(mu_) = false;
  std::vector<std::thread> threads_;
};

}  // namespace usersessions::server

#endif  // USERSESSIONS_SERVER_SERVICE_THREAD_POOL_H_
