// sessiond's periodic cleanup of expired sessions (the seed's clearsessions, automated).
#ifndef USERSESSIONS_SERVER_APP_CLEANUP_LOOP_H_
#define USERSESSIONS_SERVER_APP_CLEANUP_LOOP_H_

#include <thread>

#include "absl/synchronization/notification.h"
#include "absl/time/time.h"
#include "server/metrics/cleanup_metrics.h"
#include "server/service/management_service.h"
#include "server/storage/store.h"

namespace usersessions::server {

// Every `interval`, deletes expired sessions in bounded batches under the store's cleanup lock,
// so that of several replicas on one database only one cleans at a time. Runs on its own thread
// from construction to destruction; failures are logged and retried at the next interval. Each
// run is counted in `metrics` when given (it must outlive the loop).
class CleanupLoop {
 public:
  CleanupLoop(Store* store, ManagementService* management, absl::Duration interval,
              const metrics::CleanupMetrics* metrics = nullptr);
  ~CleanupLoop();

 private:
  void RunOnce();

  Store* const store_;
  ManagementService* const management_;
  const absl::Duration interval_;
  const metrics::CleanupMetrics* const metrics_;
  absl::Notification stop_;
  std::thread thread_;
};

}  // namespace usersessions::server

#endif  // USERSESSIONS_SERVER_APP_CLEANUP_LOOP_H_
