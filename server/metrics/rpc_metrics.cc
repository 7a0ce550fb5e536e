#include "server/metrics/rpc_metrics.h"

#include <chrono>

#include "grpcpp/support/interceptor.h"

namespace usersessions::server::metrics {
namespace {

constexpr const char* kCodeNames[] = {
    "OK",        "CANCELLED",      "UNKNOWN",           "INVALID_ARGUMENT",   "DEADLINE_EXCEEDED",
    "NOT_FOUND", "ALREADY_EXISTS", "PERMISSION_DENIED", "RESOURCE_EXHAUSTED", "FAILED_PRECONDITION",
    "ABORTED",   "OUT_OF_RANGE",   "UNIMPLEMENTED",     "INTERNAL",           "UNAVAILABLE",
    "DATA_LOSS", "UNAUTHENTICATED"};

// Times one call from the moment the server matched it until its status is sent. A call that
// ends without sending a status (the client went away first) is recorded as CANCELLED.
class RpcMetricsInterceptor final : public grpc::experimental::Interceptor {
 public:
  RpcMetricsInterceptor(RpcMetrics* metrics, std::string method)
      : metrics_(metrics), method_(std::move(method)), start_(std::chrono::steady_clock::now()) {}

  ~RpcMetricsInterceptor() override {
    if (!recorded_) Record(grpc::StatusCode::CANCELLED);
  }

  void Intercept(grpc::experimental::InterceptorBatchMethods* methods) override {
    if (!recorded_ && methods->QueryInterceptionHookPoint(
                          grpc::experimental::InterceptionHookPoints::PRE_SEND_STATUS)) {
      Record(methods->GetSendStatus().error_code());
    }
    methods->Proceed();
  }

 private:
  void Record(grpc::StatusCode code) {
    recorded_ = true;
    metrics_->Record(method_, code, absl::FromChrono(std::chrono::steady_clock::now() - start_));
  }

  RpcMetrics* const metrics_;
  const std::string method_;
  const std::chrono::steady_clock::time_point start_;
  bool recorded_ = false;
};

class RpcMetricsInterceptorFactory final
    : public grpc::experimental::ServerInterceptorFactoryInterface {
 public:
  explicit RpcMetricsInterceptorFactory(RpcMetrics* metrics) : metrics_(metrics) {}

  grpc::experimental::Interceptor* CreateServerInterceptor(
      grpc::experimental::ServerRpcInfo* info) override {
    if (info->method() == nullptr) return nullptr;
    return new RpcMetricsInterceptor(metrics_, info->method());
  }

 private:
  RpcMetrics* const metrics_;
};

}  // namespace

const char* GrpcCodeName(grpc::StatusCode code) {
  const int index = static_cast<int>(code);
  if (index < 0 || index >= static_cast<int>(std::size(kCodeNames))) return "UNKNOWN";
  return kCodeNames[index];
}

RpcMetrics::RpcMetrics(Registry* registry)
    : requests_(registry->AddCounterFamily("usersessions_rpc_requests_total",
                                           "gRPC calls finished, by method and status code.",
                                           {"method", "code"})),
      durations_(registry->AddHistogramFamily(
          "usersessions_rpc_duration_seconds",
          "Time from receiving a gRPC call to sending its status, by method. For streaming "
          "methods (health Watch, reflection) this is the lifetime of the stream.",
          {"method"}, DefaultLatencyBuckets())) {}

RpcMetrics::MethodSeries* RpcMetrics::SeriesFor(const std::string& method) {
  {
    absl::ReaderMutexLock lock(&mu_);
    if (auto it = methods_.find(method); it != methods_.end()) return it->second.get();
  }
  absl::MutexLock lock(&mu_);
  std::unique_ptr<MethodSeries>& series = methods_[method];
  if (series == nullptr) {
    series = std::make_unique<MethodSeries>();
    series->label = method.empty() || method[0] != '/' ? method : method.substr(1);
    series->duration = durations_->WithLabels({series->label});
    // OK is created up front, so every method that was called shows a success count.
    series->by_code[0].store(requests_->WithLabels({series->label, "OK"}));
  }
  return series.get();
}

void RpcMetrics::Record(const std::string& method, grpc::StatusCode code, absl::Duration duration) {
  MethodSeries* series = SeriesFor(method);
  series->duration->Observe(absl::ToDoubleSeconds(duration));
  size_t index = static_cast<size_t>(code);
  if (index >= kCodes) index = static_cast<size_t>(grpc::StatusCode::UNKNOWN);
  Counter* counter = series->by_code[index].load(std::memory_order_acquire);
  if (counter == nullptr) {
    // WithLabels returns the same series to racing callers, so either store is right.
    counter = requests_->WithLabels({series->label, kCodeNames[index]});
    series->by_code[index].store(counter, std::memory_order_release);
  }
  counter->Increment();
}

std::unique_ptr<grpc::experimental::ServerInterceptorFactoryInterface> MakeRpcMetricsInterceptor(
    RpcMetrics* metrics) {
  return std::make_unique<RpcMetricsInterceptorFactory>(metrics);
}

}  // namespace usersessions::server::metrics
