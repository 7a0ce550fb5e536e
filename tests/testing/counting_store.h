// A Store decorator that counts the writes reaching a real backend, so tests can prove that
// reads cost no writes (touch coalescing).
#ifndef USERSESSIONS_TESTS_TESTING_COUNTING_STORE_H_
#define USERSESSIONS_TESTS_TESTING_COUNTING_STORE_H_

#include <atomic>
#include <string>
#include <utility>

#include "server/storage/store.h"

namespace usersessions::testing {

// Thread-safe if the wrapped store is. Does not own `store`.
class CountingStore final : public server::Store {
 public:
  explicit CountingStore(server::Store* store) : store_(store) {}

  int writes() const { return writes_.load(); }

  absl::Status Insert(const server::SessionRecord& record) override {
    ++writes_;
    return store_->Insert(record);
  }
  absl::StatusOr<server::SessionRecord> FindLive(absl::string_view key_hash,
                                                 absl::Time now) override {
    return store_->FindLive(key_hash, now);
  }
  void FindLiveAsync(std::string key_hash, absl::Time now, FindLiveCallback done) override {
    store_->FindLiveAsync(std::move(key_hash), now, std::move(done));
  }
  absl::Status RecordActivity(const server::ActivityUpdate& update, absl::Time now) override {
    ++writes_;
    return store_->RecordActivity(update, now);
  }
  absl::Status UpdateIfVersion(const server::DataUpdate& update, absl::Time now) override {
    ++writes_;
    return store_->UpdateIfVersion(update, now);
  }
  absl::Status ReplaceKey(absl::string_view old_key_hash, absl::string_view new_key_hash,
                          absl::Time now) override {
    ++writes_;
    return store_->ReplaceKey(old_key_hash, new_key_hash, now);
  }
  absl::Status Delete(absl::string_view key_hash) override {
    ++writes_;
    return store_->Delete(key_hash);
  }
  absl::StatusOr<std::vector<server::SessionRecord>> List(const server::ListQuery& query,
                                                          absl::Time now) override {
    return store_->List(query, now);
  }
  absl::StatusOr<server::SessionRecord> FindById(absl::string_view session_id) override {
    return store_->FindById(session_id);
  }
  absl::Status DeleteById(absl::string_view session_id, absl::string_view owner,
                          absl::Time now) override {
    ++writes_;
    return store_->DeleteById(session_id, owner, now);
  }
  absl::StatusOr<int64_t> DeleteUserSessions(absl::string_view user_id,
                                             absl::string_view keep_key_hash,
                                             absl::string_view keep_session_id,
                                             absl::Time now) override {
    ++writes_;
    return store_->DeleteUserSessions(user_id, keep_key_hash, keep_session_id, now);
  }
  absl::StatusOr<int64_t> DeleteExpiredBatch(absl::Time now, int batch_size) override {
    ++writes_;
    return store_->DeleteExpiredBatch(now, batch_size);
  }
  absl::StatusOr<bool> RunExclusiveCleanup(const std::function<absl::Status()>& cleanup) override {
    return store_->RunExclusiveCleanup(cleanup);
  }
  absl::Status Ping() override { return store_->Ping(); }
  absl::StatusOr<std::vector<std::string>> Migrate() override { return store_->Migrate(); }
  absl::StatusOr<std::vector<std::string>> PendingMigrations() override {
    return store_->PendingMigrations();
  }
  PoolStats GetPoolStats() const override { return store_->GetPoolStats(); }

 private:
  server::Store* store_;
  std::atomic<int> writes_{0};
};

}  // namespace usersessions::testing

#endif  // USERSESSIONS_TESTS_TESTING_COUNTING_STORE_H_
