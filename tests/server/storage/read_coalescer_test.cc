#include "server/storage/read_coalescer.h"

#include <atomic>
#include <map>
#include <string>
#include <thread>
#include <vector>

#include "absl/synchronization/mutex.h"
#include "absl/synchronization/notification.h"
#include "absl/time/time.h"
#include "gmock/gmock.h"
#include "gtest/gtest.h"

namespace usersessions::server {
namespace {

using ::testing::ElementsAre;
using ::testing::UnorderedElementsAre;

using Coalescer = ReadCoalescer<int, std::string>;

std::vector<std::string> Echo(const std::vector<int>& requests) {
  std::vector<std::string> results;
  for (int request : requests) results.push_back("value " + std::to_string(request));
  return results;
}

// A batch reader for the coalescer that records every batch, and holds the batch that is request
// 0 alone until ReleaseFirst(), so that a test can queue reads behind a busy slot.
class GatedBatches {
 public:
  Coalescer::BatchRead Reader() {
    return [this](const std::vector<int>& requests) { return Read(requests); };
  }
  void AwaitFirstStarted() { first_started_.WaitForNotification(); }
  void ReleaseFirst() { release_first_.Notify(); }
  std::vector<std::vector<int>> batches() const {
    absl::MutexLock lock(&mu_);
    return batches_;
  }

 private:
  std::vector<std::string> Read(const std::vector<int>& requests) {
    {
      absl::MutexLock lock(&mu_);
      batches_.push_back(requests);
    }
    if (requests == std::vector<int>{0}) {
      first_started_.Notify();
      release_first_.WaitForNotification();
    }
    return Echo(requests);
  }

  absl::Notification first_started_;
  absl::Notification release_first_;
  mutable absl::Mutex mu_;
  std::vector<std::vector<int>> batches_ ABSL_GUARDED_BY(mu_);
};

TEST(ReadCoalescerTest, ALoneReadRunsAtOnceInABatchOfItsOwn) {
  std::vector<std::vector<int>> batches;
  Coalescer coalescer(1, 8, [&](const std::vector<int>& requests) {
    batches.push_back(requests);
    return Echo(requests);
  });
  EXPECT_EQ(coalescer.Read(7), "value 7");
  EXPECT_EQ(coalescer.Read(8), "value 8");
  EXPECT_THAT(batches, ElementsAre(ElementsAre(7), ElementsAre(8)));
}

// While the only batch slot is busy, later reads queue and then share one batch; each gets its
// own result.
TEST(ReadCoalescerTest, ReadsArrivingWhileTheSlotIsBusyShareTheNextBatch) {
  GatedBatches gate;
  Coalescer coalescer(1, 8, gate.Reader());

  std::string first_result;
  std::thread first([&] { first_result = coalescer.Read(0); });
  gate.AwaitFirstStarted();
  constexpr int kQueued = 5;
  std::vector<std::string> results(kQueued + 1);
  std::vector<std::thread> queued;
  for (int i = 1; i <= kQueued; ++i) {
    queued.emplace_back([&, i] { results[i] = coalescer.Read(i); });
  }
  // Every queued read must be waiting before the slot frees up.
  while (true) {
    if (coalescer.pending() == static_cast<size_t>(kQueued)) break;
    absl::SleepFor(absl::Milliseconds(1));
  }
  gate.ReleaseFirst();
  first.join();
  for (std::thread& thread : queued) thread.join();

  EXPECT_EQ(first_result, "value 0");
  for (int i = 1; i <= kQueued; ++i) EXPECT_EQ(results[i], "value " + std::to_string(i));
  const std::vector<std::vector<int>> batches = gate.batches();
  ASSERT_EQ(batches.size(), 2u);
  EXPECT_THAT(batches[1], UnorderedElementsAre(1, 2, 3, 4, 5));  // in arrival order
  EXPECT_EQ(coalescer.stats().batches, 2u);
  EXPECT_EQ(coalescer.stats().requests, 6u);
  EXPECT_EQ(coalescer.stats().largest_batch, 5u);
}

TEST(ReadCoalescerTest, BatchesNeverExceedTheMaximumSize) {
  std::atomic<size_t> largest{0};
  Coalescer coalescer(1, 3, [&](const std::vector<int>& requests) {
    size_t seen = largest.load();
    while (requests.size() > seen && !largest.compare_exchange_weak(seen, requests.size())) {
    }
    absl::SleepFor(absl::Milliseconds(2));
    return Echo(requests);
  });
  std::vector<std::thread> threads;
  std::vector<std::string> results(32);
  for (int i = 0; i < 32; ++i) {
    threads.emplace_back([&, i] { results[i] = coalescer.Read(i); });
  }
  for (std::thread& thread : threads) thread.join();
  for (int i = 0; i < 32; ++i) EXPECT_EQ(results[i], "value " + std::to_string(i));
  EXPECT_LE(largest.load(), 3u);
  EXPECT_EQ(coalescer.stats().requests, 32u);
}

TEST(ReadCoalescerTest, NoMoreThanMaxInFlightBatchesRunAtOnce) {
  std::atomic<int> running{0};
  std::atomic<int> most{0};
  Coalescer coalescer(2, 1, [&](const std::vector<int>& requests) {
    const int now = ++running;
    int seen = most.load();
    while (now > seen && !most.compare_exchange_weak(seen, now)) {
    }
    absl::SleepFor(absl::Milliseconds(2));
    --running;
    return Echo(requests);
  });
  std::vector<std::thread> threads;
  for (int i = 0; i < 16; ++i) threads.emplace_back([&, i] { coalescer.Read(i); });
  for (std::thread& thread : threads) thread.join();
  EXPECT_LE(most.load(), 2);
  EXPECT_EQ(coalescer.stats().batches, 16u);
}

// A ReadAsync() result arrives through its callback, on one of the coalescer's reader threads.
TEST(ReadCoalescerTest, AnAsyncReadIsCalledBackFromAReaderThread) {
  Coalescer coalescer(1, 8, Echo, /*async_readers=*/1);
  absl::Notification called;
  std::string result;
  std::thread::id callback_thread;
  coalescer.ReadAsync(7, [&](std::string value) {
    result = std::move(value);
    callback_thread = std::this_thread::get_id();
    called.Notify();
  });
  ASSERT_TRUE(called.WaitForNotificationWithTimeout(absl::Seconds(10)));
  EXPECT_EQ(result, "value 7");
  EXPECT_NE(callback_thread, std::this_thread::get_id());
}

// Asynchronous reads queued while the only slot is busy share the next batch, and each callback
// gets its own result.
TEST(ReadCoalescerTest, AsyncReadsQueuedBehindABusySlotShareOneBatch) {
  GatedBatches gate;
  Coalescer coalescer(1, 8, gate.Reader(), /*async_readers=*/2);
  absl::Mutex mu;
  std::map<int, std::string> results;
  auto record = [&](int request) {
    return [&, request](std::string value) {
      absl::MutexLock lock(&mu);
      results[request] = std::move(value);
    };
  };
  coalescer.ReadAsync(0, record(0));
  gate.AwaitFirstStarted();
  for (int i = 1; i <= 4; ++i) coalescer.ReadAsync(i, record(i));
  EXPECT_EQ(coalescer.pending(), 4u);
  gate.ReleaseFirst();
  auto all_in = [&]() ABSL_EXCLUSIVE_LOCKS_REQUIRED(mu) { return results.size() == 5; };
  absl::MutexLock lock(&mu);
  ASSERT_TRUE(mu.AwaitWithTimeout(absl::Condition(&all_in), absl::Seconds(10)));
  for (int i = 0; i <= 4; ++i) EXPECT_EQ(results[i], "value " + std::to_string(i));
  EXPECT_THAT(gate.batches(), ElementsAre(ElementsAre(0), ElementsAre(1, 2, 3, 4)));
}

// Destroying the coalescer completes every read still queued: no callback is lost.
TEST(ReadCoalescerTest, DestructionCompletesQueuedAsyncReads) {
  std::atomic<int> called{0};
  {
    Coalescer coalescer(
        1, 2,
        [&](const std::vector<int>& requests) {
          absl::SleepFor(absl::Milliseconds(1));
          return Echo(requests);
        },
        /*async_readers=*/1);
    for (int i = 0; i < 20; ++i) {
      coalescer.ReadAsync(i, [&, i](std::string value) {
        EXPECT_EQ(value, "value " + std::to_string(i));
        ++called;
      });
    }
  }
  EXPECT_EQ(called.load(), 20);
}

// Without async readers, ReadAsync() reads on the calling thread, as Read() does: behind a busy
// slot it queues, and joins the next batch.
TEST(ReadCoalescerTest, WithoutAsyncReadersReadAsyncReadsOnTheCallingThread) {
  GatedBatches gate;
  Coalescer coalescer(1, 8, gate.Reader());
  std::thread first([&] { EXPECT_EQ(coalescer.Read(0), "value 0"); });
  gate.AwaitFirstStarted();
  std::string async_result;
  std::thread::id callback_thread;
  std::thread async_caller([&] {
    coalescer.ReadAsync(1, [&](std::string value) {
      async_result = std::move(value);
      callback_thread = std::this_thread::get_id();
    });
    EXPECT_EQ(callback_thread, std::this_thread::get_id());
  });
  while (coalescer.pending() != 1) absl::SleepFor(absl::Milliseconds(1));
  gate.ReleaseFirst();
  first.join();
  async_caller.join();
  EXPECT_EQ(async_result, "value 1");
  EXPECT_THAT(gate.batches(), ElementsAre(ElementsAre(0), ElementsAre(1)));
}

}  // namespace
}  // namespace usersessions::server
