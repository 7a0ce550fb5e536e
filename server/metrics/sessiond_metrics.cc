#include "server/metrics/sessiond_metrics.h"

#include "grpcpp/grpcpp.h"

namespace usersessions::server::metrics {

void RegisterBuildInfo(Registry* registry, const std::string& version) {
  registry
      ->AddGaugeFamily("usersessions_build_info",
                       "Always 1; the labels name the sessiond version and its gRPC library.",
                       {"version", "grpc_version"})
      ->WithLabels({version, grpc::Version()})
      ->Set(1);
}

void RegisterPoolGauges(Registry* registry, const Store* store) {
  registry->AddGaugeCallback(
      "usersessions_store_pool_connections",
      "Database connections of this replica's pool: in_use (leased to a call) and idle.", {"state"},
      [store] {
        const Store::PoolStats stats = store->GetPoolStats();
        return std::vector<Registry::GaugeSample>{{{"in_use"}, static_cast<double>(stats.in_use)},
                                                  {{"idle"}, static_cast<double>(stats.idle)}};
      });
}

}  // namespace usersessions::server::metrics
