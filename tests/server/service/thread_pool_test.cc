#include "server/service/thread_pool.h"

#include <atomic>
#include <set>
#include <thread>

#include "absl/synchronization/mutex.h"
#include "absl/synchronization/notification.h"
#include "absl/time/time.h"
#include "gtest/gtest.h"

namespace usersessions::server {
namespace {

TEST(ThreadPoolTest, RunsWorkOnItsOwnThreads) {
  ThreadPool pool(2);
  absl::Notification ran;
  std::thread::id worker;
  pool.Submit([&] {
    worker = std::this_thread::get_id();
    ran.Notify();
  });
  ASSERT_TRUE(ran.WaitForNotificationWithTimeout(absl::Seconds(10)));
  EXPECT_NE(worker, std::this_thread::get_id());
}

TEST(ThreadPoolTest, RunsUpToItsThreadCountAtOnceAndQueuesTheRest) {
  constexpr int kThreads = 3;
  ThreadPool pool(kThreads);
  absl::Mutex mu;
  int running = 0;
  absl::Notification release;
  for (int i = 0; i < kThreads + 2; ++i) {
    pool.Submit([&] {
      {
        absl::MutexLock lock(&mu);
        ++running;
      }
      release.WaitForNotification();
    });
  }
  {
    absl::MutexLock lock(&mu);
    ASSERT_TRUE(mu.AwaitWithTimeout(absl::Condition(
                                        +[](int* n) { return *n == kThreads; }, &running),
                                    absl::Seconds(10)));
  }
  absl::SleepFor(absl::Milliseconds(20));  // Give a wrongly started fourth task time to show.
  {
    absl::MutexLock lock(&mu);
    EXPECT_EQ(running, kThreads);
  }
  EXPECT_EQ(pool.queued(), 2u);
  release.Notify();
}

TEST(ThreadPoolTest, DestructionRunsEverythingSubmitted) {
  std::atomic<int> ran{0};
  {
    ThreadPool pool(2);
    for (int i = 0; i < 100; ++i) {
      pool.Submit([&] {
        absl::SleepFor(absl::Microseconds(100));
        ++ran;
      });
    }
  }
  EXPECT_EQ(ran.load(), 100);
}

TEST(ThreadPoolTest, WorkMaySubmitMoreWork) {
  std::atomic<int> ran{0};
  absl::Notification done;
  ThreadPool pool(1);
  pool.Submit([&] {
    ++ran;
    pool.Submit([&] {
      ++ran;
      done.Notify();
    });
  });
  ASSERT_TRUE(done.WaitForNotificationWithTimeout(absl::Seconds(10)));
  EXPECT_EQ(ran.load(), 2);
}

}  // namespace
}  // namespace usersessions::server
