#include "server/storage/connection_pool.h"

#include <atomic>
#include <thread>
#include <vector>

#include "gtest/gtest.h"
#include "tests/testing/status_matchers.h"

namespace usersessions::server {
namespace {

using usersessions::testing::StatusIs;

struct FakeConnection {
  int id;
};

class ConnectionPoolTest : public ::testing::Test {
 protected:
  ConnectionPool<FakeConnection>::Factory Factory() {
    return [this]() -> absl::StatusOr<std::unique_ptr<FakeConnection>> {
      if (fail_) return absl::UnavailableError("down");
      return std::make_unique<FakeConnection>(FakeConnection{++opened_});
    };
  }
  std::atomic<int> opened_{0};
  std::atomic<bool> fail_{false};
};

TEST_F(ConnectionPoolTest, ReusesIdleConnections) {
  ConnectionPool<FakeConnection> pool(2, Factory(), absl::Seconds(1));
  { ASSERT_OK(pool.Acquire()); }
  { ASSERT_OK(pool.Acquire()); }
  EXPECT_EQ(opened_.load(), 1);
  EXPECT_EQ(pool.Idle(), 1u);
  EXPECT_EQ(pool.InUse(), 0u);
}

TEST_F(ConnectionPoolTest, TimesOutWhenExhausted) {
  ConnectionPool<FakeConnection> pool(1, Factory(), absl::Milliseconds(50));
  auto held = pool.Acquire();
  ASSERT_OK(held);
  EXPECT_THAT(pool.Acquire(), StatusIs(absl::StatusCode::kUnavailable));
}

TEST_F(ConnectionPoolTest, DiscardedAndStaleConnectionsAreNotReused) {
  ConnectionPool<FakeConnection> pool(2, Factory(), absl::Seconds(1));
  {
    auto lease = pool.Acquire();
    ASSERT_OK(lease);
    lease->Discard();
  }
  EXPECT_EQ(pool.Idle(), 0u);
  auto in_use = pool.Acquire();
  ASSERT_OK(in_use);
  { ASSERT_OK(pool.Acquire()); }
  pool.DiscardIdle();
  EXPECT_EQ(pool.Idle(), 0u);
  { auto moved = std::move(*in_use); }  // Returned after DiscardIdle: closed, not pooled.
  EXPECT_EQ(pool.Idle(), 0u);
  auto fresh = pool.Acquire();
  ASSERT_OK(fresh);
  EXPECT_EQ((*fresh)->id, 4);
}

TEST_F(ConnectionPoolTest, FactoryErrorsPassThroughAndFreeTheSlot) {
  ConnectionPool<FakeConnection> pool(1, Factory(), absl::Milliseconds(50));
  fail_ = true;
  EXPECT_THAT(pool.Acquire(), StatusIs(absl::StatusCode::kUnavailable));
  fail_ = false;
  EXPECT_OK(pool.Acquire());
}

TEST_F(ConnectionPoolTest, ManyThreadsShareFewConnections) {
  ConnectionPool<FakeConnection> pool(3, Factory(), absl::Seconds(10));
  std::vector<std::thread> threads;
  std::atomic<int> done{0};
  for (int i = 0; i < 16; ++i) {
    threads.emplace_back([&] {
      for (int k = 0; k < 100; ++k) {
        auto lease = pool.Acquire();
        if (lease.ok()) ++done;
      }
    });
  }
  for (auto& thread : threads) thread.join();
  EXPECT_EQ(done.load(), 1600);
  EXPECT_LE(opened_.load(), 3);
}

}  // namespace
}  // namespace usersessions::server
