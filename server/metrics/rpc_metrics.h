// Per-RPC metrics of a gRPC server, recorded by a server interceptor so that they do not depend on
// how the services are written: usersessions_rpc_requests_total{method,code} and
// usersessions_rpc_duration_seconds{method}.
#ifndef USERSESSIONS_SERVER_METRICS_RPC_METRICS_H_
#define USERSESSIONS_SERVER_METRICS_RPC_METRICS_H_

#include <array>
#include <atomic>
#include <memory>
#include <string>

#include "absl/base/thread_annotations.h"
#include "absl/container/flat_hash_map.h"
#include "absl/synchronization/mutex.h"
#include "absl/time/time.h"
#include "grpcpp/support/server_interceptor.h"
#include "grpcpp/support/status.h"
#include "server/metrics/registry.h"

namespace usersessions::server::metrics {

// The canonical name of a gRPC status code ("OK", "NOT_FOUND", ...); "UNKNOWN" for values outside
// the canonical range.
const char* GrpcCodeName(grpc::StatusCode code);

// Registers the RPC families in a registry and records calls into them. Thread-safe; recording
// a call of a method seen before takes a reader lock and relaxed atomics only.
class RpcMetrics {
 public:
  explicit RpcMetrics(Registry* registry);

  // Records one finished call. `method` is the full gRPC path ("/pkg.Service/Method"); the label
  // drops the leading slash. Only methods registered with the server reach here, so the label
  // set is bounded.
  void Record(const std::string& method, grpc::StatusCode code, absl::Duration duration);

 private:
  static constexpr size_t kCodes = 17;  // OK .. UNAUTHENTICATED
  struct MethodSeries {
    std::string label;
    Histogram* duration;
    std::array<std::atomic<Counter*>, kCodes> by_code{};
  };
  MethodSeries* SeriesFor(const std::string& method);

  CounterFamily* const requests_;
  HistogramFamily* const durations_;
  absl::Mutex mu_;
  absl::flat_hash_map<std::string, std::unique_ptr<MethodSeries>> methods_ ABSL_GUARDED_BY(mu_);
};

// Creates one interceptor per call that records it into `metrics`, which must outlive the server.
// Register it with grpc::ServerBuilder::experimental().SetInterceptorCreators().
std::unique_ptr<grpc::experimental::ServerInterceptorFactoryInterface> MakeRpcMetricsInterceptor(
    RpcMetrics* metrics);

}  // namespace usersessions::server::metrics

#endif  // USERSESSIONS_SERVER_METRICS_RPC_METRICS_H_
