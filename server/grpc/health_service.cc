#include "server/grpc/health_service.h"

namespace usersessions::server {

using grpc::health::v1::HealthCheckResponse;

HealthStatus::HealthStatus() {
  absl::MutexLock lock(&mu_);
  statuses_[kOverallHealthService] = HealthCheckResponse::NOT_SERVING;
  statuses_[kSessionStoreHealthService] = HealthCheckResponse::NOT_SERVING;
  statuses_[kLivenessHealthService] = HealthCheckResponse::SERVING;
}

void HealthStatus::SetStoreReachable(bool reachable) {
  absl::MutexLock lock(&mu_);
  if (statuses_[kLivenessHealthService] != HealthCheckResponse::SERVING) return;  // Shutting down.
  const ServingStatus status =
      reachable ? HealthCheckResponse::SERVING : HealthCheckResponse::NOT_SERVING;
  statuses_[kOverallHealthService] = status;
  statuses_[kSessionStoreHealthService] = status;
}

void HealthStatus::SetShuttingDown() {
  absl::MutexLock lock(&mu_);
  for (auto& [name, status] : statuses_) status = HealthCheckResponse::NOT_SERVING;
}

HealthStatus::ServingStatus HealthStatus::Get(const std::string& service) const {
  absl::MutexLock lock(&mu_);
  auto it = statuses_.find(service);
  return it == statuses_.end() ? HealthCheckResponse::SERVICE_UNKNOWN : it->second;
}

HealthStatus::ServingStatus HealthStatus::WaitForChange(const std::string& service,
                                                        ServingStatus last,
                                                        absl::Duration timeout) const {
  absl::MutexLock lock(&mu_);
  auto current = [&]() ABSL_EXCLUSIVE_LOCKS_REQUIRED(mu_) {
    auto it = statuses_.find(service);
    return it == statuses_.end() ? HealthCheckResponse::SERVICE_UNKNOWN : it->second;
  };
  auto changed = [&]() ABSL_EXCLUSIVE_LOCKS_REQUIRED(mu_) { return current() != last; };
  mu_.AwaitWithTimeout(absl::Condition(&changed), timeout);
  return current();
}

grpc::Status HealthServiceImpl::Check(grpc::ServerContext*,
                                      const grpc::health::v1::HealthCheckRequest* request,
                                      HealthCheckResponse* response) {
  const auto status = status_->Get(request->service());
  if (status == HealthCheckResponse::SERVICE_UNKNOWN) {
    return grpc::Status(grpc::StatusCode::NOT_FOUND, "unknown health service name");
  }
  response->set_status(status);
  return grpc::Status::OK;
}

grpc::Status HealthServiceImpl::Watch(grpc::ServerContext* context,
                                      const grpc::health::v1::HealthCheckRequest* request,
                                      grpc::ServerWriter<HealthCheckResponse>* writer) {
  auto status = status_->Get(request->service());
  HealthCheckResponse response;
  response.set_status(status);
  if (!writer->Write(response)) return grpc::Status::OK;
  while (!context->IsCancelled()) {
    const auto next = status_->WaitForChange(request->service(), status, absl::Seconds(1));
    if (next == status) continue;
    status = next;
    response.set_status(status);
    if (!writer->Write(response)) break;
    // Shutting down: the final NOT_SERVING was sent; end the stream so draining is not held up.
    if (status_->Get(kLivenessHealthService) != HealthCheckResponse::SERVING) break;
  }
  return grpc::Status::OK;
}

}  // namespace usersessions::server
