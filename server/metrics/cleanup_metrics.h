// The counters of sessiond's periodic cleanup of expired sessions.
#ifndef USERSESSIONS_SERVER_METRICS_CLEANUP_METRICS_H_
#define USERSESSIONS_SERVER_METRICS_CLEANUP_METRICS_H_

#include "server/metrics/registry.h"

namespace usersessions::server::metrics {

// usersessions_cleanup_runs_total{result} and usersessions_cleanup_deleted_sessions_total.
// The pointers belong to the registry they were registered in.
struct CleanupMetrics {
  Counter* runs_done = nullptr;     // result="done": this replica held the lock and cleaned.
  Counter* runs_skipped = nullptr;  // result="skipped": another replica held the cleanup lock.
  Counter* runs_failed = nullptr;   // result="failed": the store returned an error.
  Counter* deleted_sessions = nullptr;

  static CleanupMetrics Register(Registry* registry);
};

}  // namespace usersessions::server::metrics

#endif  // USERSESSIONS_SERVER_METRICS_CLEANUP_METRICS_H_
