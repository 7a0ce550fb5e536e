#include "server/metrics/metrics_http_server.h"

#include <httplib.h>
#include <sys/socket.h>

#include <chrono>
#include <thread>

#include "absl/strings/match.h"
#include "absl/strings/numbers.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/strip.h"

namespace usersessions::server::metrics {
namespace {

class HttplibMetricsServer final : public MetricsHttpServer {
 public:
  explicit HttplibMetricsServer(const Registry* registry) {
    // Scrapes are rare and cheap: two threads instead of httplib's default pool.
    server_.new_task_queue = [] { return new httplib::ThreadPool(2); };
    // httplib sets SO_REUSEPORT by default, which would let a second process bind the same port
    // and silently share the scrapes; SO_REUSEADDR alone still allows quick restarts.
    server_.set_socket_options([](socket_t sock) {
      int yes = 1;
      setsockopt(sock, SOL_SOCKET, SO_REUSEADDR, &yes, sizeof(yes));
    });
    auto metrics = [registry](const httplib::Request&, httplib::Response& response) {
      response.set_content(registry->Expose(), kExpositionContentType);
    };
    server_.Get("/metrics", metrics);
  }

  ~HttplibMetricsServer() override {
    server_.stop();
    if (thread_.joinable()) thread_.join();
  }

  absl::Status Bind(const std::string& host, int port) {
    if (port == 0) {
      port_ = server_.bind_to_any_port(host);
    } else if (server_.bind_to_port(host, port)) {
      port_ = port;
    }
    if (port_ <= 0) {
      return absl::UnavailableError(
          absl::StrCat("cannot bind the metrics address ", host, ":", port));
    }
    thread_ = std::thread([this] { server_.listen_after_bind(); });
    // httplib's stop() is a no-op until the accept loop runs; wait for it so that destruction
    // right after Start() cannot leave the thread blocked in accept().
    while (!server_.is_running()) std::this_thread::sleep_for(std::chrono::milliseconds(1));
    return absl::OkStatus();
  }

  int port() const override { return port_; }

 private:
  httplib::Server server_;
  int port_ = 0;
  std::thread thread_;
};

}  // namespace

absl::StatusOr<std::unique_ptr<MetricsHttpServer>> MetricsHttpServer::Start(
    const std::string& address, const Registry* registry) {
  const size_t colon = address.rfind(':');
  int port = -1;
  if (colon == std::string::npos || !absl::SimpleAtoi(address.substr(colon + 1), &port) ||
      port < 0 || port > 65535) {
    return absl::InvalidArgumentError(
        absl::StrCat("metrics address \"", address, "\" is not HOST:PORT"));
  }
  absl::string_view host(address.data(), colon);
  if (absl::ConsumePrefix(&host, "[")) absl::ConsumeSuffix(&host, "]");
  auto server = std::make_unique<HttplibMetricsServer>(registry);
  if (absl::Status bound = server->Bind(std::string(host), port); !bound.ok()) return bound;
  return server;
}

}  // namespace usersessions::server::metrics
