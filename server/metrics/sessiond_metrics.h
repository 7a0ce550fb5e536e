// The process-level metrics of sessiond that are read at scrape time.
#ifndef USERSESSIONS_SERVER_METRICS_SESSIOND_METRICS_H_
#define USERSESSIONS_SERVER_METRICS_SESSIOND_METRICS_H_

#include <string>

#include "server/metrics/registry.h"
#include "server/storage/store.h"

namespace usersessions::server::metrics {

// usersessions_build_info{version,grpc_version} 1.
void RegisterBuildInfo(Registry* registry, const std::string& version);

// usersessions_store_pool_connections{state="in_use"|"idle"}, read from `store` on every scrape;
// `store` must outlive the registry's scrapes.
void RegisterPoolGauges(Registry* registry, const Store* store);

}  // namespace usersessions::server::metrics

#endif  // USERSESSIONS_SERVER_METRICS_SESSIOND_METRICS_H_
