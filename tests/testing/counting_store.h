// A Store decorator that counts the writes reaching a real backend, so tests can prove that
// reads cost no writes (touch coalescing).
#ifndef USERSESSIONS_TESTS_TESTING_COUNTING_STORE_H_
#define USERSESSIONS_TESTS_TESTING_COUNTING_STORE_H_

#include <atomic>

#include "server/storage/store.h"

namespace usersessions::testing {

// Thread-safe if the wrapped store is. Does not own `store`.
class CountingStore final : public server::Store {
 public:
  explicit CountingStore(server::Store* store) : store_(store) {}

  int writes() const { return writes_.load(); }
  int reads() const { return reads_.load(); }

  absl::Status Insert(const server::SessionRecord& record) override {
    ++writes_;
    return store_->Insert(record);
  }
  absl::StatusOr<server::SessionRecord> FindLive(absl::string_view key_hash,
                                                 absl::Time now) override {
    ++reads_;
    return store_->FindLive(key_hash, now);
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
  absl::Status Ping() override { return store_->Ping(); }
  absl::StatusOr<std::vector<std::string>> Migrate() override { return store_->Migrate(); }
  absl::StatusOr<std::vector<std::string>> PendingMigrations() override {
    return store_->PendingMigrations();
  }

 private:
  server::Store* store_;
  std::atomic<int> writes_{0};
  std::atomic<int> reads_{0};
};

}  // namespace usersessions::testing

#endif  // USERSESSIONS_TESTS_TESTING_COUNTING_STORE_H_
