// Coalescing of concurrent point reads into multi-key reads, for stores that pay a network round
// trip per statement.
#ifndef USERSESSIONS_SERVER_STORAGE_READ_COALESCER_H_
#define USERSESSIONS_SERVER_STORAGE_READ_COALESCER_H_

#include <algorithm>
#include <cstddef>
#include <deque>
#include <functional>
#include <thread>
#include <utility>
#include <vector>

#include "absl/base/thread_annotations.h"
#include "absl/functional/any_invocable.h"
#include "absl/synchronization/mutex.h"

namespace usersessions::server {

// Runs reads from many threads through at most `max_in_flight` concurrent batch reads of at most
// `max_batch` requests each. Under load, N concurrent point reads thus cost about
// N / batch-size statements instead of N.
//
// Two ways in, sharing one queue and the same batches:
// - Read() blocks. A caller that finds a batch slot free runs a batch at once, on its own thread,
//   with every request waiting (its own included), so a lone caller pays no hand-off; callers that
//   arrive while all slots are busy queue up and share the next batch.
// - ReadAsync() never blocks on the read: it queues the request, and one of `async_readers`
//   threads of the coalescer's own (or a Read() caller) runs the batch and then calls the
//   request's callback. Event-driven servers use it so that their few event threads never wait
//   for the database, and so that one thread completes a whole batch of calls.
//
// `batch_read` gets the requests of one batch, in arrival order, and must return exactly one
// result per request, in the same order. It runs without the coalescer's lock held. Thread-safe.
// The destructor completes every queued ReadAsync() before it returns.
template <typename Request, typename Result>
class ReadCoalescer {
 public:
  using BatchRead = std::function<std::vector<Result>(const std::vector<Request>& requests)>;
  // Gets the result of one ReadAsync(). Runs on the thread that ran the batch, after the batch,
  // without the coalescer's lock held; it must not block, since the batch's other callbacks
  // wait for it.
  using Callback = absl::AnyInvocable<void(Result) &&>;

  ReadCoalescer(size_t max_in_flight, size_t max_batch, BatchRead batch_read,
                size_t async_readers = 0)
      : max_in_flight_(std::max<size_t>(max_in_flight, 1)),
        max_batch_(std::max<size_t>(max_batch, 1)),
        batch_read_(std::move(batch_read)) {
    for (size_t i = 0; i < async_readers; ++i) readers_.emplace_back([this] { RunReader(); });
  }

  ReadCoalescer(const ReadCoalescer&) = delete;
  ReadCoalescer& operator=(const ReadCoalescer&) = delete;

  ~ReadCoalescer() {
    {
      absl::MutexLock lock(&mu_);
      stopping_ = true;
    }
    for (std::thread& reader : readers_) reader.join();
  }

  // Returns the result of `request`, read alone or together with concurrent requests.
  Result Read(Request request) {
    Waiter self{std::move(request), Result{}, false, nullptr};
    absl::MutexLock lock(&mu_);
    pending_.push_back(&self);
    for (;;) {
      auto done_or_slot_free = [this, &self]() ABSL_EXCLUSIVE_LOCKS_REQUIRED(mu_) {
        return self.done || (in_flight_ < max_in_flight_ && !pending_.empty());
      };
      mu_.Await(absl::Condition(&done_or_slot_free));
      if (self.done) return std::move(self.result);
      RunBatchAndCallBack();
    }
  }

  // Queues `request` and returns; `done` gets its result later (see Callback). Without async
  // readers the calling thread runs the read, as Read() would, before calling `done`.
  void ReadAsync(Request request, Callback done) {
    if (readers_.empty()) {
      std::move(done)(Read(std::move(request)));
      return;
    }
    auto* waiter = new Waiter{std::move(request), Result{}, false, std::move(done)};
    absl::MutexLock lock(&mu_);
    pending_.push_back(waiter);
  }

  // Batches and requests read so far, for tests and monitoring.
  struct Stats {
    size_t batches = 0;
    size_t requests = 0;
    size_t largest_batch = 0;
  };
  Stats stats() const {
    absl::MutexLock lock(&mu_);
    return stats_;
  }
  // Reads waiting for a batch right now.
  size_t pending() const {
    absl::MutexLock lock(&mu_);
    return pending_.size();
  }

 private:
  // A queued read: a Read() caller's (on its stack, `done` set when its result is in) or a
  // ReadAsync() call's (on the heap, with a callback; deleted once called back).
  struct Waiter {
    Request request;
    Result result{};
    bool done = false;
    Callback callback;
  };

  // The loop of an async reader thread: runs batches while reads are queued; exits once the
  // coalescer is stopping and nothing is queued.
  void RunReader() {
    absl::MutexLock lock(&mu_);
    for (;;) {
      auto work_or_stop = [this]() ABSL_EXCLUSIVE_LOCKS_REQUIRED(mu_) {
        return (in_flight_ < max_in_flight_ && !pending_.empty()) ||
               (stopping_ && pending_.empty());
      };
      mu_.Await(absl::Condition(&work_or_stop));
      if (pending_.empty()) return;
      RunBatchAndCallBack();
    }
  }

  // Runs one batch (see RunBatch), then calls the callbacks of its asynchronous reads with the
  // lock released.
  void RunBatchAndCallBack() ABSL_EXCLUSIVE_LOCKS_REQUIRED(mu_) {
    std::vector<Waiter*> completed = RunBatch();
    if (completed.empty()) return;
    mu_.Unlock();
    for (Waiter* waiter : completed) {
      std::move(waiter->callback)(std::move(waiter->result));
      delete waiter;
    }
    mu_.Lock();
  }

  // Takes the oldest waiting requests (up to max_batch) and reads them with the lock released.
  // Marks the synchronous ones done and returns the asynchronous ones, which still await their
  // callbacks.
  std::vector<Waiter*> RunBatch() ABSL_EXCLUSIVE_LOCKS_REQUIRED(mu_) {
    std::vector<Waiter*> batch;
    std::vector<Request> requests;
    while (!pending_.empty() && batch.size() < max_batch_) {
      batch.push_back(pending_.front());
      requests.push_back(pending_.front()->request);
      pending_.pop_front();
    }
    ++in_flight_;
    ++stats_.batches;
    stats_.requests += batch.size();
    stats_.largest_batch = std::max(stats_.largest_batch, batch.size());
    mu_.Unlock();
    std::vector<Result> results = batch_read_(requests);
    mu_.Lock();
    --in_flight_;
    std::vector<Waiter*> completed;
    for (size_t i = 0; i < batch.size(); ++i) {
      batch[i]->result = std::move(results[i]);
      if (batch[i]->callback) {
        completed.push_back(batch[i]);
      } else {
        batch[i]->done = true;
      }
    }
    return completed;
  }

  const size_t max_in_flight_;
  const size_t max_batch_;
  const BatchRead batch_read_;
  mutable absl::Mutex mu_;
  std::deque<Waiter*> pending_ ABSL_GUARDED_BY(mu_);
  size_t in_flight_ ABSL_GUARDED_BY(mu_) = 0;
  bool stopping_ ABSL_GUARDED_BY(mu_) = false;
  Stats stats_ ABSL_GUARDED_BY(mu_);
  // Started by the constructor, after everything they use.
  std::vector<std::thread> readers_;
};

}  // namespace usersessions::server

#endif  // USERSESSIONS_SERVER_STORAGE_READ_COALESCER_H_
