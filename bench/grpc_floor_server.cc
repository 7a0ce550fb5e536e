// The cheapest gRPC server this machine can run: grpc.health.v1.Health/Check answered in place by
// the callback API, with nothing else behind it. scripts/bench pings it with usersessions-loadgen
// (--workload=ping) to measure the floor that the cost of a gRPC call alone puts under any RPC
// service here, sessiond included (docs/performance.md).
//
// Usage: grpc_floor_server [--listen=127.0.0.1:0]
// Prints "listening=HOST:PORT" once serving, then serves until SIGINT or SIGTERM.
#include <csignal>
#include <iostream>
#include <memory>
#include <string>

#include "absl/strings/match.h"
#include "absl/strings/str_cat.h"
#include "grpc/health/v1/health.grpc.pb.h"
#include "grpcpp/grpcpp.h"

namespace {

using grpc::health::v1::Health;
using grpc::health::v1::HealthCheckRequest;
using grpc::health::v1::HealthCheckResponse;

class FloorHealthService final : public Health::CallbackService {
 public:
  grpc::ServerUnaryReactor* Check(grpc::CallbackServerContext* context,
                                  const HealthCheckRequest* /*request*/,
                                  HealthCheckResponse* response) override {
    response->set_status(HealthCheckResponse::SERVING);
    grpc::ServerUnaryReactor* reactor = context->DefaultReactor();
    reactor->Finish(grpc::Status::OK);
    return reactor;
  }
};

std::string HostOf(const std::string& address) { return address.substr(0, address.rfind(':')); }

}  // namespace

int main(int argc, char** argv) {
  std::string listen = "127.0.0.1:0";
  for (int i = 1; i < argc; ++i) {
    const std::string arg = argv[i];
    if (absl::StartsWith(arg, "--listen=")) {
      listen = arg.substr(9);
    } else {
      std::cerr << "usage: grpc_floor_server [--listen=HOST:PORT]\n";
      return 2;
    }
  }
  sigset_t signals;
  sigemptyset(&signals);
  sigaddset(&signals, SIGINT);
  sigaddset(&signals, SIGTERM);
  pthread_sigmask(SIG_BLOCK, &signals, nullptr);  // before gRPC starts its threads

  FloorHealthService service;
  grpc::ServerBuilder builder;
  int port = 0;
  builder.AddListeningPort(listen, grpc::InsecureServerCredentials(), &port);
  builder.RegisterService(&service);
  std::unique_ptr<grpc::Server> server = builder.BuildAndStart();
  if (server == nullptr || port == 0) {
    std::cerr << "grpc_floor_server: cannot listen on " << listen << "\n";
    return 1;
  }
  std::cout << "listening=" << HostOf(listen) << ":" << port << std::endl;
  int signal = 0;
  sigwait(&signals, &signal);
  server->Shutdown();
  return 0;
}
