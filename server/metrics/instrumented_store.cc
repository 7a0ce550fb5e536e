#include "server/metrics/instrumented_store.h"

#include <array>
#include <utility>

#include "absl/status/status.h"

namespace usersessions::server::metrics {
namespace {

constexpr int kCodes = 17;  // absl::StatusCode::kOk .. kUnauthenticated

class InstrumentedStore final : public Store {
 public:
  InstrumentedStore(std::unique_ptr<Store> store, Registry* registry) : store_(std::move(store)) {
    CounterFamily* errors = registry->AddCounterFamily(
        "usersessions_store_errors_total",
        "Failed store calls by status code (NOT_FOUND, an unknown or expired session, is not "
        "counted). UNAVAILABLE means the database was unreachable.",
        {"code"});
    for (int code = 1; code < kCodes; ++code) {
      if (code == static_cast<int>(absl::StatusCode::kNotFound)) continue;
      errors_[code] =
          errors->WithLabels({absl::StatusCodeToString(static_cast<absl::StatusCode>(code))});
    }
  }

  absl::Status Insert(const SessionRecord& record) override {
    return Count(store_->Insert(record));
  }
  absl::StatusOr<SessionRecord> FindLive(absl::string_view key_hash, absl::Time now) override {
    return Count(store_->FindLive(key_hash, now));
  }
  void FindLiveAsync(std::string key_hash, absl::Time now, FindLiveCallback done) override {
    store_->FindLiveAsync(
        std::move(key_hash), now,
        [this, done = std::move(done)](absl::StatusOr<SessionRecord> record) mutable {
          std::move(done)(Count(std::move(record)));
        });
  }
  absl::Status RecordActivity(const ActivityUpdate& update, absl::Time now) override {
    return Count(store_->RecordActivity(update, now));
  }
  absl::Status UpdateIfVersion(const DataUpdate& update, absl::Time now) override {
    return Count(store_->UpdateIfVersion(update, now));
  }
  absl::Status ReplaceKey(absl::string_view old_key_hash, absl::string_view new_key_hash,
                          absl::Time now) override {
    return Count(store_->ReplaceKey(old_key_hash, new_key_hash, now));
  }
  absl::Status Delete(absl::string_view key_hash) override {
    return Count(store_->Delete(key_hash));
  }
  absl::StatusOr<std::vector<SessionRecord>> List(const ListQuery& query, absl::Time now) override {
    return Count(store_->List(query, now));
  }
  absl::StatusOr<SessionRecord> FindById(absl::string_view session_id) override {
    return Count(store_->FindById(session_id));
  }
  absl::Status DeleteById(absl::string_view session_id, absl::string_view owner,
                          absl::Time now) override {
    return Count(store_->DeleteById(session_id, owner, now));
  }
  absl::StatusOr<int64_t> DeleteUserSessions(absl::string_view user_id,
                                             absl::string_view keep_key_hash,
                                             absl::string_view keep_session_id,
                                             absl::Time now) override {
    return Count(store_->DeleteUserSessions(user_id, keep_key_hash, keep_session_id, now));
  }
  absl::StatusOr<int64_t> DeleteExpiredBatch(absl::Time now, int batch_size) override {
    return Count(store_->DeleteExpiredBatch(now, batch_size));
  }
  absl::StatusOr<bool> RunExclusiveCleanup(const std::function<absl::Status()>& cleanup) override {
    return Count(store_->RunExclusiveCleanup(cleanup));
  }
  absl::Status Ping() override { return Count(store_->Ping()); }
  absl::StatusOr<std::vector<std::string>> Migrate() override { return Count(store_->Migrate()); }
  absl::StatusOr<std::vector<std::string>> PendingMigrations() override {
    return Count(store_->PendingMigrations());
  }
  PoolStats GetPoolStats() const override { return store_->GetPoolStats(); }

 private:
  void CountStatus(const absl::Status& status) {
    int code = static_cast<int>(status.code());
    if (code <= 0) return;
    if (code >= kCodes) code = static_cast<int>(absl::StatusCode::kUnknown);
    if (errors_[code] != nullptr) errors_[code]->Increment();
  }
  absl::Status Count(absl::Status status) {
    CountStatus(status);
    return status;
  }
  template <typename T>
  absl::StatusOr<T> Count(absl::StatusOr<T> result) {
    CountStatus(result.status());
    return result;
  }

  const std::unique_ptr<Store> store_;
  std::array<Counter*, kCodes> errors_{};
};

}  // namespace

std::unique_ptr<Store> InstrumentStore(std::unique_ptr<Store> store, Registry* registry) {
  return std::make_unique<InstrumentedStore>(std::move(store), registry);
}

}  // namespace usersessions::server::metrics
