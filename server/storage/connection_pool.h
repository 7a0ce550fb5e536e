// A bounded pool of database connections, shared by the MySQL and SQLite stores.
#ifndef USERSESSIONS_SERVER_STORAGE_CONNECTION_POOL_H_
#define USERSESSIONS_SERVER_STORAGE_CONNECTION_POOL_H_

#include <cstddef>
#include <functional>
#include <memory>
#include <utility>
#include <vector>

#include "absl/base/thread_annotations.h"
#include "absl/status/status.h"
#include "absl/status/statusor.h"
#include "absl/synchronization/mutex.h"
#include "absl/time/time.h"
#include "common/errors.h"

namespace usersessions::server {

// Hands out at most `max_size` connections, creating them lazily with `factory` and reusing idle
// ones. A Lease returns its connection when destroyed; a connection that saw a connection-level
// error must be dropped with Lease::Discard(), and DiscardIdle() drops every idle one (they are
// likely dead too, for example after the database restarted). Thread-safe.
template <typename Connection>
class ConnectionPool {
 public:
  using Factory = std::function<absl::StatusOr<std::unique_ptr<Connection>>()>;

  class Lease {
   public:
    Lease(Lease&& other) noexcept
        : pool_(std::exchange(other.pool_, nullptr)),
          connection_(std::move(other.connection_)),
          generation_(other.generation_) {}
    Lease& operator=(Lease&&) = delete;
    ~Lease() {
      if (pool_ != nullptr) pool_->Release(std::move(connection_), generation_);
    }
    Connection* operator->() const { return connection_.get(); }
    Connection& operator*() const { return *connection_; }
    // Closes the connection instead of returning it to the pool.
    void Discard() { connection_.reset(); }

   private:
    friend class ConnectionPool;
    Lease(ConnectionPool* pool, std::unique_ptr<Connection> connection, uint64_t generation)
        : pool_(pool), connection_(std::move(connection)), generation_(generation) {}
    ConnectionPool* pool_;
    std::unique_ptr<Connection> connection_;
    uint64_t generation_;
  };

  ConnectionPool(size_t max_size, Factory factory, absl::Duration acquire_timeout)
      : max_size_(max_size), factory_(std::move(factory)), acquire_timeout_(acquire_timeout) {}

  // Returns an idle connection, or a new one while fewer than max_size exist. Waits up to the
  // acquire timeout for one to come back; then UNAVAILABLE. Returns the factory's error if
  // opening a connection fails.
  absl::StatusOr<Lease> Acquire() {
    uint64_t generation;
    {
      absl::MutexLock lock(&mu_);
      auto can_proceed = [this]() ABSL_EXCLUSIVE_LOCKS_REQUIRED(mu_) {
        return !idle_.empty() || open_ < max_size_;
      };
      if (!mu_.AwaitWithTimeout(absl::Condition(&can_proceed), acquire_timeout_)) {
        return StoreUnavailableError("timed out waiting for a free database connection");
      }
      ++in_use_;
      generation = generation_;
      if (!idle_.empty()) {
        std::unique_ptr<Connection> connection = std::move(idle_.back());
        idle_.pop_back();
        return Lease(this, std::move(connection), generation);
      }
      ++open_;
    }
    absl::StatusOr<std::unique_ptr<Connection>> connection = factory_();
    if (!connection.ok()) {
      absl::MutexLock lock(&mu_);
      --open_;
      --in_use_;
      return connection.status();
    }
    return Lease(this, *std::move(connection), generation);
  }

  // Closes every idle connection; connections in use are closed when they come back.
  void DiscardIdle() {
    std::vector<std::unique_ptr<Connection>> doomed;
    absl::MutexLock lock(&mu_);
    ++generation_;
    open_ -= idle_.size();
    doomed.swap(idle_);
  }

  size_t InUse() const {
    absl::MutexLock lock(&mu_);
    return in_use_;
  }
  size_t Idle() const {
    absl::MutexLock lock(&mu_);
    return idle_.size();
  }

 private:
  void Release(std::unique_ptr<Connection> connection, uint64_t generation) {
    absl::MutexLock lock(&mu_);
    --in_use_;
    if (connection == nullptr || generation != generation_) {
      --open_;
      return;  // `connection` closes outside no lock-sensitive work; destruction is cheap.
    }
    idle_.push_back(std::move(connection));
  }

  const size_t max_size_;
  const Factory factory_;
  const absl::Duration acquire_timeout_;
  mutable absl::Mutex mu_;
  std::vector<std::unique_ptr<Connection>> idle_ ABSL_GUARDED_BY(mu_);
  size_t open_ ABSL_GUARDED_BY(mu_) = 0;
  size_t in_use_ ABSL_GUARDED_BY(mu_) = 0;
  uint64_t generation_ ABSL_GUARDED_BY(mu_) = 0;
};

}  // namespace usersessions::server

#endif  // USERSESSIONS_SERVER_STORAGE_CONNECTION_POOL_H_
