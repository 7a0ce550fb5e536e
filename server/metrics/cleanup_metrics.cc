#include "server/metrics/cleanup_metrics.h"

namespace usersessions::server::metrics {

CleanupMetrics CleanupMetrics::Register(Registry* registry) {
  CounterFamily* runs = registry->AddCounterFamily(
      "usersessions_cleanup_runs_total",
      "Runs of the periodic cleanup of expired sessions, by result (done, skipped because another "
      "replica held the cleanup lock, failed).",
      {"result"});
  CleanupMetrics metrics;
  metrics.runs_done = runs->WithLabels({"done"});
  metrics.runs_skipped = runs->WithLabels({"skipped"});
  metrics.runs_failed = runs->WithLabels({"failed"});
  metrics.deleted_sessions =
      registry->AddCounter("usersessions_cleanup_deleted_sessions_total",
                           "Expired session rows deleted by the periodic cleanup of this replica.");
  return metrics;
}

}  // namespace usersessions::server::metrics
