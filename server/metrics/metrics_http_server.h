// The HTTP endpoint of --metrics-listen: GET /metrics answers the registry in the Prometheus text
// format (HEAD too). Every other path is 404.
#ifndef USERSESSIONS_SERVER_METRICS_METRICS_HTTP_SERVER_H_
#define USERSESSIONS_SERVER_METRICS_METRICS_HTTP_SERVER_H_

#include <memory>
#include <string>

#include "absl/status/statusor.h"
#include "server/metrics/registry.h"

namespace usersessions::server::metrics {

// Serves on its own threads from Start() until destruction, which stops accepting and waits for
// the threads. Thread-safe; `registry` must outlive it.
class MetricsHttpServer {
 public:
  // Binds `address` ("HOST:PORT" or "[V6]:PORT"; port 0 picks a free port) and starts serving.
  // UNAVAILABLE when the address cannot be bound.
  static absl::StatusOr<std::unique_ptr<MetricsHttpServer>> Start(const std::string& address,
                                                                  const Registry* registry);
  virtual ~MetricsHttpServer() = default;

  // The bound port (the chosen one when the address asked for port 0).
  virtual int port() const = 0;
};

}  // namespace usersessions::server::metrics

#endif  // USERSESSIONS_SERVER_METRICS_METRICS_HTTP_SERVER_H_
