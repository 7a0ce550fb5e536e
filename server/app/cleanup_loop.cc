#include "server/app/cleanup_loop.h"

#include "absl/strings/str_cat.h"
#include "server/logging/logger.h"

namespace usersessions::server {
namespace {

// One run stops starting batches after this long; the rest waits for the next interval, so a
// backlog is worked off without holding the lock (or the database) for long.
constexpr absl::Duration kMaxRunDuration = absl::Minutes(1);

}  // namespace

CleanupLoop::CleanupLoop(Store* store, ManagementService* management, absl::Duration interval,
                         const metrics::CleanupMetrics* metrics)
    : store_(store), management_(management), interval_(interval), metrics_(metrics) {
  thread_ = std::thread([this] {
    while (!stop_.WaitForNotificationWithTimeout(interval_)) RunOnce();
  });
}

CleanupLoop::~CleanupLoop() {
  stop_.Notify();
  thread_.join();
}

void CleanupLoop::RunOnce() {
  v1::DeleteExpiredSessionsResponse result;
  absl::StatusOr<bool> ran = store_->RunExclusiveCleanup([&]() -> absl::Status {
    absl::StatusOr<v1::DeleteExpiredSessionsResponse> deleted =
        management_->DeleteExpired(kDefaultCleanupBatchSize, kMaxRunDuration);
    if (!deleted.ok()) return deleted.status();
    result = *deleted;
    return absl::OkStatus();
  });
  if (metrics_ != nullptr) {
    (!ran.ok() ? metrics_->runs_failed
     : *ran    ? metrics_->runs_done
               : metrics_->runs_skipped)
        ->Increment();
    if (ran.ok() && *ran) metrics_->deleted_sessions->Increment(result.deleted_count());
  }
  if (!ran.ok()) {
    LogWarning("cleanup failed", {{"error", std::string(ran.status().message())}});
  } else if (*ran && (result.deleted_count() > 0 || result.more_remaining())) {
    LogInfo("cleanup", {{"deleted", absl::StrCat(result.deleted_count())},
                        {"more_remaining", result.more_remaining() ? "true" : "false"}});
  }
}

}  // namespace usersessions::server
