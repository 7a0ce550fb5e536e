// Coalescing of concurrent point reads into multi-key reads, for stores that pay a network round
// trip per statement.
#ifndef USERSESSIONS_SERVER_STORAGE_READ_COALESCER_H_
#define USERSESSIONS_SERVER_STORAGE_READ_COALESCER_H_

#include <algorithm>
#include <cstddef>
#include <deque>
#include <functional>
#include <utility>
#include <vector>

#include "absl/base/thread_annotations.h"
#include "absl/synchronization/mutex.h"

namespace usersessions::server {

// Runs Read() calls from many threads through at most `max_in_flight` concurrent batch reads of
// at most `max_batch` requests each. A caller that finds a batch slot free starts a batch at once
// with every request waiting (its own included), so a lone caller pays no delay; callers that
// arrive while all slots are busy queue up and share the next batch. Under load, N concurrent
// point reads thus cost about N / batch-size statements instead of N.
//
// `batch_read` gets the requests of one batch, in arrival order, and must return exactly one
// result per request, in the same order. It runs on one of the callers' threads, without the
// coalescer's lock held. Thread-safe.
template <typename Request, typename Result>
class ReadCoalescer {
 public:
  using BatchRead = std::function<std::vector<Result>(const std::vector<Request>& requests)>;

  ReadCoalescer(size_t max_in_flight, size_t max_batch, BatchRead batch_read)
      : max_in_flight_(std::max<size_t>(max_in_flight, 1)),
        max_batch_(std::max<size_t>(max_batch, 1)),
        batch_read_(std::move(batch_read)) {}

  ReadCoalescer(const ReadCoalescer&) = delete;
  ReadCoalescer& operator=(const ReadCoalescer&) = delete;

  // Returns the result of `request`, read alone or together with concurrent requests.
  Result Read(Request request) {
    Waiter self{std::move(request)};
    absl::MutexLock lock(&mu_);
    pending_.push_back(&self);
    for (;;) {
      auto done_or_slot_free = [this, &self]() ABSL_EXCLUSIVE_LOCKS_REQUIRED(mu_) {
        return self.done || (in_flight_ < max_in_flight_ && !pending_.empty());
      };
      mu_.Await(absl::Condition(&done_or_slot_free));
      if (self.done) return std::move(self.result);
      RunBatch();
    }
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
  struct Waiter {
    Request request;
    Result result{};
    bool done = false;
  };

  // Takes the oldest waiting requests (up to max_batch) and reads them with the lock released.
  void RunBatch() ABSL_EXCLUSIVE_LOCKS_REQUIRED(mu_) {
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
    for (size_t i = 0; i < batch.size(); ++i) {
      batch[i]->result = std::move(results[i]);
      batch[i]->done = true;
    }
  }

  const size_t max_in_flight_;
  const size_t max_batch_;
  const BatchRead batch_read_;
  mutable absl::Mutex mu_;
  std::deque<Waiter*> pending_ ABSL_GUARDED_BY(mu_);
  size_t in_flight_ ABSL_GUARDED_BY(mu_) = 0;
  Stats stats_ ABSL_GUARDED_BY(mu_);
};

}  // namespace usersessions::server

#endif  // USERSESSIONS_SERVER_STORAGE_READ_COALESCER_H_
