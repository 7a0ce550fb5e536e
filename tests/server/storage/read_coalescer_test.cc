#include "server/storage/read_coalescer.h"

#include <atomic>
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
  absl::Notification first_started;
  absl::Notification release_first;
  absl::Mutex mu;
  std::vector<std::vector<int>> batches;
  Coalescer coalescer(1, 8, [&](const std::vector<int>& requests) {
    {
      absl::MutexLock lock(&mu);
      batches.push_back(requests);
    }
    if (requests == std::vector<int>{0}) {
      first_started.Notify();
      release_first.WaitForNotification();
    }
    return Echo(requests);
  });

  std::string first_result;
  std::thread first([&] { first_result = coalescer.Read(0); });
  first_started.WaitForNotification();
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
  release_first.Notify();
  first.join();
  for (std::thread& thread : queued) thread.join();

  EXPECT_EQ(first_result, "value 0");
  for (int i = 1; i <= kQueued; ++i) EXPECT_EQ(results[i], "value " + std::to_string(i));
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

}  // namespace
}  // namespace usersessions::server
