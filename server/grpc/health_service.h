// grpc.health.v1.Health, generated from protos/grpc/health/v1/health.proto so that its
// descriptors are in the reflection pool. sessiond serves one HealthStatus on the main port and,
// with --health-listen, on a separate plaintext port.
#ifndef USERSESSIONS_SERVER_GRPC_HEALTH_SERVICE_H_
#define USERSESSIONS_SERVER_GRPC_HEALTH_SERVICE_H_

#include <map>
#include <string>

#include "absl/base/thread_annotations.h"
#include "absl/synchronization/mutex.h"
#include "grpc/health/v1/health.grpc.pb.h"

namespace usersessions::server {

// Health service names.
inline constexpr char kOverallHealthService[] = "";
inline constexpr char kSessionStoreHealthService[] = "usersessions.v1.SessionStore";
inline constexpr char kLivenessHealthService[] = "liveness";

// The serving status of each health service name. Thread-safe.
class HealthStatus {
 public:
  using ServingStatus = grpc::health::v1::HealthCheckResponse::ServingStatus;

  HealthStatus();

  // Readiness: "" and "usersessions.v1.SessionStore" follow the store.
  void SetStoreReachable(bool reachable);
  // Called when shutdown begins: every name, liveness included, becomes NOT_SERVING.
  void SetShuttingDown();

  // SERVICE_UNKNOWN for a name that is not registered.
  ServingStatus Get(const std::string& service) const;

  // Waits until the status of `service` differs from `last` or `timeout` passes; returns the
  // current status.
  ServingStatus WaitForChange(const std::string& service, ServingStatus last,
                              absl::Duration timeout) const;

 private:
  mutable absl::Mutex mu_;
  std::map<std::string, ServingStatus> statuses_ ABSL_GUARDED_BY(mu_);
};

// The gRPC service over a HealthStatus, which must outlive it.
class HealthServiceImpl final : public grpc::health::v1::Health::Service {
 public:
  explicit HealthServiceImpl(const HealthStatus* status) : status_(status) {}

  // NOT_FOUND for an unknown service name, as the protocol specifies.
  grpc::Status Check(grpc::ServerContext* context,
                     const grpc::health::v1::HealthCheckRequest* request,
                     grpc::health::v1::HealthCheckResponse* response) override;

  // Streams the status now and on every change until the client cancels or the server stops.
  grpc::Status Watch(grpc::ServerContext* context,
                     const grpc::health::v1::HealthCheckRequest* request,
                     grpc::ServerWriter<grpc::health::v1::HealthCheckResponse>* writer) override;

 private:
  const HealthStatus* status_;
};

}  // namespace usersessions::server

#endif  // USERSESSIONS_SERVER_GRPC_HEALTH_SERVICE_H_
